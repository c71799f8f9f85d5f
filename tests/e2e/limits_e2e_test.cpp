// The real motcua-sync daemon (libcurl) against the real motcua-server with a tiny per-device
// request rate: the server answers 429 with Retry-After, the daemon waits, and in the end every
// event the kiosk wrote is on the server exactly once.
#include <catch2/catch.hpp>
#include <httplib.h>

#include <algorithm>
#include <thread>

#include "core/event_store.hpp"
#include "core/sqlite.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace std::chrono_literals;

TEST_CASE("a kiosk held back by the server's rate limit still delivers every event exactly once") {
    test::TempDir dir;
    const std::string server_db = dir.file("server.db"), kiosk_db = dir.file("kiosk.db");
    auto cli = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {test::binary("motcua-server"), "--db", server_db});
        return test::run(args, 30s);
    };
    REQUIRE(cli({"site", "add", "--id", "px", "--name", "Phường Ba Đình"}).exit_code == 0);
    REQUIRE(cli({"counter", "add", "--site", "px", "--id", "q1", "--name", "Quầy 1"}).exit_code == 0);
    // Two requests a second: a kiosk pushing 5-event batches back to back is over it at once.
    dir.write("server.toml", "[limits]\ndevice_requests_per_second = 2\ndevice_burst = 2\n");
    auto server = test::start_server({"--config", dir.file("server.toml"), "--db", server_db});
    const std::string url = "http://127.0.0.1:" + std::to_string(server.port);
    dir.write("sync.toml", "[storage]\ndb_path = \"" + kiosk_db + "\"\n[device]\nidentity_file = \"" +
                               dir.file("device.json") + "\"\nconfig_cache = \"" + dir.file("server-config.json") +
                               "\"\n[sync]\ninterval_seconds = 1\nbatch_events = 5\nbackoff_base_ms = 100\n"
                               "backoff_cap_ms = 500\n");
    auto code = cli({"enroll-code", "create", "--site", "px", "--counter", "q1"});
    REQUIRE(code.exit_code == 0);
    auto enrolled = test::run({test::binary("motcua-sync"), "--config", dir.file("sync.toml"), "enroll", "--server", url,
                               "--code", test::chomp(code.output)},
                              30s);
    INFO(enrolled.output);
    REQUIRE(enrolled.exit_code == 0);

    constexpr int kEvents = 40;
    {
        auto store = EventStore::open(kiosk_db);
        REQUIRE(store.ok());
        for (int i = 0; i < kEvents; ++i)
            REQUIRE(store->append(event_type::kRatingSubmitted,
                                  json{{"ticket_id", nullptr}, {"counter", "q1"}, {"officer", nullptr},
                                       {"service", nullptr}, {"score", 1 + i % 3}, {"reasons", json::array()}})
                        .ok());
    }
    test::Process daemon({test::binary("motcua-sync"), "--config", dir.file("sync.toml"), "run"});
    bool drained = false;
    for (int i = 0; i < 600 && !drained; ++i) {  // at most a minute; about 5 s at two requests a second
        std::this_thread::sleep_for(100ms);
        auto store = EventStore::open(kiosk_db);
        REQUIRE(store.ok());
        drained = store->pending_count() == 0;
    }
    INFO("daemon: " << daemon.output());
    INFO("server: " << server.process->output());
    REQUIRE(drained);
    daemon.terminate();

    // The limit really held the kiosk back: the server said so in its log.
    server.process->wait_for_line("is over its request rate", 5s);
    CHECK_THAT(server.process->output(), Catch::Contains("is over its request rate (2 requests/s, burst 2)"));

    std::vector<std::string> kiosk_ids, server_ids;
    {
        auto store = EventStore::open(kiosk_db);
        REQUIRE(store.ok());
        for (auto& e : store->all_events()) kiosk_ids.push_back(e.id);
    }
    {
        auto db = sql::Database::open(server_db, true);
        REQUIRE(db.ok());
        auto st = db->prepare("SELECT id FROM events");
        while (st.step()) server_ids.push_back(st.column_text(0));
    }
    std::sort(kiosk_ids.begin(), kiosk_ids.end());
    std::sort(server_ids.begin(), server_ids.end());
    CHECK(kiosk_ids.size() == static_cast<std::size_t>(kEvents));
    CHECK(server_ids == kiosk_ids);  // every event once, nothing else
}
