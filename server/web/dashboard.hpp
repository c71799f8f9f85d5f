// The leaders' web dashboard and the IT fleet page, served by motcua-server next to the sync API:
// login with sessions and CSRF tokens, report pages scoped to the signed-in leader's centre,
// the fleet page for admins. Handlers translate HTTP; reports come from rating_report.
#pragma once
#include <httplib.h>

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "core/pin_hash.hpp"
#include "core/rating.hpp"
#include "server/rating_report.hpp"
#include "server/request_limits.hpp"
#include "server/server_store.hpp"
#include "server/web/web_accounts.hpp"

namespace motcua::server::web {

struct DashboardOptions {
    RatingScale scale;
    ReportNames names;  // officers' names in the officer tables
    int utc_offset_minutes = 7 * 60;
    SessionLimits session;
    int login_max_failures = 5;
    std::int64_t login_lock_ms = 15 * 60 * 1000;
    std::string chartjs_dir = "/usr/share/javascript/chart.js";
    std::int64_t fleet_silent_ms = 30 * 60 * 1000;
    std::int64_t enroll_code_ttl_hours = 72;
    std::string report_place;  // report.place: before the date on the formal report
    bool secure_cookies = false;  // served over TLS: the session cookie is marked Secure
    const RequestLimits* limits = nullptr;  // the sync API's (HttpApi::limits()): shown on the fleet page
    std::function<std::int64_t()> now;  // unix ms; tests drive it, the server passes the real clock
};

class Dashboard {
public:
    // `store_mutex` is the lock every other user of `store` takes (HttpApi::store_mutex()).
    Dashboard(ServerStore& store, std::mutex& store_mutex, DashboardOptions options);
    void install(httplib::Server& server);

private:
    struct Visitor {
        Session session;
        std::string cookie_id;
    };
    // The signed-in visitor, or nothing after answering (303 to /login for pages, 401 for JSON).
    std::optional<Visitor> signed_in(const httplib::Request& req, httplib::Response& res, bool json_answer = false);
    // false after answering 403 when the form's CSRF token is missing or wrong.
    bool csrf_ok(const httplib::Request& req, httplib::Response& res, const Visitor& visitor);

    void login_page(const httplib::Request& req, httplib::Response& res);
    void login(const httplib::Request& req, httplib::Response& res);
    void logout(const httplib::Request& req, httplib::Response& res);
    void site_page(const httplib::Request& req, httplib::Response& res);
    void counter_page(const httplib::Request& req, httplib::Response& res);
    void report_json(const httplib::Request& req, httplib::Response& res);
    void report_pdf(const httplib::Request& req, httplib::Response& res);
    void fleet_page(const httplib::Request& req, httplib::Response& res, const std::string& notice = "",
                    const std::string& new_code = "");
    void create_enroll_code(const httplib::Request& req, httplib::Response& res);
    void revoke_enroll_code(const httplib::Request& req, httplib::Response& res);
    void chartjs(const httplib::Request& req, httplib::Response& res);

    void forbidden(httplib::Response& res, const Visitor& visitor, const std::string& why);
    std::string login_form(const std::string& message, const std::string& username);

    ServerStore& store_;
    std::mutex& store_mutex_;
    DashboardOptions options_;
    WebAccounts accounts_;  // on the store's connection: used only under store_mutex_
    std::mutex lockout_mutex_;
    PinLockout user_lockout_;
    PinLockout address_lockout_;
};

}  // namespace motcua::server::web
