// The dashboard as a leader's browser sees it: Debian's headless Chromium against the real
// motcua-server process on 127.0.0.1, logged in through the login form, Chart.js from Debian's
// package drawing the trend, a drill-down province → centre → counter, and the fleet page.
// Screenshots (desktop 1280 px, phone 390 px) go to <build>/screenshots/dashboard/.
#include <catch2/catch.hpp>

#include <filesystem>

#include "chromium_cdp.hpp"
#include "core/clock.hpp"
#include "server_test_support.hpp"

using namespace motcua;
using test::ServerUnderTest;

namespace {

constexpr const char* kAdminPassword = "mat-khau-quan-tri-1";

void add_admin(const ServerUnderTest& s) {
    auto r = test::run({"/bin/sh", "-c",
                        "printf '%s\\n' '" + std::string(kAdminPassword) + "' | '" + test::binary("motcua-server") +
                            "' --db '" + s.db + "' user add --username admin --name 'Nguyễn Văn An' --role admin"});
    if (r.exit_code != 0) throw std::runtime_error("user add failed: " + r.output);
}

// Ratings on several days (days_ago, counter, scores); returns how many fall in this month.
std::int64_t push_ratings(ServerUnderTest& s) {
    auto [device, token] = s.enroll();
    const std::int64_t now = clock::unix_ms_now();
    const int day_of_month = std::stoi(clock::rfc3339_ms(now, 420).substr(8, 2));
    struct Batch {
        int days_ago;
        const char* counter;
        std::vector<int> scores;
    };
    const std::vector<Batch> batches{{12, "q1", {1, 1, 2}}, {7, "q2", {1, 2, 2, 1}}, {4, "q1", {1, 1, 1, 3}},
                                     {2, "q2", {2, 1}},     {1, "q1", {1, 1, 2, 1, 1}}, {0, "q1", {1, 1, 1, 2, 3}},
                                     {0, "q2", {1, 2}}};
    std::vector<Event> events;
    std::string prev = kGenesisHash;
    std::int64_t this_month = 0;
    for (auto& b : batches) {
        auto chain = test::rating_chain(b.scores, static_cast<std::int64_t>(events.size()) + 1, prev,
                                        clock::rfc3339_ms(now - b.days_ago * 86'400'000LL, 420), b.counter);
        prev = chain.back().hash;
        events.insert(events.end(), chain.begin(), chain.end());
        if (day_of_month > b.days_ago) this_month += static_cast<std::int64_t>(b.scores.size());
    }
    auto res = s.post_events(token, protocol::make_batch(device, "db-browser-test", events, 420).dump());
    if (!res || res->status != 200) throw std::runtime_error("events not accepted");
    json heartbeat{{"device_id", device}, {"app_version", "0.1.0"}, {"outbox_depth", 3}, {"printer", "paper_out"},
                   {"oldest_unsent_at", clock::rfc3339_ms(now - 600'000, 420)},
                   {"clock", {{"at", clock::rfc3339_ms(now + 125'000, 420)}, {"mono_ms", 1}}}};
    auto hb = s.client().Post("/api/v1/heartbeat", {{"Authorization", "Bearer " + token}}, heartbeat.dump(),
                              "application/json");
    if (!hb || hb->status != 200) throw std::runtime_error("heartbeat not accepted");
    // A second kiosk that never sends a heartbeat (silent on the fleet page) and whose first batch
    // starts at seq 2: the server keeps it and raises a seq_gap alarm.
    auto [silent_device, silent_token] = s.enroll();
    auto gap = test::rating_chain({1}, 2, kGenesisHash, clock::rfc3339_ms(now, 420), "q2");
    auto pushed = s.post_events(silent_token, protocol::make_batch(silent_device, "db-silent", gap, 420).dump());
    if (!pushed || pushed->status != 200) throw std::runtime_error("gap batch not answered 200");
    ++this_month;  // today: always in this month

    // Today's queue at Quầy 1 and Quầy 2: two tickets served, one that did not come.
    auto [queue_device, queue_token] = s.enroll();
    const std::string today = clock::rfc3339_ms(now, 420).substr(0, 10);
    const json dispenser{{"issuer_kind", "dispenser"}, {"issuer", "d1"}};
    std::vector<Event> queue;
    auto ticket = [&](const std::string& display, const char* counter, const std::vector<std::string>& times,
                      std::string_view last) {
        test::append_queue_chain(
            queue, today, "ho_tich", display,
            {{event_type::kTicketIssued, times[0], dispenser},
             {event_type::kTicketCalled, times[1], {{"counter", counter}, {"officer", "cb01"}, {"how", "next"}}},
             {last, times[2], {{"counter", counter}, {"officer", "cb01"}, {"dossier_codes", json::array()},
                               {"requeue", false}}}});
    };
    ticket("A001", "q1", {"08:00:00", "08:04:00", "08:10:00"}, event_type::kTicketServed);
    ticket("A002", "q2", {"08:30:00", "08:41:00", "08:47:30"}, event_type::kTicketServed);
    ticket("A003", "q1", {"09:00:00", "09:02:00", "09:05:00"}, event_type::kTicketNoShow);
    auto queued = s.post_events(queue_token, protocol::make_batch(queue_device, "db-queue", queue, 420).dump());
    if (!queued || queued->status != 200) throw std::runtime_error("queue batch not answered 200");
    json alive{{"device_id", queue_device}, {"app_version", "0.1.0"}, {"outbox_depth", 0}};
    auto beat = s.client().Post("/api/v1/heartbeat", {{"Authorization", "Bearer " + queue_token}}, alive.dump(),
                                "application/json");
    if (!beat || beat->status != 200) throw std::runtime_error("queue kiosk heartbeat not accepted");
    return this_month;
}

const char* kChartDrawn =
    "(function(){var c=document.querySelector('canvas#trend[data-chart-ready=\"1\"]');if(!c)return 0;"
    "var d=c.getContext('2d').getImageData(0,0,c.width,c.height).data,n=0;"
    "for(var i=3;i<d.length;i+=4)if(d[i]>0)n++;return n;})()";

}  // namespace

TEST_CASE("the dashboard in headless Chromium logs in through the form and draws the chart and drills down to a counter") {
    // The officer of every test rating (cb01), named as a server lists its officers.
    ServerUnderTest s(
        "[[queue.officers]]\nsite = \"px\"\nid = \"cb01\"\nname = \"Trần Thị Bích Ngọc\"\npin_hash = "
        "\"$scrypt$ln=14,r=8,p=2$Jnlpd0RuYrekrhP7NFujsQ$qH8Vql9-uGDTCJA-5r2UUeqe7BjeMeHR_1Uavv1EPog\"\n");
    add_admin(s);
    const std::int64_t this_month = push_ratings(s);
    const std::string base = "http://127.0.0.1:" + std::to_string(s.port);
    const std::filesystem::path shots = std::filesystem::path(MOTCUA_BINARY_DIR) / "screenshots" / "dashboard";
    std::filesystem::create_directories(shots);
    test::Chromium browser(s.dir.file("chromium-profile"));
    // After a resize Chart.js redraws the chart to its box's new width (a ResizeObserver, so shortly after).
    const std::string chart_fits =
        "!document.querySelector('.chart-box canvas') || Math.abs(document.querySelector('.chart-box canvas')"
        ".getBoundingClientRect().width - document.querySelector('.chart-box').clientWidth) < 20";
    auto both_sizes = [&](const std::string& name) {
        browser.size(390, 844, true);
        REQUIRE(browser.wait_for("document.readyState === 'complete'"));
        CHECK(browser.wait_for(chart_fits));
        // Readable on a phone: nothing wider than the screen (tables turn into cards).
        CHECK(browser.wait_for("document.documentElement.scrollWidth <= 390"));
        browser.screenshot((shots / (name + "-phone.png")).string(), 390);
        browser.size(1280, 800, false);
        CHECK(browser.wait_for(chart_fits));
        browser.screenshot((shots / (name + "-desktop.png")).string(), 1280);
    };

    browser.go(base + "/dashboard");
    REQUIRE(browser.wait_for("location.pathname === '/login' && document.readyState === 'complete'"));
    both_sizes("login");
    browser.eval("document.getElementById('username').value = 'admin';"
                 "document.getElementById('password').value = '" + std::string(kAdminPassword) + "';"
                 "document.querySelector('form.login button').click(); true");
    REQUIRE(browser.wait_for("location.pathname === '/dashboard' && document.readyState === 'complete'"));
    CHECK(browser.eval("document.querySelector('.who').textContent") == "Nguyễn Văn An");
    REQUIRE(browser.wait_for(std::string(kChartDrawn) + " > 500"));
    both_sizes("overview");

    // Drill down by clicking the links a leader would click.
    browser.eval("Array.from(document.querySelectorAll('table a')).find(a => a.textContent === 'Hà Nội').click(); true");
    REQUIRE(browser.wait_for("document.querySelector('h1') && document.querySelector('h1').textContent === 'Hà Nội'"));
    browser.eval("Array.from(document.querySelectorAll('table a')).find(a => a.textContent === 'Phường Ba Đình').click(); true");
    REQUIRE(browser.wait_for("document.querySelector('h1') && document.querySelector('h1').textContent === 'Phường Ba Đình'"));
    REQUIRE(browser.wait_for(std::string(kChartDrawn) + " > 500"));
    CHECK(browser.eval("document.querySelector('.tile-value').textContent") == std::to_string(this_month));
    // The officer table names the officer (a leader does not know officers by their sign-in code).
    CHECK(browser.eval("Array.from(document.querySelectorAll('td')).some(td => td.textContent === "
                       "'Trần Thị Bích Ngọc (cb01)')") == true);
    CHECK(browser.eval("document.body.textContent.includes('Số thứ tự đã cấp')") == true);
    both_sizes("centre");
    browser.eval("Array.from(document.querySelectorAll('table a')).find(a => a.textContent === 'Quầy 1').click(); true");
    REQUIRE(browser.wait_for("location.pathname === '/dashboard/counter' && document.readyState === 'complete'"));
    CHECK(browser.eval("document.querySelector('h1').textContent") == "Quầy 1");
    REQUIRE(browser.wait_for(std::string(kChartDrawn) + " > 500"));
    both_sizes("counter");

    browser.go(base + "/fleet");
    REQUIRE(browser.wait_for("location.pathname === '/fleet' && document.readyState === 'complete'"));
    CHECK(browser.eval("document.querySelectorAll('tr.alert').length") == 1);  // the silent kiosk
    CHECK(browser.eval("document.body.textContent.includes('nhanh 2 phút')") == true);
    CHECK(browser.eval("document.body.textContent.includes('hết giấy')") == true);
    CHECK(browser.eval("document.querySelector('tr.alert').textContent.includes('thiếu sự kiện (seq)')") == true);
    both_sizes("fleet");
}
