// The IT screen's rules without a window: the opening gesture, the PIN lockout, the idle close,
// and when the delivery mark shows, over a real kiosk database file.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

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
    // The status is read on the worker thread and shown by tick(): wait for it (at most 30 s).
    void settle(std::int64_t now) {
        for (int i = 0; i < 3000 && panel.busy(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            (void)panel.tick(now);
        }
        REQUIRE_FALSE(panel.busy());
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
    p.settle(2000 + PinLockout::kDefaultLockMs + 1000);
    CHECK(p.panel.model().status.state == sync::SyncHealthState::NotEnrolled);
    CHECK(p.panel.model().status.state_vi == "Chưa đăng ký với máy chủ");
}

TEST_CASE("IT panel: the status is read off the window's thread and shown when ready") {
    Panel p;
    // A kiosk with ratings waiting: the status checks their whole hash chain.
    for (int i = 0; i < 2000; ++i)
        REQUIRE(p.store.append("rating.submitted", json{{"score", 1 + i % 3}}));
    REQUIRE(p.panel.open(0));
    p.type("1357", 100);
    // pin_submit returned before the read: the screen says it is checking and shows no stale facts.
    CHECK(p.panel.model().screen == ItScreen::Status);
    CHECK(p.panel.busy());
    CHECK(p.panel.model().busy_words == "Đang kiểm tra dữ liệu của máy...");
    CHECK(p.panel.model().status.rows.empty());
    CHECK(p.panel.next_deadline_ms() == std::optional<std::int64_t>(200));  // the window polls for the result
    // The window's own connection still writes while the worker reads.
    REQUIRE(p.store.append("rating.submitted", json{{"score", 1}}));
    p.settle(200);
    CHECK(p.panel.model().status_problem.empty());
    bool waiting_row = false;
    for (const auto& row : p.panel.model().status.rows)
        if (row.label == "Chờ gửi") waiting_row = row.value.rfind("2.00", 0) == 0;  // "2.000 sự kiện" or "2.001 ..."
    CHECK(waiting_row);
    // Refresh reads again, on the worker too; a second refresh while it runs is not taken.
    CHECK(p.panel.refresh(300));
    CHECK(p.panel.busy());
    CHECK_FALSE(p.panel.refresh(301));
    p.settle(400);
    for (const auto& row : p.panel.model().status.rows)
        if (row.label == "Chờ gửi") CHECK(row.value.rfind("2.001 sự kiện", 0) == 0);
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
