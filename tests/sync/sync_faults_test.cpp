#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/gzip.hpp"
#include "sync/sync_engine.hpp"
#include "sync/sync_settings.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/sync/sync_test_server.hpp"

using namespace motcua;
using namespace motcua::sync;

namespace {

struct Fixture {
    test::TempDir dir;
    Settings settings{sync_settings()};
    Result<EventStore> store = EventStore::open(dir.file("kiosk.db"));
    HttpClient http{TlsOptions{"", "", 5}};

    explicit Fixture(int events) {
        settings.set("device.config_cache", dir.file("config.json"));
        REQUIRE(store.ok());
        for (int i = 0; i < events; ++i)
            REQUIRE(store->append(event_type::kRatingSubmitted, json{{"score", 1 + i % 3}, {"counter", "1"}}).ok());
    }
    SyncEngine engine(const std::string& url) {
        return SyncEngine(settings, store.value(), http, DeviceIdentity{"kiosk-1", "tok", url, "s", "1"});
    }
};

// cpp-httplib inflates gzip bodies itself; inflate here only if it did not.
json request_json(const httplib::Request& req) {
    std::string body = req.body;
    if (body.size() > 2 && body[0] == '\x1f' && body[1] == '\x8b') body = gzip_decompress(body).value();
    return json::parse(body);
}

// A correct ack for whatever batch was posted.
void good_ack(const httplib::Request& req, httplib::Response& res) {
    json batch = request_json(req);
    json results = json::array();
    for (auto& e : batch["events"]) results.push_back({{"id", e["id"]}, {"status", "stored"}});
    res.set_content(json{{"protocol", 1},
                         {"batch_id", batch["batch_id"]},
                         {"acked_through", batch["events"].back()["seq"]},
                         {"results", results},
                         {"max_batch_events", 500}}
                        .dump(),
                    "application/json");
}

}  // namespace

TEST_CASE("a correct ack advances the cursor and empties the outbox") {
    Fixture f(3);
    test::ScriptedServer server(good_ack);
    auto engine = f.engine(server.url());
    auto report = engine.push_all();
    INFO(report.message);
    CHECK(report.outcome == Outcome::Done);
    CHECK(report.sent == 3);
    CHECK(f.store->pending_count() == 0);
    json last = json::parse(server.last_body());
    CHECK(last["device_id"] == "kiosk-1");
    CHECK(last["events"][0]["seq"] == 1);
    CHECK(last["events"][0]["hash"].get<std::string>().size() == 64);
}

TEST_CASE("a captive portal's HTML page with status 200 is never taken as an ack") {
    Fixture f(2);
    test::ScriptedServer portal([](const httplib::Request&, httplib::Response& res) {
        res.set_content("<html><body>Đăng nhập WiFi miễn phí</body></html>", "text/html");
    });
    auto engine = f.engine(portal.url());
    CHECK(engine.push_one_batch().outcome == Outcome::Retry);
    CHECK(f.store->acked_through() == 0);
    CHECK(f.store->pending_count() == 2);
}

TEST_CASE("a truncated body or a wrong batch id is retried, not acked") {
    Fixture f(2);
    int calls = 0;
    test::ScriptedServer flaky([&](const httplib::Request& req, httplib::Response& res) {
        ++calls;
        good_ack(req, res);
        if (calls == 1) res.body = res.body.substr(0, res.body.size() / 2);
        if (calls == 2) res.body = json{{"batch_id", "not-this-one"}, {"acked_through", 2}, {"results", json::array()}}.dump();
    });
    auto engine = f.engine(flaky.url());
    CHECK(engine.push_one_batch().outcome == Outcome::Retry);
    CHECK(engine.push_one_batch().outcome == Outcome::Retry);
    CHECK(f.store->acked_through() == 0);
    CHECK(engine.push_one_batch().outcome == Outcome::Done);
    CHECK(f.store->acked_through() == 2);
}

TEST_CASE("the same batch is sent again after a failure, with the same batch id") {
    Fixture f(4);
    std::vector<std::string> ids;
    int calls = 0;
    test::ScriptedServer server([&](const httplib::Request& req, httplib::Response& res) {
        ids.push_back(request_json(req)["batch_id"]);
        if (++calls == 1) {
            res.status = 503;
            res.set_content(R"({"error":"busy"})", "application/json");
            return;
        }
        good_ack(req, res);
    });
    auto engine = f.engine(server.url());
    auto first = engine.push_one_batch();
    INFO("first push: " << first.message);
    CHECK(first.outcome == Outcome::Retry);
    auto second = engine.push_one_batch();
    INFO("second push: " << second.message);
    CHECK(second.outcome == Outcome::Done);
    REQUIRE(ids.size() == 2);
    CHECK(ids[0] == ids[1]);
}

TEST_CASE("a drain never has two batches in flight and never posts past a batch that failed") {
    Fixture f(2600);  // six batches of at most 500
    f.settings.set("sync.batch_events", std::int64_t{500});
    std::mutex mutex;
    int in_flight = 0, most_in_flight = 0;
    std::int64_t acked = 0;  // the last seq the server answered with a valid ack
    std::vector<std::int64_t> firsts;
    std::vector<std::string> past_a_gap;  // posts that started after a seq the server never acked
    bool failed_once = false;
    test::ScriptedServer server([&](const httplib::Request& req, httplib::Response& res) {
        json batch = request_json(req);
        std::int64_t first = batch["events"][0]["seq"];
        {
            std::lock_guard<std::mutex> lock(mutex);
            most_in_flight = std::max(most_in_flight, ++in_flight);
            firsts.push_back(first);
            if (first > acked + 1) past_a_gap.push_back(std::to_string(first) + " after " + std::to_string(acked));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the kiosk prepares the next meanwhile
        std::lock_guard<std::mutex> lock(mutex);
        --in_flight;
        if (first == 1001 && !failed_once) {  // the third batch fails once
            failed_once = true;
            res.status = 500;
            return;
        }
        good_ack(req, res);
        acked = std::max<std::int64_t>(acked, batch["events"].back()["seq"]);
    });
    // The server handles each connection on its own thread: two batches posted at once would
    // overlap in the handler. Tries until the outbox is empty (a busy machine may fail a try more).
    auto engine = f.engine(server.url());
    std::string messages;
    for (int i = 0; i < 6 && f.store->acked_through() < 2600; ++i) messages += engine.push_all().message + "; ";
    INFO("tries: " << messages);
    CHECK(f.store->acked_through() == 2600);
    CHECK(acked == 2600);
    CHECK(failed_once);
    CHECK(most_in_flight == 1);
    CHECK(past_a_gap.empty());
    // The failed batch was the next one posted after its failure, and the one after it came only then.
    auto failed = std::find(firsts.begin(), firsts.end(), 1001);
    REQUIRE(std::distance(failed, firsts.end()) >= 3);
    CHECK(*(failed + 1) == 1001);
    CHECK(*(failed + 2) == 1501);
}

TEST_CASE("429 with Retry-After makes the running daemon wait at least that long before the next try") {
    test::TempDir dir;
    {
        auto store = EventStore::open(dir.file("kiosk.db"));
        REQUIRE(store.ok());
        REQUIRE(store->append(event_type::kRatingSubmitted, json{{"score", 1}, {"counter", "1"}}).ok());
    }
    int pushes = 0;
    test::ScriptedServer server([&](const httplib::Request& req, httplib::Response& res) {
        if (req.path == protocol::kEventsPath && ++pushes == 1) {
            res.status = 429;
            res.set_header("Retry-After", "2");
            res.set_content(R"({"error":"slow_down"})", "application/json");
        } else if (req.path == protocol::kEventsPath) {
            good_ack(req, res);
        } else if (req.path == protocol::kConfigPath) {
            res.status = 304;
        } else {
            res.set_content(R"({"server_time":"2026-11-23T08:00:00.000+07:00"})", "application/json");
        }
    });
    REQUIRE(save_identity(dir.file("device.json"), DeviceIdentity{"kiosk-1", "tok", server.url(), "s", "1"}).ok());
    // Backoff alone would retry within 50 ms: only the Retry-After can make the daemon wait 2 s.
    dir.write("sync.toml", "[storage]\ndb_path = \"" + dir.file("kiosk.db") + "\"\n[device]\nidentity_file = \"" +
                               dir.file("device.json") + "\"\nconfig_cache = \"" + dir.file("config.json") +
                               "\"\n[sync]\ninterval_seconds = 1\nbackoff_base_ms = 50\nbackoff_cap_ms = 100\n");
    test::Process daemon({test::binary("motcua-sync"), "--config", dir.file("sync.toml"), "run"});

    auto pushes_seen = [&] {
        std::vector<test::SeenRequest> out;
        for (auto& r : server.seen())
            if (r.path == protocol::kEventsPath) out.push_back(r);
        return out;
    };
    // Up to 30 s for the second push: under the sanitizers on a busy machine 10 s was not always enough.
    for (int i = 0; i < 600 && pushes_seen().size() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    daemon.terminate();
    INFO(daemon.output());
    auto seen = pushes_seen();
    REQUIRE(seen.size() >= 2);
    // The second try arrived no earlier than 2 s after the first one did (it was answered later still).
    CHECK(seen[1].at - seen[0].at >= std::chrono::seconds(2));
    CHECK_THAT(daemon.output(), Catch::Contains("retry in 2000 ms"));
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    CHECK(store->pending_count() == 0);
}

TEST_CASE("413 halves the batch until the server takes it") {
    Fixture f(40);
    std::vector<size_t> sizes;
    test::ScriptedServer server([&](const httplib::Request& req, httplib::Response& res) {
        json batch = request_json(req);
        sizes.push_back(batch["events"].size());
        if (batch["events"].size() > 10) {
            res.status = 413;
            res.set_content(R"({"error":"too_large"})", "application/json");
            return;
        }
        good_ack(req, res);
    });
    auto engine = f.engine(server.url());
    for (int i = 0; i < 20 && f.store->pending_count() > 0; ++i) (void)engine.push_one_batch();
    CHECK(f.store->pending_count() == 0);
    REQUIRE(sizes.size() >= 3);
    CHECK(sizes[0] == 40);
    CHECK(sizes[1] == 20);
    CHECK(sizes[2] == 10);
}

TEST_CASE("big batches are gzip-compressed, small ones are not") {
    Fixture f(30);
    std::vector<std::size_t> sizes;
    test::ScriptedServer server([&](const httplib::Request& req, httplib::Response& res) {
        sizes.push_back(req.body.size());  // as received, after cpp-httplib inflated it
        good_ack(req, res);
    });
    auto engine = f.engine(server.url());
    CHECK(engine.push_all().outcome == Outcome::Done);
    // Then one event alone: a batch well under the 1 KiB threshold.
    REQUIRE(f.store->append(event_type::kRatingSubmitted, json{{"score", 2}, {"counter", "1"}}).ok());
    CHECK(engine.push_all().outcome == Outcome::Done);
    auto seen = server.seen();
    REQUIRE(seen.size() == 2);
    REQUIRE(sizes.size() == 2);
    CHECK(sizes[0] > 1024);
    CHECK(seen[0].content_encoding == "gzip");
    CHECK(sizes[1] < 1024);
    CHECK(seen[1].content_encoding == "");
    CHECK(f.store->pending_count() == 0);
}

TEST_CASE("401 device_unknown stops sending and keeps every event") {
    Fixture f(3);
    test::ScriptedServer server([](const httplib::Request&, httplib::Response& res) {
        res.status = 401;
        res.set_content(R"({"error":"device_unknown"})", "application/json");
    });
    auto engine = f.engine(server.url());
    auto report = engine.push_all();
    CHECK(report.outcome == Outcome::Unauthorized);
    CHECK_THAT(report.message, Catch::Contains("device_unknown"));
    CHECK(f.store->pending_count() == 3);
}

TEST_CASE("a rejected event is acked and the kiosk records an alarm for it") {
    Fixture f(2);
    test::ScriptedServer server([](const httplib::Request& req, httplib::Response& res) {
        json batch = request_json(req);
        json results = json::array();
        for (auto& e : batch["events"])
            results.push_back(e["seq"] == 1 ? json{{"id", e["id"]}, {"status", "rejected"}, {"reason", "bad score"}}
                                            : json{{"id", e["id"]}, {"status", "stored"}});
        res.set_content(json{{"batch_id", batch["batch_id"]}, {"acked_through", batch["events"].back()["seq"]},
                             {"results", results}}
                            .dump(),
                        "application/json");
    });
    auto engine = f.engine(server.url());
    CHECK(engine.push_one_batch().outcome == Outcome::Done);
    CHECK(f.store->count_of_type(event_type::kDeviceAlarm) == 1);
    CHECK(f.store->acked_through() == 2);
    CHECK(f.store->pending_count() == 1);  // the alarm itself goes up next
}

TEST_CASE("no server at all is a retry and nothing is lost") {
    Fixture f(2);
    auto engine = f.engine("http://127.0.0.1:9");
    auto report = engine.push_one_batch();
    CHECK(report.outcome == Outcome::Retry);
    CHECK_THAT(report.message, Catch::Contains("cannot reach"));
    CHECK(f.store->pending_count() == 2);
}

TEST_CASE("plain http is refused for anything but this machine") {
    CHECK(check_server_url("http://127.0.0.1:8470").ok());
    CHECK(check_server_url("http://localhost:8470").ok());
    CHECK(check_server_url("https://motcua.example.gov.vn").ok());
    auto refused = check_server_url("http://10.0.0.5:8470");
    CHECK_FALSE(refused.ok());
    CHECK_THAT(refused.error(), Catch::Contains("https"));
}

TEST_CASE("pulled configuration is saved, 304 changes nothing, and a broken one keeps the last good") {
    Fixture f(0);
    int calls = 0;
    std::vector<std::string> if_none_match;
    test::ScriptedServer server([&](const httplib::Request& req, httplib::Response& res) {
        if_none_match.push_back(req.get_header_value("If-None-Match"));
        ++calls;
        if (calls == 1) {
            res.set_header("ETag", "\"v7\"");
            res.set_content(R"({"version":7,"site":{"id":"s"},"counters":[],"rating":{"scale":[],"reasons":[]}})",
                            "application/json");
        } else if (calls == 2) {
            res.status = 304;
        } else {
            res.set_content("<html>portal</html>", "text/html");
        }
    });
    auto engine = f.engine(server.url());
    CHECK(engine.pull_config().outcome == Outcome::Done);
    CHECK(f.store->config_version() == 7);
    REQUIRE(f.store->append(event_type::kRatingSubmitted, json{{"score", 1}}).ok());
    CHECK(f.store->all_events().back().data["config_version"] == 7);

    CHECK(engine.pull_config().outcome == Outcome::Done);
    REQUIRE(if_none_match.size() == 2);
    CHECK(if_none_match[1] == "\"v7\"");

    CHECK(engine.pull_config().outcome == Outcome::Retry);
    CHECK(f.store->config_version() == 7);
    auto kept = json::parse(std::ifstream(f.dir.file("config.json")));
    CHECK(kept["version"] == 7);
}

namespace {
// A configuration of about 400 KB: big enough that a file written in place is caught half-written.
json big_config(int version) {
    json officers = json::array();
    for (int i = 0; i < 4000; ++i)
        officers.push_back({{"id", "can-bo-" + std::to_string(i)}, {"name", "Nguyễn Văn Một Hai Ba Bốn Năm " + std::to_string(i)}});
    return json{{"version", version}, {"site", {{"id", "s"}}}, {"counters", json::array()}, {"officers", officers},
                {"rating", {{"scale", json::array()}, {"reasons", json::array()}}}};
}
}  // namespace

TEST_CASE("a reader of the config file never sees a half-written one while new versions arrive") {
    Fixture f(0);
    int version = 0;
    test::ScriptedServer server([&](const httplib::Request&, httplib::Response& res) {
        ++version;
        res.set_header("ETag", "\"v" + std::to_string(version) + "\"");
        res.set_content(big_config(version).dump(), "application/json");
    });
    auto engine = f.engine(server.url());
    REQUIRE(engine.pull_config().outcome == Outcome::Done);

    // What the kiosk does when it loads the configuration, over and over while sync replaces it.
    std::atomic<bool> done{false};
    std::atomic<int> reads{0}, broken{0}, last_seen{0};
    std::thread reader([&] {
        while (!done) {
            std::ifstream in(f.dir.file("config.json"));
            std::stringstream text;
            text << in.rdbuf();
            json j = json::parse(text.str(), nullptr, false);
            ++reads;
            if (j.is_discarded() || !j.contains("officers") || j["officers"].size() != 4000) ++broken;
            else last_seen = j["version"].get<int>();
        }
    });
    for (int i = 0; i < 25; ++i) CHECK(engine.pull_config().outcome == Outcome::Done);
    done = true;
    reader.join();
    CHECK(broken == 0);
    CHECK(reads > 25);  // the reader really ran alongside the writes
    CHECK(last_seen > 1);
    CHECK(f.store->config_version() == 26);
}

TEST_CASE("a configuration that cannot be written keeps the last good file and version") {
    Fixture f(0);
    int version = 6;
    test::ScriptedServer server([&](const httplib::Request&, httplib::Response& res) {
        ++version;
        res.set_header("ETag", "\"v" + std::to_string(version) + "\"");
        res.set_content(json{{"version", version}, {"site", {{"id", "s"}}}}.dump(), "application/json");
    });
    auto engine = f.engine(server.url());
    REQUIRE(engine.pull_config().outcome == Outcome::Done);
    REQUIRE(f.store->config_version() == 7);
    // The temporary file's name is taken by a directory: the write of version 8 fails.
    std::filesystem::create_directory(f.dir.file("config.json.tmp"));
    auto failed = engine.pull_config();
    CHECK(failed.outcome == Outcome::Retry);
    CHECK_THAT(failed.message, Catch::Contains("config.json"));
    CHECK(f.store->config_version() == 7);
    CHECK(json::parse(std::ifstream(f.dir.file("config.json")))["version"] == 7);
    // Once the disk is writable again the next pull applies the new version.
    std::filesystem::remove(f.dir.file("config.json.tmp"));
    CHECK(engine.pull_config().outcome == Outcome::Done);
    CHECK(f.store->config_version() == 9);
    CHECK(json::parse(std::ifstream(f.dir.file("config.json")))["version"] == 9);
}

TEST_CASE("the kiosk reads a gzip compact ack and refuses one that leaves out an event") {
    Fixture f(5);
    int calls = 0;
    std::string accept_encoding, ack_form;
    test::ScriptedServer server([&](const httplib::Request& req, httplib::Response& res) {
        ++calls;
        accept_encoding = req.get_header_value("Accept-Encoding");
        json batch = request_json(req);
        ack_form = batch.value("ack_form", "");
        std::vector<std::string> ids;
        for (auto& e : batch["events"]) ids.push_back(e["id"]);
        if (calls == 1) ids.pop_back();  // the server went through all but the last event
        res.set_content(json{{"protocol", 1},
                             {"batch_id", batch["batch_id"]},
                             {"acked_through", ids.size()},
                             {"ack_form", "compact"},
                             {"results", json::array()},
                             {"covered", {{"count", ids.size()}, {"ids_sha256", protocol::covered_ids_sha256(ids)}}},
                             {"max_batch_events", 500}}
                            .dump(),
                        "application/json");  // cpp-httplib gzips it, as the client accepts gzip
    });
    auto engine = f.engine(server.url());
    auto refused = engine.push_one_batch();
    CHECK(refused.outcome == Outcome::Retry);
    CHECK_THAT(refused.message, Catch::Contains("covered"));
    CHECK(f.store->acked_through() == 0);
    auto taken = engine.push_one_batch();
    INFO(taken.message);
    CHECK(taken.outcome == Outcome::Done);
    CHECK(f.store->acked_through() == 5);
    CHECK(accept_encoding == "gzip");
    CHECK(ack_form == "compact");
}
