#include <catch2/catch.hpp>
#include <httplib.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "core/event_store.hpp"
#include "core/sqlite.hpp"
#include "tests/e2e/answer_losing_proxy.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace std::chrono_literals;

namespace {

// A district server, a site with one counter, and a kiosk database with its sync settings.
struct Loopback {
    test::TempDir dir;
    std::string server_db = dir.file("server.db");
    std::string kiosk_db = dir.file("kiosk.db");
    std::unique_ptr<test::Process> server;
    int port = 0;

    explicit Loopback(const std::string& extra_sync_settings = "") {
        REQUIRE(cli({"site", "add", "--id", "xa-an-phu", "--name", "Trung tâm Phục vụ hành chính công xã An Phú"}).exit_code == 0);
        REQUIRE(cli({"counter", "add", "--site", "xa-an-phu", "--id", "3A", "--name", "Quầy số 3A"}).exit_code == 0);
        start_server(0);
        dir.write("sync.toml",
                  "[storage]\ndb_path = \"" + kiosk_db + "\"\n"
                  "[device]\nidentity_file = \"" + dir.file("device.json") + "\"\n"
                  "config_cache = \"" + dir.file("server-config.json") + "\"\n"
                  "[sync]\ninterval_seconds = 1\nbackoff_base_ms = 100\nbackoff_cap_ms = 500\n" + extra_sync_settings);
    }

    test::RunResult cli(std::vector<std::string> args) {
        std::vector<std::string> argv{test::binary("motcua-server"), "--db", server_db};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run(argv, 30s);
    }

    void start_server(int wanted_port) {
        auto serving = test::start_server({"--db", server_db}, wanted_port);
        server = std::move(serving.process);
        port = serving.port;
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }

    std::string new_code() {
        auto r = cli({"enroll-code", "create", "--site", "xa-an-phu", "--counter", "3A"});
        REQUIRE(r.exit_code == 0);
        return test::chomp(r.output);
    }

    test::RunResult sync(std::vector<std::string> args) {
        std::vector<std::string> argv{test::binary("motcua-sync"), "--config", dir.file("sync.toml")};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run(argv, 60s);
    }

    // The kiosk sends to `server_url` from then on (the server itself, or a proxy in front of it).
    void enrol(const std::string& server_url = "") {
        auto r = sync({"enroll", "--server", server_url.empty() ? url() : server_url, "--code", new_code()});
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
    }

    nlohmann::json report() {
        httplib::Client client("127.0.0.1", port);
        auto res = client.Get("/api/v1/report?site=xa-an-phu");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        return nlohmann::json::parse(res->body);
    }
};

void rate(const std::string& db, const std::vector<int>& scores) {
    auto store = EventStore::open(db);
    REQUIRE(store.ok());
    for (int s : scores)
        REQUIRE(store->append(event_type::kRatingSubmitted,
                              json{{"ticket_id", nullptr}, {"counter", "3A"}, {"officer", nullptr}, {"service", nullptr},
                                   {"score", s}, {"reasons", s == 3 ? json::array({"wait_time"}) : json::array()}})
                    .ok());
}

std::int64_t level_count(const nlohmann::json& report, int score) {
    for (auto& l : report["levels"])
        if (l["score"] == score) return l["count"];
    return -1;
}

}  // namespace

TEST_CASE("N ratings on the kiosk are counted exactly once on the district server, with the right split") {
    Loopback lo;
    lo.enrol();
    std::vector<int> scores;
    for (int i = 0; i < 120; ++i) scores.push_back(i % 10 == 0 ? 3 : (i % 4 == 0 ? 2 : 1));
    rate(lo.kiosk_db, scores);
    auto r = lo.sync({"run", "--once"});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);

    auto report = lo.report();
    CHECK(report["total"] == 120);
    CHECK(level_count(report, 1) == std::count(scores.begin(), scores.end(), 1));
    CHECK(level_count(report, 2) == std::count(scores.begin(), scores.end(), 2));
    CHECK(level_count(report, 3) == 12);
    CHECK_THAT(report["summary"].get<std::string>(), Catch::StartsWith("120 phiếu") && Catch::Contains("không hài lòng 10%"));

    auto cli = lo.cli({"report", "--site", "xa-an-phu"});
    CHECK(cli.exit_code == 0);
    CHECK_THAT(cli.output, Catch::Contains("120 phiếu"));
}

TEST_CASE("the same events sent twice (a kiosk restored from a backup) count once") {
    Loopback lo;
    lo.enrol();
    rate(lo.kiosk_db, {1, 1, 2, 3});
    std::filesystem::copy_file(lo.kiosk_db, lo.dir.file("backup.db"));
    REQUIRE(lo.sync({"run", "--once"}).exit_code == 0);
    CHECK(lo.report()["total"] == 4);

    // Put back the copy taken before the push: its cursor says nothing was sent.
    std::filesystem::remove(lo.kiosk_db + "-wal");
    std::filesystem::remove(lo.kiosk_db + "-shm");
    std::filesystem::copy_file(lo.dir.file("backup.db"), lo.kiosk_db, std::filesystem::copy_options::overwrite_existing);
    {
        auto store = EventStore::open(lo.kiosk_db);
        REQUIRE(store.ok());
        REQUIRE(store->pending_count() == 4);
    }
    auto again = lo.sync({"run", "--once"});
    INFO(again.output);
    REQUIRE(again.exit_code == 0);
    auto report = lo.report();
    CHECK(report["total"] == 4);
    CHECK(level_count(report, 1) == 2);
}

// The server is SIGKILLed five times while the daemon runs: with a batch in flight (committed or
// not, the kiosk gets no answer), and after committing a batch but before its answer reached the
// kiosk (a lost ack: the kiosk must send it again and the server must count it once).
TEST_CASE("a server killed with a batch in flight or after committing it loses nothing and counts nothing twice") {
    Loopback lo("batch_events = 10\n");
    test::AnswerLosingProxy proxy(lo.port);
    lo.enrol(proxy.url());
    std::vector<int> scores(30, 1);
    rate(lo.kiosk_db, scores);
    test::Process daemon({test::binary("motcua-sync"), "--config", lo.dir.file("sync.toml"), "run"});

    using Cut = test::AnswerLosingProxy::Cut;
    const std::vector<Cut> cuts{Cut::AfterCommit, Cut::InFlight, Cut::AfterCommit, Cut::InFlight, Cut::AfterCommit};
    for (std::size_t i = 0; i < cuts.size(); ++i) {
        proxy.arm(cuts[i]);
        std::vector<int> more(12, 1 + static_cast<int>(i % 3));  // always something left to send
        rate(lo.kiosk_db, more);
        scores.insert(scores.end(), more.begin(), more.end());
        INFO("cut " << i << "; daemon: " << daemon.output());
        REQUIRE(proxy.wait_for_held(20s));
        lo.server->kill_hard();
        proxy.release();
        std::vector<int> while_down(3, 2);  // ratings keep coming while the server is down
        rate(lo.kiosk_db, while_down);
        scores.insert(scores.end(), while_down.begin(), while_down.end());
        std::this_thread::sleep_for(200ms);  // let the daemon find the server gone
        lo.start_server(lo.port);
    }

    bool drained = false;
    for (int i = 0; i < 300 && !drained; ++i) {
        std::this_thread::sleep_for(100ms);
        auto store = EventStore::open(lo.kiosk_db);
        REQUIRE(store.ok());
        drained = store->pending_count() == 0;
    }
    INFO(daemon.output());
    REQUIRE(drained);
    CHECK(proxy.cuts() == 5);

    // Every event the kiosk wrote is on the server exactly once, and nothing else is.
    std::vector<std::string> kiosk_ids, server_ids;
    {
        auto store = EventStore::open(lo.kiosk_db);
        REQUIRE(store.ok());
        for (auto& e : store->all_events()) kiosk_ids.push_back(e.id);
    }
    {
        auto db = sql::Database::open(lo.server_db, true);
        REQUIRE(db.ok());
        auto st = db->prepare("SELECT id FROM events");
        while (st.step()) server_ids.push_back(st.column_text(0));
    }
    std::sort(kiosk_ids.begin(), kiosk_ids.end());
    std::sort(server_ids.begin(), server_ids.end());
    CHECK(std::adjacent_find(server_ids.begin(), server_ids.end()) == server_ids.end());
    CHECK(server_ids.size() == kiosk_ids.size());
    CHECK(server_ids == kiosk_ids);

    auto report = lo.report();
    CHECK(report["total"] == static_cast<std::int64_t>(scores.size()));
    for (int level : {1, 2, 3}) CHECK(level_count(report, level) == std::count(scores.begin(), scores.end(), level));

    // At least one batch the server had committed was sent again and answered "duplicate":
    // the lost acks really happened.
    bool resent_after_lost_ack = false;
    for (auto& answer : proxy.batch_answers())
        if (answer.find("\"duplicate\"") != std::string::npos) resent_after_lost_ack = true;
    CHECK(resent_after_lost_ack);
}

TEST_CASE("a wrong enrolment code is refused with a clear message and exit code 3") {
    Loopback lo;
    auto r = lo.sync({"enroll", "--server", lo.url(), "--code", "WRONG-CODE"});
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.output, Catch::Contains("refused") && Catch::Contains("WRONG-CODE"));
    CHECK_FALSE(std::filesystem::exists(lo.dir.file("device.json")));
}

TEST_CASE("an enrolment code works only once") {
    Loopback lo;
    std::string code = lo.new_code();
    REQUIRE(lo.sync({"enroll", "--server", lo.url(), "--code", code}).exit_code == 0);
    auto second = lo.sync({"enroll", "--server", lo.url(), "--code", code});
    CHECK(second.exit_code == 3);
}

TEST_CASE("with the server down, run --once keeps every event and says it will retry") {
    Loopback lo;
    lo.enrol();
    rate(lo.kiosk_db, {1, 2});
    lo.server->terminate();
    auto r = lo.sync({"run", "--once"});
    CHECK(r.exit_code == 75);
    auto store = EventStore::open(lo.kiosk_db);
    REQUIRE(store.ok());
    CHECK(store->pending_count() == 2);
}

#ifdef MOTCUA_HAVE_KIOSK
TEST_CASE("taps on the real kiosk window reach the district server's report") {
    Loopback lo;
    lo.enrol();
    // The kiosk's autopilot taps each level once in a real (offscreen) SDL window.
    auto kiosk = test::run({test::binary("motcua-kiosk"), "--db", lo.kiosk_db, "--demo"}, 60s,
                           {"SDL_VIDEODRIVER=offscreen"});
    INFO(kiosk.output);
    REQUIRE(kiosk.exit_code == 0);
    REQUIRE(lo.sync({"run", "--once"}).exit_code == 0);
    auto report = lo.report();
    CHECK(report["total"] == 3);
    CHECK(report["summary"] == "3 phiếu, rất hài lòng 33,33%, hài lòng 33,33%, không hài lòng 33,33%");
    // The kiosk stamped its ratings with the counter it was enrolled for, in the event data it
    // wrote itself (the server would fill in the enrolled counter for a rating without one).
    {
        auto store = EventStore::open(lo.kiosk_db);
        REQUIRE(store.ok());
        int ratings = 0;
        for (auto& e : store->all_events()) {
            if (e.type != event_type::kRatingSubmitted) continue;
            ++ratings;
            CHECK(e.data["counter"] == "3A");
        }
        CHECK(ratings == 3);
    }
    {
        auto db = sql::Database::open(lo.server_db, true);
        REQUIRE(db.ok());
        auto st = db->prepare("SELECT data FROM events WHERE type = 'rating.submitted'");
        int stored = 0;
        while (st.step()) {
            ++stored;
            CHECK(nlohmann::json::parse(st.column_text(0))["counter"] == "3A");
        }
        CHECK(stored == 3);
    }
    auto by_counter = lo.cli({"report", "--site", "xa-an-phu", "--group-by", "counter"});
    CHECK_THAT(by_counter.output, Catch::Contains("3A"));
}
#endif

TEST_CASE("over HTTPS the kiosk refuses a certificate it cannot verify, and syncs with the site CA") {
    test::TempDir tls;
    auto made = test::run({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                           "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
                           tls.file("key.pem"), "-out", tls.file("cert.pem")});
    INFO(made.output);
    REQUIRE(made.exit_code == 0);

    test::TempDir dir;
    std::string server_db = dir.file("server.db");
    auto server_cli = [&](std::vector<std::string> args) {
        std::vector<std::string> argv{test::binary("motcua-server"), "--db", server_db};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run(argv);
    };
    REQUIRE(server_cli({"site", "add", "--id", "s", "--name", "Xã An Phú"}).exit_code == 0);
    REQUIRE(server_cli({"counter", "add", "--site", "s", "--id", "1", "--name", "Quầy 1"}).exit_code == 0);
    dir.write("server.toml", "[tls]\ncert_file = \"" + tls.file("cert.pem") + "\"\nkey_file = \"" + tls.file("key.pem") + "\"\n");
    test::Process server({test::binary("motcua-server"), "--config", dir.file("server.toml"), "--db", server_db, "serve",
                          "--port", "0"});
    std::string line = server.wait_for_line("listening on https://127.0.0.1:");
    INFO(server.output());
    REQUIRE(!line.empty());
    std::string url = line.substr(line.find("https://"));

    std::string sync_common = "[storage]\ndb_path = \"" + dir.file("kiosk.db") + "\"\n[device]\nidentity_file = \"" +
                              dir.file("device.json") + "\"\nconfig_cache = \"" + dir.file("cfg.json") + "\"\n";
    dir.write("untrusting.toml", sync_common);
    dir.write("trusting.toml", sync_common + "[server]\nca_file = \"" + tls.file("cert.pem") + "\"\n");
    auto code = test::chomp(server_cli({"enroll-code", "create", "--site", "s", "--counter", "1"}).output);

    auto refused = test::run({test::binary("motcua-sync"), "--config", dir.file("untrusting.toml"), "enroll", "--server",
                              url, "--code", code});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.output, Catch::Contains("certificate") || Catch::Contains("SSL"));

    auto enrolled = test::run({test::binary("motcua-sync"), "--config", dir.file("trusting.toml"), "enroll", "--server",
                               url, "--code", code});
    INFO(enrolled.output);
    REQUIRE(enrolled.exit_code == 0);
    rate(dir.file("kiosk.db"), {1, 3});
    auto pushed = test::run({test::binary("motcua-sync"), "--config", dir.file("trusting.toml"), "run", "--once"});
    INFO(pushed.output);
    REQUIRE(pushed.exit_code == 0);
    CHECK_THAT(server_cli({"report"}).output, Catch::Contains("2 phiếu, rất hài lòng 50%, hài lòng 0%, không hài lòng 50%"));
}
