// Tap-to-durable latency of a rating (EventStore::append: seq, hash chain, UUIDv7, commit with
// WAL + synchronous=FULL) against the floor: a raw one-row SQLite insert with the same pragmas,
// measured in the same run on the same disk. Target: p50 and p99 within 2x of the raw insert.
//
//   build/default/bench/bench_durable_write [rows=2000] [dir=/tmp]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/event_store.hpp"
#include "core/sqlite.hpp"

#include "bench/latency_stats.hpp"

using namespace motcua;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<double> raw_inserts(const std::string& path, int rows) {
    auto db = sql::Database::open(path);
    if (!db) {
        std::fprintf(stderr, "%s\n", db.error().c_str());
        std::exit(1);
    }
    db->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    std::string body(300, 'x');  // about the size of a rating event's row
    std::vector<double> us;
    for (int i = 0; i < rows; ++i) {
        auto start = Clock::now();
        auto st = db->prepare("INSERT INTO t(body) VALUES (?)");
        st.bind(1, body);
        st.step();
        us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    return us;
}

std::vector<double> rating_appends(const std::string& path, int rows) {
    auto store = EventStore::open(path);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().c_str());
        std::exit(1);
    }
    std::vector<double> us;
    for (int i = 0; i < rows; ++i) {
        json data{{"ticket_id", nullptr}, {"counter", "3A"}, {"officer", "cb-017"}, {"service", "ho-tich"},
                  {"score", 1 + i % 3}, {"reasons", json::array()}, {"comment", ""}};
        auto start = Clock::now();
        auto e = store->append(event_type::kRatingSubmitted, data);
        us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        if (!e) {
            std::fprintf(stderr, "%s\n", e.error().c_str());
            std::exit(1);
        }
    }
    return us;
}

}  // namespace

int main(int argc, char** argv) {
    int rows = argc > 1 ? std::atoi(argv[1]) : 2000;
    std::filesystem::path dir = argc > 2 ? argv[2] : std::filesystem::temp_directory_path();
    auto work = dir / ("motcua-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(work);

    // Interleave the two so both see the same disk weather.
    std::vector<double> raw, ours;
    for (int round = 0; round < 4; ++round) {
        auto r = raw_inserts((work / ("raw" + std::to_string(round) + ".db")).string(), rows / 4);
        auto o = rating_appends((work / ("ours" + std::to_string(round) + ".db")).string(), rows / 4);
        raw.insert(raw.end(), r.begin(), r.end());
        ours.insert(ours.end(), o.begin(), o.end());
    }
    std::filesystem::remove_all(work);

    bench::LatencyStats a = bench::summarize(raw), b = bench::summarize(ours);
    std::printf("durable write, %d rows each, WAL + synchronous=FULL, in %s\n", rows, dir.c_str());
    std::printf("%-34s %10s %10s %10s\n", "", "p50 ms", "p99 ms", "mean ms");
    std::printf("%-34s %10.3f %10.3f %10.3f\n", "raw SQLite one-row insert", a.p50 / 1000, a.p99 / 1000, a.mean / 1000);
    std::printf("%-34s %10.3f %10.3f %10.3f\n", "rating EventStore::append", b.p50 / 1000, b.p99 / 1000, b.mean / 1000);
    std::printf("%-34s %10.2f %10.2f %10.2f\n", "ratio (target <= 2.0)", b.p50 / a.p50, b.p99 / a.p99, b.mean / a.mean);
    return 0;
}
