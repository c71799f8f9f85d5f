// The daemon left alone against servers and databases that misbehave: each test runs the real
// motcua-sync process and checks that nothing is lost or counted twice once things are fixed.
#include <catch2/catch.hpp>

#include "tests/sync/daemon_rig.hpp"
#include "tests/sync/fault_peers.hpp"

using namespace motcua;
using namespace std::chrono_literals;
using test::DaemonRig;
using test::MisbehavingPeer;

namespace {

// Enrolled with a real server that then goes away, leaving its port to a misbehaving peer.
void abandoned_then_delivered(MisbehavingPeer::Mode mode) {
    DaemonRig rig;
    rig.enrol_with_real_server();
    int port = rig.port;
    rig.rate(20);
    rig.stop_server();
    auto daemon = [&] {
        MisbehavingPeer peer(port, mode);
        auto d = rig.start_daemon();
        // libcurl's low-speed limit (100 B/s for 2 s here) abandons the request; the daemon retries.
        std::string abandoned = d->wait_for_line("Operation too slow", 30s);
        INFO(d->output());
        REQUIRE(!abandoned.empty());
        CHECK_THAT(abandoned, Catch::Contains("request abandoned; it will be retried"));
        REQUIRE(!d->wait_for_line("retry in", 10s).empty());
        CHECK(d->running());
        CHECK(peer.connections() >= 1);
        CHECK(rig.pending() == 20);
        return d;
    }();
    rig.start_server(port);
    INFO(daemon->output());
    REQUIRE(test::wait_until([&] { return rig.pending() == 0; }, 30s));
    rig.check_delivered_exactly_once();
    daemon->terminate();
    CHECK(daemon->exit_code() == 0);
}

std::vector<std::int64_t> logged_retry_delays(const std::string& log) {
    std::vector<std::int64_t> delays;
    std::regex retry(R"(retry in (\d+) ms)");
    for (auto it = std::sregex_iterator(log.begin(), log.end(), retry); it != std::sregex_iterator(); ++it)
        delays.push_back(std::stoll((*it)[1]));
    return delays;
}

}  // namespace

TEST_CASE("a server that accepts the connection and never answers is abandoned and retried until a good server is back") {
    abandoned_then_delivered(MisbehavingPeer::Mode::NeverAnswers);
}

TEST_CASE("a server that trickles bytes is abandoned and retried until a good server is back") {
    abandoned_then_delivered(MisbehavingPeer::Mode::Trickles);
}

TEST_CASE("in a long outage the backoff reaches its cap and delivery resumes when the server returns") {
    DaemonRig rig;
    rig.enrol_with_real_server();
    int port = rig.port;
    rig.rate(5);
    rig.stop_server();
    auto daemon = rig.start_daemon();
    INFO(daemon->output());
    // base 100 ms doubling: the 1000 ms cap is reached after four failures.
    REQUIRE(!daemon->wait_for_line("backoff at its cap", 30s).empty());
    rig.rate(7);  // the counter keeps working while the server is away
    REQUIRE(!daemon->wait_for_line("backoff at its cap", 10s).empty());
    rig.start_server(port);
    REQUIRE(test::wait_until([&] { return rig.pending() == 0; }, 30s));
    // Every wait the daemon chose was within the cap, so the server was tried again within one cap.
    auto delays = logged_retry_delays(daemon->output());
    REQUIRE(delays.size() >= 5);
    for (auto d : delays) CHECK(d <= 1000);
    CHECK(daemon->running());
    auto [code, status] = rig.status();
    CHECK(code == 0);
    CHECK(status["state"] == "healthy");
    CHECK_THAT(status["last_error"].get<std::string>(), Catch::Contains("cannot reach the server"));
    rig.check_delivered_exactly_once();
}

TEST_CASE("another connection holding the kiosk database write lock makes the daemon retry without crashing") {
    DaemonRig rig;
    rig.enrol_with_real_server();
    rig.rate(10);
    std::unique_ptr<test::Process> daemon;
    {
        // Held longer than the daemon's 5 s busy timeout: the server stores the batch, but the
        // daemon cannot move its cursor, so it must retry (and the server answer "duplicate").
        auto holder = sql::Database::open(rig.kiosk_db);
        REQUIRE(holder.ok());
        holder->exec("BEGIN IMMEDIATE");
        holder->exec("INSERT INTO meta(key, value) VALUES ('test_lock', 'held')");
        daemon = rig.start_daemon();
        std::string failed = daemon->wait_for_line("database is locked", 30s);
        INFO(daemon->output());
        CHECK(!failed.empty());
        REQUIRE(!daemon->wait_for_line("retry in", 40s).empty());
        CHECK(daemon->running());
        holder->exec("COMMIT");
    }
    INFO(daemon->output());
    REQUIRE(test::wait_until([&] { return rig.pending() == 0; }, 30s));
    rig.rate(6);
    REQUIRE(test::wait_until([&] { return rig.pending() == 0; }, 30s));
    CHECK(daemon->running());
    rig.check_delivered_exactly_once();
}

TEST_CASE("a damaged sync cursor is a logged retry and delivery resumes once it is repaired") {
    DaemonRig rig;
    rig.enrol_with_real_server();
    rig.rate(8);
    REQUIRE(rig.sync({"run", "--once"}).exit_code == 0);
    rig.rate(4);
    {
        auto store = EventStore::open(rig.kiosk_db);
        REQUIRE(store.ok());
        REQUIRE(store->set_meta("acked_through", "eight").ok());
    }
    auto daemon = rig.start_daemon();
    INFO(daemon->output());
    std::string failed = daemon->wait_for_line("database error:", 20s);
    CHECK_THAT(failed, Catch::Contains("sync cursor") && Catch::Contains("'eight'"));
    REQUIRE(!daemon->wait_for_line("database error:", 10s).empty());  // still retrying, still alive
    CHECK(daemon->running());
    auto r = rig.sync({"status"});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::Contains("sync cursor"));
    {
        // Repaired by hand to a safe value: the server answers "duplicate" for what it already has.
        auto store = EventStore::open(rig.kiosk_db);
        REQUIRE(store.ok());
        REQUIRE(store->set_meta("acked_through", "0").ok());
    }
    REQUIRE(test::wait_until([&] { return rig.pending() == 0; }, 30s));
    rig.check_delivered_exactly_once();
    auto [code, status] = rig.status();
    CHECK(code == 0);
    CHECK_THAT(status["last_error"].get<std::string>(), Catch::Contains("sync cursor"));
}

TEST_CASE("a file that is not a database stops the daemon with exit code 1 and says why") {
    DaemonRig rig;
    rig.write_identity("http://127.0.0.1:9");
    rig.dir.write("junk.db", std::string(8192, 'x'));
    auto r = rig.sync({"--db", rig.dir.file("junk.db"), "run"});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::Contains("not a database") && Catch::Contains("retrying cannot help"));
}
