#include "kiosk/roles/board/board_controller.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/queue/local_day.hpp"
#include "kiosk/voice/call_phrase.hpp"

namespace motcua::kiosk {

namespace {
std::string text_of(const json& data, const char* key) {
    auto it = data.find(key);
    return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

BoardController::BoardController(BoardConfig config, EventStore& store, std::int64_t now_ms)
    : config_(std::move(config)), store_(&store) {
    if (!config_.wall_now_ms) config_.wall_now_ms = clock::unix_ms_now;
    model_.site_name = config_.site_name;
    last_tick_ms_ = now_ms;
    read_wall_clock();
    open_session(now_ms);
}

BoardController::BoardController(BoardConfig config, std::string unavailable_reason, std::int64_t now_ms)
    : config_(std::move(config)) {
    if (!config_.wall_now_ms) config_.wall_now_ms = clock::unix_ms_now;
    model_.site_name = config_.site_name;
    last_tick_ms_ = now_ms;
    read_wall_clock();
    model_.screen = BoardScreen::Problem;
    model_.problem = std::move(unavailable_reason);
}

void BoardController::open_session(std::int64_t now_ms) {
    starting_ = true;
    auto opened = QueueSession::open(
        *store_, config_.queue,
        [this](const Event& event, bool changed, const queue::QueueState& state) { on_folded(event, changed, state); });
    starting_ = false;
    if (!opened) {
        model_.recent.clear();
        set_problem(opened.error(), now_ms);
        return;
    }
    session_.emplace(std::move(opened.value()));
    retry_at_ms_.reset();
    model_.problem.clear();
    model_.screen = BoardScreen::Calls;
    got_new_call_ = false;  // what was there before is shown without a highlight
    refresh_waiting();
}

// Each call in the store's order, from the event itself: a burst folded in one catch_up loses none.
void BoardController::on_folded(const Event& event, bool changed, const queue::QueueState& state) {
    const bool recall = event.type == event_type::kTicketRecalled;
    if (!changed || (event.type != event_type::kTicketCalled && !recall)) return;
    const queue::Ticket* ticket = state.ticket(text_of(event.data, "ticket"));
    // Yesterday's calls are not today's: a board started after midnight shows none of them.
    if (!ticket || ticket->day != model_.day) return;
    BoardCall call;
    call.ticket_id = ticket->id;
    call.day = ticket->day;
    call.ticket = ticket->display;
    call.counter = text_of(event.data, "counter");
    call.text = voice::call_phrase(call.ticket, call.counter).text;
    call.recall = recall;
    call.seq = event.seq;
    auto& recent = model_.recent;
    recent.erase(std::remove_if(recent.begin(), recent.end(),
                                [&](const BoardCall& c) { return c.ticket_id == call.ticket_id; }),
                 recent.end());
    if (!starting_) {
        call.number = ++model_.calls_seen;
        new_calls_.push_back(call);
        got_new_call_ = true;
    }
    recent.insert(recent.begin(), std::move(call));
    if (recent.size() > config_.recent_count) recent.resize(config_.recent_count);
}

bool BoardController::read_wall_clock() {
    last_wall_ms_ = config_.wall_now_ms();
    queue::LocalMoment m = queue::local_moment(last_wall_ms_, config_.queue.utc_offset_minutes);
    bool changed = m.minute != model_.minute || m.day != model_.day;
    if (m.day != model_.day) {
        // Local midnight: yesterday's calls leave the board.
        model_.day = m.day;
        auto& recent = model_.recent;
        recent.erase(std::remove_if(recent.begin(), recent.end(), [&](const BoardCall& c) { return c.day != m.day; }),
                     recent.end());
        if (recent.empty()) model_.highlight = model_.blink_on = false;
        refresh_waiting();
    }
    model_.weekday = m.weekday;
    model_.minute = m.minute;
    return changed;
}

bool BoardController::refresh_waiting() {
    std::vector<FieldWaiting> waiting;
    for (const queue::Field& f : config_.queue.fields) {
        int n = session_ ? static_cast<int>(session_->state().waiting(f.id, model_.day).size()) : 0;
        waiting.push_back({f.id, f.name_vi, f.prefix, n});
    }
    if (waiting == model_.waiting) return false;
    model_.waiting = std::move(waiting);
    return true;
}

void BoardController::set_problem(const std::string& problem, std::int64_t now_ms) {
    model_.problem = problem;
    model_.screen = BoardScreen::Problem;
    model_.highlight = model_.blink_on = false;
    retry_at_ms_ = now_ms + config_.retry_ms;
}

void BoardController::follow(SiteQueue queue, std::int64_t now_ms) {
    model_.config_problem = queue.problem();
    site_queue_.emplace(std::move(queue));
    next_config_check_ms_ = now_ms + site_queue_->check_ms();
}

bool BoardController::check_config(std::int64_t now_ms) {
    if (!site_queue_ || now_ms < next_config_check_ms_) return false;
    next_config_check_ms_ = now_ms + site_queue_->check_ms();
    auto next = site_queue_->poll();
    model_.config_problem = site_queue_->problem();
    if (!next) return false;
    config_.queue = next->queue;
    config_.site_name = next->site_name;
    if (session_) session_->set_settings(next->queue);
    const bool named = model_.site_name != next->site_name;
    model_.site_name = next->site_name;
    return refresh_waiting() || named;
}

bool BoardController::update_blink(std::int64_t now_ms) {
    const bool highlight = !model_.recent.empty() && now_ms < highlight_until_ms_;
    const bool blink_on = highlight && ((now_ms - highlight_start_ms_) / config_.blink_ms) % 2 == 0;
    bool changed = highlight != model_.highlight || blink_on != model_.blink_on;
    model_.highlight = highlight;
    model_.blink_on = blink_on;
    return changed;
}

bool BoardController::tick(std::int64_t now_ms) {
    last_tick_ms_ = now_ms;
    bool changed = read_wall_clock();
    if (!store_) return changed;
    const BoardScreen screen_before = model_.screen;
    const std::string problem_before = model_.problem;
    if (!session_) {
        if (retry_at_ms_ && now_ms < *retry_at_ms_) return changed;
        open_session(now_ms);
    } else {
        auto caught = session_->catch_up();
        if (!caught) {
            // Never a stale queue shown as live: the board says it cannot read the queue.
            set_problem(caught.error(), now_ms);
        } else {
            if (model_.screen == BoardScreen::Problem) {
                model_.screen = BoardScreen::Calls;
                model_.problem.clear();
                retry_at_ms_.reset();
            }
            changed = refresh_waiting() || changed;
        }
    }
    if (got_new_call_) {
        got_new_call_ = false;
        highlight_start_ms_ = now_ms;
        highlight_until_ms_ = now_ms + config_.highlight_ms;
        changed = true;
    }
    changed = check_config(now_ms) || changed;
    changed = update_blink(now_ms) || changed;
    return changed || model_.screen != screen_before || model_.problem != problem_before;
}

std::optional<std::int64_t> BoardController::next_deadline_ms() const {
    // The clock on screen: the next minute of the wall clock.
    std::int64_t next = last_tick_ms_ + (60'000 - ((last_wall_ms_ % 60'000) + 60'000) % 60'000);
    if (store_ && model_.screen == BoardScreen::Problem && retry_at_ms_) next = std::min(next, *retry_at_ms_);
    if (site_queue_) next = std::min(next, next_config_check_ms_);
    if (model_.highlight) {
        const std::int64_t since = last_tick_ms_ - highlight_start_ms_;
        const std::int64_t toggle = highlight_start_ms_ + (since / config_.blink_ms + 1) * config_.blink_ms;
        next = std::min({next, toggle, highlight_until_ms_});
    }
    return next;
}

std::vector<BoardCall> BoardController::take_new_calls() {
    std::vector<BoardCall> out;
    out.swap(new_calls_);
    return out;
}

}  // namespace motcua::kiosk
