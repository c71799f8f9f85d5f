// A real motcua-server on 127.0.0.1 with one site and counter, and the motcua-sync settings
// for a kiosk database: shared by the kiosk's end-to-end tests.
#pragma once
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace motcua::test {

struct LoopbackSite {
    const TempDir& dir;
    std::string kiosk_db;
    std::string server_db = dir.file("server.db");
    std::string config_cache = dir.file("server-config.json");
    std::unique_ptr<Process> server;
    int port = 0;

    // `server_toml`: extra settings for the server (its rating scale, for instance).
    LoopbackSite(const TempDir& d, std::string kiosk_db_path, const std::string& server_toml = "")
        : dir(d), kiosk_db(std::move(kiosk_db_path)) {
        dir.write("server.toml", server_toml);
        REQUIRE(server_cli({"site", "add", "--id", "xa-an-phu", "--name", "Trung tâm Phục vụ hành chính công xã An Phú"})
                    .exit_code == 0);
        REQUIRE(server_cli({"counter", "add", "--site", "xa-an-phu", "--id", "3A", "--name", "Quầy số 3A"}).exit_code == 0);
        auto serving = start_server({"--config", dir.file("server.toml"), "--db", server_db});
        server = std::move(serving.process);
        port = serving.port;
        dir.write("sync.toml", "[storage]\ndb_path = \"" + kiosk_db + "\"\n[device]\nidentity_file = \"" +
                                   dir.file("device.json") + "\"\nconfig_cache = \"" + config_cache +
                                   "\"\n[sync]\ninterval_seconds = 1\nbackoff_base_ms = 100\nbackoff_cap_ms = 500\n");
    }

    RunResult server_cli(std::vector<std::string> args) const {
        std::vector<std::string> argv{binary("motcua-server"), "--config", dir.file("server.toml"), "--db", server_db};
        argv.insert(argv.end(), args.begin(), args.end());
        return run(argv, std::chrono::seconds(30));
    }

    RunResult sync(std::vector<std::string> args) const {
        std::vector<std::string> argv{binary("motcua-sync"), "--config", dir.file("sync.toml")};
        argv.insert(argv.end(), args.begin(), args.end());
        return run(argv, std::chrono::seconds(60));
    }

    void enrol() const {
        auto code = server_cli({"enroll-code", "create", "--site", "xa-an-phu", "--counter", "3A"});
        REQUIRE(code.exit_code == 0);
        auto r = sync({"enroll", "--server", "http://127.0.0.1:" + std::to_string(port), "--code", chomp(code.output)});
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
    }

    // One number from the server's own database file (read-only connection).
    std::int64_t server_query_int(const std::string& sql) const {
        sqlite3* db = nullptr;
        std::int64_t value = -1;
        if (sqlite3_open_v2(server_db.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
            sqlite3_stmt* st = nullptr;
            if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
                value = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
        sqlite3_close(db);
        return value;
    }
};

}  // namespace motcua::test
