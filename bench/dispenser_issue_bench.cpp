// Ticket committed: QueueSession::run(issue) on a real SQLite file (catch up, decide, append in
// one write transaction, WAL, synchronous=FULL), and the dispenser's whole tap-to-ticket path
// (DispenserController: estimate, commit, QR for the screen; printer off), against the rating's
// durable write (EventStore::append of a rating.submitted) on the same file. The three are
// interleaved in rounds so all see the same disk. Target: ticket committed p99 < 2 ms.
//
//   build/default/bench/bench_dispenser_issue [tickets=1000] [dir=/tmp]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/roles/dispenser/dispenser_controller.hpp"

#include "bench/latency_stats.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    const int tickets = argc > 1 ? std::atoi(argv[1]) : 1000;
    const std::string dir = argc > 2 ? argv[2] : "/tmp";
    const std::string db = dir + "/bench_dispenser_issue.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
    auto store = EventStore::open(db);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().c_str());
        return 1;
    }
    queue::QueueSettings settings = queue::default_queue_settings();
    for (auto& day : settings.opening_hours.by_weekday) day = {{0, 24 * 60}};
    for (auto& f : settings.fields) f.range_end = 99999;
    auto session = QueueSession::open(store.value(), settings);
    dispenser::DispenserConfig config;
    config.dispenser_id = "bench";
    config.site_id = "bench";
    auto controller = dispenser::DispenserController::open(config, store.value(), settings, 0);
    if (!session || !controller) {
        std::fprintf(stderr, "cannot open the queue\n");
        return 1;
    }
    const std::int64_t now = 1795485600000;  // a Tuesday, 09:00 in Hà Nội
    const json rating{{"ticket_id", nullptr}, {"counter", "1"}, {"officer", nullptr}, {"service", nullptr},
                      {"score", 1},           {"reasons", json::array()}, {"config_version", 0}};
    std::vector<double> issue_ms, tap_ms, rating_ms;
    const int rounds = 4;
    for (int round = 0; round < rounds; ++round) {
        for (int i = 0; i < tickets / rounds; ++i) {
            auto start = Clock::now();
            auto out = session->run([&](const queue::QueueAuthority& a) {
                return a.issue({settings.fields[1].id, "", "", "bench"}, now);
            });
            issue_ms.push_back(bench::ms_since(start));
            if (!out || !out->command.ok()) {
                std::fprintf(stderr, "issue failed\n");
                return 1;
            }
        }
        for (int i = 0; i < tickets / rounds; ++i) {
            auto start = Clock::now();
            (*controller)->apply(dispenser::intent::PickField{settings.fields[0].id}, i);
            (*controller)->apply(dispenser::intent::PickPriority{""}, i);
            tap_ms.push_back(bench::ms_since(start));
            if ((*controller)->model().screen != dispenser::Screen::Ticket) {
                std::fprintf(stderr, "no ticket: %s\n", (*controller)->model().last_error.c_str());
                return 1;
            }
            (*controller)->mark_ticket_drawn();  // as the window does: no ghost-rule cancel on Done
            (*controller)->apply(dispenser::intent::Done{}, i);
        }
        for (int i = 0; i < tickets / rounds; ++i) {
            auto start = Clock::now();
            auto appended = store->append(event_type::kRatingSubmitted, rating);
            rating_ms.push_back(bench::ms_since(start));
            if (!appended) return 1;
        }
    }
    bench::LatencyStats issue = bench::summarize(issue_ms), tap = bench::summarize(tap_ms), rate = bench::summarize(rating_ms);
    std::printf("rating durable write:              p50 %.3f ms  p99 %.3f ms\n", rate.p50, rate.p99);
    std::printf("ticket committed (QueueSession):   p50 %.3f ms  p99 %.3f ms  (p99 %.2fx the rating's)\n", issue.p50,
                issue.p99, issue.p99 / rate.p99);
    std::printf("dispenser tap to ticket on screen: p50 %.3f ms  p99 %.3f ms  (p99 %.2fx the rating's)\n", tap.p50,
                tap.p99, tap.p99 / rate.p99);
    std::printf("(%d tickets each, %d rounds, %s)\n", tickets / rounds * rounds, rounds, db.c_str());
    return 0;
}
