// A kiosk database, the real motcua-sync daemon and the real motcua-server on 127.0.0.1, for the
// daemon's fault suite. Checks the delivery invariants against both databases and the report.
#pragma once
#include <catch2/catch.hpp>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include "core/event_store.hpp"
#include "core/sqlite.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace motcua::test {

using namespace std::chrono_literals;

// Polls until `done` holds or `limit` passes; returns whether it held.
template <class Pred>
bool wait_until(Pred done, std::chrono::milliseconds limit = 20s) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(100ms);
    }
    return done();
}

struct DaemonRig {
    TempDir dir;
    std::string server_db = dir.file("server.db");
    std::string kiosk_db = dir.file("kiosk.db");
    std::unique_ptr<Process> server;
    int port = 0;
    std::map<std::string, std::map<std::string, std::string>> toml;  // section -> key -> TOML value

    DaemonRig() {
        toml["storage"]["db_path"] = quoted(kiosk_db);
        toml["device"]["identity_file"] = quoted(dir.file("device.json"));
        toml["device"]["config_cache"] = quoted(dir.file("server-config.json"));
        toml["sync"]["interval_seconds"] = "1";
        toml["sync"]["backoff_base_ms"] = "100";
        toml["sync"]["backoff_cap_ms"] = "1000";
        toml["sync"]["heartbeat_seconds"] = "5";
        toml["server"]["timeout_seconds"] = "60";
        toml["server"]["connect_timeout_seconds"] = "5";
        toml["server"]["low_speed_bytes"] = "100";
        toml["server"]["low_speed_seconds"] = "2";
        write_settings();
        auto store = EventStore::open(kiosk_db);  // the kiosk creates its database first
        REQUIRE(store.ok());
    }

    static std::string quoted(const std::string& s) { return "\"" + s + "\""; }

    void write_settings() {
        std::string text;
        for (auto& [section, keys] : toml) {
            text += "[" + section + "]\n";
            for (auto& [key, value] : keys) text += key + " = " + value + "\n";
        }
        dir.write("sync.toml", text);
    }

    RunResult cli(std::vector<std::string> args) {
        std::vector<std::string> argv{binary("motcua-server"), "--db", server_db};
        argv.insert(argv.end(), args.begin(), args.end());
        return run(argv, 30s);
    }

    void add_site() {
        REQUIRE(cli({"site", "add", "--id", "xa-an-phu", "--name", "Trung tâm Phục vụ hành chính công xã An Phú"}).exit_code == 0);
        REQUIRE(cli({"counter", "add", "--site", "xa-an-phu", "--id", "3A", "--name", "Quầy số 3A"}).exit_code == 0);
    }

    void start_server(int wanted_port = 0) {
        auto serving = test::start_server({"--db", server_db}, wanted_port);
        server = std::move(serving.process);
        port = serving.port;
    }
    void stop_server() {
        if (server) server->terminate();
        server.reset();
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }

    // A site, a counter, a running server and this kiosk enrolled with it.
    void enrol_with_real_server() {
        add_site();
        start_server();
        auto code = cli({"enroll-code", "create", "--site", "xa-an-phu", "--counter", "3A"});
        REQUIRE(code.exit_code == 0);
        auto r = sync({"enroll", "--server", url(), "--code", chomp(code.output)});
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
    }

    // For a scripted server: the identity enrolment would have written.
    void write_identity(const std::string& server_url) {
        dir.write("device.json", nlohmann::json{{"device_id", "kiosk-test"}, {"token", "tok"}, {"server_url", server_url},
                                                {"site_id", "xa-an-phu"}, {"counter_id", "3A"}}
                                     .dump());
    }

    std::string device_id() {
        std::ifstream in(dir.file("device.json"));
        return nlohmann::json::parse(in)["device_id"];
    }

    std::vector<std::string> sync_argv(const std::vector<std::string>& args, const std::vector<std::string>& prefix = {}) {
        std::vector<std::string> argv = prefix;
        argv.push_back(binary("motcua-sync"));
        argv.push_back("--config");
        argv.push_back(dir.file("sync.toml"));
        argv.insert(argv.end(), args.begin(), args.end());
        return argv;
    }
    RunResult sync(const std::vector<std::string>& args, const std::vector<std::string>& prefix = {},
                   const std::vector<std::string>& env = {}) {
        return run(sync_argv(args, prefix), 60s, env);
    }
    std::unique_ptr<Process> start_daemon(const std::vector<std::string>& prefix = {},
                                          const std::vector<std::string>& env = {}) {
        return std::make_unique<Process>(sync_argv({"run"}, prefix), env);
    }

    // `status --json`: its exit code and the parsed answer.
    std::pair<int, nlohmann::json> status() {
        auto r = sync({"status", "--json"});
        INFO(r.output);
        auto j = nlohmann::json::parse(r.output, nullptr, false);
        REQUIRE(!j.is_discarded());
        return {r.exit_code, j};
    }

    void rate(int count) {
        auto store = EventStore::open(kiosk_db);
        REQUIRE(store.ok());
        for (int i = 0; i < count; ++i)
            REQUIRE(store->append(event_type::kRatingSubmitted,
                                  json{{"ticket_id", nullptr}, {"counter", "3A"}, {"officer", nullptr}, {"service", nullptr},
                                       {"score", 1 + i % 3}, {"reasons", json::array()}})
                        .ok());
    }

    std::int64_t pending() {
        auto store = EventStore::open(kiosk_db);
        REQUIRE(store.ok());
        return store->pending_count();
    }

    nlohmann::json fleet_entry() {
        auto r = cli({"devices", "--json"});
        REQUIRE(r.exit_code == 0);
        for (auto& d : nlohmann::json::parse(r.output))
            if (d["device_id"] == device_id()) return d;
        FAIL("device not in the fleet view");
        return {};
    }

    // Server's event ids == kiosk's committed ids in seq order, no duplicates, seq contiguous,
    // and the report's counts equal the counts recomputed from the kiosk database.
    void check_delivered_exactly_once() {
        auto store = EventStore::open(kiosk_db);
        REQUIRE(store.ok());
        CHECK(store->pending_count() == 0);
        std::vector<std::string> kiosk_ids;
        std::map<int, std::int64_t> kiosk_levels;
        for (auto& e : store->all_events()) {
            kiosk_ids.push_back(e.id);
            if (e.type == event_type::kRatingSubmitted) ++kiosk_levels[e.data["score"].get<int>()];
        }
        auto db = sql::Database::open(server_db, true);
        REQUIRE(db.ok());
        auto st = db->prepare("SELECT id, seq FROM events WHERE db_instance = ? ORDER BY seq");
        st.bind(1, store->db_instance());
        std::vector<std::string> server_ids;
        std::int64_t expected_seq = 1;
        bool contiguous = true;
        while (st.step()) {
            server_ids.push_back(st.column_text(0));
            if (st.column_int(1) != expected_seq++) contiguous = false;
        }
        CHECK(server_ids == kiosk_ids);
        CHECK(contiguous);
        CHECK(std::set<std::string>(server_ids.begin(), server_ids.end()).size() == server_ids.size());
        CHECK(db->query_int("SELECT count(*) FROM events") == static_cast<std::int64_t>(kiosk_ids.size()));

        httplib::Client client("127.0.0.1", port);
        auto res = client.Get("/api/v1/report?site=xa-an-phu");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        auto report = nlohmann::json::parse(res->body);
        std::int64_t total = 0;
        for (auto& [score, n] : kiosk_levels) total += n;
        CHECK(report["total"] == total);
        for (auto& level : report["levels"]) CHECK(level["count"] == kiosk_levels[level["score"].get<int>()]);
    }
};

}  // namespace motcua::test
