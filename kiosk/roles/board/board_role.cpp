#include "kiosk/roles/board/board_role.hpp"

#include <chrono>
#include <iostream>

#include "kiosk/roles/board/screens/board_screens.hpp"

namespace motcua::kiosk {

namespace {
// CLOCK_MONOTONIC, the same clock in every process of the machine: a process that commits a call
// can compare its own time stamp with the board's "showing" line.
std::int64_t monotonic_us() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
constexpr std::int64_t kVoiceFeedMs = 250;
// The window is woken by the first write to the -wal file, which can come before the commit is
// visible to readers (SQLite publishes it in the shared memory index after writing the frames, and
// that write wakes nobody). So the board looks again this long after a wake-up; a look that finds
// nothing new schedules no further one, so an idle board still sleeps.
constexpr std::int64_t kRecheckMs = 30;
}  // namespace

BoardRole::BoardRole(std::unique_ptr<BoardController> controller, std::unique_ptr<BoardVoice> voice,
                     const Texts& texts, std::ostream& log)
    : controller_(std::move(controller)), voice_(std::move(voice)), texts_(texts), log_(log) {
    // Calls already on the board at start were made before it: shown, neither spoken nor logged.
    for (const BoardCall& call : controller_->model().recent) shown_number_ = std::max(shown_number_, call.number);
}

std::string BoardRole::view() const {
    const BoardModel& m = controller_->model();
    if (m.screen == BoardScreen::Problem) return "problem";
    if (m.recent.empty()) return "empty";
    return m.highlight ? "new_call" : "calls";
}

HitTargets BoardRole::frame(const Theme& theme, ImVec2 size, std::int64_t /*now_ms*/, bool& changed) {
    const BoardModel& m = controller_->model();
    draw_board_frame({m, texts_, theme, size, voice_ && voice_->has_problem()});
    changed = false;
    if (m.screen == BoardScreen::Calls) {
        // Every call on this frame that no earlier frame showed, oldest first.
        const std::int64_t at = monotonic_us();
        for (auto it = m.recent.rbegin(); it != m.recent.rend(); ++it) {
            if (it->number <= shown_number_) continue;
            log_ << "board: showing " << it->number << " " << it->ticket << " -> " << it->counter
                 << (it->recall ? " (recall)" : "") << " mono_us=" << at << "\n";
            shown_number_ = it->number;
        }
        log_.flush();
    }
    return {};
}

bool BoardRole::tick(std::int64_t now_ms) {
    last_now_ms_ = now_ms;
    const bool was_recheck = recheck_at_ms_ && now_ms >= *recheck_at_ms_;
    const std::int64_t calls_before = controller_->model().calls_seen;
    bool changed = controller_->tick(now_ms);
    if (!was_recheck || controller_->model().calls_seen != calls_before || changed)
        recheck_at_ms_ = now_ms + kRecheckMs;
    else
        recheck_at_ms_.reset();
    for (const BoardCall& call : controller_->take_new_calls()) {
        if (voice_) voice_->announce(call);
        log_ << "board: queued " << call.number << " " << call.ticket << " -> " << call.counter
             << (call.recall ? " (recall)" : "") << " for speaking\n";
    }
    log_.flush();
    if (voice_) voice_busy_ = voice_->update();
    const std::string& problem = controller_->model().problem;
    if (problem != reported_problem_) {
        if (!problem.empty())
            std::cerr << "motcua-kiosk: board CANNOT READ THE QUEUE, showing the problem screen: " << problem << "\n";
        else
            std::cerr << "motcua-kiosk: board reads the queue again\n";
        reported_problem_ = problem;
    }
    return changed;
}

std::optional<std::int64_t> BoardRole::next_deadline_ms() const {
    auto deadline = controller_->next_deadline_ms();
    if (recheck_at_ms_) deadline = deadline ? std::min(*deadline, *recheck_at_ms_) : *recheck_at_ms_;
    // The voice needs feeding only while calls are being played: an idle board has no such timer.
    if (voice_busy_) {
        const std::int64_t feed = last_now_ms_ + kVoiceFeedMs;
        deadline = deadline ? std::min(*deadline, feed) : feed;
    }
    return deadline;
}

}  // namespace motcua::kiosk
