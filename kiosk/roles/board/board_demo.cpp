// `motcua-kiosk --role board --demo`: the board only reads, so the demo plays the dispenser and
// the counters itself, in a second QueueSession on the same (temporary) database, and goes
// through every screen: the empty morning board, a new call, calls, a recall, a database problem.
#include <iostream>

#include "core/sqlite.hpp"
#include "kiosk/queue_session.hpp"
#include "kiosk/roles/board/board_role.hpp"

namespace motcua::kiosk {

namespace {

// The demo's queue: the board's fields and counters, open all day so the demo works at any hour.
queue::QueueSettings open_all_day(queue::QueueSettings s) {
    for (auto& day : s.opening_hours.by_weekday) day = {{0, 24 * 60}};
    s.opening_hours.closed_dates.clear();
    return s;
}

bool rename_events_table(const std::string& db_path, const char* from, const char* to) {
    auto db = sql::Database::open(db_path);
    if (!db) return false;
    try {
        db->exec(std::string("ALTER TABLE ") + from + " RENAME TO " + to);
    } catch (const sql::Error&) {
        return false;
    }
    return true;
}

}  // namespace

int BoardRole::run_demo(RoleDriver& driver, std::ostream& log) {
    driver.settle();
    EventStore* store = controller_->store();
    if (!store) {
        log << "demo: the board has no database: " << controller_->model().problem << "\n";
        return 1;
    }
    auto opened = QueueSession::open(*store, open_all_day(controller_->config().queue));
    if (!opened) {
        log << "demo: " << opened.error() << "\n";
        return 1;
    }
    QueueSession& queue = opened.value();
    const auto wall_now = controller_->config().wall_now_ms;
    auto run = [&](const QueueSession::Command& command, const char* what) {
        auto out = queue.run(command);
        if (!out) {
            log << "demo: " << what << " not committed: " << out.error() << "\n";
            return false;
        }
        if (!out->command.ok()) {
            log << "demo: " << what << " refused: " << out->command.refusal().message << "\n";
            return false;
        }
        return true;
    };
    const auto& fields = queue.settings().fields;
    const auto& counters = queue.settings().counters;
    // Three tickets in each field, an officer at each of the first counters.
    for (const auto& f : fields)
        for (int i = 0; i < 3; ++i)
            if (!run([&](const queue::QueueAuthority& q) { return q.issue({f.id, "", "", "demo-dispenser"}, wall_now()); },
                     "issue"))
                return 1;
    // Four counters call, then two of them finish and call again: six calls, the newest blinking.
    const size_t calling = std::min<size_t>(counters.size(), 4);
    auto officer_of = [&](size_t c) { return "demo-" + counters[c].id; };
    for (size_t c = 0; c < calling; ++c) {
        const std::string counter = counters[c].id, officer = officer_of(c);
        if (!run([&](const queue::QueueAuthority& q) { return q.sign_in(counter, officer, wall_now()); }, "sign in"))
            return 1;
        if (!run([&](const queue::QueueAuthority& q) { return q.call_next(counter, officer, wall_now()); }, "call"))
            return 1;
    }
    for (size_t c = 0; c < std::min<size_t>(calling, 2); ++c) {
        const std::string counter = counters[c].id, officer = officer_of(c);
        if (!run([&](const queue::QueueAuthority& q) { return q.finish(counter, officer, {}, wall_now()); }, "finish") ||
            !run([&](const queue::QueueAuthority& q) { return q.call_next(counter, officer, wall_now()); }, "call"))
            return 1;
    }
    driver.settle();  // new_call.png: the newest call blinking
    driver.advance_clock(controller_->config().highlight_ms);
    driver.settle();  // calls.png
    const std::string counter = counters[calling - 1].id, officer = officer_of(calling - 1);
    if (!run([&](const queue::QueueAuthority& q) { return q.recall(counter, officer, wall_now()); }, "recall")) return 1;
    driver.settle();
    driver.screenshot("recall");
    log << "demo: " << controller_->model().calls_seen << " calls shown\n";

    // The queue cannot be read: the board says so instead of showing old numbers as live.
    if (!rename_events_table(store->path(), "events", "events_hidden_by_demo")) {
        log << "demo: cannot hide the events table\n";
        return 1;
    }
    driver.advance_clock(controller_->config().retry_ms);
    driver.settle();
    const bool problem_shown = controller_->model().screen == BoardScreen::Problem;
    if (!rename_events_table(store->path(), "events_hidden_by_demo", "events")) return 1;
    driver.advance_clock(controller_->config().retry_ms);
    driver.settle();
    if (!problem_shown || controller_->model().screen != BoardScreen::Calls) {
        log << "demo: the problem screen did not come and go\n";
        return 1;
    }
    log << "demo: the problem screen came and went\n";
    return 0;
}

}  // namespace motcua::kiosk
