// The web dashboard's logins, sessions, CSRF tokens and leader scoping, over real HTTP on
// 127.0.0.1 against a real SQLite file, with the clock moved by the test.
#include <catch2/catch.hpp>

#include <regex>

#include "dashboard_support.hpp"
#include "dashboard_ratings.hpp"
#include "server_test_support.hpp"
#include "tests/support/process.hpp"

using namespace motcua;
using test::DashboardUnderTest;
using test::rate_at;

namespace {
constexpr std::int64_t kMinute = 60'000;

// The number of ratings in the row of a dashboard table named `name` ("" when there is no such row).
std::string rated_in_row(const std::string& html, const std::string& name) {
    std::smatch m;
    std::regex row(">" + name + R"(</a></div></td><td data-label="[^"]*"><div>([0-9.]+)</div>)");
    return std::regex_search(html, m, row) ? m[1].str() : "";
}

// The HTML of the table row whose first cell names `name` ("" when there is none).
std::string row_of(const std::string& html, const std::string& name) {
    auto at = html.find(">" + name + "<");
    if (at == std::string::npos) return "";
    return html.substr(at, html.find("</tr>", at) - at);
}

// The value shown on the tile labelled `label` ("" when there is none).
std::string tile(const std::string& html, const std::string& label) {
    std::smatch m;
    std::regex re("<div class=\"tile-label\">" + label + R"(</div><div class="tile-value">([^<]*)</div>)");
    return std::regex_search(html, m, re) ? m[1].str() : "";
}

// Three tickets on 17/11/2026 at Phường Ba Đình, pushed by the dispenser and the two counters'
// consoles as one kiosk would: A001 waits 4 min at Quầy 1 and is served in 6; A002 waits 10 min
// at Quầy 2 and is served in 5; A003 waits 2 min at Quầy 1 and does not come.
void queue_day(DashboardUnderTest& d) {
    auto code = d.store->create_enroll_code("px", "q1", 72, d.now_ms.load());
    REQUIRE(code.ok());
    auto enrolment = d.store->enroll(code.value(), "host-queue", "0.1.0", d.now_ms.load());
    REQUIRE(enrolment.ok());
    const json dispenser{{"issuer_kind", "dispenser"}, {"issuer", "d1"}};
    auto at = [](const char* counter) { return json{{"counter", counter}, {"officer", "cb01"}, {"how", "next"}}; };
    auto served = [](const char* counter) {
        return json{{"counter", counter}, {"officer", "cb01"}, {"dossier_codes", json::array()}};
    };
    std::vector<Event> events;
    auto add = [&](const std::string& display, const std::vector<test::QueueStep>& steps) {
        test::append_queue_chain(events, "2026-11-17", "ho_tich", display, steps);
    };
    add("A001", {{event_type::kTicketIssued, "08:00:00", dispenser},
                 {event_type::kTicketCalled, "08:04:00", at("q1")},
                 {event_type::kTicketServed, "08:10:00", served("q1")}});
    add("A002", {{event_type::kTicketIssued, "08:30:00", dispenser},
                 {event_type::kTicketCalled, "08:40:00", at("q2")},
                 {event_type::kTicketServed, "08:45:00", served("q2")}});
    add("A003", {{event_type::kTicketIssued, "09:00:00", dispenser},
                 {event_type::kTicketCalled, "09:02:00", at("q1")},
                 {event_type::kTicketNoShow, "09:05:00", {{"counter", "q1"}, {"officer", "cb01"}, {"requeue", false}}}});
    auto batch = protocol::make_batch(enrolment->device.device_id, uuid_v4(), events, 420);
    REQUIRE(d.store->ingest_batch(enrolment->device, batch, 500, d.now_ms.load()).ok());
}
}  // namespace

TEST_CASE("the report pages show the queue: tickets, no-shows, waiting and service time, by counter") {
    DashboardUnderTest d;
    queue_day(d);
    std::string admin = d.session_cookie("admin");
    const std::string period = "&from=2026-11-01&to=2026-11-18";
    auto ward = d.get("/dashboard?site=px" + period, admin);
    REQUIRE(ward);
    REQUIRE(ward->status == 200);
    const std::string& html = ward->body;
    CHECK(html.find("<h2>Xếp hàng</h2>") != std::string::npos);
    CHECK(tile(html, "Số thứ tự đã cấp") == "3");
    CHECK(tile(html, "Đã phục vụ") == "2");
    CHECK(tile(html, "Vắng mặt") == "1");
    CHECK(html.find("33,33% số đã cấp") != std::string::npos);
    CHECK(tile(html, "Thời gian chờ") == "4 phút");          // samples 2, 4, 10
    CHECK(html.find("trung vị · 90% số trong vòng 10 phút · 3 lượt") != std::string::npos);  // the 3rd of 3
    CHECK(tile(html, "Thời gian phục vụ") == "5,5 phút");     // samples 5, 6
    CHECK(tile(html, "Giờ đông nhất") == "8–9 giờ");
    // The table by counter, in natural order, each counter with its own tickets.
    auto q1 = html.find(">Quầy 1</a>", html.find("<h2>Xếp hàng theo quầy</h2>"));
    auto q2 = html.find(">Quầy 2</a>", html.find("<h2>Xếp hàng theo quầy</h2>"));
    REQUIRE(q1 != std::string::npos);
    REQUIRE(q2 != std::string::npos);
    CHECK(q1 < q2);

    auto counter = d.get("/dashboard/counter?site=px&counter=q1" + period, admin);
    REQUIRE(counter);
    REQUIRE(counter->status == 200);
    CHECK(tile(counter->body, "Đã phục vụ") == "1");
    CHECK(tile(counter->body, "Vắng mặt") == "1");
    CHECK(tile(counter->body, "Thời gian chờ") == "3 phút");   // samples 2, 4
    CHECK(tile(counter->body, "Thời gian phục vụ") == "6 phút");

    // The city sums its centres; counters of different centres share ids, so it has no counter table.
    auto city = d.get("/dashboard?site=hn" + period, admin);
    REQUIRE(city);
    CHECK(tile(city->body, "Số thứ tự đã cấp") == "3");
    CHECK(city->body.find("Xếp hàng theo quầy") == std::string::npos);

    // A centre whose counters do not use the queue has no empty queue section.
    auto other = d.get("/dashboard?site=qy" + period, admin);
    REQUIRE(other);
    CHECK(other->body.find("Xếp hàng") == std::string::npos);
}

TEST_CASE("the centre and counter tables count each row's own ratings, unrated ones at zero") {
    DashboardUnderTest d;
    rate_at(d, "px", "q1", {1, 1, 3});
    rate_at(d, "px", "q2", {2});
    std::string admin = d.session_cookie("admin");
    const std::string period = "&from=2026-11-01&to=2026-11-18";
    auto city = d.get("/dashboard?site=hn" + period, admin);
    REQUIRE(city);
    REQUIRE(city->status == 200);
    CHECK(rated_in_row(city->body, "Phường Ba Đình") == "4");
    CHECK(rated_in_row(city->body, "Phường Hoàn Kiếm") == "0");
    auto ward = d.get("/dashboard?site=px" + period, admin);
    REQUIRE(ward);
    CHECK(rated_in_row(ward->body, "Quầy 1") == "3");
    CHECK(rated_in_row(ward->body, "Quầy 2") == "1");
    auto other = d.get("/dashboard?site=qy" + period, admin);
    REQUIRE(other);
    CHECK(rated_in_row(other->body, "Quầy 1") == "0");
}

TEST_CASE("dashboard login with the right password opens a session and pages need one") {
    DashboardUnderTest d;
    auto anonymous = d.client().Get("/dashboard");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 303);
    CHECK(anonymous->get_header_value("Location") == "/login");

    auto res = d.login("lanhdao.px", test::kPassword);
    REQUIRE(res);
    CHECK(res->status == 303);
    CHECK(res->get_header_value("Location") == "/dashboard");
    std::string cookie = res->get_header_value("Set-Cookie");
    CHECK(cookie.rfind("motcua_session=", 0) == 0);
    CHECK(cookie.find("HttpOnly") != std::string::npos);
    CHECK(cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(cookie.find("Secure") == std::string::npos);  // plain HTTP on loopback here
    // 32 random bytes in base64url; the database holds only its hash.
    std::string id = cookie.substr(15, cookie.find(';') - 15);
    CHECK(id.size() == 43);
    CHECK(d.store->database().query_int("SELECT count(*) FROM web_sessions") == 1);
    auto stored = d.store->database().prepare("SELECT id_hash FROM web_sessions");
    REQUIRE(stored.step());
    CHECK(stored.column_text(0) != id);

    auto page = d.get("/dashboard", cookie.substr(0, cookie.find(';')));
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(page->body.find("<h1>Phường Ba Đình</h1>") != std::string::npos);
    CHECK(page->body.find("Lãnh đạo Ba Đình") != std::string::npos);
}

TEST_CASE("a login form posted from another site is refused") {
    DashboardUnderTest d;
    auto res = d.client().Post("/login", {{"Origin", "http://evil.example"}},
                               "username=lanhdao.px&password=" + test::kPassword, "application/x-www-form-urlencoded");
    REQUIRE(res);
    CHECK(res->status == 403);
    CHECK_FALSE(res->has_header("Set-Cookie"));
    auto same = d.client().Post("/login", {{"Origin", "http://127.0.0.1:" + std::to_string(d.port)}},
                                "username=lanhdao.px&password=" + test::kPassword, "application/x-www-form-urlencoded");
    REQUIRE(same);
    CHECK(same->status == 303);
}

TEST_CASE("motcua-server user add takes the password from stdin and the account logs in until retired") {
    DashboardUnderTest d;
    const std::string server = test::binary("motcua-server");
    const std::string db = d.dir.file("server.db");
    auto add = test::run({"/bin/sh", "-c", "printf 'mot-mat-khau-dai\\n' | '" + server + "' --db '" + db +
                                               "' user add --username tt.px --name 'Trần Thị Bình' --role leader --site px"});
    INFO(add.output);
    CHECK(add.exit_code == 0);
    auto short_password = test::run({"/bin/sh", "-c", "printf 'ngan\\n' | '" + server + "' --db '" + db +
                                                          "' user add --username x --name X --role admin"});
    CHECK(short_password.exit_code == 1);
    CHECK(short_password.output.find("mật khẩu phải có ít nhất 10 ký tự") != std::string::npos);
    auto list = json::parse(test::run({server, "--db", db, "user", "list", "--json"}).output);
    REQUIRE(list.size() == 3);
    CHECK(list[2]["username"] == "tt.px");
    CHECK(list[2]["site"] == "px");
    CHECK(list[2]["retired_at"].is_null());
    CHECK(d.login("tt.px", "mot-mat-khau-dai")->status == 303);

    auto passwd = test::run({"/bin/sh", "-c", "printf 'mat-khau-moi-123\\n' | '" + server + "' --db '" + db +
                                                  "' user passwd --username tt.px"});
    CHECK(passwd.exit_code == 0);
    CHECK(d.login("tt.px", "mot-mat-khau-dai")->status == 401);
    CHECK(d.login("tt.px", "mat-khau-moi-123")->status == 303);
    CHECK(test::run({server, "--db", db, "user", "retire", "--username", "tt.px"}).exit_code == 0);
    CHECK(d.login("tt.px", "mat-khau-moi-123")->status == 401);
    list = json::parse(test::run({server, "--db", db, "user", "list", "--json"}).output);
    CHECK_FALSE(list[2]["retired_at"].is_null());
}

TEST_CASE("a wrong password and an unknown username get the same answer") {
    DashboardUnderTest d;
    auto wrong = d.login("lanhdao.px", "not-the-password");
    auto unknown = d.login("nobody", "not-the-password");
    REQUIRE(wrong);
    REQUIRE(unknown);
    CHECK(wrong->status == 401);
    CHECK(unknown->status == 401);
    CHECK(wrong->body.find("Sai tên đăng nhập hoặc mật khẩu.") != std::string::npos);
    CHECK(unknown->body.find("Sai tên đăng nhập hoặc mật khẩu.") != std::string::npos);
    CHECK_FALSE(wrong->has_header("Set-Cookie"));
    CHECK(d.store->database().query_int("SELECT count(*) FROM web_sessions") == 0);
}

TEST_CASE("five wrong passwords lock the username for 15 minutes even against the right one") {
    DashboardUnderTest d;
    for (int i = 0; i < 4; ++i) CHECK(d.login("lanhdao.px", "wrong-password")->status == 401);
    auto fifth = d.login("lanhdao.px", "wrong-password");
    REQUIRE(fifth);
    CHECK(fifth->status == 429);
    CHECK(fifth->body.find("Đăng nhập tạm khóa vì nhập sai nhiều lần. Vui lòng thử lại sau 15 phút.") != std::string::npos);
    auto right = d.login("lanhdao.px", test::kPassword);
    REQUIRE(right);
    CHECK(right->status == 429);
    CHECK_FALSE(right->has_header("Set-Cookie"));
    // Another account from the same address is not locked by this one's count.
    CHECK(d.login("admin", test::kPassword)->status == 303);
    d.now_ms += 15 * kMinute + 1000;
    CHECK(d.login("lanhdao.px", test::kPassword)->status == 303);
}

TEST_CASE("one address trying many usernames is locked after four times the per-user limit") {
    DashboardUnderTest d;
    for (int i = 0; i < 19; ++i) CHECK(d.login("user" + std::to_string(i), "wrong-password")->status == 401);
    CHECK(d.login("user19", "wrong-password")->status == 429);
    CHECK(d.login("admin", test::kPassword)->status == 429);
}

TEST_CASE("a dashboard form without its CSRF token is refused with 403 and changes nothing") {
    DashboardUnderTest d;
    std::string cookie = d.session_cookie("admin");
    auto fleet = d.get("/fleet", cookie);
    REQUIRE(fleet);
    REQUIRE(fleet->status == 200);
    std::string csrf = test::csrf_in(fleet->body);
    REQUIRE(csrf.size() == 43);

    auto no_token = d.post_form("/fleet/enroll-codes", cookie, "counter=px%7Cq1&ttl_hours=24");
    REQUIRE(no_token);
    CHECK(no_token->status == 403);
    auto wrong_token = d.post_form("/fleet/enroll-codes", cookie, "counter=px%7Cq1&ttl_hours=24&csrf=AAAA");
    REQUIRE(wrong_token);
    CHECK(wrong_token->status == 403);
    // The right token posted from another site's page (its Origin) is refused too.
    auto other_site = d.client().Post("/fleet/enroll-codes", {{"Cookie", cookie}, {"Origin", "http://evil.example"}},
                                      "counter=px%7Cq1&ttl_hours=24&csrf=" + csrf, "application/x-www-form-urlencoded");
    REQUIRE(other_site);
    CHECK(other_site->status == 403);
    CHECK(d.store->database().query_int("SELECT count(*) FROM enroll_codes") == 0);
    CHECK(d.post_form("/logout", cookie, "")->status == 403);
    CHECK(d.get("/dashboard", cookie)->status == 200);  // the refused logout ended nothing

    auto created = d.post_form("/fleet/enroll-codes", cookie, "counter=px%7Cq1&ttl_hours=24&csrf=" + csrf);
    REQUIRE(created);
    CHECK(created->status == 200);
    CHECK(created->body.find("id=\"new-code\">") != std::string::npos);
    CHECK(d.store->database().query_int("SELECT count(*) FROM enroll_codes") == 1);

    auto logout = d.post_form("/logout", cookie, "csrf=" + csrf);
    REQUIRE(logout);
    CHECK(logout->status == 303);
    CHECK(d.get("/dashboard", cookie)->status == 303);
}

TEST_CASE("an enrolment code revoked on the fleet page no longer enrols a kiosk") {
    DashboardUnderTest d;
    std::string cookie = d.session_cookie("admin");
    std::string csrf = test::csrf_in(d.get("/fleet", cookie)->body);
    auto created = d.post_form("/fleet/enroll-codes", cookie, "counter=px%7Cq1&ttl_hours=24&csrf=" + csrf);
    REQUIRE(created);
    std::string marker = "id=\"new-code\">";
    auto at = created->body.find(marker) + marker.size();
    std::string code = created->body.substr(at, 9);
    auto st = d.store->database().prepare("SELECT code_hash FROM enroll_codes");
    REQUIRE(st.step());
    std::string hash = st.column_text(0);
    auto revoked = d.post_form("/fleet/enroll-codes/revoke", cookie, "code_hash=" + hash + "&csrf=" + csrf);
    REQUIRE(revoked);
    CHECK(revoked->status == 303);
    CHECK(d.get("/fleet", cookie)->body.find("Không có mã nào còn hiệu lực.") != std::string::npos);
    auto enrol = d.client().Post(std::string(protocol::kEnrollPath), json{{"code", code}}.dump(), "application/json");
    REQUIRE(enrol);
    CHECK(enrol->status == 403);
}

TEST_CASE("a dashboard session ends after 30 idle minutes") {
    DashboardUnderTest d;
    std::string cookie = d.session_cookie("lanhdao.px");
    d.now_ms += 29 * kMinute;
    CHECK(d.get("/dashboard", cookie)->status == 200);
    d.now_ms += 29 * kMinute;  // each page view restarts the idle clock
    CHECK(d.get("/dashboard", cookie)->status == 200);
    d.now_ms += 31 * kMinute;
    auto expired = d.get("/dashboard", cookie);
    REQUIRE(expired);
    CHECK(expired->status == 303);
    CHECK(expired->get_header_value("Location") == "/login");
    CHECK(d.store->database().query_int("SELECT count(*) FROM web_sessions") == 0);
    // A session whose browser never comes back is deleted at the next login.
    (void)d.session_cookie("lanhdao.px");
    d.now_ms += 31 * kMinute;
    (void)d.session_cookie("admin");
    CHECK(d.store->database().query_int("SELECT count(*) FROM web_sessions") == 1);
}

TEST_CASE("a dashboard session ends 12 hours after login however busy") {
    DashboardUnderTest d;
    std::string cookie = d.session_cookie("lanhdao.px");
    for (int i = 0; i < 35; ++i) {  // a view every 20 minutes for 11 h 40 min
        d.now_ms += 20 * kMinute;
        REQUIRE(d.get("/dashboard", cookie)->status == 200);
    }
    d.now_ms += 21 * kMinute;
    CHECK(d.get("/dashboard", cookie)->status == 303);
}

TEST_CASE("a leader sees only their centre: other centres' pages and reports answer 403") {
    DashboardUnderTest d;
    std::string cookie = d.session_cookie("lanhdao.px");
    CHECK(d.get("/dashboard?site=px", cookie)->status == 200);
    CHECK(d.get("/dashboard/counter?site=px&counter=q1", cookie)->status == 200);
    CHECK(d.get("/dashboard/report.json?site=px", cookie)->status == 200);
    auto other = d.get("/dashboard?site=qy", cookie);
    REQUIRE(other);
    CHECK(other->status == 403);
    CHECK(other->body.find("Phường Hoàn Kiếm") == std::string::npos);
    CHECK(d.get("/dashboard?site=hn", cookie)->status == 403);  // the province above is not theirs
    CHECK(d.get("/dashboard/counter?site=qy&counter=q1", cookie)->status == 403);
    auto api = d.get("/dashboard/report.json?site=qy", cookie);
    REQUIRE(api);
    CHECK(api->status == 403);
    CHECK(json::parse(api->body) == json({{"error", "site_forbidden"}}));
    // Without a site the report is their centre's, never everyone's.
    auto own = d.get("/dashboard/report.json", cookie);
    REQUIRE(own);
    CHECK(json::parse(own->body)["site"] == "px");
    CHECK(d.get("/fleet", cookie)->status == 403);
    CHECK(d.get("/dashboard/report.json?site=qy", "")->status == 401);
    // The admin sees every centre.
    std::string admin = d.session_cookie("admin");
    CHECK(d.get("/dashboard?site=qy", admin)->status == 200);
    CHECK(d.get("/dashboard?site=hn", admin)->status == 200);
}

TEST_CASE("a retired dashboard account cannot log in and its open session ends") {
    DashboardUnderTest d;
    std::string cookie = d.session_cookie("lanhdao.px");
    server::web::WebAccounts accounts(d.store->database(), test::kTestHash);
    REQUIRE(accounts.retire("lanhdao.px", d.now_ms));
    CHECK(d.get("/dashboard", cookie)->status == 303);
    CHECK(d.login("lanhdao.px", test::kPassword)->status == 401);
    auto kept = accounts.user("lanhdao.px");
    REQUIRE(kept);
    CHECK(kept->retired_at_ms == d.now_ms.load());
}

TEST_CASE("the counter and officer tables show trust flags highlighted with their meaning and the centre a review tile") {
    DashboardUnderTest d;
    rate_at(d, "px", "q1", {1, 1, 3});  // one instant, no ticket: three without a ticket, two bursts
    rate_at(d, "px", "q2", {2});
    std::string admin = d.session_cookie("admin");
    const std::string period = "&from=2026-11-01&to=2026-11-18";
    auto ward = d.get("/dashboard?site=px" + period, admin);
    REQUIRE(ward);
    REQUIRE(ward->status == 200);
    CHECK(tile(ward->body, "Cần xem lại") == "6");  // 4 without a ticket + 2 bursts
    const std::string q1 = row_of(ward->body, "Quầy 1");
    CHECK(q1.find("class=\"badge warn\"") != std::string::npos);
    CHECK(q1.find("Đánh giá trong vòng 5 giây: 2</span>") != std::string::npos);
    CHECK(q1.find("Không gắn phiếu phục vụ: 3</span>") != std::string::npos);
    CHECK(q1.find("title=\"cách phiếu trước của cùng máy chưa đến 5 giây") != std::string::npos);
    const std::string q2 = row_of(ward->body, "Quầy 2");
    CHECK(q2.find("Không gắn phiếu phục vụ: 1</span>") != std::string::npos);
    CHECK(q2.find("Đánh giá trong vòng") == std::string::npos);
    const std::string officer = row_of(ward->body, "cb01");
    CHECK(officer.find("Đánh giá trong vòng 5 giây: 2</span>") != std::string::npos);
    CHECK(officer.find("Không gắn phiếu phục vụ: 4</span>") != std::string::npos);
    CHECK(ward->body.find("flags-legend") != std::string::npos);
    // The ratings are still counted: the flags take nothing from the table's totals.
    CHECK(rated_in_row(ward->body, "Quầy 1") == "3");
    auto quiet = d.get("/dashboard?site=qy" + period, admin);
    REQUIRE(quiet);
    CHECK(tile(quiet->body, "Cần xem lại").empty());
}
