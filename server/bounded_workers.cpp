#include "server/bounded_workers.hpp"

namespace motcua::server {

namespace {
thread_local bool tl_turning_away = false;
// httplib waits up to the keep-alive time for a request even on a connection it will refuse, so a
// client that connects and sends nothing holds a turn-away thread that long: enough of them that a
// few such clients do not delay everyone's 503 (measured: 10 idle ones beyond the bound delayed it
// 10 s with 2 threads).
constexpr std::size_t kTurnAwayThreads = 32;
}  // namespace

BoundedWorkers::BoundedWorkers(std::size_t workers, std::size_t max_waiting, std::function<void()> on_turned_away)
    : max_waiting_(max_waiting), on_turned_away_(std::move(on_turned_away)) {
    if (workers == 0) workers = 1;
    // Counted idle from the start, not when each thread first waits: whether a connection may
    // wait must not depend on how soon the threads were scheduled.
    idle_workers_ = workers;
    for (std::size_t i = 0; i < workers; ++i) workers_.threads.emplace_back([this] { run(workers_, false); });
    for (std::size_t i = 0; i < kTurnAwayThreads; ++i) turn_away_.threads.emplace_back([this] { run(turn_away_, true); });
}

BoundedWorkers::~BoundedWorkers() { shutdown(); }

bool BoundedWorkers::turning_away() { return tl_turning_away; }

void BoundedWorkers::enqueue(std::function<void()> fn) {
    {
        std::lock_guard lock(mutex_);
        // Connections already waiting take the idle workers first; beyond that, max_waiting may wait.
        if (workers_.jobs.size() < idle_workers_ + max_waiting_) {
            workers_.jobs.push_back(std::move(fn));
            workers_.wake.notify_one();
            return;
        }
    }
    // Counted before the connection can be answered 503, so whoever got that answer finds it counted.
    if (on_turned_away_) on_turned_away_();
    {
        std::lock_guard lock(mutex_);
        turn_away_.jobs.push_back(std::move(fn));
    }
    turn_away_.wake.notify_one();
}

void BoundedWorkers::run(Lane& lane, bool turn_away) {
    tl_turning_away = turn_away;
    for (;;) {
        std::function<void()> fn;
        {
            std::unique_lock lock(mutex_);
            lane.wake.wait(lock, [&] { return !lane.jobs.empty() || shutting_down_; });
            // As httplib's pool: connections already accepted are still served at shutdown.
            if (lane.jobs.empty()) return;
            fn = std::move(lane.jobs.front());
            lane.jobs.pop_front();
            if (!turn_away) --idle_workers_;
        }
        fn();
        if (!turn_away) {
            std::lock_guard lock(mutex_);
            ++idle_workers_;
        }
    }
}

void BoundedWorkers::shutdown() {
    {
        std::lock_guard lock(mutex_);
        if (shutting_down_) return;
        shutting_down_ = true;
    }
    for (auto* lane : {&workers_, &turn_away_}) lane->wake.notify_all();
    for (auto* lane : {&workers_, &turn_away_})
        for (auto& t : lane->threads)
            if (t.joinable()) t.join();
}

}  // namespace motcua::server
