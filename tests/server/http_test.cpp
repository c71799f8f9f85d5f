// The real motcua-server on 127.0.0.1, spoken to over HTTP as a kiosk (or an intruder) would.
#include <catch2/catch.hpp>

#include "core/gzip.hpp"
#include "core/pulled_config.hpp"
#include "core/queue/queue_settings.hpp"
#include "server_test_support.hpp"

using namespace motcua;
using test::ServerUnderTest;

namespace {

std::string batch_body(const std::string& device_id, const std::string& db_instance, const std::vector<Event>& events) {
    return protocol::make_batch(device_id, db_instance, events, 420).dump();
}

std::vector<std::string> statuses(const json& ack) {
    std::vector<std::string> out;
    for (auto& r : ack["results"]) out.push_back(r["status"].get<std::string>());
    return out;
}

json report(const ServerUnderTest& s, const std::string& query = "") {
    auto c = s.client();
    auto res = c.Get(std::string(protocol::kReportPath) + query);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json::parse(res->body);
}

}  // namespace

TEST_CASE("enrolment works once, and a second use of the code is 403 code_invalid") {
    ServerUnderTest s;
    std::string code = s.new_code();
    auto c = s.client();
    json request{{"code", code}, {"hostname", "kiosk-px-1"}, {"app_version", "0.1.0"}};
    auto first = c.Post("/api/v1/enroll", request.dump(), "application/json");
    REQUIRE(first);
    CHECK(first->status == 200);
    CHECK(first->get_header_value("Content-Type") == "application/json");
    CHECK_FALSE(first->get_header_value("Date").empty());
    auto body = json::parse(first->body);
    CHECK(body["device_id"].get<std::string>().rfind("kiosk-", 0) == 0);
    CHECK(body["token"].get<std::string>().size() == 43);  // 32 random bytes in base64url
    CHECK(body["site"] == json({{"id", "px"}, {"name", "Phường Ba Đình"}, {"counter_id", "q1"}}));
    CHECK_FALSE(body["config_etag"].get<std::string>().empty());

    auto second = c.Post("/api/v1/enroll", request.dump(), "application/json");
    REQUIRE(second);
    CHECK(second->status == 403);
    CHECK(json::parse(second->body) == json({{"error", "code_invalid"}}));
}

TEST_CASE("an expired or wrong enrolment code is refused") {
    ServerUnderTest s;
    auto c = s.client();
    auto expired = c.Post("/api/v1/enroll", json{{"code", s.new_code("0")}}.dump(), "application/json");
    REQUIRE(expired);
    CHECK(expired->status == 403);
    CHECK(json::parse(expired->body)["error"] == "code_invalid");
    auto wrong = c.Post("/api/v1/enroll", json{{"code", "ABCD-EFGH"}}.dump(), "application/json");
    REQUIRE(wrong);
    CHECK(wrong->status == 403);
}

TEST_CASE("an unknown token gets 401 device_unknown on every call") {
    ServerUnderTest s;
    auto events = test::rating_chain({1});
    auto res = s.post_events("not-a-token", batch_body("kiosk-x", "db", events));
    REQUIRE(res);
    CHECK(res->status == 401);
    CHECK(json::parse(res->body) == json({{"error", "device_unknown"}}));
    auto c = s.client();
    auto config = c.Get("/api/v1/config", {{"Authorization", "Bearer nope"}});
    REQUIRE(config);
    CHECK(config->status == 401);
    auto heartbeat = c.Post("/api/v1/heartbeat", {{"Authorization", "Bearer nope"}}, "{}", "application/json");
    REQUIRE(heartbeat);
    CHECK(heartbeat->status == 401);
}

TEST_CASE("a batch is stored, a resend is duplicate, and the report counts it once") {
    ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    std::string db_instance = uuid_v4();
    auto events = test::rating_chain({1, 1, 2, 1, 3, 2, 1, 1, 1, 2});
    std::string body = batch_body(device_id, db_instance, events);

    auto res = s.post_events(token, body);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    CHECK_FALSE(res->get_header_value("Date").empty());
    auto ack = json::parse(res->body);
    CHECK(ack["protocol"] == 1);
    CHECK(ack["batch_id"] == protocol::batch_id(db_instance, 1, 10));
    CHECK(ack["acked_through"] == 10);
    CHECK(ack["max_batch_events"] == 500);
    CHECK(statuses(ack) == std::vector<std::string>(10, "stored"));
    // What the kiosk itself accepts as an ack:
    CHECK(protocol::parse_ack(res->body, protocol::batch_id(db_instance, 1, 10), events).ok());

    auto again = s.post_events(token, body);
    REQUIRE(again);
    REQUIRE(again->status == 200);
    CHECK(statuses(json::parse(again->body)) == std::vector<std::string>(10, "duplicate"));
    CHECK(report(s)["total"] == 10);
}

TEST_CASE("same id with a different hash is a conflict and is not counted") {
    ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    std::string db_instance = uuid_v4();
    auto events = test::rating_chain({1, 1});
    REQUIRE(s.post_events(token, batch_body(device_id, db_instance, events))->status == 200);
    auto tampered = events[1];
    tampered.data["score"] = 3;
    tampered.hash = compute_event_hash(tampered);
    auto res = s.post_events(token, batch_body(device_id, db_instance, {tampered}));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(statuses(json::parse(res->body)) == std::vector<std::string>{"conflict"});
    auto r = report(s);
    CHECK(r["total"] == 2);
    CHECK(r["summary"] == "2 phiếu, rất hài lòng 100%, hài lòng 0%, không hài lòng 0%");
    auto alarms = test::run({test::binary("motcua-server"), "--db", s.db, "alarms"});
    CHECK(alarms.output.find("tamper_conflict") != std::string::npos);
}

TEST_CASE("a db_instance of another live device is refused with 409 db_instance_claimed and nothing is stored") {
    ServerUnderTest s;
    auto [owner_id, owner_token] = s.enroll();
    auto [other_id, other_token] = s.enroll();
    std::string db_instance = uuid_v4();
    auto events = test::rating_chain({1, 2, 3});
    REQUIRE(s.post_events(owner_token, batch_body(owner_id, db_instance, {events[0]}))->status == 200);
    auto res = s.post_events(other_token, batch_body(other_id, db_instance, {events[1], events[2]}));
    REQUIRE(res);
    CHECK(res->status == 409);
    auto body = json::parse(res->body);
    CHECK(body["error"] == "db_instance_claimed");
    CHECK(report(s)["total"] == 1);
    auto alarms = test::run({test::binary("motcua-server"), "--db", s.db, "alarms"});
    CHECK(alarms.output.find("tamper_claimed") != std::string::npos);
    // The owner carries on as before.
    auto more = s.post_events(owner_token, batch_body(owner_id, db_instance, {events[1], events[2]}));
    REQUIRE(more);
    CHECK(more->status == 200);
    CHECK(report(s)["total"] == 3);
}

TEST_CASE("enrolling with a known db_instance names the device it takes over from") {
    ServerUnderTest s;
    auto [old_id, old_token] = s.enroll();
    std::string db_instance = uuid_v4();
    REQUIRE(s.post_events(old_token, batch_body(old_id, db_instance, test::rating_chain({1})))->status == 200);
    auto c = s.client();
    auto res = c.Post(std::string(protocol::kEnrollPath),
                      json{{"code", s.new_code()}, {"hostname", "kiosk-test"}, {"app_version", "0.1.0"},
                           {"db_instance", db_instance}}.dump(),
                      "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(json::parse(res->body)["took_over_from"] == old_id);
    // The old token is retired: only one live device may push this sequence.
    auto old_push = s.post_events(old_token, batch_body(old_id, db_instance, test::rating_chain({1})));
    REQUIRE(old_push);
    CHECK(old_push->status == 401);
}

TEST_CASE("a gzip-compressed batch is accepted") {
    ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    std::string db_instance = uuid_v4();
    auto events = test::rating_chain(std::vector<int>(50, 1));
    auto res = s.post_events(token, gzip_compress(batch_body(device_id, db_instance, events)), true);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(json::parse(res->body)["acked_through"] == 50);
}

TEST_CASE("garbage, HTML, wrong protocol or a foreign device_id is 400 with a JSON error") {
    ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    auto events = test::rating_chain({1, 2});
    std::vector<std::string> bad_bodies = {
        "<html><body>Đăng nhập Wi-Fi</body></html>",
        "{\"protocol\": 1, \"device_id\": ",
        batch_body("kiosk-someone-else", uuid_v4(), events),
        batch_body(device_id, uuid_v4(), {events[1], events[0]}),
    };
    json wrong_protocol = protocol::make_batch(device_id, uuid_v4(), events, 420);
    wrong_protocol["protocol"] = 2;
    bad_bodies.push_back(wrong_protocol.dump());
    for (auto& body : bad_bodies) {
        auto res = s.post_events(token, body);
        REQUIRE(res);
        CHECK(res->status == 400);
        CHECK(res->get_header_value("Content-Type") == "application/json");
        CHECK(json::parse(res->body)["error"].is_string());
    }
    CHECK(report(s)["total"] == 0);
}

TEST_CASE("a body over 1 MiB uncompressed is 413, and the connection keeps working") {
    ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    std::string huge = "{\"pad\": \"" + std::string(1100 * 1024, 'x') + "\"}";
    auto c = s.client();
    httplib::Headers auth{{"Authorization", "Bearer " + token}};
    auto plain = c.Post("/api/v1/events", auth, huge, "application/json");
    REQUIRE(plain);
    CHECK(plain->status == 413);
    httplib::Headers gz = auth;
    gz.emplace("Content-Encoding", "gzip");
    auto compressed = c.Post("/api/v1/events", gz, gzip_compress(huge), "application/json");
    REQUIRE(compressed);
    CHECK(compressed->status == 413);
    CHECK(json::parse(compressed->body)["error"].is_string());
    auto events = test::rating_chain({1});
    auto after = c.Post("/api/v1/events", auth, batch_body(device_id, uuid_v4(), events), "application/json");
    REQUIRE(after);
    CHECK(after->status == 200);
}

TEST_CASE("a gap in seq leaves acked_through at the last contiguous seq") {
    ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    std::string db_instance = uuid_v4();
    auto events = test::rating_chain({1, 1, 1, 1, 1, 1});
    REQUIRE(s.post_events(token, batch_body(device_id, db_instance, {events[0], events[1], events[2]}))->status == 200);
    auto res = s.post_events(token, batch_body(device_id, db_instance, {events[4], events[5]}));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(json::parse(res->body)["acked_through"] == 3);
}

TEST_CASE("config has a strong ETag and answers 304 to If-None-Match") {
    ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    auto c = s.client();
    auto res = c.Get("/api/v1/config", {{"Authorization", "Bearer " + token}});
    REQUIRE(res);
    REQUIRE(res->status == 200);
    std::string etag = res->get_header_value("ETag");
    REQUIRE(etag.size() > 2);
    CHECK(etag.front() == '"');
    auto body = json::parse(res->body);
    CHECK(body["version"].is_number_integer());
    CHECK(body["site"]["id"] == "px");
    CHECK(body["counters"].size() == 2);
    CHECK(body["rating"]["scale"].size() == 3);
    CHECK(body["rating"]["reasons"].size() == 8);
    for (auto* key : {"services", "officers", "tickets", "display"}) CHECK(body.contains(key));

    auto again = c.Get("/api/v1/config", {{"Authorization", "Bearer " + token}, {"If-None-Match", etag}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());

    s.admin({"counter", "add", "--site", "px", "--id", "q3", "--name", "Quầy 3"});
    auto changed = c.Get("/api/v1/config", {{"Authorization", "Bearer " + token}, {"If-None-Match", etag}});
    REQUIRE(changed);
    CHECK(changed->status == 200);
    CHECK(changed->get_header_value("ETag") != etag);
    CHECK(json::parse(changed->body)["version"].get<int>() > body["version"].get<int>());
}

TEST_CASE("config sends a site's officers from queue.officers and not another site's") {
    const std::string hash = "$scrypt$ln=14,r=8,p=2$Jnlpd0RuYrekrhP7NFujsQ$qH8Vql9-uGDTCJA-5r2UUeqe7BjeMeHR_1Uavv1EPog";
    ServerUnderTest s("[[queue.officers]]\nsite = \"px\"\nid = \"cb01\"\nname = \"Nguyễn Văn An\"\npin_hash = \"" +
                      hash + "\"\ncounters = \"q1\"\n"
                      "[[queue.officers]]\nid = \"it01\"\nname = \"Tổ CNTT huyện\"\npin_hash = \"" + hash + "\"\n"
                      "[[queue.officers]]\nsite = \"hn\"\nid = \"cb77\"\nname = \"Lê Văn Bảy\"\npin_hash = \"" +
                      hash + "\"\n");
    auto [device_id, token] = s.enroll();  // a counter of site px
    auto c = s.client();
    auto res = c.Get("/api/v1/config", {{"Authorization", "Bearer " + token}});
    REQUIRE(res);
    REQUIRE(res->status == 200);
    // What the kiosk reads: the same core parser it uses on the saved file.
    auto pulled = parse_pulled_config(res->body);
    REQUIRE(pulled.ok());
    REQUIRE(pulled->officers.size() == 2);
    CHECK(pulled->officers[0].id == "cb01");
    CHECK(pulled->officers[0].name == "Nguyễn Văn An");
    CHECK(pulled->officers[0].counters == std::vector<std::string>{"q1"});
    CHECK(pulled->officers[0].pin_hash == hash);
    CHECK(pulled->officers[1].id == "it01");
    CHECK(pulled->officers[1].counters.empty());
    CHECK(find_officer(pulled->officers, "cb77") == nullptr);
}

TEST_CASE("a heartbeat is answered with server_time and shows in the fleet view") {
    ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    auto c = s.client();
    json hb{{"device_id", device_id}, {"app_version", "0.1.0"}, {"outbox_depth", 17}, {"printer", "ok"}};
    auto res = c.Post("/api/v1/heartbeat", {{"Authorization", "Bearer " + token}}, hb.dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(json::parse(res->body)["server_time"].is_string());
    auto fleet = json::parse(s.admin({"devices", "--json"}));
    REQUIRE(fleet.size() == 1);
    CHECK(fleet[0]["device_id"] == device_id);
    CHECK(fleet[0]["outbox_depth"] == 17);
    CHECK(fleet[0]["last_heartbeat"].is_string());
}

TEST_CASE("reports by officer name the officers of queue.officers and keep the id of others") {
    const std::string hash = "$scrypt$ln=14,r=8,p=2$Jnlpd0RuYrekrhP7NFujsQ$qH8Vql9-uGDTCJA-5r2UUeqe7BjeMeHR_1Uavv1EPog";
    ServerUnderTest s("[[queue.officers]]\nsite = \"px\"\nid = \"cb01\"\nname = \"Nguyễn Văn An\"\npin_hash = \"" +
                      hash + "\"\n");
    auto [device_id, token] = s.enroll();
    auto events = test::rating_chain({1, 2, 1});
    events[2].data["officer"] = "cb09";  // not in queue.officers (left, or typed at an old kiosk)
    events[2].hash = compute_event_hash(events[2]);
    REQUIRE(s.post_events(token, batch_body(device_id, uuid_v4(), events))->status == 200);

    auto r = report(s, "?site=px&group_by=officer");
    REQUIRE(r["groups"].size() == 2);
    CHECK(r["groups"][0]["key"] == "cb01");
    CHECK(r["groups"][0]["label"] == "Nguyễn Văn An (cb01)");
    CHECK(r["groups"][0]["total"] == 2);
    CHECK(r["groups"][1]["key"] == "cb09");
    CHECK(r["groups"][1]["label"] == "cb09");

    std::string text = s.admin({"--config", s.dir.file("server.toml"), "report", "--site", "px", "--group-by", "officer"});
    CHECK(text.find("Nguyễn Văn An (cb01): 2 phiếu") != std::string::npos);
    CHECK(text.find("cb09: 1 phiếu") != std::string::npos);
}

TEST_CASE("the report endpoint gives levels, summary and groups") {
    ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    REQUIRE(s.post_events(token, batch_body(device_id, uuid_v4(), test::rating_chain({1, 1, 2})))->status == 200);
    auto r = report(s, "?site=hn&from=01/11/2026&to=30/11/2026&group_by=counter");
    CHECK(r["total"] == 3);
    CHECK(r["summary"] == "3 phiếu, rất hài lòng 66,67%, hài lòng 33,33%, không hài lòng 0%");
    REQUIRE(r["levels"].size() == 3);
    CHECK(r["levels"][0]["score"] == 1);
    CHECK(r["levels"][0]["label_vi"] == "Rất hài lòng");
    CHECK(r["levels"][0]["count"] == 2);
    CHECK(r["levels"][0]["percent"] == "66,67%");
    REQUIRE(r["groups"].size() == 1);
    CHECK(r["groups"][0]["key"] == "q1");
    CHECK(r["groups"][0]["label"] == "Quầy 1");
    auto c = s.client();
    auto bad = c.Get("/api/v1/report?from=31/02/2026");
    REQUIRE(bad);
    CHECK(bad->status == 400);
}

TEST_CASE("with report.access_token set, the report needs that bearer token") {
    ServerUnderTest s("[report]\naccess_token = \"lanh-dao-2026\"\n");
    auto c = s.client();
    auto anonymous = c.Get("/api/v1/report");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
    auto wrong = c.Get("/api/v1/report", httplib::Headers{{"Authorization", "Bearer guess"}});
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    auto leader = c.Get("/api/v1/report", httplib::Headers{{"Authorization", "Bearer lanh-dao-2026"}});
    REQUIRE(leader);
    CHECK(leader->status == 200);
    CHECK(json::parse(leader->body)["total"] == 0);
}

TEST_CASE("unknown paths get a JSON 404") {
    ServerUnderTest s;
    auto c = s.client();
    auto res = c.Get("/index.html");
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    CHECK_FALSE(res->get_header_value("Date").empty());
}

TEST_CASE("SIGTERM stops the server cleanly") {
    ServerUnderTest s;
    s.process->terminate();
    CHECK(s.process->exit_code() == 0);
}

TEST_CASE("a batch of 501 events is 413 so the kiosk halves it, and 500 are taken") {
    ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    std::string db_instance = uuid_v4();
    auto events = test::rating_chain(std::vector<int>(501, 1));
    auto res = s.post_events(token, gzip_compress(batch_body(device_id, db_instance, events)), true);
    REQUIRE(res);
    CHECK(res->status == 413);
    CHECK_THAT(json::parse(res->body)["error"].get<std::string>(), Catch::Contains("at most 500"));
    CHECK(report(s)["total"] == 0);
    events.pop_back();
    auto half = s.post_events(token, gzip_compress(batch_body(device_id, db_instance, events)), true);
    REQUIRE(half);
    CHECK(half->status == 200);
    CHECK(report(s)["total"] == 500);
}

TEST_CASE("the answer is gzip-compressed when the client accepts gzip and plain when not") {
    ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    std::string db_instance = uuid_v4();
    auto events = test::rating_chain(std::vector<int>(20, 1));
    auto c = s.client();
    c.set_decompress(false);  // look at the bytes as they come over the wire
    httplib::Headers gzip_ok{{"Authorization", "Bearer " + token}, {"Accept-Encoding", "gzip"}};
    auto zipped = c.Post(std::string(protocol::kEventsPath), gzip_ok, batch_body(device_id, db_instance, events),
                         "application/json");
    REQUIRE(zipped);
    REQUIRE(zipped->status == 200);
    CHECK(zipped->get_header_value("Content-Encoding") == "gzip");
    auto inflated = gzip_decompress(zipped->body);
    REQUIRE(inflated.ok());
    CHECK(inflated->size() > zipped->body.size());
    CHECK(protocol::parse_ack(inflated.value(), protocol::batch_id(db_instance, 1, 20), events).ok());

    httplib::Headers plain_only{{"Authorization", "Bearer " + token}, {"Accept-Encoding", "identity"}};
    auto plain = c.Post(std::string(protocol::kEventsPath), plain_only, batch_body(device_id, db_instance, events),
                        "application/json");
    REQUIRE(plain);
    REQUIRE(plain->status == 200);
    CHECK_FALSE(plain->has_header("Content-Encoding"));
    CHECK(statuses(json::parse(plain->body)) == std::vector<std::string>(20, "duplicate"));
}

TEST_CASE("a compact ack lists only events not stored and covers every event sent") {
    ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    std::string db_instance = uuid_v4();
    auto events = test::rating_chain({1, 2, 3, 1});
    auto tampered = events;
    tampered[3].hash = std::string(64, 'a');  // rejected: the hash does not match the content
    std::string body = protocol::make_batch(device_id, db_instance, tampered, 420, true).dump();
    auto res = s.post_events(token, body);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    json ack = json::parse(res->body);
    CHECK(ack["ack_form"] == "compact");
    CHECK(ack["covered"]["count"] == 4);
    CHECK(statuses(ack) == std::vector<std::string>{"rejected"});
    auto read = protocol::parse_ack(res->body, protocol::batch_id(db_instance, 1, 4), tampered);
    REQUIRE(read.ok());
    CHECK(read->results[0].status == "stored");
    CHECK(read->results[3].status == "rejected");
    // The answer says nothing about other events: a kiosk that sent five refuses it.
    auto five = tampered;
    five.push_back(test::rating_chain({1}, 5, tampered[3].hash)[0]);
    CHECK_FALSE(protocol::parse_ack(res->body, protocol::batch_id(db_instance, 1, 4), five).ok());

    auto again = s.post_events(token, protocol::make_batch(device_id, db_instance, {events[0]}, 420, true).dump());
    REQUIRE(again);
    CHECK(statuses(json::parse(again->body)) == std::vector<std::string>{"duplicate"});
    CHECK(report(s)["total"] == 3);
}

TEST_CASE("the report comes as CSV from report.csv and from format=csv with counters in natural order") {
    ServerUnderTest s;
    s.admin({"counter", "add", "--site", "px", "--id", "q10", "--name", "Quầy 10"});
    auto [device_id, token] = s.enroll();
    auto events = test::rating_chain({1, 3}, 1, std::string(kGenesisHash), "2026-11-23T08:14:59.010+07:00", "q10");
    auto more = test::rating_chain({2}, 3, events.back().hash, "2026-11-23T09:00:00.000+07:00", "q2");
    events.insert(events.end(), more.begin(), more.end());
    REQUIRE(s.post_events(token, batch_body(device_id, uuid_v4(), events))->status == 200);
    auto c = s.client();
    auto csv = c.Get("/api/v1/report.csv?site=hn&group_by=counter");
    REQUIRE(csv);
    REQUIRE(csv->status == 200);
    CHECK(csv->get_header_value("Content-Type").rfind("text/csv", 0) == 0);
    REQUIRE(csv->body.rfind("\xEF\xBB\xBF", 0) == 0);  // UTF-8 byte order mark for spreadsheets
    std::vector<std::string> lines;
    std::string body = csv->body.substr(3);
    for (std::size_t at = 0; at < body.size();) {
        auto end = body.find("\r\n", at);
        REQUIRE(end != std::string::npos);
        lines.push_back(body.substr(at, end - at));
        at = end + 2;
    }
    REQUIRE(lines.size() == 4);  // header, overall, Quầy 2, Quầy 10 (no reasons were given)
    CHECK(lines[1].find(",3,1,\"33,33%\",1,\"33,33%\",1,\"33,33%\",rating,3,1,\"66,67%\"") != std::string::npos);
    CHECK(lines[2].rfind("nhom:counter,q2,Quầy 2,1,", 0) == 0);
    CHECK(lines[3].rfind("nhom:counter,q10,Quầy 10,2,", 0) == 0);
    auto same = c.Get("/api/v1/report?site=hn&group_by=counter&format=csv");
    REQUIRE(same);
    CHECK(same->body == csv->body);
    auto bad = c.Get("/api/v1/report?format=xml");
    REQUIRE(bad);
    CHECK(bad->status == 400);
    auto r = report(s, "?site=hn");
    CHECK(r["qd766"]["percent"] == "66,67%");
    CHECK(r["qd766"]["basis"] == "rating");
}

TEST_CASE("kind=queue gives the queue report behind the same token as the rating report") {
    ServerUnderTest s("[report]\naccess_token = \"lanh-dao-2026\"\n");
    auto [device_id, token] = s.enroll();
    // One ticket issued at 09:00, called at 09:05 and served at 09:12:30 (Viet Nam time).
    std::vector<Event> events;
    test::append_queue_chain(
        events, "2026-11-23", "ho_tich", "A001",
        {{event_type::kTicketIssued, "09:00:00", {{"issuer_kind", "dispenser"}, {"issuer", "d1"}}},
         {event_type::kTicketCalled, "09:05:00", {{"counter", "q2"}, {"officer", "cb02"}, {"how", "next"}}},
         {event_type::kTicketServed, "09:12:30", {{"counter", "q2"}, {"officer", "cb02"}, {"dossier_codes", json::array()}}}});
    REQUIRE(s.post_events(token, batch_body(device_id, uuid_v4(), events))->status == 200);
    auto c = s.client();
    auto anonymous = c.Get("/api/v1/report?kind=queue");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
    const httplib::Headers leader{{"Authorization", "Bearer lanh-dao-2026"}};
    auto res = c.Get("/api/v1/report?kind=queue&site=hn&group_by=counter", leader);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto r = json::parse(res->body);
    CHECK(r["kind"] == "queue");
    CHECK(r["issued"] == 1);
    CHECK(r["served"] == 1);
    CHECK(r["waiting"]["median_text"] == "5 phút");
    CHECK(r["service"]["p90_text"] == "7,5 phút");
    CHECK(r["busiest_hour_label"] == "09:00–09:59");
    REQUIRE(r["groups"].size() == 2);
    CHECK(r["groups"][1]["label"] == "Quầy 2");
    auto csv = c.Get("/api/v1/report.csv?kind=queue", leader);
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->body.find("phan_muc,ma,ten,so_da_cap,da_phuc_vu,vang_mat") != std::string::npos);
    auto unknown = c.Get("/api/v1/report?kind=weather", leader);
    REQUIRE(unknown);
    CHECK(unknown->status == 400);
}

TEST_CASE("a site's queue file on the server goes to its kiosks as tickets and names its fields in reports") {
    test::TempDir queues;
    queues.write("px.toml",
                 "[queue]\nopening_hours = \"Mon-Fri 07:30-11:30,13:30-17:00\"\n"
                 "[[queue.fields]]\nid = \"tu-phap\"\nvi = \"Tư pháp – Hộ tịch\"\nen = \"Justice\"\nprefix = \"A\"\nrange = \"1-999\"\n"
                 "[[queue.fields]]\nid = \"dat-dai\"\nvi = \"Đất đai\"\nen = \"Land\"\nprefix = \"B\"\nrange = \"1-999\"\n"
                 "[[queue.counters]]\nid = \"q1\"\nfields = \"tu-phap,dat-dai\"\n");
    ServerUnderTest s("[queue]\nsites_dir = \"" + queues.path().string() + "\"\n");
    auto [device_id, token] = s.enroll();  // a counter of site px
    auto c = s.client();
    auto res = c.Get("/api/v1/config", {{"Authorization", "Bearer " + token}});
    REQUIRE(res);
    REQUIRE(res->status == 200);
    // What the kiosk reads: the same core parser it uses on the saved file, then the queue's checker.
    auto pulled = parse_pulled_config(res->body);
    REQUIRE(pulled.ok());
    REQUIRE_FALSE(pulled->tickets_json.empty());
    auto queue = queue::QueueSettings::from_json(json::parse(pulled->tickets_json));
    REQUIRE(queue.ok());
    REQUIRE(queue->fields.size() == 2);
    CHECK(queue->fields[0].name_vi == "Tư pháp – Hộ tịch");
    CHECK(queue->counter("q1") != nullptr);

    auto events = test::rating_chain({1, 2, 1});
    const char* services[] = {"tu-phap", "tu-phap", "xay-dung"};  // the last: a field no queue file names
    for (std::size_t i = 0; i < events.size(); ++i) {
        events[i].data["service"] = services[i];
        if (i > 0) events[i].prev_hash = events[i - 1].hash;
        events[i].hash = compute_event_hash(events[i]);
    }
    REQUIRE(s.post_events(token, batch_body(device_id, uuid_v4(), events))->status == 200);
    auto r = report(s, "?site=px&group_by=service");
    REQUIRE(r["groups"].size() == 2);
    CHECK(r["groups"][0]["key"] == "tu-phap");
    CHECK(r["groups"][0]["label"] == "Tư pháp – Hộ tịch");
    CHECK(r["groups"][0]["total"] == 2);
    CHECK(r["groups"][1]["label"] == "xay-dung");
}

TEST_CASE("a site's queue file the kiosks could not use stops the server with the file and key named") {
    test::TempDir queues;
    queues.write("px.toml", "[[queue.fields]]\nid = \"tu-phap\"\nvi = \"Tư pháp\"\nrange = \"1-\"\n");
    test::TempDir dir;
    dir.write("server.toml", "[queue]\nsites_dir = \"" + queues.path().string() + "\"\n");
    auto r = test::run({test::binary("motcua-server"), "--config", dir.file("server.toml"), "--db", dir.file("s.db"),
                        "serve", "--port", "0"},
                       std::chrono::seconds(20));
    CHECK(r.exit_code == 2);
    INFO(r.output);
    CHECK(r.output.find(queues.file("px.toml")) != std::string::npos);
    CHECK(r.output.find("queue.fields entry 1.range") != std::string::npos);
}
