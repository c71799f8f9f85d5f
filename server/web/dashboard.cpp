#include "server/web/dashboard.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "server/rating_report.hpp"
#include "server/web/dashboard_assets.hpp"
#include "server/web/dashboard_html.hpp"
#include "server/web/web_http.hpp"
#include "server/web/web_parse.hpp"

namespace motcua::server::web {

namespace {

constexpr const char* kCookieName = "motcua_session";
constexpr const char* kWrongLogin = "Sai tên đăng nhập hoặc mật khẩu.";

std::string minutes_text(std::int64_t ms) { return std::to_string((ms + 59'999) / 60'000); }

}  // namespace

std::string form_value(const httplib::Request& req, const std::string& name) {
    httplib::Params params;
    httplib::detail::parse_query_text(req.body, params);
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
}

void send_html(httplib::Response& res, int status, const std::string& html) {
    res.status = status;
    // Pages name officers and carry CSRF tokens: never cached, never framed, scripts only from here.
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                   "frame-ancestors 'none'; form-action 'self'");
    res.set_content(html, "text/html; charset=utf-8");
}

void redirect(httplib::Response& res, const std::string& location) {
    res.status = 303;
    res.set_header("Location", location);
    res.set_content("", "text/plain");
}

Dashboard::Dashboard(ServerStore& store, std::mutex& store_mutex, DashboardOptions options)
    : store_(store),
      store_mutex_(store_mutex),
      options_(std::move(options)),
      accounts_(store.database()),
      user_lockout_(options_.login_max_failures, options_.login_lock_ms),
      address_lockout_(options_.login_max_failures * 4, options_.login_lock_ms) {
    if (!options_.now) options_.now = [] { return clock::unix_ms_now(); };
}

void Dashboard::install(httplib::Server& server) {
    using Req = const httplib::Request&;
    using Res = httplib::Response&;
    server.Get("/", [](Req, Res res) { redirect(res, "/dashboard"); });
    server.Get("/login", [this](Req req, Res res) { login_page(req, res); });
    server.Post("/login", [this](Req req, Res res) { login(req, res); });
    server.Post("/logout", [this](Req req, Res res) { logout(req, res); });
    server.Get("/dashboard", [this](Req req, Res res) { site_page(req, res); });
    server.Get("/dashboard/counter", [this](Req req, Res res) { counter_page(req, res); });
    server.Get("/dashboard/report.json", [this](Req req, Res res) { report_json(req, res); });
    server.Get("/dashboard/report.pdf", [this](Req req, Res res) { report_pdf(req, res); });
    server.Get("/fleet", [this](Req req, Res res) { fleet_page(req, res); });
    server.Post("/fleet/enroll-codes", [this](Req req, Res res) { create_enroll_code(req, res); });
    server.Post("/fleet/enroll-codes/revoke", [this](Req req, Res res) { revoke_enroll_code(req, res); });
    server.Get("/static/dashboard.css", [](Req, Res res) {
        res.set_header("Cache-Control", "max-age=3600");
        res.set_content(std::string(kDashboardCss), "text/css; charset=utf-8");
    });
    server.Get("/static/dashboard.js", [](Req, Res res) {
        res.set_header("Cache-Control", "max-age=3600");
        res.set_content(std::string(kDashboardJs), "text/javascript; charset=utf-8");
    });
    server.Get("/static/chart.min.js", [this](Req req, Res res) { chartjs(req, res); });
}

void Dashboard::chartjs(const httplib::Request&, httplib::Response& res) {
    const std::filesystem::path file = std::filesystem::path(options_.chartjs_dir) / "chart.min.js";
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        res.status = 404;
        res.set_content("Chart.js not found at " + file.string() + " (install libjs-chart.js or set web.chartjs_dir)",
                        "text/plain; charset=utf-8");
        return;
    }
    std::ostringstream body;
    body << in.rdbuf();
    res.set_header("Cache-Control", "max-age=86400");
    res.set_content(body.str(), "text/javascript; charset=utf-8");
}

std::optional<Dashboard::Visitor> Dashboard::signed_in(const httplib::Request& req, httplib::Response& res,
                                                       bool json_answer) {
    std::string cookie = cookie_value(req.get_header_value("Cookie"), kCookieName);
    std::optional<Session> session;
    if (!cookie.empty()) {
        std::lock_guard lock(store_mutex_);
        session = accounts_.session(cookie, options_.now(), options_.session);
    }
    if (session) return Visitor{std::move(*session), cookie};
    if (json_answer) {
        res.status = 401;
        res.set_content(R"({"error":"login_required"})", "application/json");
    } else {
        redirect(res, "/login");
    }
    return std::nullopt;
}

bool Dashboard::csrf_ok(const httplib::Request& req, httplib::Response& res, const Visitor& visitor) {
    std::string sent = form_value(req, "csrf");
    if (!sent.empty() && crypto::equal_secret(sent, visitor.session.csrf_token) &&
        origin_matches_host(req.get_header_value("Origin"), req.get_header_value("Host")))
        return true;
    forbidden(res, visitor, "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.");
    return false;
}

void Dashboard::forbidden(httplib::Response& res, const Visitor& visitor, const std::string& why) {
    PageFrame frame{"Không được phép", visitor.session.user.display_name, visitor.session.user.is_admin(),
                    visitor.session.csrf_token, ""};
    send_html(res, 403, page(frame, "<h1>Không được phép</h1><p class=\"message\">" + escape_html(why) +
                                        "</p><p>" + link("/dashboard", "Về trang báo cáo") + "</p>"));
}

std::string Dashboard::login_form(const std::string& message, const std::string& username) {
    std::string body = "<form class=\"login\" method=\"post\" action=\"/login\"><h1>Đăng nhập</h1>";
    if (!message.empty()) body += "<p class=\"message\" id=\"login-message\">" + escape_html(message) + "</p>";
    body += "<label for=\"username\">Tên đăng nhập</label><input id=\"username\" name=\"username\" "
            "autocomplete=\"username\" autocapitalize=\"none\" required value=\"" + escape_html(username) + "\">"
            "<label for=\"password\">Mật khẩu</label><input id=\"password\" name=\"password\" type=\"password\" "
            "autocomplete=\"current-password\" required>"
            "<button class=\"primary\" type=\"submit\">Đăng nhập</button></form>";
    return page(PageFrame{"Đăng nhập", "", false, "", ""}, body);
}

void Dashboard::login_page(const httplib::Request&, httplib::Response& res) {
    send_html(res, 200, login_form("", ""));
}

void Dashboard::login(const httplib::Request& req, httplib::Response& res) {
    const std::string username = form_value(req, "username");
    const std::string password = form_value(req, "password");
    const std::string user_key = "user:" + username;
    const std::string address_key = "address:" + req.remote_addr;
    const std::int64_t now = options_.now();
    auto locked_for = [&] {
        std::lock_guard lock(lockout_mutex_);
        return std::max(user_lockout_.locked_for_ms(user_key, now), address_lockout_.locked_for_ms(address_key, now));
    };
    auto refuse_locked = [&](std::int64_t ms) {
        send_html(res, 429, login_form("Đăng nhập tạm khóa vì nhập sai nhiều lần. Vui lòng thử lại sau " +
                                           minutes_text(ms) + " phút.",
                                       username));
    };
    if (std::int64_t ms = locked_for(); ms > 0) return refuse_locked(ms);
    // The login form has no session yet to hold a CSRF token; another site's page posting it is
    // refused by its Origin (logging a leader in as someone else would show them wrong figures).
    if (!origin_matches_host(req.get_header_value("Origin"), req.get_header_value("Host")))
        return send_html(res, 403, login_form("Biểu mẫu đăng nhập không hợp lệ. Vui lòng tải lại trang.", ""));

    std::optional<WebUser> user;
    if (check_username(username) && !password.empty()) {
        WebAccounts::LoginRecord record;
        {
            std::lock_guard lock(store_mutex_);
            record = accounts_.find_login(username);
        }
        // scrypt outside the lock: kiosks' batches are not held up by someone logging in.
        user = WebAccounts::verify_login(record, password);
    }
    if (!user) {
        {
            std::lock_guard lock(lockout_mutex_);
            user_lockout_.record_wrong(user_key, now);
            address_lockout_.record_wrong(address_key, now);
        }
        if (std::int64_t ms = locked_for(); ms > 0) return refuse_locked(ms);
        return send_html(res, 401, login_form(kWrongLogin, username));
    }
    {
        std::lock_guard lock(lockout_mutex_);
        user_lockout_.record_right(user_key);
    }
    Result<NewSession> session = Result<NewSession>::failure("");
    {
        std::lock_guard lock(store_mutex_);
        accounts_.end_expired_sessions(now, options_.session);
        session = accounts_.create_session(user->username, now);
    }
    if (!session) return send_html(res, 500, login_form("Lỗi máy chủ, chưa đăng nhập được. Vui lòng thử lại.", username));
    std::string cookie = std::string(kCookieName) + "=" + session->cookie_id +
                         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                         std::to_string(options_.session.absolute_ms / 1000);
    if (options_.secure_cookies) cookie += "; Secure";
    res.set_header("Set-Cookie", cookie);
    redirect(res, "/dashboard");
}

void Dashboard::logout(const httplib::Request& req, httplib::Response& res) {
    auto visitor = signed_in(req, res);
    if (!visitor || !csrf_ok(req, res, *visitor)) return;
    {
        std::lock_guard lock(store_mutex_);
        accounts_.end_session(visitor->cookie_id);
    }
    res.set_header("Set-Cookie", std::string(kCookieName) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    redirect(res, "/login");
}

void Dashboard::report_json(const httplib::Request& req, httplib::Response& res) {
    auto visitor = signed_in(req, res, true);
    if (!visitor) return;
    ReportQuery query;
    query.utc_offset_minutes = options_.utc_offset_minutes;
    auto param = [&](const char* name) -> std::optional<std::string> {
        std::string v = req.get_param_value(name);
        return v.empty() ? std::nullopt : std::optional<std::string>(v);
    };
    query.site_id = param("site");
    query.counter_id = param("counter");
    query.from_date = param("from");
    query.to_date = param("to");
    auto group = parse_group_by(param("group_by").value_or(""));
    auto reply = [&](int status, const json& body) {
        res.status = status;
        res.set_header("Cache-Control", "no-store");
        res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");  // may quote the query
    };
    if (!group) return reply(400, json{{"error", group.error()}});
    query.group_by = group.value();
    std::lock_guard lock(store_mutex_);
    // A leader's report always names a site within their centre; without one it would be everyone's.
    const WebUser& user = visitor->session.user;
    if (!query.site_id && !user.is_admin()) query.site_id = user.site_id;
    if (query.site_id && !accounts_.may_see_site(user, *query.site_id))
        return reply(403, json{{"error", "site_forbidden"}});
    auto report = rating_report(store_, options_.scale, query, options_.names);
    if (!report) return reply(400, json{{"error", report.error()}});
    reply(200, report_to_json(report.value(), query));
}

}  // namespace motcua::server::web
