// The real HttpApi and web dashboard in this test process, on a free 127.0.0.1 port, over a real
// SQLite file, with a clock the test moves: session expiry and lockouts without sleeping.
#pragma once
#include <httplib.h>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "core/protocol.hpp"
#include "server/http_api.hpp"
#include "server/server_store.hpp"
#include "server/web/dashboard.hpp"
#include "server/web/web_accounts.hpp"
#include "tests/support/temp_dir.hpp"

namespace motcua::test {

// Fast scrypt for test accounts (the stored hash names its parameters; verify reads them).
inline const PinHashParams kTestHash{10, 8, 1};
inline const std::string kPassword = "mat-khau-dung-1";

class DashboardUnderTest {
public:
    // `tune` changes the sync API's options (limits, workers) before the server starts; with it the
    // API runs on the test's clock too (without it, on the real one, as the dashboard tests expect).
    explicit DashboardUnderTest(const std::function<void(server::ApiOptions&)>& tune = {}) {
        auto opened = server::ServerStore::open(dir.file("server.db"));
        if (!opened) throw std::runtime_error(opened.error());
        store.emplace(std::move(opened.value()));
        must(store->add_site({"hn", "Thành phố Hà Nội", std::nullopt}));
        must(store->add_site({"px", "Phường Ba Đình", std::string("hn")}));
        must(store->add_site({"qy", "Phường Hoàn Kiếm", std::string("hn")}));
        must(store->add_counter({"px", "q1", "Quầy 1"}));
        must(store->add_counter({"px", "q2", "Quầy 2"}));
        must(store->add_counter({"qy", "q1", "Quầy 1"}));
        server::web::WebAccounts accounts(store->database(), kTestHash);
        must(accounts.add_user({"admin", "Quản trị", "admin", std::nullopt, 0, std::nullopt}, kPassword, now_ms));
        must(accounts.add_user({"lanhdao.px", "Lãnh đạo Ba Đình", "leader", std::string("px"), 0, std::nullopt}, kPassword, now_ms));

        auto scale = rating_scale_from_rows(default_rating_level_rows(), default_rating_reason_rows());
        server::ApiOptions api_options;
        api_options.scale = scale.value();
        api_options.level_rows = default_rating_level_rows();
        api_options.reason_rows = default_rating_reason_rows();
        if (tune) {
            api_options.now = [this] { return now_ms.load(); };
            tune(api_options);
        }
        api = std::make_unique<server::HttpApi>(*store, api_options);
        api->install(http);
        server::web::DashboardOptions options;
        options.scale = scale.value();
        options.now = [this] { return now_ms.load(); };
        options.limits = &api->limits();
        dashboard = std::make_unique<server::web::Dashboard>(*store, api->store_mutex(), options);
        dashboard->install(http);
        port = http.bind_to_any_port("127.0.0.1");
        thread = std::thread([this] { http.listen_after_bind(); });
        for (int i = 0; i < 2000 && !http.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~DashboardUnderTest() {
        http.stop();
        thread.join();
    }

    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(10);
        return c;
    }
    httplib::Result login(const std::string& username, const std::string& password) const {
        return client().Post("/login", "username=" + username + "&password=" + password,
                             "application/x-www-form-urlencoded");
    }
    // Logs in and returns the Cookie header value for the session ("motcua_session=...").
    std::string session_cookie(const std::string& username) const {
        auto res = login(username, kPassword);
        if (!res || res->status != 303) throw std::runtime_error("login failed");
        std::string set = res->get_header_value("Set-Cookie");
        return set.substr(0, set.find(';'));
    }
    httplib::Result get(const std::string& path, const std::string& cookie) const {
        return client().Get(path, {{"Cookie", cookie}});
    }
    httplib::Result post_form(const std::string& path, const std::string& cookie, const std::string& body) const {
        return client().Post(path, {{"Cookie", cookie}}, body, "application/x-www-form-urlencoded");
    }

    static void must(const Status& s) {
        if (!s) throw std::runtime_error(s.error());
    }

    TempDir dir;
    std::optional<server::ServerStore> store;
    std::unique_ptr<server::HttpApi> api;
    std::unique_ptr<server::web::Dashboard> dashboard;
    httplib::Server http;
    std::thread thread;
    int port = 0;
    std::atomic<std::int64_t> now_ms{1'795'000'000'000};  // 2026-11-18, a Wednesday
};

// The value of the first hidden csrf field in a page.
inline std::string csrf_in(const std::string& html) {
    const std::string marker = "name=\"csrf\" value=\"";
    auto at = html.find(marker);
    if (at == std::string::npos) return "";
    at += marker.size();
    return html.substr(at, html.find('"', at) - at);
}

}  // namespace motcua::test
