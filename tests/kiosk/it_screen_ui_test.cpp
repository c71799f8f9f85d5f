// The kiosk's IT screen (issue 7) in the real SDL window (offscreen driver without a display, the
// X server under Xvfb): opened by five taps in the corner, PIN pad (wrong then right), the sync
// state read from the real kiosk database, enrolment with a code typed on the on-screen keyboard
// against the real motcua-server on 127.0.0.1, the idle close, and the delivery mark on the
// rating screen before and after a real `motcua-sync run --once`.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "core/clock.hpp"
#include "core/pin_hash.hpp"
#include "kiosk/app/sdl_app.hpp"
#include "kiosk/it/it_overlay_role.hpp"
#include "kiosk/kiosk_settings.hpp"
#include "tests/kiosk/loopback_site.hpp"

using namespace motcua;
using namespace motcua::kiosk;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPin = "246810";

std::string without_dashes(std::string code) {
    std::erase(code, '-');
    return code;
}

struct ItUi {
    test::TempDir dir;
    std::string db = dir.file("kiosk.db");
    std::string shots = dir.file("shots");
    test::LoopbackSite site{dir, db};
    std::string server_url = "http://127.0.0.1:" + std::to_string(site.port);
    Settings settings{kiosk_settings()};
    Texts texts = Texts::load(std::string(MOTCUA_SOURCE_DIR) + "/assets").value();
    EventStore store = std::move(EventStore::open(db).value());
    std::int64_t wall_offset_ms = 0;  // the injected wall clock runs this far ahead of the real one
    ItOverlayRole* role = nullptr;
    std::unique_ptr<Role> owned;
    std::unique_ptr<KioskApp> app;

    explicit ItUi(std::string pin_hash = hash_pin(kPin, PinHashParams{10, 8, 1}).value()) {
        // motcua-sync's settings as on a kiosk, with the server's URL (the IT screen enrols with it).
        dir.write("sync.toml", "[storage]\ndb_path = \"" + db + "\"\n[device]\nidentity_file = \"" +
                                   dir.file("device.json") + "\"\nconfig_cache = \"" + site.config_cache +
                                   "\"\n[server]\nurl = \"" + server_url + "\"\n");
        RoleResources resources{settings, &store, "", texts, 0};
        auto inner = make_role("rating", resources);
        REQUIRE(inner);
        ItConfig config;
        config.pin_hash = std::move(pin_hash);
        config.idle_ms = 60'000;
        config.role_name = "rating";
        config.sync_config_path = dir.file("sync.toml");
        config.wall_clock = [this] { return clock::unix_ms_now() + wall_offset_ms; };
        MarkConfig mark;
        mark.threshold_ms = 24LL * 3600 * 1000;
        mark.sync_config_path = config.sync_config_path;
        auto wrapped = std::make_unique<ItOverlayRole>(std::move(inner->role), std::move(config), mark, &store);
        role = wrapped.get();
        owned = std::move(wrapped);
        AppOptions options;
        options.windowed = true;
        options.screenshot_dir = shots;
        options.font_file = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
        options.bold_font_file = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
        auto created = KioskApp::create(options, *owned);
        if (!created) FAIL("cannot start the kiosk window: " << created.error());
        app = std::move(created.value());
        app->settle();
    }
    ~ItUi() {
        // Kept for a person to look at (docs/screenshots/it/ holds a looked-at copy).
        if (const char* keep = std::getenv("MOTCUA_KEEP_SCREENSHOTS"); keep && fs::exists(shots)) {
            fs::create_directories(keep);
            for (auto& f : fs::directory_iterator(shots))
                fs::copy_file(f.path(), fs::path(keep) / f.path().filename(), fs::copy_options::overwrite_existing);
        }
    }
    const ItModel& m() const { return role->panel().model(); }
    bool has(const std::string& target) const { return app->hit_targets().count(target) > 0; }
    void tap_all(const std::string& prefix, const std::string& keys) {
        for (char c : keys) REQUIRE(app->tap(prefix + std::string(1, c)));
    }
    // The enrolment runs on a worker thread: let the window poll it, for at most 30 s.
    void wait_until_idle() {
        for (int i = 0; i < 300 && role->panel().busy(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            app->advance_clock(100);
            app->settle();
        }
        REQUIRE_FALSE(role->panel().busy());
    }
    // The mark is re-read once a minute on the window's clock.
    void next_mark_check() {
        app->advance_clock(61'000);
        app->settle();
    }
};

}  // namespace

TEST_CASE("IT screen: five corner taps then a wrong and a right PIN show the real state and enrol with a typed code") {
    ItUi ui;
    const std::string rating_view = ui.role->view();
    for (int i = 0; i < 4; ++i) REQUIRE(ui.app->tap("it.corner"));
    CHECK_FALSE(ui.role->panel().is_open());  // four taps are not enough
    REQUIRE(ui.app->tap("it.corner"));
    REQUIRE(ui.m().screen == ItScreen::Pin);
    CHECK(ui.has("it.pin.ok"));
    CHECK_FALSE(ui.has("rating.1"));  // the citizen's buttons are not under the PIN pad
    ui.app->screenshot("it_pin_pad");

    ui.tap_all("it.pin.", "1111");
    REQUIRE(ui.app->tap("it.pin.ok"));
    CHECK(ui.m().screen == ItScreen::Pin);
    CHECK(ui.m().pin_message == "Mã PIN không đúng. Còn 4 lần thử.");
    ui.app->screenshot("it_pin_wrong");

    ui.tap_all("it.pin.", kPin);
    REQUIRE(ui.app->tap("it.pin.ok"));
    REQUIRE(ui.m().screen == ItScreen::Status);
    // The status (a full hash-chain check) is read on the worker, so the window keeps drawing.
    CHECK(ui.m().busy_words == "Đang kiểm tra dữ liệu của máy...");
    ui.wait_until_idle();
    CHECK(ui.m().status_problem.empty());
    CHECK(ui.m().status.state == sync::SyncHealthState::NotEnrolled);
    CHECK(ui.m().status.state_vi == "Chưa đăng ký với máy chủ");
    ui.app->screenshot("it_status_not_enrolled");

    auto code = ui.site.server_cli({"enroll-code", "create", "--site", "xa-an-phu", "--counter", "3A"});
    REQUIRE(code.exit_code == 0);
    const std::string typed = without_dashes(test::chomp(code.output));  // the server ignores them
    REQUIRE(ui.app->tap("it.enrol"));
    REQUIRE(ui.m().screen == ItScreen::EnrolCode);
    ui.tap_all("it.key.", typed);
    CHECK(ui.m().enrol_code == typed);
    ui.app->screenshot("it_enrol_code");
    REQUIRE(ui.app->tap("it.enrol.submit"));
    ui.wait_until_idle();
    INFO(ui.m().result_message);
    CHECK(ui.m().result_ok);
    REQUIRE(ui.m().screen == ItScreen::Status);
    CHECK(ui.m().status.state == sync::SyncHealthState::Healthy);
    CHECK(fs::exists(ui.dir.file("device.json")));
    // What `motcua-sync status` says about the same files agrees.
    CHECK(ui.site.sync({"status"}).exit_code == 0);
    ui.app->screenshot("it_status_enrolled");

    // Left alone, it closes and the rating screen is back as it was.
    ui.app->advance_clock(61'000);
    ui.app->settle();
    CHECK_FALSE(ui.role->panel().is_open());
    CHECK(ui.role->view() == rating_view);
    CHECK(ui.has("rating.1"));
}

TEST_CASE("IT screen: a used enrolment code is refused in Vietnamese and Ctrl+Alt+I opens it") {
    ItUi ui;
    auto code = ui.site.server_cli({"enroll-code", "create", "--site", "xa-an-phu", "--counter", "3A"});
    REQUIRE(code.exit_code == 0);
    REQUIRE(ui.site.sync({"enroll", "--server", ui.server_url, "--code", test::chomp(code.output)}).exit_code == 0);
    ui.app->press_key(Key::StaffScreen);
    REQUIRE(ui.m().screen == ItScreen::Pin);
    ui.app->type_text(kPin);  // a keyboard works too
    ui.app->press_key(Key::Enter);
    REQUIRE(ui.m().screen == ItScreen::Status);
    ui.wait_until_idle();
    CHECK(ui.m().status.state == sync::SyncHealthState::Healthy);
    REQUIRE(ui.app->tap("it.enrol"));
    ui.tap_all("it.key.", without_dashes(test::chomp(code.output)));
    REQUIRE(ui.app->tap("it.enrol.submit"));
    ui.wait_until_idle();
    CHECK_FALSE(ui.m().result_ok);
    CHECK(ui.m().result_message.rfind("Máy chủ từ chối mã này", 0) == 0);
    CHECK(ui.m().screen == ItScreen::EnrolCode);
    ui.app->screenshot("it_enrol_refused");
    ui.app->press_key(Key::Escape);
    CHECK(ui.m().screen == ItScreen::Status);
    REQUIRE(ui.app->tap("it.restart"));
    CHECK(ui.role->exit_code() == kRestartExitCode);
}

TEST_CASE("IT screen: the start language chosen there is shown at once and kept across a restart") {
    ItUi ui;
    CHECK(ui.role->view() == "rating");
    ui.app->press_key(Key::StaffScreen);
    ui.app->type_text(kPin);
    ui.app->press_key(Key::Enter);
    REQUIRE(ui.m().screen == ItScreen::Status);
    ui.wait_until_idle();
    REQUIRE(ui.m().start_language == std::optional(Language::Vi));  // ui.language's default
    CHECK(ui.has("it.lang.vi"));
    REQUIRE(ui.app->tap("it.lang.en"));
    CHECK(ui.m().start_language == std::optional(Language::En));
    CHECK(ui.m().result_ok);
    CHECK(ui.m().result_message.rfind("Màn hình của công dân bắt đầu bằng tiếng Anh", 0) == 0);
    ui.app->screenshot("it_status_language");
    CHECK(ui.store.meta(meta_key::kStartLanguage) == std::optional<std::string>("en"));
    REQUIRE(ui.app->tap("it.close"));
    CHECK(ui.role->view() == "rating_en");  // nobody was rating: the screen changed at once
    // The idle return keeps the chosen language.
    ui.app->advance_clock(61'000);
    ui.app->settle();
    CHECK(ui.role->view() == "rating_en");

    // A restart: the role is built again from the same settings (ui.language = "vi") and database.
    RoleResources resources{ui.settings, &ui.store, "", ui.texts, 0};
    auto again = make_role("rating", resources);
    REQUIRE(again);
    CHECK(again->role->start_language() == std::optional(Language::Vi));
    ItConfig config;
    config.pin_hash = hash_pin(kPin, PinHashParams{10, 8, 1}).value();
    config.role_name = "rating";
    config.sync_config_path = ui.dir.file("sync.toml");
    ItOverlayRole restarted(std::move(again->role), std::move(config), MarkConfig{}, &ui.store);
    CHECK(restarted.inner().start_language() == std::optional(Language::En));  // the database's choice wins
    CHECK(restarted.view() == "rating_en");
    CHECK(restarted.panel().model().start_language == std::optional(Language::En));
}

TEST_CASE("IT screen: with no it.pin_hash it says it is disabled") {
    ItUi ui("");
    ui.app->press_key(Key::StaffScreen);
    REQUIRE(ui.m().screen == ItScreen::Disabled);
    CHECK(ui.m().disabled_reason.find("it.pin_hash") != std::string::npos);
    CHECK_FALSE(ui.has("it.pin.ok"));
    ui.app->screenshot("it_disabled");
    REQUIRE(ui.app->tap("it.close"));
    CHECK_FALSE(ui.role->panel().is_open());
}

TEST_CASE("delivery mark: S1 before enrolment then S2 for a backlog older than the threshold until delivered") {
    ItUi ui;
    CHECK(ui.role->mark() == DeliveryMark::NotEnrolled);
    CHECK(ui.has("it.mark"));
    ui.site.enrol();
    ui.next_mark_check();
    CHECK(ui.role->mark() == DeliveryMark::None);
    CHECK_FALSE(ui.has("it.mark"));

    REQUIRE(ui.app->tap("rating.1"));  // a citizen gives the best rating: one event waits
    REQUIRE(ui.store.pending_count() > 0);
    ui.wall_offset_ms = 23LL * 3600 * 1000;  // a day minus an hour later: not yet
    ui.next_mark_check();
    CHECK(ui.role->mark() == DeliveryMark::None);
    ui.wall_offset_ms = 25LL * 3600 * 1000;
    ui.next_mark_check();
    CHECK(ui.role->mark() == DeliveryMark::NotDelivering);
    CHECK(ui.has("it.mark"));
    ui.app->screenshot("it_mark_s2");

    auto sent = ui.site.sync({"run", "--once"});
    INFO(sent.output);
    REQUIRE(sent.exit_code == 0);
    ui.next_mark_check();
    CHECK(ui.role->mark() == DeliveryMark::None);
    CHECK_FALSE(ui.has("it.mark"));
}

TEST_CASE("IT screen on the dispenser: the printer test prints a slip through the printer code") {
    test::TempDir dir;
    EventStore store = std::move(EventStore::open(dir.file("kiosk.db")).value());
    Texts texts = Texts::load(std::string(MOTCUA_SOURCE_DIR) + "/assets").value();
    Settings settings{kiosk_settings()};
    settings.set("printer.target", "file:" + dir.file("printer.bin"));
    settings.set("it.pin_hash", hash_pin(kPin, PinHashParams{10, 8, 1}).value());
    settings.set("it.sync_config", dir.file("no-sync.toml"));  // motcua-sync's defaults: not enrolled
    RoleResources resources{settings, &store, "", texts, 0};
    auto inner = make_role("dispenser", resources);
    REQUIRE(inner);
    auto role = with_it_screen(std::move(inner->role), resources);  // as main wires it
    auto& it = dynamic_cast<ItOverlayRole&>(*role);
    AppOptions options;
    options.windowed = true;
    options.font_file = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    options.bold_font_file = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
    auto app = KioskApp::create(options, *role);
    REQUIRE(app);
    (*app)->settle();
    CHECK(it.mark() == DeliveryMark::NotEnrolled);
    CHECK((*app)->hit_targets().count("it.mark") == 1);
    (*app)->press_key(Key::StaffScreen);
    (*app)->type_text(kPin);
    (*app)->press_key(Key::Enter);
    REQUIRE(it.panel().model().screen == ItScreen::Status);
    auto wait_until_idle = [&] {  // the status read, then the printing, run on the worker
        for (int i = 0; i < 300 && it.panel().busy(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            (*app)->advance_clock(100);
            (*app)->settle();
        }
        REQUIRE_FALSE(it.panel().busy());
    };
    wait_until_idle();
    REQUIRE((*app)->tap("it.print_test"));
    wait_until_idle();
    INFO(it.panel().model().result_message);
    CHECK(it.panel().model().result_ok);
    CHECK(it.panel().model().result_message.rfind("Đã in phiếu thử.", 0) == 0);
    CHECK(fs::file_size(dir.file("printer.bin")) > 1000);  // the slip's ESC/POS raster bytes
}
