// Re-enrolment, re-imaging and cloned disks, end to end: the real motcua-server on 127.0.0.1,
// real motcua-sync processes, real SQLite files. After each story the server must hold exactly
// what the kiosk committed: same event ids, none twice, seq contiguous per kiosk database, both
// databases intact, and a report equal to the counts recomputed from the kiosk database.
#include <catch2/catch.hpp>
#include <httplib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/event_store.hpp"
#include "core/sqlite.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// One kiosk: its database, identity file and sync settings in a folder of its own.
struct Kiosk {
    std::string db;
    std::string identity;
    std::string config;
};

// A district server with one site and counter, and kiosks that sync to it.
struct District {
    test::TempDir dir;
    std::string server_db = dir.file("server.db");
    std::unique_ptr<test::Process> server;
    int port = 0;

    District() {
        REQUIRE(cli({"site", "add", "--id", "xa-an-phu", "--name", "Trung tâm Phục vụ hành chính công xã An Phú"}).exit_code == 0);
        REQUIRE(cli({"counter", "add", "--site", "xa-an-phu", "--id", "3A", "--name", "Quầy số 3A"}).exit_code == 0);
        auto serving = test::start_server({"--db", server_db});
        server = std::move(serving.process);
        port = serving.port;
    }

    Kiosk kiosk(const std::string& name) {
        fs::create_directories(dir.path() / name);
        Kiosk k{dir.file(name + "/kiosk.db"), dir.file(name + "/device.json"), dir.file(name + "/sync.toml")};
        dir.write(name + "/sync.toml", "[storage]\ndb_path = \"" + k.db + "\"\n[device]\nidentity_file = \"" +
                                           k.identity + "\"\nconfig_cache = \"" + dir.file(name + "/cfg.json") +
                                           "\"\n[sync]\nbackoff_base_ms = 100\nbackoff_cap_ms = 500\n");
        return k;
    }

    test::RunResult cli(std::vector<std::string> args) {
        std::vector<std::string> argv{test::binary("motcua-server"), "--db", server_db};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run(argv, 30s);
    }

    json cli_json(std::vector<std::string> args) {
        args.push_back("--json");
        auto r = cli(args);
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
        return json::parse(r.output);
    }

    test::RunResult sync(const Kiosk& k, std::vector<std::string> args) {
        std::vector<std::string> argv{test::binary("motcua-sync"), "--config", k.config};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run(argv, 60s);
    }

    test::RunResult enrol(const Kiosk& k) {
        auto code = cli({"enroll-code", "create", "--site", "xa-an-phu", "--counter", "3A"});
        REQUIRE(code.exit_code == 0);
        auto r = sync(k, {"enroll", "--server", "http://127.0.0.1:" + std::to_string(port), "--code",
                          test::chomp(code.output)});
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
        return r;
    }

    void push(const Kiosk& k) {
        auto r = sync(k, {"run", "--once"});
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
    }

    json report() {
        httplib::Client client("127.0.0.1", port);
        auto res = client.Get("/api/v1/report?site=xa-an-phu");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        return json::parse(res->body);
    }

    sql::Database server_database() {
        auto db = sql::Database::open(server_db, true);
        REQUIRE(db.ok());
        return std::move(db.value());
    }

    // Event id -> device it is stored under, for one kiosk database.
    std::map<std::string, std::string> stored(const std::string& db_instance) {
        auto db = server_database();
        auto st = db.prepare("SELECT id, device_id FROM events WHERE db_instance = ? ORDER BY seq");
        st.bind(1, db_instance);
        std::map<std::string, std::string> out;
        while (st.step()) out[st.column_text(0)] = st.column_text(1);
        return out;
    }

    std::int64_t count(const std::string& sql_text) { return server_database().query_int(sql_text); }
};

std::string device_of(const Kiosk& k) {
    std::ifstream in(k.identity);
    return json::parse(in)["device_id"].get<std::string>();
}

std::string instance_of(const Kiosk& k) {
    auto store = EventStore::open(k.db);
    REQUIRE(store.ok());
    return store->db_instance();
}

void rate(const Kiosk& k, const std::vector<int>& scores) {
    auto store = EventStore::open(k.db);
    REQUIRE(store.ok());
    for (int s : scores)
        REQUIRE(store->append(event_type::kRatingSubmitted,
                              json{{"ticket_id", nullptr}, {"counter", "3A"}, {"officer", nullptr}, {"service", nullptr},
                                   {"score", s}, {"reasons", s == 3 ? json::array({"wait_time"}) : json::array()}})
                    .ok());
}

std::string integrity(sql::Database& db) {
    auto st = db.prepare("PRAGMA integrity_check");
    REQUIRE(st.step());
    return st.column_text(0);
}

std::vector<std::string> alarm_kinds(District& d, const std::string& db_instance) {
    std::vector<std::string> kinds;
    for (auto& a : d.cli_json({"alarms"}))
        if (a["db_instance"] == db_instance) kinds.push_back(a["kind"]);
    return kinds;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

// What the brief of every story checks: the server holds the kiosks' committed events, once each,
// in contiguous sequences, both databases are intact, and the report equals the kiosks' counts.
void check_server_matches(District& d, const std::vector<Kiosk>& kiosks) {
    std::map<int, std::int64_t> expected_levels;
    std::int64_t expected_total = 0;
    for (auto& k : kiosks) {
        auto store = EventStore::open(k.db);
        REQUIRE(store.ok());
        CHECK(store->pending_count() == 0);
        std::set<std::string> committed;
        for (auto& e : store->all_events()) {
            committed.insert(e.id);
            if (e.type == event_type::kRatingSubmitted) {
                ++expected_levels[e.data["score"].get<int>()];
                ++expected_total;
            }
        }
        std::set<std::string> on_server;
        for (auto& [id, device] : d.stored(store->db_instance())) on_server.insert(id);
        CHECK(on_server == committed);
        auto db = sql::Database::open(k.db, true);
        REQUIRE(db.ok());
        CHECK(integrity(db.value()) == "ok");
    }
    auto db = d.server_database();
    CHECK(integrity(db) == "ok");
    CHECK(db.query_int("SELECT count(*) - count(DISTINCT id) FROM events") == 0);
    // Contiguous: per kiosk database the seqs are exactly 1..count.
    CHECK(db.query_int("SELECT count(*) FROM (SELECT db_instance FROM events GROUP BY db_instance "
                       "HAVING min(seq) != 1 OR max(seq) != count(*) OR count(DISTINCT seq) != count(*))") == 0);
    auto report = d.report();
    CHECK(report["total"] == expected_total);
    for (auto& level : report["levels"]) CHECK(level["count"] == expected_levels[level["score"].get<int>()]);
}

}  // namespace

TEST_CASE("a revoked kiosk enrolled again with a new code drains its backlog and the hand-over is listed") {
    District d;
    Kiosk k = d.kiosk("quay-3a");
    d.enrol(k);
    rate(k, {1, 1, 2, 3, 1, 1, 2, 1, 1, 1});
    d.push(k);
    const std::string old_device = device_of(k);
    REQUIRE(d.cli({"device", "revoke", "--device", old_device}).exit_code == 0);

    rate(k, {1, 2, 3, 1, 1});
    auto stopped = d.sync(k, {"run", "--once"});
    CHECK(stopped.exit_code == 4);
    CHECK_THAT(stopped.output, Catch::Contains("device_unknown"));
    auto status = d.sync(k, {"status"});
    CHECK(status.exit_code == 5);  // device unknown: a person must enrol it again
    CHECK_THAT(status.output, Catch::Contains(old_device) && Catch::Contains("the server no longer knows this device"));

    auto enrolled = d.enrol(k);
    CHECK_THAT(enrolled.output, Catch::Contains("continuing the events sent as " + old_device));
    const std::string new_device = device_of(k);
    CHECK(new_device != old_device);
    status = d.sync(k, {"status"});
    CHECK(status.exit_code == 0);
    CHECK_THAT(status.output, Catch::Contains("state:          healthy"));
    CHECK_THAT(status.output, Catch::Contains("enrolled:       " + new_device));
    d.push(k);

    check_server_matches(d, {k});
    auto stored = d.stored(instance_of(k));
    CHECK(stored.size() == 15);
    // The backlog went in under the new device, after the ten the old one delivered.
    CHECK(std::count_if(stored.begin(), stored.end(), [&](auto& p) { return p.second == new_device; }) == 5);

    json devices = d.cli_json({"devices"});
    for (auto& dev : devices) {
        if (dev["device_id"] == new_device) {
            REQUIRE(dev["sequences"].size() == 1);
            CHECK(dev["sequences"][0]["db_instance"] == instance_of(k));
            CHECK(dev["sequences"][0]["acked_through"] == 15);
            CHECK(dev["sequences"][0]["continued_from"]["device_id"] == old_device);
            CHECK(dev["sequences"][0]["continued_from"]["acked_through"] == 10);
        } else {
            CHECK(dev["device_id"] == old_device);
            CHECK(dev["revoked"] == true);
            REQUIRE(dev["handed_over"].size() == 1);
            CHECK(dev["handed_over"][0]["to_device"] == new_device);
        }
    }
    CHECK_THAT(d.cli({"devices"}).output, Catch::Contains("tiếp nối chuỗi của " + old_device));
    auto kinds = alarm_kinds(d, instance_of(k));
    CHECK(kinds == std::vector<std::string>{"db_instance_handover"});
    CHECK_THAT(d.cli({"alarms"}).output, Catch::Contains("from " + old_device + " to " + new_device));
}

TEST_CASE("events the server stored before a lost ack come back as duplicates after re-enrolment and count once") {
    District d;
    Kiosk k = d.kiosk("quay-3a");
    d.enrol(k);
    rate(k, {1, 2, 1, 3, 1, 1, 2, 1});
    fs::copy_file(k.db, d.dir.file("before-ack.db"));
    d.push(k);
    const std::string old_device = device_of(k);

    // The acks never reached the disk: the kiosk's cursor is back at 0 with 8 events the server has.
    fs::remove(k.db + "-wal");
    fs::remove(k.db + "-shm");
    fs::copy_file(d.dir.file("before-ack.db"), k.db, fs::copy_options::overwrite_existing);
    REQUIRE(d.cli({"device", "revoke", "--device", old_device}).exit_code == 0);
    rate(k, {3, 3, 1, 2});
    d.enrol(k);
    d.push(k);

    check_server_matches(d, {k});
    auto stored = d.stored(instance_of(k));
    CHECK(stored.size() == 12);
    // The first eight stay stored once, under the device that sent them first.
    CHECK(std::count_if(stored.begin(), stored.end(), [&](auto& p) { return p.second == old_device; }) == 8);
    CHECK(d.count("SELECT count(*) FROM quarantine") == 0);
    CHECK(alarm_kinds(d, instance_of(k)) == std::vector<std::string>{"db_instance_handover"});
}

TEST_CASE("a re-imaged kiosk enrolled with a new code starts a new sequence at 1 and the old history stays") {
    District d;
    Kiosk old_disk = d.kiosk("before");
    d.enrol(old_disk);
    rate(old_disk, {1, 1, 2, 3, 1, 2});
    d.push(old_disk);
    const std::string old_device = device_of(old_disk);

    Kiosk fresh = d.kiosk("after");  // a new disk image: new database, no identity
    rate(fresh, {2, 1, 1});
    d.enrol(fresh);
    d.push(fresh);
    const std::string new_device = device_of(fresh);
    CHECK(new_device != old_device);
    CHECK(instance_of(fresh) != instance_of(old_disk));

    check_server_matches(d, {old_disk, fresh});
    json devices = d.cli_json({"devices"});
    REQUIRE(devices.size() == 2);
    for (auto& dev : devices) {
        REQUIRE(dev["sequences"].size() == 1);
        CHECK(dev["sequences"][0]["new_sequence"] == true);
        CHECK(dev["sequences"][0]["acked_through"] == (dev["device_id"] == new_device ? 3 : 6));
        CHECK(dev["revoked"] == false);
    }
    CHECK_THAT(d.cli({"devices"}).output, Catch::Contains("chuỗi " + instance_of(fresh) +
                                                          ": đã nhận liền mạch đến seq 3; chuỗi mới, bắt đầu từ seq 1"));
    CHECK(d.count("SELECT count(*) FROM alarms") == 0);
}

TEST_CASE("a cloned disk pushing different events raises a tamper alarm and nothing is merged silently") {
    District d;
    Kiosk original = d.kiosk("original");
    d.enrol(original);
    rate(original, {1, 1, 1, 2, 2});
    d.push(original);

    Kiosk clone = d.kiosk("clone");  // same database file and identity on a second machine
    fs::copy_file(original.db, clone.db);
    fs::copy_file(original.identity, clone.identity);
    rate(original, {1, 1, 1});
    rate(clone, {3, 3, 3, 3});  // runs one event ahead of the original
    d.push(original);
    d.push(clone);  // answered "conflict": an ack, so the clone keeps nothing unsent
    rate(original, {2});
    d.push(original);  // the original's seq 9 is stored as if the clone had never pushed

    const std::string instance = instance_of(original);
    CHECK(instance_of(clone) == instance);
    check_server_matches(d, {original});
    std::set<std::string> clone_only;
    {
        auto store = EventStore::open(clone.db);
        REQUIRE(store.ok());
        for (auto& e : store->events_after(5, 100)) clone_only.insert(e.id);
    }
    REQUIRE(clone_only.size() == 4);
    for (auto& [id, device] : d.stored(instance)) CHECK_FALSE(clone_only.count(id));
    // Nothing lost either: the clone's events wait in quarantine for a person.
    CHECK(d.count("SELECT count(*) FROM quarantine WHERE reason LIKE 'conflict:%'") == 4);
    CHECK(has(alarm_kinds(d, instance), "tamper_conflict"));
}

TEST_CASE("after a hand-over the old copy and a live other device are refused on the claimed kiosk database") {
    District d;
    Kiosk k = d.kiosk("quay-3a");
    d.enrol(k);
    rate(k, {1, 2, 1});
    d.push(k);
    const std::string instance = instance_of(k);

    Kiosk old_copy = d.kiosk("old-copy");  // the disk as it was before re-enrolment
    fs::copy_file(k.db, old_copy.db);
    fs::copy_file(k.identity, old_copy.identity);
    d.enrol(k);  // re-enrolled without a revoke: the server retires the old identity itself
    rate(k, {1, 1});
    d.push(k);

    rate(old_copy, {3});
    auto refused = d.sync(old_copy, {"run", "--once"});
    CHECK(refused.exit_code == 4);
    CHECK_THAT(refused.output, Catch::Contains("device_unknown"));

    // A second, live kiosk whose disk was replaced by a copy of this one's.
    Kiosk other = d.kiosk("quay-khac");
    d.enrol(other);
    fs::remove(other.db + "-wal");
    fs::remove(other.db + "-shm");
    fs::copy_file(k.db, other.db, fs::copy_options::overwrite_existing);
    rate(other, {3, 3});
    auto claimed = d.sync(other, {"run", "--once"});
    CHECK(claimed.exit_code == 6);  // a person is needed; every event kept for the slow retry
    CHECK_THAT(claimed.output, Catch::Contains("409") && Catch::Contains("db_instance_claimed"));

    check_server_matches(d, {k});
    CHECK(d.stored(instance).size() == 5);
    auto kinds = alarm_kinds(d, instance);
    CHECK(has(kinds, "tamper_claimed"));
    CHECK(has(kinds, "db_instance_handover"));
    CHECK_FALSE(has(kinds, "tamper_conflict"));
    CHECK_THAT(d.cli({"alarms"}).output, Catch::Contains("tamper_claimed") && Catch::Contains(device_of(other)));
}
