// The IT screen's rules without a window: the opening gesture, the PIN lockout, the idle close,
// and when the delivery mark shows, over a real kiosk database file.
#include <catch2/catch.hpp>

#include "core/pin_hash.hpp"
#include "kiosk/it/it_panel.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;

namespace {
struct Panel {
    test::TempDir dir;
    EventStore store = std::move(EventStore::open(dir.file("kiosk.db")).value());
    ItPanel panel;
    Panel()
        : panel(
              [this] {
                  ItConfig c;
                  c.pin_hash = hash_pin("1357", PinHashParams{10, 8, 1}).value();
                  c.idle_ms = 60'000;
                  c.role_name = "rating";
                  c.sync_config_path = dir.file("no-such-sync.toml");  // motcua-sync's defaults
                  return c;
              }(),
              &store) {}
    void type(const std::string& pin, std::int64_t now) {
        for (char c : pin) (void)panel.pin_key(c, now);
        (void)panel.pin_submit(now);
    }
};
}  // namespace

TEST_CASE("IT panel: five corner taps open it only when they come within 3 seconds") {
    Panel p;
    for (std::int64_t t : {0, 1000, 2000, 3000, 4000}) CHECK_FALSE(p.panel.corner_tap(t));  // 4 s from first to fifth
    CHECK_FALSE(p.panel.is_open());
    CHECK_FALSE(p.panel.corner_tap(4100));  // the last five span 1000..4100: 3.1 s
    CHECK(p.panel.corner_tap(4200));        // 2000..4200: 2.2 s
    CHECK(p.panel.model().screen == ItScreen::Pin);
}

TEST_CASE("IT panel: five wrong PINs lock the pad and the right PIN then waits for the lock to end") {
    Panel p;
    REQUIRE(p.panel.open(0));
    for (int i = 0; i < 5; ++i) p.type("0000", 1000 + i);
    CHECK(p.panel.model().pin_message.find("thử lại sau") != std::string::npos);
    p.type("1357", 2000);
    CHECK(p.panel.model().screen == ItScreen::Pin);  // locked: even the right PIN is refused
    p.type("1357", 2000 + PinLockout::kDefaultLockMs + 1000);
    CHECK(p.panel.model().screen == ItScreen::Status);
    CHECK(p.panel.model().status.state == sync::SyncHealthState::NotEnrolled);
}

TEST_CASE("IT panel: it closes by itself after the idle time") {
    Panel p;
    REQUIRE(p.panel.open(0));
    CHECK_FALSE(p.panel.tick(59'000));
    CHECK(p.panel.is_open());
    CHECK(p.panel.tick(60'000));
    CHECK_FALSE(p.panel.is_open());
}

TEST_CASE("delivery mark: S1 when not enrolled and S2 only for an old undelivered backlog") {
    const std::int64_t day = 24LL * 3600 * 1000, now = 100 * day;
    CHECK(delivery_mark({false, 0, {}, {}}, day, now) == DeliveryMark::NotEnrolled);
    CHECK(delivery_mark({true, 0, {}, {}}, day, now) == DeliveryMark::None);                  // nothing waits
    CHECK(delivery_mark({true, 3, now - 2 * day, {}}, day, now) == DeliveryMark::NotDelivering);  // never delivered
    CHECK(delivery_mark({true, 3, now - 2 * day, now - 3600'000}, day, now) == DeliveryMark::None);  // delivering
    CHECK(delivery_mark({true, 3, now - 3600'000, now - 5 * day}, day, now) == DeliveryMark::None);  // quiet, then new
    CHECK(delivery_mark({true, 3, now - 2 * day, now - 3 * day}, day, now) == DeliveryMark::NotDelivering);
    CHECK(std::string(mark_code(DeliveryMark::NotDelivering)) == "S2");
}
