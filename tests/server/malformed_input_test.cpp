// Every API route of the real motcua-server, fed what a broken or hostile client sends: bodies
// that are not JSON, wrong types, huge numbers, missing fields, invalid UTF-8, deep nesting, a
// gzip header on plain bytes. Each gets a 4xx with a plain message, and the server keeps serving.
#include <catch2/catch.hpp>

#include "core/sqlite.hpp"
#include "server_test_support.hpp"

using namespace motcua;
using test::ServerUnderTest;

namespace {

struct Bad {
    std::string what;
    std::string body;
    bool gzip = false;
};

std::string deep(std::size_t depth, const std::string& open, const std::string& close) {
    std::string text;
    text.reserve(depth * (open.size() + close.size()));
    for (std::size_t i = 0; i < depth; ++i) text += open;
    for (std::size_t i = 0; i < depth; ++i) text += close;
    return text;
}

// A batch for `device` whose first event has `key` set to `value` (or removed, for null).
std::string batch_with(const std::string& device_id, const std::string& key, const json& value) {
    json batch = protocol::make_batch(device_id, "db-1", test::rating_chain({1}), 420);
    if (value.is_null()) batch["events"][0].erase(key);
    else batch["events"][0][key] = value;
    return batch.dump();
}

std::vector<Bad> common_bad_bodies() {
    return {
        {"an empty body", ""},
        {"text that is not JSON", "hello, server"},
        {"JSON cut short", "{\"code\": \"AB"},
        {"a JSON array", "[1, 2, 3]"},
        {"a JSON string", "\"just text\""},
        {"JSON null", "null"},
        {"invalid UTF-8 in a string", "{\"code\": \"\xff\xfe\xc3\x28\"}"},
        {"a number too big for any type", "{\"code\": 1e999999}"},
        {"arrays nested 400 000 deep", deep(400'000, "[", "]")},
        {"objects nested a hundred thousand deep", "{\"code\":" + deep(100'000, "{\"a\":", "}") + "}"},
        {"an object holding arrays nested 400 000 deep", "{\"code\":" + deep(400'000, "[", "]") + "}"},
        {"a gzip header on bytes that are not gzip", "{\"code\": \"ABCD-EFGH\"}", true},
    };
}

void expect_4xx(const httplib::Result& res, const std::string& what) {
    INFO(what);
    REQUIRE(res);
    INFO(res->body.substr(0, 300));
    CHECK(res->status >= 400);
    CHECK(res->status < 500);
    auto body = json::parse(res->body, nullptr, false);
    CHECK(body.is_object());
    CHECK((body.contains("error") && body["error"].is_string() && !body["error"].get<std::string>().empty()));
}

// A well-formed batch carrying a malformed event is answered per event (docs/protocol.md): 200,
// that event "rejected" with its reason (kept in quarantine, never stored).
void expect_rejected_event(const httplib::Result& res, const std::string& what) {
    INFO(what);
    REQUIRE(res);
    INFO(res->body.substr(0, 300));
    CHECK(res->status == 200);
    auto ack = json::parse(res->body, nullptr, false);
    CHECK((ack.is_object() && ack["results"].is_array() && ack["results"].size() == 1));
    if (!ack.is_object() || !ack["results"].is_array() || ack["results"].empty()) return;
    CHECK(ack["results"][0]["status"] == "rejected");
    CHECK_THAT(ack["results"][0].value("reason", ""), Catch::Contains("malformed event"));
}

httplib::Result post(const ServerUnderTest& s, const std::string& path, const std::string& token, const Bad& bad) {
    auto c = s.client();
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    if (bad.gzip) headers.emplace("Content-Encoding", "gzip");
    return c.Post(path, headers, bad.body, "application/json");
}

}  // namespace

TEST_CASE("malformed enrolment requests get a 4xx with a plain message") {
    ServerUnderTest s;
    auto cases = common_bad_bodies();
    cases.push_back({"code as a number", "{\"code\": 12345678}"});
    cases.push_back({"code as null", "{\"code\": null}"});
    cases.push_back({"no code", "{\"hostname\": \"kiosk-1\"}"});
    cases.push_back({"a wrong code with a huge hostname number", "{\"code\": \"ABCD-EFGH\", \"hostname\": 123456789012345678901234567890}"});
    for (auto& bad : cases) expect_4xx(post(s, std::string(protocol::kEnrollPath), "", bad), "enroll: " + bad.what);
    // Still serving: a right code enrols.
    CHECK_FALSE(s.enroll().second.empty());
}

TEST_CASE("malformed event batches get a 4xx with a plain message and store nothing") {
    ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    auto cases = common_bad_bodies();
    cases.push_back({"events as a number", "{\"events\": 5}"});
    cases.push_back({"an empty object", "{}"});
    for (auto& bad : cases) expect_4xx(post(s, std::string(protocol::kEventsPath), token, bad), "events: " + bad.what);

    const std::vector<Bad> bad_events{
        {"seq as text", batch_with(device_id, "seq", "seven")},
        {"seq beyond 64 bits", batch_with(device_id, "seq", 1e30)},
        {"seq negative", batch_with(device_id, "seq", -1)},
        {"no id", batch_with(device_id, "id", nullptr)},
        {"type as an object", batch_with(device_id, "type", json{{"a", 1}})},
        {"at that is not a time", batch_with(device_id, "at", "yesterday")},
        {"data as an array", batch_with(device_id, "data", json::array({1, 2}))},
        {"hash as a number", batch_with(device_id, "hash", 42)},
        {"no hash", batch_with(device_id, "hash", nullptr)},
    };
    for (auto& bad : bad_events) {
        auto res = post(s, std::string(protocol::kEventsPath), token, bad);
        REQUIRE(res);
        // The envelope decides: some fields make the batch unreadable (4xx), others one event (rejected).
        if (res->status == 200) expect_rejected_event(res, "events: " + bad.what);
        else expect_4xx(res, "events: " + bad.what);
    }

    auto db = sql::Database::open(s.db, true);
    REQUIRE(db.ok());
    auto count = db->prepare("SELECT count(*) FROM events");
    REQUIRE(count.step());
    CHECK(count.column_int(0) == 0);
    // Still serving: a good batch is stored.
    auto good = s.post_events(token, protocol::make_batch(device_id, "db-1", test::rating_chain({1, 2}), 420).dump());
    REQUIRE(good);
    CHECK(good->status == 200);
}

TEST_CASE("malformed heartbeats get a 4xx with a plain message") {
    ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    for (auto& bad : common_bad_bodies())
        expect_4xx(post(s, std::string(protocol::kHeartbeatPath), token, bad), "heartbeat: " + bad.what);
    auto good = post(s, std::string(protocol::kHeartbeatPath), token, {"a heartbeat", "{\"outbox_depth\": 3}"});
    REQUIRE(good);
    CHECK(good->status == 200);
}

TEST_CASE("malformed report queries and headers get a 4xx with a plain message") {
    ServerUnderTest s;
    auto c = s.client();
    const std::vector<std::string> queries{
        "?from=2026-13-45",     "?to=yesterday",         "?from=99999999999999999999-01-01", "?group_by=everything",
        "?lang=fr",             "?format=xml",           "?kind=weather",                   "?kind=queue&group_by=%FF%FE",
        "?from=%FF%FE%00",      "?site=%00&from=2026-01-01&to=2025-01-01"};
    for (auto& q : queries) {
        auto res = c.Get(std::string(protocol::kReportPath) + q);
        expect_4xx(res, "report" + q);
    }
    for (const std::string& header : {std::string("Bearer"), std::string("Bearer \xff\xfe"), std::string(5000, 'x')}) {
        auto res = c.Get(std::string(protocol::kConfigPath), {{"Authorization", header}});
        expect_4xx(res, "config with Authorization " + header.substr(0, 20));
    }
}
