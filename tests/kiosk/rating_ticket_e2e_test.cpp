// End to end on loopback: an officer finishes a ticket at counter 3A (a QueueSession on the kiosk
// database, as the counter console's process does), the real rating window on the same file asks
// about that ticket, the citizen taps, motcua-sync sends the rating to the real motcua-server, and
// the server's report shows it under its ticket, officer, counter and field.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

#include "core/clock.hpp"
#include "kiosk/app/sdl_app.hpp"
#include "kiosk/kiosk_settings.hpp"
#include "kiosk/queue_session.hpp"
#include "kiosk/roles/rating/rating_role.hpp"
#include "tests/kiosk/loopback_site.hpp"

using namespace motcua;
using namespace motcua::kiosk;

namespace {

// The enrolled counter 3A serves Đất đai.
queue::QueueSettings site_queue() {
    queue::QueueSettings s = queue::default_queue_settings();
    s.counters.push_back({"3A", "Quầy số 3A", {"dat-dai"}});
    return s;
}

// Keys of the report's groups with their totals.
std::map<std::string, std::int64_t> report_groups(const test::LoopbackSite& site, const std::string& group_by) {
    auto r = site.server_cli({"report", "--site", "xa-an-phu", "--group-by", group_by, "--json"});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    std::map<std::string, std::int64_t> out;
    const json report = json::parse(r.output);
    for (const auto& g : report.at("groups")) out[g.at("key").get<std::string>()] = g.at("total");
    return out;
}

}  // namespace

TEST_CASE("a ticket finished at the counter is rated on its citizen screen and reaches the server's report") {
    test::TempDir dir;
    test::LoopbackSite site(dir, dir.file("kiosk.db"));
    site.enrol();  // the kiosk database now says counter 3A

    EventStore screen_store = std::move(EventStore::open(site.kiosk_db).value());
    RatingConfig config = RatingConfig::from_settings(Settings(kiosk_settings())).value();
    config.pulled_config_path.clear();
    config.field_names = {{"dat-dai", "Đất đai"}};
    config.officer_names = {{"can-bo-an", "Nguyễn Văn An"}};
    RatingController controller(config, screen_store, 0);
    Texts texts = Texts::load(std::string(MOTCUA_SOURCE_DIR) + "/assets").value();
    RatingRole role(controller, texts);
    AppOptions options;
    options.windowed = true;
    options.run_for_ms = 3000;
    options.screenshot_dir = dir.file("shots");
    options.watch_database = site.kiosk_db;
    options.font_file = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    options.bold_font_file = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
    auto created = KioskApp::create(options, role);
    if (!created) FAIL("cannot start the kiosk window: " << created.error());
    KioskApp& app = *created.value();
    app.settle();
    REQUIRE_FALSE(controller.model().ticket);

    // The officer's side, in another connection while the window runs its own loop.
    std::string ticket;
    std::thread counter([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        EventStore store = std::move(EventStore::open(site.kiosk_db).value());
        QueueSession session = std::move(QueueSession::open(store, site_queue()).value());
        const std::int64_t now = clock::unix_ms_now();
        auto signed_in = session.run([&](const queue::QueueAuthority& q) { return q.sign_in("3A", "can-bo-an", now); });
        auto walked_in = session.run(
            [&](const queue::QueueAuthority& q) { return q.walk_in("3A", "can-bo-an", {"dat-dai", "", "", ""}, now); });
        auto finished = session.run([&](const queue::QueueAuthority& q) {
            return q.finish("3A", "can-bo-an", {"000.00.14.H12-210315-0001"}, now);
        });
        if (signed_in.ok() && walked_in.ok() && finished.ok() && finished->command.ok())
            ticket = walked_in->command.ticket();
    });
    app.run();  // the kiosk's loop: woken by the database watch when the counter commits
    counter.join();
    REQUIRE_FALSE(ticket.empty());
    REQUIRE(controller.model().ticket);
    CHECK(controller.model().ticket->ticket.ticket_id == ticket);
    CHECK(app.screenshot("rating_ticket"));
    // Kept in the build folder for a person to look at (docs/screenshots/rating/ holds a looked-at copy).
    std::error_code ignored;
    std::filesystem::create_directories(std::string(MOTCUA_BINARY_DIR) + "/screenshots/rating", ignored);
    std::filesystem::copy_file(dir.file("shots/rating_ticket.png"),
                               std::string(MOTCUA_BINARY_DIR) + "/screenshots/rating/rating_ticket.png",
                               std::filesystem::copy_options::overwrite_existing, ignored);

    REQUIRE(app.tap("rating.1"));
    REQUIRE(controller.model().screen == Screen::Thanks);
    app.advance_clock(config.thanks_ms);
    app.settle();
    REQUIRE(app.tap("rating.2"));  // the next person, with no ticket: the plain rating
    REQUIRE(controller.model().saved_count == 2);

    auto sent = site.sync({"run", "--once"});
    INFO(sent.output);
    REQUIRE(sent.exit_code == 0);

    CHECK(report_groups(site, "ticket") == std::map<std::string, std::int64_t>{{"", 1}, {ticket, 1}});
    CHECK(report_groups(site, "linked") == std::map<std::string, std::int64_t>{{"none", 1}, {"ticket", 1}});
    CHECK(report_groups(site, "officer")["can-bo-an"] == 1);
    CHECK(report_groups(site, "service")["dat-dai"] == 1);
    CHECK(report_groups(site, "counter")["3A"] == 2);
    CHECK(site.server_query_int("SELECT count(*) FROM events WHERE type = 'rating.submitted' AND ticket_id = '" +
                                ticket + "' AND json_extract(data, '$.dossier_codes[0]') = '000.00.14.H12-210315-0001'") ==
          1);
}
