// Drives the real SDL window (offscreen driver without a display, the X server under Xvfb)
// with injected taps at the buttons' recorded positions, and checks the SQLite file.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "kiosk/app/sdl_app.hpp"
#include "kiosk/roles/rating/rating_role.hpp"
#include "kiosk/kiosk_settings.hpp"
#include "tests/kiosk/kiosk_test_helpers.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;
namespace fs = std::filesystem;

namespace {
const std::string kAssets = std::string(MOTCUA_SOURCE_DIR) + "/assets";

bool is_png(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char sig[8] = {};
    in.read(sig, 8);
    std::error_code ec;
    return in && std::string(sig + 1, 3) == "PNG" && fs::file_size(path, ec) > 1000;
}

// Not the machine's /var/lib/motcua file: these tests draw the kiosk's own scale.
RatingConfig without_pulled_config(RatingConfig config) {
    config.pulled_config_path.clear();
    return config;
}

struct UiFixture {
    test::TempDir dir;
    std::string db = dir.file("kiosk.db");
    std::string shots = dir.file("shots");
    EventStore store = std::move(EventStore::open(db).value());
    RatingConfig config;
    Texts texts = Texts::load(kAssets).value();
    RatingController controller;
    RatingRole role{controller, texts};
    std::unique_ptr<KioskApp> app;

    // run_for_ms > 0: app->run() is the kiosk's real loop, returning after that much real time.
    explicit UiFixture(std::int64_t run_for_ms = 0, Settings settings = Settings(kiosk_settings()))
        : config(without_pulled_config(RatingConfig::from_settings(settings).value())),
          controller(config, store, 0) {
        AppOptions options;
        options.run_for_ms = run_for_ms;
        options.windowed = true;
        options.screenshot_dir = shots;
        options.font_file = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
        options.bold_font_file = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
        auto created = KioskApp::create(options, role);
        if (!created) FAIL("cannot start the kiosk window: " << created.error());
        app = std::move(created.value());
        app->settle();
    }
    Screen screen() const { return controller.model().screen; }
};
}  // namespace

TEST_CASE("tapping each rating button stores exactly one durable event with its score") {
    UiFixture f;
    INFO("video driver " << f.app->video_driver());
    size_t expected = 0;
    for (const auto& level : f.config.scale.levels) {
        REQUIRE(f.screen() == Screen::Rating);
        const std::string target = "rating." + std::to_string(level.score);
        REQUIRE(f.app->hit_targets().count(target));
        const Rect r = f.app->hit_targets().at(target);
        CHECK(r.w >= 200);  // big enough for an unsteady finger
        CHECK(r.h >= 200);
        REQUIRE(f.app->tap(target));
        if (level.asks_reason) {
            REQUIRE(f.screen() == Screen::Reasons);
            CHECK(test::durable_ratings(f.db).size() == expected);  // nothing yet
            REQUIRE(f.app->tap("reasons.attitude"));
            CHECK(f.controller.model().reason_selected("attitude"));
            REQUIRE(f.app->tap("reasons.submit"));
        }
        REQUIRE(f.screen() == Screen::Thanks);
        ++expected;
        auto ratings = test::durable_ratings(f.db);
        REQUIRE(ratings.size() == expected);
        CHECK(ratings.back()["score"] == level.score);
        if (level.asks_reason) CHECK(ratings.back()["reasons"] == json::array({"attitude"}));
        f.app->advance_clock(f.config.thanks_ms);
        f.app->settle();
        CHECK(f.screen() == Screen::Rating);
    }
    for (const char* name : {"rating.png", "reasons.png", "thanks.png"}) {
        INFO(name);
        CHECK(is_png(f.shots + "/" + name));
    }
}

TEST_CASE("back on the reasons screen saves nothing") {
    UiFixture f;
    REQUIRE(f.app->tap("rating.3"));
    REQUIRE(f.screen() == Screen::Reasons);
    REQUIRE(f.app->tap("reasons.back"));
    CHECK(f.screen() == Screen::Rating);
    CHECK(test::durable_ratings(f.db).empty());
}

TEST_CASE("the language switch shows English and the idle timeout brings Vietnamese back") {
    UiFixture f;
    REQUIRE(f.app->tap("language"));
    CHECK(f.controller.model().language == Language::En);
    CHECK(is_png(f.shots + "/rating_en.png"));
    f.app->advance_clock(f.config.idle_ms);
    f.app->settle();
    CHECK(f.controller.model().language == Language::Vi);
}

TEST_CASE("a failed save shows the apology screen, not thanks") {
    UiFixture f;
    REQUIRE(test::break_appends(f.db));
    REQUIRE(f.app->tap("rating.1"));
    CHECK(f.screen() == Screen::SaveFailed);
    CHECK(is_png(f.shots + "/save_failed.png"));
    CHECK_FALSE(fs::exists(f.shots + "/thanks.png"));
    REQUIRE(test::repair_appends(f.db));
    REQUIRE(f.app->tap("save_failed.retry"));
    CHECK(f.screen() == Screen::Thanks);
    CHECK(test::durable_ratings(f.db).size() == 1);
}

TEST_CASE("an idle kiosk renders nothing while real time passes, and a timer draws only its change") {
    Settings settings(kiosk_settings());
    settings.set("ui.thanks_seconds", std::int64_t{1});
    UiFixture f(2500, settings);
    REQUIRE(f.app->tap("rating.1"));
    REQUIRE(f.screen() == Screen::Thanks);
    // 2.5 s of the real loop: the 1 s thank-you timer fires and the rating screen comes back...
    auto before_timer = f.app->frames_rendered();
    CHECK(f.app->run() == 1);
    CHECK(f.screen() == Screen::Rating);
    auto timer_frames = f.app->frames_rendered() - before_timer;
    CHECK(timer_frames >= 1);
    CHECK(timer_frames <= 3);  // the new screen's frames, not one per loop turn
    // ...then 2.5 s more with nothing to do: not a single frame.
    auto idle_start = f.app->frames_rendered();
    CHECK(f.app->run() == 1);
    CHECK(f.app->frames_rendered() == idle_start);
    CHECK(test::durable_ratings(f.db).size() == 1);
}

TEST_CASE("motcua-kiosk --demo taps through every screen and writes the screenshots") {
    test::TempDir dir;
    auto result = test::run({test::binary("motcua-kiosk"), "--demo", "--screenshot-dir", dir.file("shots"), "--db",
                             dir.file("demo.db")},
                            std::chrono::seconds(60));
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    for (const char* name : {"rating.png", "rating_en.png", "reasons.png", "reasons_en.png", "reasons_selected.png",
                             "thanks.png"}) {
        INFO(name);
        CHECK(is_png(dir.file("shots") + "/" + name));
    }
    CHECK(test::durable_ratings(dir.file("demo.db")).size() == 3);
    if (!std::getenv("DISPLAY"))
        CHECK(result.output.find("no display: running headless with the offscreen video driver") != std::string::npos);
}

TEST_CASE("motcua-kiosk --print-default-config matches config/kiosk.toml") {
    auto result = test::run({test::binary("motcua-kiosk"), "--print-default-config"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.output == default_config_toml());
}

TEST_CASE("motcua-kiosk refuses a bad settings file with file:line:key and exit 2") {
    test::TempDir dir;
    dir.write("kiosk.toml", "[ui]\nidle_seconds = 1\n");
    auto result = test::run({test::binary("motcua-kiosk"), "--config", dir.file("kiosk.toml")});
    CHECK(result.exit_code == 2);
    CHECK(result.output.find(dir.file("kiosk.toml") + ":2") != std::string::npos);
    CHECK(result.output.find("ui.idle_seconds") != std::string::npos);
    auto unknown = test::run({test::binary("motcua-kiosk"), "--bogus"});
    CHECK(unknown.exit_code == 2);
}

TEST_CASE("when the database cannot be opened the kiosk shows out of service, then exits 1 to be restarted") {
    test::TempDir dir;
    dir.write("junk.db", std::string(8192, '\x5a'));
    dir.write("kiosk.toml", "[ui]\nout_of_service_seconds = 1\n");
    auto result = test::run({test::binary("motcua-kiosk"), "--config", dir.file("kiosk.toml"), "--db",
                             dir.file("junk.db"), "--screenshot-dir", dir.file("shots")});
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.output, Catch::Contains("OUT OF SERVICE: cannot open the event database") &&
                                  Catch::Contains("junk.db") && !Catch::Contains("saving ratings"));
    CHECK(is_png(dir.file("shots/out_of_service.png")));
    CHECK_FALSE(fs::exists(dir.file("shots/rating.png")));  // never offered a rating it could not keep
}

// Idle CPU is a speed figure (bench/kiosk_runtime.sh measures it); what a test can check is the
// behaviour behind it: the real program draws nothing while idle, however long it waits.
TEST_CASE("the idle kiosk process draws the same frames whether it idles half a second or four") {
    auto frames_after_idling = [](std::chrono::milliseconds idle) -> long {
        test::TempDir dir;
        test::Process kiosk({test::binary("motcua-kiosk"), "--windowed", "--db", dir.file("kiosk.db")});
        INFO(kiosk.output());
        REQUIRE_FALSE(kiosk.wait_for_line("role rating, database ").empty());
        std::this_thread::sleep_for(idle);
        REQUIRE(kiosk.running());
        kiosk.terminate();  // SIGTERM: SDL turns it into a quit event and the loop ends normally
        std::string line = kiosk.wait_for_line("stopped after");
        INFO(kiosk.output());
        REQUIRE(!line.empty());
        return std::stol(line.substr(line.find("stopped after ") + 14));
    };
    long short_run = frames_after_idling(std::chrono::milliseconds(500));
    long long_run = frames_after_idling(std::chrono::milliseconds(4000));
    CHECK(short_run >= 1);
    CHECK(long_run == short_run);
}
