// Which refusals need a person, and how the daemon records them (in-process, real SQLite file).
#include <catch2/catch.hpp>

#include "core/clock.hpp"
#include "sync/status_report.hpp"
#include "sync/sync_health.hpp"
#include "sync/sync_settings.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/sync/sync_test_server.hpp"

using namespace motcua;
using namespace motcua::sync;

namespace {
std::int64_t needs_person_alarms(EventStore& store) {
    std::int64_t n = 0;
    for (auto& e : store.all_events())
        if (e.type == event_type::kDeviceAlarm && e.data.value("alarm", "") == kNeedsPersonAlarm) ++n;
    return n;
}
}  // namespace

TEST_CASE("client errors other than 401 408 and 429 need a person and the rest are retried") {
    for (long status : {400L, 403L, 404L, 409L, 413L, 422L}) CHECK(classify_http_status(status) == Outcome::NeedsPerson);
    for (long status : {408L, 429L, 500L, 502L, 503L, 504L}) CHECK(classify_http_status(status) == Outcome::Retry);
    CHECK(classify_http_status(401) == Outcome::Unauthorized);
}

TEST_CASE("a 409 db_instance_claimed answer needs a person and says to check for a cloned disk") {
    test::TempDir dir;
    Settings settings(sync_settings());
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    REQUIRE(store->append(event_type::kRatingSubmitted, json{{"score", 1}}).ok());
    test::ScriptedServer server([](const httplib::Request&, httplib::Response& res) {
        res.status = 409;
        res.set_content(R"({"error":"db_instance_claimed"})", "application/json");
    });
    HttpClient http(TlsOptions{});
    SyncEngine engine(settings, store.value(), http, DeviceIdentity{"kiosk-1", "tok", server.url(), "s", "1"});
    auto report = engine.push_all();
    CHECK(report.outcome == Outcome::NeedsPerson);
    REQUIRE(report.problem.has_value());
    CHECK(report.problem->http_status == 409);
    CHECK(report.problem->error_code == "db_instance_claimed");
    CHECK_THAT(report.problem->words, Catch::StartsWith("another device uses this kiosk's database: IT staff must check for a cloned disk"));
    CHECK(store->pending_count() == 1);
}

TEST_CASE("the heartbeat carries the current problem and the clock skew measured from Date") {
    test::TempDir dir;
    Settings settings(sync_settings());
    settings.set("device.config_cache", dir.file("config.json"));
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    test::ScriptedServer server([](const httplib::Request&, httplib::Response& res) {
        res.set_header("Date", "Sat, 01 Jan 2000 00:00:00 GMT");  // a server far in the past
        res.set_content(R"({"server_time":"2000-01-01T07:00:00.000+07:00"})", "application/json");
    });
    HttpClient http(TlsOptions{});
    SyncEngine engine(settings, store.value(), http, DeviceIdentity{"kiosk-1", "tok", server.url(), "s", "1"});
    CHECK(engine.send_heartbeat().outcome == Outcome::Done);  // measures the skew
    REQUIRE(engine.clock_skew_ms().has_value());
    CHECK(*engine.clock_skew_ms() > 20LL * 365 * 86'400'000);
    std::int64_t measured = *engine.clock_skew_ms();
    SyncProblem problem = describe_refusal(400, "malformed_batch", "batch");
    CHECK(engine.send_heartbeat("none", problem).outcome == Outcome::Done);
    json body = json::parse(server.last_body());
    CHECK(body["sync_problem"]["alarm"] == "sync_needs_person");
    CHECK(body["sync_problem"]["http_status"] == 400);
    CHECK(body["sync_problem"]["error"] == "malformed_batch");
    CHECK(body["clock"]["skew_ms"].get<std::int64_t>() == measured);  // what was known when it was sent
}

TEST_CASE("the needs-person alarm is appended once per problem and again only after it cleared") {
    test::TempDir dir;
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    SyncProblem claimed = describe_refusal(409, "db_instance_claimed", "batch");
    {
        HealthRecorder health(store.value());
        for (int retry = 0; retry < 5; ++retry) REQUIRE(health.on_needs_person(claimed, 1000 + retry).ok());
        CHECK(needs_person_alarms(store.value()) == 1);
    }
    {
        HealthRecorder restarted(store.value());  // a restarted daemon remembers the problem
        REQUIRE(restarted.on_needs_person(claimed, 2000).ok());
        CHECK(needs_person_alarms(store.value()) == 1);
        REQUIRE(restarted.on_success(3000).ok());
        CHECK_FALSE(read_health(store.value()).problem.has_value());
        REQUIRE(restarted.on_needs_person(claimed, 4000).ok());
        CHECK(needs_person_alarms(store.value()) == 2);
        auto recorded = read_health(store.value());
        REQUIRE(recorded.problem.has_value());
        CHECK(recorded.problem->http_status == 409);
        CHECK(recorded.problem_since_ms == 4000);
    }
}

TEST_CASE("health timestamps are rewritten at most once a minute when nothing changed") {
    test::TempDir dir;
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    HealthRecorder health(store.value());
    REQUIRE(health.on_success(10'000).ok());
    REQUIRE(health.on_success(20'000).ok());
    CHECK(read_health(store.value()).last_success_ms == 10'000);
    REQUIRE(health.on_success(75'000).ok());
    CHECK(read_health(store.value()).last_success_ms == 75'000);
    REQUIRE(health.on_error("cannot reach the server: Failed to connect after 2 ms", 80'000).ok());
    REQUIRE(health.on_error("cannot reach the server: Failed to connect after 3 ms", 90'000).ok());
    CHECK(read_health(store.value()).last_error_ms == 80'000);
    CHECK(read_health(store.value()).last_error == "cannot reach the server: Failed to connect after 2 ms");
    REQUIRE(health.on_error("HTTP 503", 91'000).ok());  // a new error is news at once
    CHECK(read_health(store.value()).last_error == "HTTP 503");
    CHECK(read_health(store.value()).last_error_ms == 91'000);
}

TEST_CASE("status and the heartbeat say which configuration the kiosk shows and why it refused one") {
    test::TempDir dir;
    Settings settings(sync_settings());
    settings.set("device.config_cache", dir.file("config.json"));
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    REQUIRE(store->set_meta("config_version", "5").ok());  // motcua-sync saved version 5 …
    test::ScriptedServer server([](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"server_time":"2026-11-24T08:00:00.000+07:00"})", "application/json");
    });
    HttpClient http(TlsOptions{});
    SyncEngine engine(settings, store.value(), http, DeviceIdentity{"kiosk-1", "tok", server.url(), "s", "1"});
    auto identity = Result<DeviceIdentity>(DeviceIdentity{"kiosk-1", "tok", server.url(), "s", "1"});

    // … before the kiosk has applied any: it shows its own settings.
    auto facts = gather_status(store.value(), identity, settings, clock::unix_ms_now());
    CHECK_FALSE(facts.kiosk_config_version.has_value());
    CHECK_THAT(status_text(facts), Catch::Contains("config version: 5; the kiosk shows its own settings"));
    REQUIRE(engine.send_heartbeat().outcome == Outcome::Done);
    json body = json::parse(server.last_body());
    CHECK(body["config_version"] == 5);
    CHECK_FALSE(body.contains("kiosk_config_version"));

    // The kiosk shows version 4 and refused 5 (as kiosk_controller.cpp records it).
    REQUIRE(store->set_meta("kiosk_config_version", "4").ok());
    REQUIRE(store->set_meta("kiosk_config_problem", "rating.scale: the scale needs at least two levels").ok());
    facts = gather_status(store.value(), identity, settings, clock::unix_ms_now());
    CHECK(facts.kiosk_config_version == 4);
    CHECK_THAT(status_text(facts), Catch::Contains("the kiosk shows version 4") &&
                                       Catch::Contains("REFUSED by the kiosk: rating.scale: the scale needs"));
    json status = status_json(facts);
    CHECK(status["kiosk_config_version"] == 4);
    CHECK(status["kiosk_config_problem"] == "rating.scale: the scale needs at least two levels");
    REQUIRE(engine.send_heartbeat().outcome == Outcome::Done);
    body = json::parse(server.last_body());
    CHECK(body["kiosk_config_version"] == 4);
    CHECK(body["kiosk_config_problem"] == "rating.scale: the scale needs at least two levels");
}
