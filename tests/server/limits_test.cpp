// The server's limits on a real HttpApi and dashboard in this process, on 127.0.0.1 and a real
// SQLite file, with the clock the test moves: enrolment lockouts and each device's request rate
// without sleeping; connections beyond the bounded workers.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dashboard_support.hpp"
#include "server_test_support.hpp"

using namespace motcua;
using test::DashboardUnderTest;

namespace {

constexpr std::int64_t kMinute = 60'000;

httplib::Result enroll(const DashboardUnderTest& d, const std::string& code) {
    return d.client().Post(std::string(protocol::kEnrollPath),
                           json{{"code", code}, {"hostname", "kiosk-test"}, {"app_version", "0.1.0"}}.dump(),
                           "application/json");
}

std::string new_code(DashboardUnderTest& d, const std::string& counter = "q1") {
    auto code = d.store->create_enroll_code("px", counter, 72, d.now_ms.load());
    REQUIRE(code.ok());
    return code.value();
}

// {device_id, token} of a freshly enrolled device.
std::pair<std::string, std::string> enrolled(DashboardUnderTest& d, const std::string& counter) {
    auto res = enroll(d, new_code(d, counter));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto body = json::parse(res->body);
    return {body["device_id"].get<std::string>(), body["token"].get<std::string>()};
}

httplib::Result post_batch(const DashboardUnderTest& d, const std::pair<std::string, std::string>& device,
                           const std::vector<Event>& events) {
    const std::string body = protocol::make_batch(device.first, "db-" + device.first, events, 420).dump();
    return d.client().Post(std::string(protocol::kEventsPath), {{"Authorization", "Bearer " + device.second}}, body,
                           "application/json");
}

std::int64_t stored_events(DashboardUnderTest& d, const std::string& device_id) {
    std::lock_guard lock(d.api->store_mutex());
    auto st = d.store->database().prepare("SELECT count(*) FROM events WHERE device_id = ?");
    st.bind(1, device_id);
    REQUIRE(st.step());
    return st.column_int(0);
}

std::string fleet_page(const DashboardUnderTest& d) {
    auto res = d.get("/fleet", d.session_cookie("admin"));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return res->body;
}

}  // namespace

TEST_CASE("enrolment from an address is locked after N wrong codes then refused even with the right code until the window passes") {
    DashboardUnderTest d([](server::ApiOptions& o) {
        o.limits.enroll_max_failures = 3;
        o.limits.enroll_lock_ms = 15 * kMinute;
    });
    const std::string right = new_code(d);
    for (int i = 0; i < 3; ++i) {
        auto wrong = enroll(d, "ABCD-EFG" + std::to_string(i));
        REQUIRE(wrong);
        CHECK(wrong->status == 403);
        CHECK(json::parse(wrong->body)["error"] == "code_invalid");
    }
    // Locked: the right code is refused too, so guessing cannot go on by finding one.
    auto locked = enroll(d, right);
    REQUIRE(locked);
    CHECK(locked->status == 429);
    CHECK(locked->get_header_value("Retry-After") == "900");
    CHECK(json::parse(locked->body)["error"] == "too_many_attempts");

    d.now_ms += 14 * kMinute;
    auto still = enroll(d, right);
    REQUIRE(still);
    CHECK(still->status == 429);
    CHECK(still->get_header_value("Retry-After") == "60");

    // IT sees it: the address, when, and the attempts (three wrong codes, two refused during the lock).
    const std::string page = fleet_page(d);
    CHECK_THAT(page, Catch::Contains("Đăng ký bị khóa tạm thời"));
    CHECK_THAT(page, Catch::Contains("<td data-label=\"Địa chỉ\"><div>127.0.0.1</div></td>"));
    CHECK_THAT(page, Catch::Contains("<td data-label=\"Số lần thử\"><div>5</div></td>"));
    CHECK_THAT(page, Catch::Contains("đang khóa"));

    d.now_ms += kMinute;
    auto open = enroll(d, right);
    REQUIRE(open);
    CHECK(open->status == 200);
}

TEST_CASE("wrong enrolment codes spread over time do not add up to a lockout") {
    DashboardUnderTest d([](server::ApiOptions& o) {
        o.limits.enroll_max_failures = 3;
        o.limits.enroll_lock_ms = 15 * kMinute;
    });
    for (int i = 0; i < 6; ++i) {
        auto wrong = enroll(d, "ABCD-EFGH");
        REQUIRE(wrong);
        CHECK(wrong->status == 403);
        d.now_ms += 8 * kMinute;  // two per window: never three
    }
    auto right = enroll(d, new_code(d));
    REQUIRE(right);
    CHECK(right->status == 200);
}

TEST_CASE("wrong enrolment codes from all addresses together lock enrolment for everyone") {
    DashboardUnderTest d([](server::ApiOptions& o) {
        o.limits.enroll_max_failures = 100;
        o.limits.enroll_max_failures_all = 2;
    });
    for (int i = 0; i < 2; ++i) REQUIRE(enroll(d, "ABCD-EFGH")->status == 403);
    auto locked = enroll(d, new_code(d));
    REQUIRE(locked);
    CHECK(locked->status == 429);
    CHECK_THAT(fleet_page(d), Catch::Contains("mọi địa chỉ"));
}

TEST_CASE("a device over its request rate gets 429 with Retry-After and nothing stored while another device is served") {
    DashboardUnderTest d([](server::ApiOptions& o) {
        o.limits.device_requests_per_second = 1;
        o.limits.device_burst = 2;
    });
    auto busy = enrolled(d, "q1");
    auto calm = enrolled(d, "q2");
    auto events = test::rating_chain({1, 2, 1, 3, 1, 1});
    const std::vector<Event> first(events.begin(), events.begin() + 2), second(events.begin() + 2, events.begin() + 4),
        third(events.begin() + 4, events.end());
    REQUIRE(post_batch(d, busy, first)->status == 200);
    REQUIRE(post_batch(d, busy, second)->status == 200);
    CHECK(stored_events(d, busy.first) == 4);

    auto refused = post_batch(d, busy, third);
    REQUIRE(refused);
    CHECK(refused->status == 429);
    CHECK(refused->get_header_value("Retry-After") == "1");
    CHECK(json::parse(refused->body)["error"] == "rate_limited");
    CHECK(stored_events(d, busy.first) == 4);
    // Config and heartbeat share the device's rate.
    auto config = d.client().Get(std::string(protocol::kConfigPath), {{"Authorization", "Bearer " + busy.second}});
    REQUIRE(config);
    CHECK(config->status == 429);

    auto other = post_batch(d, calm, test::rating_chain({1, 1}));
    REQUIRE(other);
    CHECK(other->status == 200);
    CHECK(stored_events(d, calm.first) == 2);

    // IT sees which device was held back, and how often.
    const std::string page = fleet_page(d);
    CHECK_THAT(page, Catch::Contains("bị giới hạn (429): 2</span>"));

    d.now_ms += 1000;  // one more request's worth
    auto later = post_batch(d, busy, third);
    REQUIRE(later);
    CHECK(later->status == 200);
    CHECK(stored_events(d, busy.first) == 6);
}

namespace {

// A TCP connection that sends a request's head and part of its body, then nothing: it holds the
// worker that reads it until the test closes it (the server's read timeout is 30 s).
class StalledRequest {
public:
    explicit StalledRequest(int port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        const std::string head = "POST /api/v1/heartbeat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                 "Content-Length: 100\r\n\r\n{\"outbox";
        REQUIRE(::send(fd_, head.data(), head.size(), 0) == static_cast<ssize_t>(head.size()));
    }
    ~StalledRequest() { close(); }
    void close() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_ = -1;
};

}  // namespace

TEST_CASE("a connection beyond the workers and the waiting bound gets 503 with Retry-After and the server recovers") {
    DashboardUnderTest d([](server::ApiOptions& o) {
        o.workers = 1;
        o.max_waiting_connections = 0;
    });
    StalledRequest stalled(d.port);  // takes the only worker
    auto turned = d.client().Get(std::string(protocol::kConfigPath), {{"Authorization", "Bearer nope"}});
    REQUIRE(turned);
    CHECK(turned->status == 503);
    CHECK(turned->get_header_value("Retry-After") == "5");
    CHECK(turned->get_header_value("Connection") == "close");
    CHECK(json::parse(turned->body)["error"] == "server_busy");
    CHECK(d.api->limits().turned_away() >= 1);

    // The worker is free again once the stalled client goes: requests are served again.
    stalled.close();
    int status = 0;
    for (int i = 0; i < 250 && status != 401; ++i) {
        auto res = d.client().Get(std::string(protocol::kConfigPath), {{"Authorization", "Bearer nope"}});
        status = res ? res->status : 0;
        if (status != 401) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(status == 401);
}

TEST_CASE("the dashboard's report data answers invalid UTF-8 in its query with a 400 and a plain message") {
    DashboardUnderTest d;
    auto res = d.get("/dashboard/report.json?group_by=%FF%FE", d.session_cookie("admin"));
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK_FALSE(json::parse(res->body)["error"].get<std::string>().empty());
}
