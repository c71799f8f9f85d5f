// A burst of calls at one counter through QueueSession (what the counter console does for
// "Gọi số tiếp theo"): each call is one write transaction that catches up, decides and commits
// ticket.called. Reported against a plain durable append of one event (what a rating costs) in
// the same run. The finish after each call (to free the counter) is timed separately.
//
//   build/default/bench/bench_counter_call [calls=1000]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "kiosk/queue_session.hpp"

#include "bench/latency_stats.hpp"

using namespace motcua;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    const int calls = argc > 1 ? std::max(1, std::atoi(argv[1])) : 1000;
    const auto dir = std::filesystem::temp_directory_path() / ("motcua-counter-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    queue::QueueSettings settings = queue::default_queue_settings();
    for (auto& day : settings.opening_hours.by_weekday) day = {{0, 24 * 60}};
    settings.opening_hours.closed_dates.clear();
    settings.fields.front().range_end = 99999;  // a burst longer than a day's 999 numbers
    const std::string field = settings.fields.front().id, counter = settings.counters.front().id;
    const std::int64_t now = clock::unix_ms_now();

    std::vector<double> baseline, call, finish;
    {
        EventStore plain = std::move(EventStore::open((dir / "plain.db").string()).value());
        for (int i = 0; i < calls; ++i) {
            auto start = Clock::now();
            if (!plain.append("rating.submitted", {{"score", 1}})) return 1;
            baseline.push_back(bench::ms_since(start));
        }
    }
    EventStore store = std::move(EventStore::open((dir / "queue.db").string()).value());
    kiosk::QueueSession session = std::move(kiosk::QueueSession::open(store, settings).value());
    auto run = [&](const kiosk::QueueSession::Command& command) {
        auto out = session.run(command);
        if (!out || !out->command.ok()) {
            std::fprintf(stderr, "command failed: %s\n", out ? out->command.refusal().message.c_str() : out.error().c_str());
            std::exit(1);
        }
    };
    run([&](const queue::QueueAuthority& q) { return q.sign_in(counter, "cb01", now); });
    for (int i = 0; i < calls; ++i) run([&](const queue::QueueAuthority& q) { return q.issue({field, "", "", "d1"}, now); });
    for (int i = 0; i < calls; ++i) {
        auto start = Clock::now();
        run([&](const queue::QueueAuthority& q) { return q.call_next(counter, "cb01", now); });
        call.push_back(bench::ms_since(start));
        start = Clock::now();
        run([&](const queue::QueueAuthority& q) { return q.finish(counter, "cb01", {}, now); });
        finish.push_back(bench::ms_since(start));
    }
    std::filesystem::remove_all(dir);
    bench::LatencyStats b = bench::summarize(baseline), c = bench::summarize(call), f = bench::summarize(finish);
    std::printf("calls: %d\n", calls);
    std::printf("rating append (baseline): p50 %.3f ms  p99 %.3f ms  max %.3f ms\n", b.p50, b.p99, b.max);
    std::printf("call next committed:      p50 %.3f ms  p99 %.3f ms  max %.3f ms  (p99 ratio %.2f)\n", c.p50, c.p99,
                c.max, c.p99 / b.p99);
    std::printf("finish committed:         p50 %.3f ms  p99 %.3f ms  max %.3f ms\n", f.p50, f.p99, f.max);
    return 0;
}
