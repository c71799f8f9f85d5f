// Dashboard accounts and sessions in the server database (migration 4 in server_store.cpp):
// leaders and admins, retired but never deleted; passwords only as scrypt hashes (core/pin_hash);
// sessions only as the SHA-256 of their cookie, so a copied database opens no session.
// No HTTP in here; every time is passed in, so tests drive the clock.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/pin_hash.hpp"
#include "core/result.hpp"
#include "core/sqlite.hpp"

namespace motcua::server::web {

struct WebUser {
    std::string username;
    std::string display_name;
    std::string role;                    // "admin" (everything, the fleet) or "leader" (one centre)
    std::optional<std::string> site_id;  // a leader's centre: it and every site below it
    std::int64_t created_at_ms = 0;
    std::optional<std::int64_t> retired_at_ms;
    bool is_admin() const { return role == "admin"; }
};

struct NewSession {
    std::string cookie_id;   // 256 random bits, base64url: handed to the browser once
    std::string csrf_token;  // put in every form of this session
};

struct Session {
    WebUser user;
    std::string csrf_token;
};

struct SessionLimits {
    std::int64_t idle_ms = 30 * 60 * 1000;         // unused this long: ended
    std::int64_t absolute_ms = 12 * 3600 * 1000;   // this long after login: ended however busy
};

// An enrolment code not used, expired nor revoked. Only its hash is stored, so the page can show
// where it is for and when it ends, never the code itself.
struct OpenEnrollCode {
    std::string code_hash;
    std::string site_id;
    std::string counter_id;
    std::int64_t created_at_ms = 0;
    std::int64_t expires_at_ms = 0;
};

// Usernames: 1–64 of a-z 0-9 . _ - (typed on phones; no case confusion).
Status check_username(std::string_view username);
// Passwords: 10 to 200 bytes. Failures in Vietnamese (shown to the admin who typed it).
Status check_password_text(std::string_view password);

class WebAccounts {
public:
    explicit WebAccounts(sql::Database& db, PinHashParams params = {}) : db_(db), params_(params) {}

    Status add_user(const WebUser& user, std::string_view password, std::int64_t now_ms);
    Status set_password(const std::string& username, std::string_view password);
    // Ends the user's sessions too; the row stays (who had access, and when, is history).
    Status retire(const std::string& username, std::int64_t now_ms);
    std::vector<WebUser> users();
    std::optional<WebUser> user(const std::string& username);

    // The active user when the password matches; nothing otherwise (unknown, retired or wrong are
    // not told apart, and take the same scrypt time).
    std::optional<WebUser> check_login(const std::string& username, std::string_view password);
    // check_login in two steps, so the slow scrypt runs without the database lock held:
    // find_login reads (fast), verify_login hashes (about 70 ms) and touches no database.
    struct LoginRecord {
        std::optional<WebUser> user;  // nothing for unknown or retired usernames
        std::string password_hash;    // theirs, or a dummy hash that matches no password
    };
    LoginRecord find_login(const std::string& username);
    static std::optional<WebUser> verify_login(const LoginRecord& record, std::string_view password);

    Result<NewSession> create_session(const std::string& username, std::int64_t now_ms);
    // The session's user and CSRF token, and the idle clock restarted; nothing when unknown or
    // expired (an expired one is deleted), or when its user has been retired.
    std::optional<Session> session(const std::string& cookie_id, std::int64_t now_ms, const SessionLimits& limits);
    void end_session(const std::string& cookie_id);
    // Deletes sessions past either limit that nobody presented again (closed browsers), so the
    // table holds only live ones. Called at each login.
    void end_expired_sessions(std::int64_t now_ms, const SessionLimits& limits);

    std::vector<OpenEnrollCode> open_enroll_codes(std::int64_t now_ms);
    Status revoke_enroll_code(const std::string& code_hash, std::int64_t now_ms);

    // Sites a user may see: their centre and all below it (admins: all). Unknown sites: false.
    bool may_see_site(const WebUser& user, const std::string& site_id);

private:
    sql::Database& db_;
    PinHashParams params_;
    std::string dummy_hash_;  // verified against for unknown users so timing tells nothing
};

}  // namespace motcua::server::web
