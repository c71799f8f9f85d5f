// Writes a kiosk database holding a backlog of realistic rating events, for bench/drain_bench.sh.
// The rows are exactly what EventStore::append writes (UUIDv7 ids, hash chain, canonical data with
// officer, service, reasons and config_version), but in one transaction: 100 000 separate
// synchronous commits would take longer than the drain being measured.
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "core/clock.hpp"
#include "core/event_store.hpp"
#include "core/sqlite.hpp"
#include "core/uuid.hpp"

using namespace motcua;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s KIOSK_DB EVENTS [SEED]\n", argv[0]);
        return 64;
    }
    const std::string path = argv[1];
    const long count = std::atol(argv[2]);
    std::mt19937_64 rng(argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1);
    {
        auto store = EventStore::open(path);  // schema and db_instance, as the kiosk makes them
        if (!store) {
            std::fprintf(stderr, "%s\n", store.error().c_str());
            return 1;
        }
        if (store->last_seq() != 0) {
            std::fprintf(stderr, "%s already holds events; give a new file\n", path.c_str());
            return 1;
        }
    }
    auto db = sql::Database::open(path);
    if (!db) {
        std::fprintf(stderr, "%s\n", db.error().c_str());
        return 1;
    }
    db->exec("PRAGMA synchronous=OFF");
    db->exec("INSERT INTO meta(key, value) VALUES('config_version', '7') "
             "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    const char* officers[] = {"can-bo-001", "can-bo-017", "can-bo-023", "can-bo-042"};
    const char* services[] = {"1.001612", "2.000908", "1.004227", "2.001023", "1.000894"};
    const char* reasons[] = {"wait_time", "many_visits", "attitude", "guidance"};
    const std::string boot_id = uuid_v4();
    const std::int64_t start_ms = clock::unix_ms_now() - count * 20'000;  // one rating every 20 s
    std::string prev = kGenesisHash;
    sql::Transaction tx(*db);
    auto ins = db->prepare(
        "INSERT INTO events(seq, id, type, at, mono_ms, boot_id, data, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?)");
    for (long i = 0; i < count; ++i) {
        Event e;
        e.seq = i + 1;
        std::int64_t at_ms = start_ms + i * 20'000 + static_cast<std::int64_t>(rng() % 5000);
        e.id = uuid_v7_at(at_ms);
        e.type = std::string(event_type::kRatingSubmitted);
        e.at = clock::rfc3339_ms(at_ms);
        e.mono_ms = 3'600'000 + i * 20'000;
        e.boot_id = boot_id;
        int roll = static_cast<int>(rng() % 100);
        int score = roll < 90 ? 1 : roll < 98 ? 2 : 3;
        json chosen = json::array();
        if (score == 3) chosen.push_back(reasons[rng() % 4]);
        e.data = json{{"ticket_id", nullptr},      {"counter", "3A"},
                      {"officer", officers[rng() % 4]}, {"service", services[rng() % 5]},
                      {"score", score},           {"reasons", chosen},
                      {"comment", ""},            {"config_version", 7}};
        e.prev_hash = prev;
        e.hash = compute_event_hash(e);
        ins.reset();
        ins.bind(1, e.seq).bind(2, e.id).bind(3, e.type).bind(4, e.at).bind(5, e.mono_ms).bind(6, e.boot_id);
        ins.bind(7, canonical_json(e.data)).bind(8, e.prev_hash).bind(9, e.hash);
        ins.step();
        prev = e.hash;
    }
    tx.commit();
    db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    std::printf("%ld rating events written to %s\n", count, path.c_str());
    return 0;
}
