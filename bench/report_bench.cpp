// Report speed over a big store: fills a server database with ratings through the real ingest
// primitive (ServerStore::ingest_batch, the function POST /api/v1/events calls), timing ingest,
// then times each report slice (median of several runs). The database is kept, so a second run
// with the same file only times the reports:
//   bench_report /tmp/reports-1m.db 1000000
// 50 counters (10 centres of 5 under one province), 110 ratings per counter and local day, each
// counter's day one batch; 60 % of ratings carry a served ticket and a dossier code; scores
// 85 / 12 / 3 %, reasons on "không hài lòng". Results go to docs/benchmarks.md.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "bench/latency_stats.hpp"
#include "core/clock.hpp"
#include "core/protocol.hpp"
#include "core/uuid.hpp"
#include "server/rating_report.hpp"
#include "server/server_store.hpp"

#if __has_include("server/report_rollup.hpp")
#define MOTCUA_BENCH_NEW_SLICES 1
#endif

using namespace motcua;
using namespace motcua::server;

namespace {

constexpr int kCentres = 10, kCountersPerCentre = 5, kRatingsPerCounterDay = 110;
constexpr std::int64_t kFirstDayMs = 1735689600000 - 7 * 3600 * 1000;  // 01/01/2025 00:00 local

struct Kiosk {
    Device device;
    std::string db_instance;
    std::int64_t seq = 0;
    std::string prev = std::string(kGenesisHash);
};

// The kiosks of the bench, made once (site tree, counters, enrolment), found again on a rerun.
std::vector<Kiosk> kiosks_of(ServerStore& store) {
    std::vector<Kiosk> kiosks;
    bool fresh = !store.site("hn");
    if (fresh && !store.add_site({"hn", "Thành phố Hà Nội", std::nullopt}).ok()) std::abort();
    for (int c = 1; c <= kCentres; ++c) {
        char site[8];
        std::snprintf(site, sizeof site, "c%02d", c);
        if (fresh && !store.add_site({site, "Trung tâm " + std::to_string(c), std::string("hn")}).ok()) std::abort();
        for (int q = 1; q <= kCountersPerCentre; ++q) {
            std::string counter = "q" + std::to_string(q);
            if (fresh && !store.add_counter({site, counter, "Quầy " + std::to_string(q)}).ok()) std::abort();
            Kiosk k;
            k.db_instance = std::string("bench-") + site + "-" + counter;
            if (fresh) {
                auto code = store.create_enroll_code(site, counter, 72, clock::unix_ms_now());
                auto enrolment = store.enroll(code.value(), k.db_instance, "bench", clock::unix_ms_now(), k.db_instance);
                k.device = enrolment.value().device;
            } else {
                for (auto& s : store.sequences())
                    if (s.db_instance == k.db_instance) k.device.device_id = s.device_id, k.seq = s.highest_seq;
                for (auto& f : store.fleet())
                    if (f.device.device_id == k.device.device_id) k.device = f.device;
                auto last = store.database().prepare("SELECT hash FROM events WHERE db_instance = ? AND seq = ?");
                last.bind(1, k.db_instance).bind(2, k.seq);
                if (last.step()) k.prev = last.column_text(0);
            }
            kiosks.push_back(std::move(k));
        }
    }
    return kiosks;
}

// Fills until the store holds `target` events; returns events/s of the ingest calls.
double fill(ServerStore& store, std::int64_t target) {
    auto kiosks = kiosks_of(store);
    std::int64_t have = store.event_count();
    std::int64_t day = have / (kRatingsPerCounterDay * static_cast<std::int64_t>(kiosks.size()));
    std::mt19937_64 rng(static_cast<std::uint64_t>(day) + 1);
    const char* services[] = {"ho_tich", "chung_thuc", "dat_dai", "xay_dung", "kinh_doanh", "lao_dong", "bhxh"};
    double ingest_ms = 0;
    std::int64_t ingested = 0;
    while (have < target) {
        for (std::size_t ki = 0; ki < kiosks.size() && have < target; ++ki) {
            auto& k = kiosks[ki];
            std::vector<Event> events;
            for (int i = 0; i < kRatingsPerCounterDay; ++i) {
                Event e;
                e.seq = ++k.seq;
                // 07:30 to 17:30 local, in order.
                std::int64_t at_ms = kFirstDayMs + day * 86400000 + 27000000 + i * 327000 + static_cast<std::int64_t>(rng() % 300000);
                e.id = uuid_v7_at(at_ms);
                e.type = std::string(event_type::kRatingSubmitted);
                e.at = clock::rfc3339_ms(at_ms);
                e.mono_ms = e.seq;
                e.boot_id = "bench";
                auto roll = rng() % 100;
                int score = roll < 85 ? 1 : roll < 97 ? 2 : 3;
                bool ticket = rng() % 10 < 6;
                json reasons = json::array();
                if (score == 3) reasons.push_back(rng() % 2 ? "thai_do" : "thoi_gian");
                e.data = json{{"counter", k.device.counter_id},
                              {"officer", k.device.site_id + "-cb" + std::to_string(rng() % 2)},
                              {"service", ticket ? json(services[rng() % 7]) : json()},
                              {"score", score},
                              {"reasons", reasons},
                              {"ticket_id", ticket ? json(std::to_string(day) + "/" + k.db_instance + "/" + std::to_string(i)) : json()},
                              {"ticket_link", ticket ? "served" : "none"},
                              {"dossier_codes", ticket ? json::array({"000.00.14.H12-250101-" + std::to_string(i)}) : json::array()}};
                if (ticket && rng() % 2) e.data["procedure"] = "tt-" + std::to_string(rng() % 20);
                e.prev_hash = k.prev;
                e.hash = compute_event_hash(e);
                k.prev = e.hash;
                events.push_back(std::move(e));
            }
            json batch = protocol::make_batch(k.device.device_id, k.db_instance, events, 420);
            auto start = std::chrono::steady_clock::now();
            auto ack = store.ingest_batch(k.device, batch, 500, clock::unix_ms_now());
            ingest_ms += bench::ms_since(start);
            if (!ack) {
                std::fprintf(stderr, "ingest failed: %s\n", ack.error().c_str());
                std::exit(1);
            }
            have += kRatingsPerCounterDay;
            ingested += kRatingsPerCounterDay;
        }
        ++day;
        if (day % 30 == 0) std::fprintf(stderr, "  %lld events stored\n", static_cast<long long>(have));
    }
    return ingested ? static_cast<double>(ingested) / (ingest_ms / 1000.0) : 0;
}

struct Case {
    const char* name;
    ReportQuery query;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s SERVER_DB EVENTS [RUNS]\n", argv[0]);
        return 64;
    }
    const std::string path = argv[1];
    const std::int64_t target = std::atoll(argv[2]);
    const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
    auto open_start = std::chrono::steady_clock::now();
    auto opened = ServerStore::open(path);  // back-fills the rollup of an older database
    std::printf("open (and any migration): %.0f ms\n", bench::ms_since(open_start));
    if (!opened) {
        std::fprintf(stderr, "%s\n", opened.error().c_str());
        return 1;
    }
    ServerStore store = std::move(opened.value());
    std::int64_t before = store.event_count();
    double rate = fill(store, target);
    std::int64_t stored = store.event_count();
    if (stored > before)
        std::printf("ingest: %lld events in batches of %d through ingest_batch: %.0f events/s\n",
                    static_cast<long long>(stored - before), kRatingsPerCounterDay, rate);
    std::printf("store: %lld events\n", static_cast<long long>(stored));

    auto q = [](GroupBy g, std::optional<std::string> site = {}, std::optional<std::string> counter = {},
                std::optional<std::string> from = {}, std::optional<std::string> to = {}) {
        ReportQuery r;
        r.group_by = g;
        r.site_id = site;
        r.counter_id = counter;
        r.from_date = from;
        r.to_date = to;
        return r;
    };
    std::vector<Case> cases = {
        {"province, all time", q(GroupBy::None)},
        {"province by counter", q(GroupBy::Counter)},
        {"province by officer", q(GroupBy::Officer)},
        {"province by field", q(GroupBy::Service)},
        {"province by day", q(GroupBy::Day)},
        {"province by month", q(GroupBy::Month)},
        {"province by ticket link", q(GroupBy::Linked)},
        {"centre c03, all time", q(GroupBy::None, "c03")},
        {"centre c03 by counter", q(GroupBy::Counter, "c03")},
        {"centre c03 by day", q(GroupBy::Day, "c03")},
        {"counter q2 of c03, one month", q(GroupBy::None, "c03", "q2", "01/03/2025", "31/03/2025")},
        {"province, one month by day", q(GroupBy::Day, std::nullopt, std::nullopt, "01/03/2025", "31/03/2025")},
#ifdef MOTCUA_BENCH_NEW_SLICES
        {"province by centre", q(GroupBy::Site, "hn")},
        {"province by hour of day", q(GroupBy::Hour)},
        {"province by procedure", q(GroupBy::Procedure)},
#endif
        {"province by ticket (one group per ticket)", q(GroupBy::Ticket)},
    };
    std::printf("| report | median ms | total ratings | groups |\n| --- | --- | --- | --- |\n");
    for (auto& c : cases) {
        std::vector<double> times;
        std::int64_t total = 0;
        std::size_t groups = 0;
        // The per-ticket listing is as long as the ratings: one run says enough.
        const int case_runs = c.query.group_by == GroupBy::Ticket ? 1 : runs;
        for (int i = 0; i < case_runs; ++i) {
            auto start = std::chrono::steady_clock::now();
            auto r = rating_report(store, default_rating_scale(), c.query, {});
            auto j = report_to_json(r.value(), c.query);  // the API's work too
            times.push_back(bench::ms_since(start));
            total = r.value().overall.total;
            groups = r.value().groups.size();
        }
        std::printf("| %s | %.1f | %lld | %zu |\n", c.name, bench::summarize(times).p50, static_cast<long long>(total),
                    groups);
        std::fflush(stdout);
    }
    return 0;
}
