// The lobby board's logic: follows the queue others commit to the shared database (it never
// writes), turns each ticket.called / ticket.recalled into a call on screen and in the voice
// queue, keeps the clock, the waiting counts and the blink timer. No SDL, no ImGui: the window's
// monotonic clock comes in as now_ms, the wall clock (the queue's day, the clock on screen)
// through BoardConfig::wall_now_ms, so every rule is unit-tested.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/event_store.hpp"
#include "core/queue/queue_settings.hpp"
#include "kiosk/queue_session.hpp"
#include "kiosk/site_queue.hpp"
#include "kiosk/roles/board/board_model.hpp"

namespace motcua::kiosk {

struct BoardConfig {
    queue::QueueSettings queue;
    std::string site_name;
    std::int64_t highlight_ms = 8000;  // a new call blinks this long
    std::int64_t blink_ms = 500;       // on, off, on, ...
    std::size_t recent_count = 6;      // the newest call and the ones before it
    std::int64_t retry_ms = 5000;      // reading the database again after a failure
    std::function<std::int64_t()> wall_now_ms;  // default clock::unix_ms_now
};

class BoardController {
public:
    BoardController(BoardConfig config, EventStore& store, std::int64_t now_ms);
    // Without a usable database: the Problem screen, for good.
    BoardController(BoardConfig config, std::string unavailable_reason, std::int64_t now_ms);
    // The fold observer points at this object.
    BoardController(const BoardController&) = delete;
    BoardController& operator=(const BoardController&) = delete;

    const BoardModel& model() const { return model_; }
    const BoardConfig& config() const { return config_; }
    EventStore* store() const { return store_; }  // null: out of service (the demo writes calls through it)

    // Follows the server's configuration from now on: field names, the fields counted and the site
    // name change at once (the board only shows; nobody is in the middle of anything on it).
    void follow(SiteQueue queue, std::int64_t now_ms);

    // Folds what other processes committed, moves the clock and timers. True if the screen changed.
    bool tick(std::int64_t now_ms);
    std::optional<std::int64_t> next_deadline_ms() const;

    // The calls received since the last take, in the order they were committed: each one is to
    // be spoken. Calls already in the database when the board started are shown, not spoken.
    std::vector<BoardCall> take_new_calls();

private:
    void open_session(std::int64_t now_ms);
    void on_folded(const Event& event, bool changed, const queue::QueueState& state);
    bool read_wall_clock();
    bool refresh_waiting();
    bool update_blink(std::int64_t now_ms);
    void set_problem(const std::string& problem, std::int64_t now_ms);
    bool check_config(std::int64_t now_ms);

    BoardConfig config_;
    EventStore* store_ = nullptr;
    std::optional<QueueSession> session_;
    BoardModel model_;
    bool starting_ = true;  // folding what was there before the board started: show, do not speak
    bool got_new_call_ = false;
    std::vector<BoardCall> new_calls_;
    std::int64_t last_tick_ms_ = 0;
    std::int64_t last_wall_ms_ = 0;
    std::int64_t highlight_start_ms_ = 0;
    std::int64_t highlight_until_ms_ = 0;
    std::optional<std::int64_t> retry_at_ms_;
    std::optional<SiteQueue> site_queue_;
    std::int64_t next_config_check_ms_ = 0;
};

}  // namespace motcua::kiosk
