#include "server/web/web_accounts.hpp"

#include "core/crypto.hpp"

namespace motcua::server::web {

namespace {

std::optional<std::string> optional_text(sql::Statement& st, int col) {
    if (st.column_is_null(col)) return std::nullopt;
    return st.column_text(col);
}

WebUser user_from_row(sql::Statement& st) {
    WebUser u;
    u.username = st.column_text(0);
    u.display_name = st.column_text(1);
    u.role = st.column_text(2);
    u.site_id = optional_text(st, 3);
    u.created_at_ms = st.column_int(4);
    if (!st.column_is_null(5)) u.retired_at_ms = st.column_int(5);
    return u;
}

constexpr const char* kUserColumns = "username, display_name, role, site_id, created_at, retired_at";

}  // namespace

Status check_username(std::string_view username) {
    if (username.empty() || username.size() > 64) return Status::failure("tên đăng nhập phải dài 1 đến 64 ký tự");
    for (char c : username)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return Status::failure("tên đăng nhập chỉ gồm chữ thường a-z, số và . _ -");
    return Status::success();
}

Status check_password_text(std::string_view password) {
    if (password.size() < 10) return Status::failure("mật khẩu phải có ít nhất 10 ký tự");
    if (password.size() > 200) return Status::failure("mật khẩu dài quá 200 ký tự");
    return Status::success();
}

Status WebAccounts::add_user(const WebUser& user, std::string_view password, std::int64_t now_ms) {
    if (auto ok = check_username(user.username); !ok) return ok;
    if (user.display_name.empty()) return Status::failure("cần tên hiển thị (--name)");
    if (user.role != "admin" && user.role != "leader") return Status::failure("vai trò phải là admin hoặc leader");
    if (user.role == "leader" && !user.site_id) return Status::failure("lãnh đạo cần đơn vị được xem (--site)");
    if (auto ok = check_password_text(password); !ok) return ok;
    try {
        if (user.site_id) {
            auto site = db_.prepare("SELECT 1 FROM sites WHERE id = ?");
            site.bind(1, *user.site_id);
            if (!site.step()) return Status::failure("không có đơn vị '" + *user.site_id + "'");
        }
        auto hash = hash_secret(password, params_);
        if (!hash) return Status::failure(hash.error());
        auto st = db_.prepare(
            "INSERT INTO web_users(username, display_name, role, site_id, password_hash, created_at) "
            "VALUES(?, ?, ?, ?, ?, ?)");
        st.bind(1, user.username).bind(2, user.display_name).bind(3, user.role).bind_optional(4, user.site_id);
        st.bind(5, hash.value()).bind(6, now_ms);
        st.step();
    } catch (const sql::Error& e) {
        return Status::failure("không thêm được tài khoản '" + user.username + "' (đã có?): " + e.what());
    }
    return Status::success();
}

Status WebAccounts::set_password(const std::string& username, std::string_view password) {
    if (auto ok = check_password_text(password); !ok) return ok;
    auto hash = hash_secret(password, params_);
    if (!hash) return Status::failure(hash.error());
    sql::Transaction tx(db_);
    auto st = db_.prepare("UPDATE web_users SET password_hash = ? WHERE username = ? AND retired_at IS NULL");
    st.bind(1, hash.value()).bind(2, username);
    st.step();
    if (db_.changes() == 0) return Status::failure("không có tài khoản đang dùng '" + username + "'");
    // A new password ends every session opened with the old one.
    auto end = db_.prepare("DELETE FROM web_sessions WHERE username = ?");
    end.bind(1, username);
    end.step();
    tx.commit();
    return Status::success();
}

Status WebAccounts::retire(const std::string& username, std::int64_t now_ms) {
    sql::Transaction tx(db_);
    auto st = db_.prepare("UPDATE web_users SET retired_at = ? WHERE username = ? AND retired_at IS NULL");
    st.bind(1, now_ms).bind(2, username);
    st.step();
    if (db_.changes() == 0) return Status::failure("không có tài khoản đang dùng '" + username + "'");
    auto end = db_.prepare("DELETE FROM web_sessions WHERE username = ?");
    end.bind(1, username);
    end.step();
    tx.commit();
    return Status::success();
}

std::vector<WebUser> WebAccounts::users() {
    auto st = db_.prepare(std::string("SELECT ") + kUserColumns + " FROM web_users ORDER BY username");
    std::vector<WebUser> out;
    while (st.step()) out.push_back(user_from_row(st));
    return out;
}

std::optional<WebUser> WebAccounts::user(const std::string& username) {
    auto st = db_.prepare(std::string("SELECT ") + kUserColumns + " FROM web_users WHERE username = ?");
    st.bind(1, username);
    if (!st.step()) return std::nullopt;
    return user_from_row(st);
}

std::optional<WebUser> WebAccounts::check_login(const std::string& username, std::string_view password) {
    return verify_login(find_login(username), password);
}

WebAccounts::LoginRecord WebAccounts::find_login(const std::string& username) {
    auto st = db_.prepare(std::string("SELECT ") + kUserColumns +
                          ", password_hash FROM web_users WHERE username = ? AND retired_at IS NULL");
    st.bind(1, username);
    if (st.step()) return {user_from_row(st), st.column_text(6)};
    if (dummy_hash_.empty()) {
        auto dummy = hash_secret("not-a-password", params_);
        if (dummy) dummy_hash_ = dummy.value();
    }
    return {std::nullopt, dummy_hash_};
}

std::optional<WebUser> WebAccounts::verify_login(const LoginRecord& record, std::string_view password) {
    auto match = verify_pin(password, record.password_hash);
    if (!record.user || !match || !match.value()) return std::nullopt;
    return record.user;
}

Result<NewSession> WebAccounts::create_session(const std::string& username, std::int64_t now_ms) {
    NewSession s;
    try {
        s.cookie_id = crypto::base64url(crypto::random_bytes(32));
        s.csrf_token = crypto::base64url(crypto::random_bytes(32));
        auto st = db_.prepare(
            "INSERT INTO web_sessions(id_hash, username, csrf_token, created_at, last_seen_at) VALUES(?, ?, ?, ?, ?)");
        st.bind(1, crypto::sha256_hex(s.cookie_id)).bind(2, username).bind(3, s.csrf_token).bind(4, now_ms);
        st.bind(5, now_ms);
        st.step();
    } catch (const std::exception& e) {
        return Result<NewSession>::failure(std::string("cannot open a session: ") + e.what());
    }
    return s;
}

std::optional<Session> WebAccounts::session(const std::string& cookie_id, std::int64_t now_ms,
                                            const SessionLimits& limits) {
    if (cookie_id.empty()) return std::nullopt;
    const std::string id_hash = crypto::sha256_hex(cookie_id);
    auto st = db_.prepare(
        "SELECT u.username, u.display_name, u.role, u.site_id, u.created_at, u.retired_at, s.csrf_token, "
        "s.created_at, s.last_seen_at FROM web_sessions s JOIN web_users u ON u.username = s.username "
        "WHERE s.id_hash = ?");
    st.bind(1, id_hash);
    if (!st.step()) return std::nullopt;
    Session s{user_from_row(st), st.column_text(6)};
    const bool expired = now_ms - st.column_int(8) > limits.idle_ms || now_ms - st.column_int(7) > limits.absolute_ms;
    if (expired || s.user.retired_at_ms) {
        end_session(cookie_id);
        return std::nullopt;
    }
    auto touch = db_.prepare("UPDATE web_sessions SET last_seen_at = ? WHERE id_hash = ?");
    touch.bind(1, now_ms).bind(2, id_hash);
    touch.step();
    return s;
}

void WebAccounts::end_session(const std::string& cookie_id) {
    auto st = db_.prepare("DELETE FROM web_sessions WHERE id_hash = ?");
    st.bind(1, crypto::sha256_hex(cookie_id));
    st.step();
}

void WebAccounts::end_expired_sessions(std::int64_t now_ms, const SessionLimits& limits) {
    auto st = db_.prepare("DELETE FROM web_sessions WHERE last_seen_at < ? OR created_at < ?");
    st.bind(1, now_ms - limits.idle_ms).bind(2, now_ms - limits.absolute_ms);
    st.step();
}

std::vector<OpenEnrollCode> WebAccounts::open_enroll_codes(std::int64_t now_ms) {
    auto st = db_.prepare(
        "SELECT code_hash, site_id, counter_id, created_at, expires_at FROM enroll_codes "
        "WHERE used_at IS NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC");
    st.bind(1, now_ms);
    std::vector<OpenEnrollCode> out;
    while (st.step())
        out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_int(3), st.column_int(4)});
    return out;
}

Status WebAccounts::revoke_enroll_code(const std::string& code_hash, std::int64_t now_ms) {
    // Expiring it now is what makes enrolment refuse it (ServerStore::enroll checks expires_at);
    // revoked_at records that a person did it.
    auto st = db_.prepare(
        "UPDATE enroll_codes SET revoked_at = ?, expires_at = min(expires_at, ?) "
        "WHERE code_hash = ? AND used_at IS NULL AND revoked_at IS NULL");
    st.bind(1, now_ms).bind(2, now_ms).bind(3, code_hash);
    st.step();
    if (db_.changes() == 0) return Status::failure("mã không còn hiệu lực hoặc không tồn tại");
    return Status::success();
}

bool WebAccounts::may_see_site(const WebUser& user, const std::string& site_id) {
    auto st = db_.prepare("SELECT parent_id FROM sites WHERE id = ?");
    std::string current = site_id;
    // Walk up the hierarchy; bounded so a cycle written by hand into the table cannot hang a request.
    for (int depth = 0; depth < 32; ++depth) {
        st.reset();
        st.bind(1, current);
        if (!st.step()) return false;
        if (user.is_admin() || (user.site_id && *user.site_id == current)) return true;
        if (st.column_is_null(0)) return false;
        current = st.column_text(0);
    }
    return false;
}

}  // namespace motcua::server::web
