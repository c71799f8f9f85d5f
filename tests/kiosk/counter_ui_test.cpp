// The counter staff console in the real SDL window (offscreen driver without a display): typed
// text and keys as from a keyboard or a keyboard-wedge scanner, taps at the buttons' recorded
// positions, and the events read back from the SQLite file.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "core/clock.hpp"
#include "kiosk/app/sdl_app.hpp"
#include "kiosk/queue_session.hpp"
#include "kiosk/roles/counter/counter_role.hpp"
#include "tests/kiosk/counter_test_helpers.hpp"
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
