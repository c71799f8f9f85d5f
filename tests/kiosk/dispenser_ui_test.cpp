// The dispenser in the real SDL window (offscreen driver without a display), tapped at its
// buttons' recorded positions: the ticket committed to the SQLite file, printed to a file or a
// TCP printer on 127.0.0.1, its printed QR and its on-screen QR read back with zbarimg, and a
// second real motcua-kiosk process issuing from the same database.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/clock.hpp"
#include "kiosk/app/sdl_app.hpp"
#include "kiosk/print/escpos.hpp"
#include "kiosk/kiosk_settings.hpp"
#include "kiosk/roles/dispenser/dispenser_role.hpp"
#include "kiosk/site_queue.hpp"
#include "tests/kiosk/screenshot_pixels.hpp"
#include "tests/print/fake_printer.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::dispenser;

namespace {
const std::string kAssets = std::string(MOTCUA_SOURCE_DIR) + "/assets";
constexpr std::int64_t kTuesday9am = 1795485600000;  // 2026-11-24 09:00 in Hà Nội: open
constexpr std::int64_t kSunday9am = 1795312800000;

std::string scan_qr(const std::string& png) {
    auto r = test::run({"/bin/sh", "-c", "zbarimg --quiet --raw \"$0\" 2>/dev/null", png}, std::chrono::seconds(30));
    return r.exit_code == 0 ? test::chomp(r.output) : std::string();
}

std::size_t count_events(const std::string& db, std::string_view type) {
    auto store = EventStore::open(db);
    std::size_t n = 0;
    for (auto& e : store->all_events()) n += e.type == type;
    return n;
}

struct UiFixture {
    test::TempDir dir;
    std::string db = dir.file("kiosk.db");
    std::string shots = dir.file("shots");
    EventStore store = std::move(EventStore::open(db).value());
    Texts texts = Texts::load(kAssets).value();
    std::int64_t wall;
    DispenserRole* role = nullptr;
    std::unique_ptr<Role> owned;
    std::unique_ptr<KioskApp> app;

    UiFixture(std::string printer, queue::QueueSettings settings = queue::default_queue_settings(),
              std::int64_t wall_ms = kTuesday9am, int printer_timeout_ms = 500)
        : wall(wall_ms) {
        DispenserConfig config;
        config.site_id = "xa-an-phu";
        config.site_name = "UBND xã An Phú";
        config.printer_target = std::move(printer);
        config.printer_timeout_ms = printer_timeout_ms;
        config.fonts = {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"};
        config.wall_clock = [this] { return wall; };
        auto controller = DispenserController::open(config, store, std::move(settings), 0);
        if (!controller) FAIL(controller.error());
        auto r = std::make_unique<DispenserRole>(std::move(controller.value()), texts);
        role = r.get();
        owned = std::move(r);
        AppOptions options;
        options.windowed = true;
        options.screenshot_dir = shots;
        options.font_file = config.fonts.regular;
        options.bold_font_file = config.fonts.bold;
        auto created = KioskApp::create(options, *owned);
        if (!created) FAIL("cannot start the kiosk window: " << created.error());
        app = std::move(created.value());
        app->settle();
    }
    const DispenserModel& model() { return role->controller().model(); }
    void wait_for_printer() {
        for (int i = 0; i < 6000 && role->controller().printing(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        REQUIRE_FALSE(role->controller().printing());
        app->advance_clock(100);  // the window's next tick takes the printer's answer
        app->settle();
    }
};
}  // namespace

TEST_CASE("a citizen taps a field and Khong and the printed QR and the on-screen QR both read as the ticket") {
    test::TempDir out;
    const std::string printed = out.file("ticket.bin");
    UiFixture f("file:" + printed);
    REQUIRE(f.model().screen == Screen::Fields);
    const Rect r = f.app->hit_targets().at("field.tu-phap-ho-tich");
    CHECK(r.w >= 300);
    CHECK(r.h >= 100);
    REQUIRE(f.app->tap("field.tu-phap-ho-tich"));
    REQUIRE(f.model().screen == Screen::Priority);
    REQUIRE(f.app->tap("priority.none"));
    REQUIRE(f.model().screen == Screen::Ticket);
    CHECK(count_events(f.db, "ticket.issued") == 1);
    f.wait_for_printer();
    REQUIRE(f.model().ticket->print == PrintState::Printed);
    const std::string reference = f.model().ticket->reference;

    std::ifstream in(printed, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    auto image = print::decode_ticket(bytes.str());
    REQUIRE(image);
    const std::string png = out.file("printed.png");
    REQUIRE(print::write_png(image.value(), png));
    CHECK(scan_qr(png) == reference);

    // The screen's own QR, from the screenshot the window saved.
    const std::string shown = f.shots + "/ticket.png";
    REQUIRE(std::filesystem::exists(shown));
    CHECK(scan_qr(shown) == reference);

    REQUIRE(f.app->tap("done"));
    CHECK(f.model().screen == Screen::Fields);
    CHECK(count_events(f.db, "ticket.cancelled") == 0);
}

TEST_CASE("a TCP printer that stops reading mid-ticket leaves the screen answering and the ticket shown") {
    test::FakePrinter printer(test::FakePrinter::Mode::stop_reading, test::FakePrinter::kAllClear, 4096);
    // Long enough that the taps below (each renders frames in software) happen while it hangs.
    UiFixture f(printer.target(), queue::default_queue_settings(), kTuesday9am, 5000);
    REQUIRE(f.app->tap("field.chung-thuc"));
    REQUIRE(f.app->tap("priority.elderly"));
    REQUIRE(f.model().screen == Screen::Ticket);
    REQUIRE(f.role->controller().printing());
    // While the printer holds the bytes the window still takes taps.
    REQUIRE(f.app->tap("language"));
    CHECK(f.model().language == Language::En);
    REQUIRE(f.app->tap("language"));
    f.wait_for_printer();
    CHECK(f.model().screen == Screen::Ticket);
    CHECK(f.model().ticket->print == PrintState::Failed);
    CHECK_FALSE(f.model().printer_problem_vi.empty());
    CHECK(count_events(f.db, "device.alarm") == 1);
    CHECK(scan_qr(f.shots + "/ticket_not_printed.png") == f.model().ticket->reference);
    REQUIRE(f.app->tap("done"));
    CHECK(count_events(f.db, "ticket.cancelled") == 0);  // it was shown: delivered
}

TEST_CASE("the closed and het so screens show what a citizen needs") {
    SECTION("closed") {
        UiFixture f("none", queue::default_queue_settings(), kSunday9am);
        CHECK(f.model().screen == Screen::Closed);
        CHECK(std::filesystem::exists(f.shots + "/closed.png"));
        CHECK(f.app->hit_targets().count("field.tu-phap-ho-tich") == 0);
    }
    SECTION("het so") {
        queue::QueueSettings settings = queue::default_queue_settings();
        settings.fields[2].daily_limit = 1;
        UiFixture f("none", settings);
        REQUIRE(f.app->tap("field.dat-dai"));
        REQUIRE(f.app->tap("priority.none"));
        REQUIRE(f.app->tap("done"));
        CHECK(f.model().fields[2].sold_out);
        CHECK(f.app->hit_targets().count("field.dat-dai") == 0);  // nothing to tap
        CHECK(std::filesystem::exists(f.shots + "/fields_sold_out.png"));
    }
}

TEST_CASE("a server configuration that cannot be used shows the staff banner and a good one renames a field") {
    UiFixture f("none");
    const std::string pulled = f.dir.file("server-config.json");
    auto save = [&](const std::string& bytes) {
        std::ofstream(pulled + ".tmp", std::ios::binary | std::ios::trunc) << bytes;
        std::filesystem::rename(pulled + ".tmp", pulled);
    };
    json levels = json::array();
    for (auto& row : default_rating_level_rows()) levels.push_back(row);
    auto config = [&](std::int64_t version, const queue::QueueSettings& queue) {
        return json{{"version", version}, {"site", {{"id", "xa-an-phu"}, {"name", "UBND xã An Phú"}}},
                    {"counters", json::array()}, {"rating", {{"scale", levels}, {"reasons", json::array()}}},
                    {"tickets", queue.to_json()}}
            .dump();
    };
    save(config(1, queue::default_queue_settings()));
    Settings settings(kiosk_settings());
    settings.set("device.config_cache", pulled);
    std::ostringstream log;
    auto site = SiteQueue::open(settings, "dispenser", log);
    REQUIRE(site.ok());
    f.role->controller().follow(std::move(site.value()), 0);

    save("{\"version\": 2, \"site\": ");  // cut short
    f.app->advance_clock(5 * 1000 + 1)  /* ui.config_check_seconds */;
    f.app->settle();
    CHECK_FALSE(f.model().config_problem.empty());
    REQUIRE(f.app->save_screenshot(f.shots + "/config_refused.png"));
    CHECK(test::warning_share_at_bottom(f.shots + "/config_refused.png") > 0.5);

    queue::QueueSettings renamed = queue::default_queue_settings();
    renamed.fields[0].name_vi = "Chứng thực – Hộ tịch";
    save(config(3, renamed));
    f.app->advance_clock(5 * 1000 + 1)  /* ui.config_check_seconds */;
    f.app->settle();
    CHECK(f.model().config_problem.empty());
    CHECK(f.model().fields.at(0).name_vi == "Chứng thực – Hộ tịch");
    REQUIRE(f.app->save_screenshot(f.shots + "/config_renamed.png"));
    CHECK(test::warning_share_at_bottom(f.shots + "/config_renamed.png") < 0.5);
    if (const char* keep = std::getenv("MOTCUA_KEEP_SCREENSHOTS")) {
        std::filesystem::create_directories(keep);
        for (const char* name : {"config_refused.png", "config_renamed.png"})
            std::filesystem::copy_file(f.shots + "/" + name, std::filesystem::path(keep) / (std::string("dispenser_") + name),
                                       std::filesystem::copy_options::overwrite_existing);
    }
}

TEST_CASE("a second motcua-kiosk dispenser process on the same database continues the numbering") {
    test::TempDir dir;
    const std::string db = dir.file("kiosk.db");
    {
        std::ofstream toml(dir.file("kiosk.toml"));
        toml << "[queue]\nopening_hours = \"Mon-Sun 00:00-24:00\"\n";
    }
    queue::QueueSettings settings = queue::default_queue_settings();
    for (auto& day : settings.opening_hours.by_weekday) day = {{0, 24 * 60}};
    EventStore store = std::move(EventStore::open(db).value());
    QueueSession here = std::move(QueueSession::open(store, settings).value());
    const std::int64_t now = clock::unix_ms_now();
    auto issue = [&] {
        auto out = here.run([&](const queue::QueueAuthority& a) { return a.issue({"tu-phap-ho-tich", "", "", "here"}, now); });
        REQUIRE(out);
        REQUIRE(out->command.ok());
        return here.state().ticket(out->command.ticket())->display;
    };
    CHECK(issue() == "A001");
    auto demo = test::run({test::binary("motcua-kiosk"), "--role", "dispenser", "--demo", "--config", dir.file("kiosk.toml"),
                           "--db", db, "--screenshot-dir", dir.file("shots")},
                          std::chrono::seconds(60), {"SDL_VIDEODRIVER=offscreen"});
    INFO(demo.output);
    REQUIRE(demo.exit_code == 0);
    CHECK(demo.output.find("ticket A002 issued") != std::string::npos);
    CHECK(issue() == "A003");
}
