// Refusals that waiting will not fix (400, 409 ...): the daemon keeps every event and keeps
// trying, slowly, and makes the problem visible once: an alarm event, the heartbeat, status.
#include <catch2/catch.hpp>

#include <mutex>

#include "core/gzip.hpp"
#include "tests/sync/daemon_rig.hpp"
#include "tests/sync/sync_test_server.hpp"

using namespace motcua;
using namespace std::chrono_literals;
using test::DaemonRig;

namespace {

// A district server whose answer to a batch the test chooses; it stores what it acks, once.
class RefusingServer {
public:
    RefusingServer()
        : server_([this](const httplib::Request& req, httplib::Response& res) { handle(req, res); }) {}

    void refuse_with(int status, const std::string& error) {
        std::lock_guard lock(mutex_);
        refusal_status_ = status;
        refusal_error_ = error;
    }
    void accept() { refuse_with(0, ""); }
    std::string url() const { return server_.url(); }
    int batches_refused() {
        std::lock_guard lock(mutex_);
        return refused_;
    }
    std::vector<std::string> stored_ids() {
        std::lock_guard lock(mutex_);
        return stored_;
    }
    json last_heartbeat() {
        std::lock_guard lock(mutex_);
        return heartbeat_;
    }

private:
    void handle(const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(mutex_);
        if (req.path == "/api/v1/heartbeat") {
            heartbeat_ = json::parse(req.body);
            res.set_content(R"({"server_time":"2026-11-24T15:00:00.000+07:00"})", "application/json");
            return;
        }
        if (req.path == "/api/v1/config") {
            res.status = 304;
            return;
        }
        if (refusal_status_) {
            ++refused_;
            res.status = refusal_status_;
            res.set_content(json{{"error", refusal_error_}}.dump(), "application/json");
            return;
        }
        std::string body = req.body;
        if (body.size() > 2 && body[0] == '\x1f' && body[1] == '\x8b') body = gzip_decompress(body).value();
        json batch = json::parse(body);
        json results = json::array();
        for (auto& e : batch["events"]) {
            bool seen = std::find(stored_.begin(), stored_.end(), e["id"]) != stored_.end();
            if (!seen) stored_.push_back(e["id"]);
            results.push_back({{"id", e["id"]}, {"status", seen ? "duplicate" : "stored"}});
        }
        res.set_content(json{{"protocol", 1}, {"batch_id", batch["batch_id"]},
                             {"acked_through", batch["events"].back()["seq"]}, {"results", results}}
                            .dump(),
                        "application/json");
    }

    std::mutex mutex_;
    int refusal_status_ = 0;
    std::string refusal_error_;
    int refused_ = 0;
    std::vector<std::string> stored_;
    json heartbeat_;
    test::ScriptedServer server_;  // last: stops before the members its handler uses go away
};

std::vector<json> sync_alarms(const std::string& kiosk_db) {
    auto store = EventStore::open(kiosk_db);
    REQUIRE(store.ok());
    std::vector<json> alarms;
    for (auto& e : store->all_events())
        if (e.type == event_type::kDeviceAlarm && e.data.value("alarm", "") == "sync_needs_person") alarms.push_back(e.data);
    return alarms;
}

std::vector<std::string> kiosk_ids(const std::string& kiosk_db) {
    auto store = EventStore::open(kiosk_db);
    REQUIRE(store.ok());
    std::vector<std::string> ids;
    for (auto& e : store->all_events()) ids.push_back(e.id);
    return ids;
}

}  // namespace

TEST_CASE("409 db_instance_claimed raises one alarm and status says a person is needed until it clears") {
    DaemonRig rig;
    RefusingServer server;
    server.refuse_with(409, "db_instance_claimed");
    rig.write_identity(server.url());
    rig.toml["sync"]["needs_person_retry_seconds"] = "1";
    rig.write_settings();
    rig.rate(6);
    auto daemon = rig.start_daemon();
    INFO(daemon->output());
    REQUIRE(test::wait_until([&] { return server.batches_refused() >= 3; }, 30s));
    CHECK_THAT(daemon->output(), Catch::Contains("next try in 1 s"));

    auto alarms = sync_alarms(rig.kiosk_db);
    REQUIRE(alarms.size() == 1);  // one per problem, not one per retry
    CHECK(alarms[0]["http_status"] == 409);
    CHECK(alarms[0]["error"] == "db_instance_claimed");
    CHECK_THAT(alarms[0]["message"].get<std::string>(), Catch::Contains("cloned disk"));

    auto [code, status] = rig.status();
    CHECK(code == 6);
    CHECK(status["state"] == "needs_person");
    CHECK_THAT(status["state_words"].get<std::string>(),
               Catch::Contains("another device uses this kiosk's database: IT staff must check for a cloned disk"));
    CHECK(status["problem"]["http_status"] == 409);
    CHECK(status["waiting"] == 7);  // six ratings and the alarm, all kept
    auto text = rig.sync({"status"});
    CHECK(text.exit_code == 6);
    CHECK_THAT(text.output, Catch::Contains("needs_person: another device uses this kiosk's database"));

    REQUIRE(test::wait_until([&] { return server.last_heartbeat().contains("sync_problem"); }, 20s));
    CHECK(server.last_heartbeat()["sync_problem"]["error"] == "db_instance_claimed");

    server.accept();  // IT staff fixed the server side
    REQUIRE(test::wait_until([&] { return rig.pending() == 0; }, 20s));
    CHECK(server.stored_ids() == kiosk_ids(rig.kiosk_db));
    std::tie(code, status) = rig.status();
    CHECK(code == 0);
    CHECK(status["state"] == "healthy");
    CHECK(status["problem"].is_null());
    CHECK(sync_alarms(rig.kiosk_db).size() == 1);
    CHECK(daemon->running());
}

TEST_CASE("a 400 answer is retried slowly and raises a new alarm only after it cleared and came back") {
    DaemonRig rig;
    RefusingServer server;
    server.refuse_with(400, "malformed_batch");
    rig.write_identity(server.url());
    rig.toml["sync"]["needs_person_retry_seconds"] = "1";
    rig.write_settings();
    rig.rate(3);
    auto daemon = rig.start_daemon();
    INFO(daemon->output());
    REQUIRE(test::wait_until([&] { return server.batches_refused() >= 3; }, 30s));
    REQUIRE(sync_alarms(rig.kiosk_db).size() == 1);
    auto [code, status] = rig.status();
    CHECK(code == 6);
    CHECK_THAT(status["state_words"].get<std::string>(), Catch::Contains("malformed") && Catch::Contains("HTTP 400"));
    CHECK(status["events"] == 4);

    server.accept();
    REQUIRE(test::wait_until([&] { return rig.pending() == 0; }, 20s));
    std::tie(code, status) = rig.status();
    CHECK(code == 0);

    server.refuse_with(400, "malformed_batch");
    rig.rate(2);
    REQUIRE(test::wait_until([&] { return sync_alarms(rig.kiosk_db).size() == 2; }, 20s));
    std::tie(code, status) = rig.status();
    CHECK(code == 6);
    server.accept();
    REQUIRE(test::wait_until([&] { return rig.pending() == 0; }, 20s));
    CHECK(server.stored_ids() == kiosk_ids(rig.kiosk_db));
    CHECK(sync_alarms(rig.kiosk_db).size() == 2);
}

TEST_CASE("run --once against a refusing server exits 6 and keeps every event") {
    DaemonRig rig;
    RefusingServer server;
    server.refuse_with(422, "unprocessable");
    rig.write_identity(server.url());
    rig.rate(2);
    auto r = rig.sync({"run", "--once"});
    INFO(r.output);
    CHECK(r.exit_code == 6);
    CHECK(rig.pending() == 3);  // two ratings and the alarm
    CHECK(sync_alarms(rig.kiosk_db).size() == 1);
    CHECK(server.last_heartbeat()["sync_problem"]["http_status"] == 422);
}
