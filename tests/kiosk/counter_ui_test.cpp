// The counter staff console in the real SDL window (offscreen driver without a display): typed
// text and keys as from a keyboard or a keyboard-wedge scanner, taps at the buttons' recorded
// positions, and the events read back from the SQLite file.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/clock.hpp"
#include "kiosk/app/sdl_app.hpp"
#include "kiosk/queue_session.hpp"
#include "kiosk/roles/counter/counter_role.hpp"
#include "kiosk/kiosk_settings.hpp"
#include "kiosk/site_queue.hpp"
#include "kiosk/theme.hpp"
#include "tests/kiosk/counter_test_helpers.hpp"
#include "tests/kiosk/screenshot_pixels.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;
namespace fs = std::filesystem;

namespace {

struct CounterUi {
    test::TempDir dir;
    std::string db = dir.file("kiosk.db");
    std::string shots = dir.file("shots");
    EventStore store = std::move(EventStore::open(db).value());
    Texts texts = Texts::load(std::string(MOTCUA_SOURCE_DIR) + "/assets").value();
    std::unique_ptr<CounterController> controller;
    std::unique_ptr<CounterRole> role;
    std::unique_ptr<KioskApp> app;

    // Tickets waiting before the console starts, as the dispenser (another process) issues them.
    explicit CounterUi(const std::vector<std::string>& fields) {
        {
            EventStore s = std::move(EventStore::open(db).value());
            QueueSession dispenser = std::move(QueueSession::open(s, test::counter_queue()).value());
            std::string priority;
            for (const std::string& field : fields) {
                auto out = dispenser.run([&](const queue::QueueAuthority& q) {
                    return q.issue({field, "", priority, "d1"}, clock::unix_ms_now());
                });
                REQUIRE(out->command.ok());
                priority = priority.empty() ? "elderly" : "";  // every other one a priority ticket
            }
        }
        // The real wall clock: the store stamps events with it, and the screen shows their times.
        CounterConfig config = test::counter_config("1");
        config.wall_clock = clock::unix_ms_now;
        controller = std::make_unique<CounterController>(config, test::counter_queue(), store, 0);
        role = std::make_unique<CounterRole>(*controller, texts);
        AppOptions options;
        options.windowed = true;
        options.screenshot_dir = shots;
        options.font_file = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
        options.bold_font_file = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
        auto created = KioskApp::create(options, *role);
        if (!created) FAIL("cannot start the kiosk window: " << created.error());
        app = std::move(created.value());
        app->settle();
    }
    const CounterModel& m() const { return controller->model(); }
    bool has(const std::string& target) const { return app->hit_targets().count(target) > 0; }
};

}  // namespace

TEST_CASE("counter window: sign in by keyboard then call next, start and finish with a dossier code") {
    CounterUi ui({"ho-tich", "ho-tich", "dat-dai"});
    CHECK(ui.m().screen == CounterScreen::SignIn);
    CHECK_FALSE(ui.has("counter.call_next"));  // nothing but sign-in
    ui.app->type_text("cb01");
    ui.app->press_key(Key::Tab);
    ui.app->type_text("1234");
    ui.app->press_key(Key::Enter);
    REQUIRE(ui.m().screen == CounterScreen::Console);
    CHECK(ui.m().waiting.size() == 2);  // counter 1 serves hộ tịch only
    CHECK_FALSE(ui.has("counter.finish"));  // disabled: drawn, not pressable
    for (const auto& [target, rect] : ui.app->hit_targets()) {
        INFO(target);
        CHECK(target.rfind("rating", 0) != 0);  // staff cannot rate
    }
    REQUIRE(ui.app->tap("counter.call_next"));
    REQUIRE(ui.m().current);
    const std::string number = ui.m().current->display;
    REQUIRE(ui.app->tap("counter.start"));
    // A scanner types the dossier code and presses Enter.
    ui.app->type_text("000.00.14.H12-210315-0042");
    ui.app->press_key(Key::Enter);
    CHECK(ui.m().dossier_codes.size() == 1);
    REQUIRE(ui.app->tap("counter.finish"));
    CHECK_FALSE(ui.m().current);

    auto signed_in = test::committed(ui.db, event_type::kOfficerSignedIn);
    REQUIRE(signed_in.size() == 1);
    CHECK(signed_in[0]["officer"] == "cb01");
    auto called = test::committed(ui.db, event_type::kTicketCalled);
    REQUIRE(called.size() == 1);
    CHECK(called[0]["display"] == number);
    CHECK(called[0]["counter"] == "1");
    auto served = test::committed(ui.db, event_type::kTicketServed);
    REQUIRE(served.size() == 1);
    CHECK(served[0]["display"] == number);
    CHECK(served[0]["counter"] == "1");
    CHECK(served[0]["officer"] == "cb01");
    CHECK(served[0]["field"] == "ho-tich");
    CHECK(served[0]["dossier_codes"] == json::array({"000.00.14.H12-210315-0042"}));
}

TEST_CASE("counter window: a ticket issued by another connection shows on the console after tick") {
    CounterUi ui({});
    ui.app->type_text("cb01");
    ui.app->press_key(Key::Enter);
    ui.app->type_text("1234");
    ui.app->press_key(Key::Enter);
    REQUIRE(ui.m().screen == CounterScreen::Console);
    CHECK_FALSE(ui.has("counter.call_next"));
    {
        EventStore s = std::move(EventStore::open(ui.db).value());
        QueueSession dispenser = std::move(QueueSession::open(s, test::counter_queue()).value());
        REQUIRE(dispenser.run([&](const queue::QueueAuthority& q) {
                             return q.issue({"ho-tich", "", "", "d1"}, clock::unix_ms_now());
                         })->command.ok());
    }
    ui.app->settle();  // the window ticks the role, which folds what the other connection committed
    CHECK(ui.m().waiting.size() == 1);
    CHECK(ui.has("counter.call_next"));
}

TEST_CASE("counter window: the demo goes through every screen and saves a screenshot of each") {
    CounterUi ui({"ho-tich", "ho-tich", "ho-tich", "ho-tich", "dat-dai", "ho-tich", "ho-tich", "ho-tich"});
    ui.role->set_demo_credentials("cb01", "1234");
    std::ostringstream log;
    CHECK(ui.role->run_demo(*ui.app, log) == 0);
    INFO(log.str());
    for (const char* name : {"sign_in", "sign_in_wrong_pin", "console", "console_called", "serving_dossier",
                             "transfer_dialog", "no_show_dialog", "walk_in_dialog", "paused"}) {
        INFO(name);
        CHECK(fs::exists(ui.shots + "/" + name + ".png"));
    }
    if (const char* keep = std::getenv("MOTCUA_KEEP_SCREENSHOTS")) {
        fs::create_directories(keep);
        for (auto& f : fs::directory_iterator(ui.shots))
            fs::copy_file(f.path(), fs::path(keep) / f.path().filename(), fs::copy_options::overwrite_existing);
    }
    CHECK(test::committed(ui.db, event_type::kTicketServed).size() == 1);
    CHECK(test::committed(ui.db, event_type::kOfficerSignedOut).size() == 1);
}

TEST_CASE("counter window: a server configuration saved while it runs that cannot be used shows the staff banner") {
    CounterUi ui({"ho-tich"});
    const std::string pulled = ui.dir.file("server-config.json");
    auto save = [&](const std::string& bytes) {
        std::ofstream(pulled + ".tmp", std::ios::binary | std::ios::trunc) << bytes;
        fs::rename(pulled + ".tmp", pulled);
    };
    json levels = json::array();
    for (auto& row : default_rating_level_rows()) levels.push_back(row);
    save(json{{"version", 1}, {"site", {{"id", "xa-an-phu"}, {"name", "UBND xã An Phú"}}}, {"counters", json::array()},
              {"rating", {{"scale", levels}, {"reasons", json::array()}}}, {"tickets", test::counter_queue().to_json()}}
             .dump());
    Settings settings(kiosk_settings());
    settings.set("device.config_cache", pulled);
    std::ostringstream log;
    auto queue = SiteQueue::open(settings, "counter", log);
    REQUIRE(queue.ok());
    INFO(log.str());
    REQUIRE(queue->problem().empty());
    ui.controller->follow(std::move(queue.value()), 0);
    ui.app->type_text("cb01");
    ui.app->press_key(Key::Tab);
    ui.app->type_text("1234");
    ui.app->press_key(Key::Enter);
    REQUIRE(ui.m().screen == CounterScreen::Console);
    REQUIRE(ui.app->save_screenshot(ui.shots + "/before.png"));
    CHECK(test::warning_share_at_bottom(ui.shots + "/before.png") < 0.5);

    save("{\"version\": 2, \"site\": ");  // cut short
    ui.app->advance_clock(5 * 1000 + 1)  /* ui.config_check_seconds */;
    ui.app->settle();
    CHECK(ui.m().config_problem_key == "counter.config.refused");
    CHECK(ui.m().screen == CounterScreen::Console);  // the officer works on
    REQUIRE(ui.app->save_screenshot(ui.shots + "/config_refused.png"));
    CHECK(test::warning_share_at_bottom(ui.shots + "/config_refused.png") > 0.5);
    if (const char* keep = std::getenv("MOTCUA_KEEP_SCREENSHOTS")) {
        fs::create_directories(keep);
        fs::copy_file(ui.shots + "/config_refused.png", fs::path(keep) / "counter_config_refused.png",
                      fs::copy_options::overwrite_existing);
    }
}

// Two real motcua-kiosk processes, counters 1 and 2 serving one field, run their demo (sign in,
// call, serve, transfer, no-show...) at the same moment on one database that an in-test
// QueueSession filled as the dispenser would. Each call is a write transaction, so no ticket is
// called by both. (A no-show goes back to the END of a 30-ticket line: with six calls in all,
// neither counter reaches it again, so every call here names a different ticket.)
TEST_CASE("counter processes: two consoles calling at once on one database never call the same ticket") {
    test::TempDir dir;
    const std::string db = dir.file("kiosk.db");
    queue::QueueSettings settings = queue::default_queue_settings();
    for (auto& day : settings.opening_hours.by_weekday) day = {{0, 24 * 60}};
    settings.opening_hours.closed_dates.clear();
    {
        EventStore s = std::move(EventStore::open(db).value());
        QueueSession dispenser = std::move(QueueSession::open(s, settings).value());
        for (int i = 0; i < 30; ++i)
            REQUIRE(dispenser.run([&](const queue::QueueAuthority& q) {
                                 return q.issue({"tu-phap-ho-tich", "", "", "d1"}, clock::unix_ms_now());
                             })->command.ok());
    }
    const std::string hash = test::cheap_pin_hash("1234");
    auto config = [&](const std::string& counter) {
        const std::string path = dir.file("counter" + counter + ".toml");
        std::ofstream out(path);
        out << "[device]\ncounter = \"" << counter << "\"\n\n"
            << "[[queue.counters]]\nid = \"1\"\nname = \"Quầy số 1\"\nfields = \"tu-phap-ho-tich\"\n"
            << "[[queue.counters]]\nid = \"2\"\nname = \"Quầy số 2\"\nfields = \"tu-phap-ho-tich\"\n"
            << "[[queue.counters]]\nid = \"3\"\nname = \"Quầy số 3\"\nfields = \"chung-thuc\"\n"
            << "[[queue.officers]]\nid = \"cb01\"\nname = \"Nguyễn Thị Lan\"\npin_hash = \"" << hash
            << "\"\ncounters = \"\"\n";
        return path;
    };
    auto start = [&](const std::string& counter) {
        return std::make_unique<test::Process>(
            std::vector<std::string>{test::binary("motcua-kiosk"), "--role", "counter", "--config", config(counter),
                                     "--db", db, "--demo", "--screenshot-dir", dir.file("shots" + counter)},
            std::vector<std::string>{"MOTCUA_DEMO_OFFICER=cb01", "MOTCUA_DEMO_PIN=1234"});
    };
    auto one = start("1");
    auto two = start("2");
    CHECK_FALSE(one->wait_for_line("demo: database", std::chrono::seconds(90)).empty());
    CHECK_FALSE(two->wait_for_line("demo: database", std::chrono::seconds(90)).empty());
    INFO(one->output() << "\n----\n" << two->output());
    CHECK(one->output().find("demo: signed in, called, served") != std::string::npos);
    CHECK(two->output().find("demo: signed in, called, served") != std::string::npos);
    auto called = test::committed(db, event_type::kTicketCalled);
    std::set<std::string> tickets, counters;
    for (const json& c : called) {
        tickets.insert(c["ticket"].get<std::string>());
        counters.insert(c["counter"].get<std::string>());
    }
    CHECK(called.size() == 6);
    CHECK(tickets.size() == called.size());
    CHECK(counters == std::set<std::string>{"1", "2"});
}
