#include <catch2/catch.hpp>

#include "core/gzip.hpp"
#include "core/protocol.hpp"

using namespace motcua;

namespace {
std::vector<Event> two_events() {
    Event a;
    a.id = "id-1";
    a.seq = 1;
    Event b;
    b.id = "id-2";
    b.seq = 2;
    return {a, b};
}
}  // namespace

TEST_CASE("batch ids are deterministic so a retry carries the same id") {
    CHECK(protocol::batch_id("inst", 1, 10) == protocol::batch_id("inst", 1, 10));
    CHECK(protocol::batch_id("inst", 1, 10) != protocol::batch_id("inst", 1, 11));
}

TEST_CASE("a valid ack is accepted") {
    auto sent = two_events();
    auto ack = protocol::parse_ack(
        R"({"protocol":1,"batch_id":"B","acked_through":2,"results":[{"id":"id-1","status":"stored"},{"id":"id-2","status":"duplicate"}],"max_batch_events":200})",
        "B", sent);
    REQUIRE(ack.ok());
    CHECK(ack->acked_through == 2);
    CHECK(ack->max_batch_events == 200);
}

TEST_CASE("anything but a complete ack for this batch is a failure, never an ack") {
    auto sent = two_events();
    CHECK_FALSE(protocol::parse_ack("<html><body>Welcome to free WiFi</body></html>", "B", sent).ok());
    CHECK_FALSE(protocol::parse_ack(R"({"batch_id":"B","acked_through":2,"results":[{"id":"id-1","sta)", "B", sent).ok());
    CHECK_FALSE(protocol::parse_ack(
                    R"({"batch_id":"OTHER","acked_through":2,"results":[{"id":"id-1","status":"stored"},{"id":"id-2","status":"stored"}]})",
                    "B", sent)
                    .ok());
    auto missing = protocol::parse_ack(R"({"batch_id":"B","acked_through":2,"results":[{"id":"id-1","status":"stored"}]})",
                                       "B", sent);
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.error(), Catch::Contains("seq 2"));
}

TEST_CASE("gzip round-trips and a truncated body is refused") {
    std::string text(5000, 'a');
    auto packed = gzip_compress(text);
    CHECK(packed.size() < text.size());
    auto back = gzip_decompress(packed);
    REQUIRE(back.ok());
    CHECK(back.value() == text);
    CHECK_FALSE(gzip_decompress(packed.substr(0, packed.size() / 2)).ok());
}

TEST_CASE("gzip written in pieces inflates to the whole text, however it was cut") {
    std::string text;
    for (int i = 0; i < 4000; ++i) text += "{\"seq\":" + std::to_string(i) + ",\"score\":" + std::to_string(i % 3) + "},";
    for (std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{500}, std::size_t{70000}}) {
        GzipWriter writer(1);
        writer.write("");
        for (std::size_t at = 0; at < text.size(); at += piece) writer.write(std::string_view(text).substr(at, piece));
        std::string packed = writer.finish();
        INFO("pieces of " << piece << " bytes");
        CHECK(packed.size() < text.size() / 4);
        CHECK(packed.capacity() < packed.size() + 64);  // no spare buffer kept with a batch
        auto back = gzip_decompress(packed);
        REQUIRE(back.ok());
        CHECK(back.value() == text);
    }
}

TEST_CASE("a batch written event by event is plain while small and gzip once large, the same batch either way") {
    auto text_of = [](std::int64_t seq) {
        EventText t{seq, "id-" + std::to_string(seq), ""};
        t.json = json{{"id", t.id}, {"seq", seq}, {"data", {{"score", 1 + seq % 3}, {"officer", "Trần Thị Bé"}}}}.dump();
        return t;
    };
    protocol::BatchWriter small("kiosk-1", "inst", 420, true, protocol::kGzipLevel);
    small.add(text_of(4));
    auto plain = small.finish();
    CHECK_FALSE(plain.gzipped);
    json one = json::parse(plain.bytes);
    CHECK(one["batch_id"] == protocol::batch_id("inst", 4, 4));
    CHECK(plain.batch_id == one["batch_id"]);
    CHECK(one["events"].size() == 1);
    CHECK(one["protocol"] == protocol::kVersion);
    CHECK(one["device_id"] == "kiosk-1");
    CHECK(one["ack_form"] == "compact");

    protocol::BatchWriter large("kiosk-1", "inst", 420, false, protocol::kGzipLevel);
    std::vector<EventText> texts;
    for (std::int64_t seq = 10; seq < 510; ++seq) {
        texts.push_back(text_of(seq));
        large.add(texts.back());
    }
    auto packed = large.finish();
    CHECK(packed.gzipped);
    auto inflated = gzip_decompress(packed.bytes);
    REQUIRE(inflated.ok());
    json many = json::parse(inflated.value());
    std::string id;
    json same = json::parse(protocol::make_batch_text("kiosk-1", "inst", texts, 420, false, id));
    CHECK(packed.batch_id == protocol::batch_id("inst", 10, 509));
    CHECK(id == packed.batch_id);
    CHECK(many["events"] == same["events"]);
    CHECK(many["events"].size() == 500);
    CHECK(many["events"][499]["seq"] == 509);
    CHECK_FALSE(many.contains("ack_form"));
}

namespace {
// A compact ack as a server writes it for `sent`, listing only `listed` (ids not stored).
std::string compact_ack(const std::vector<std::string>& covered_ids, const json& listed, std::int64_t count) {
    return json{{"protocol", 1},
                {"batch_id", "B"},
                {"acked_through", 2},
                {"ack_form", "compact"},
                {"results", listed},
                {"covered", {{"count", count}, {"ids_sha256", protocol::covered_ids_sha256(covered_ids)}}},
                {"max_batch_events", 500}}
        .dump();
}
}  // namespace

TEST_CASE("a compact ack lists only what was not stored and still accounts for every event") {
    auto sent = two_events();
    auto ack = protocol::parse_ack(compact_ack({"id-1", "id-2"}, json::array(), 2), "B", sent);
    REQUIRE(ack.ok());
    REQUIRE(ack->results.size() == 2);
    CHECK(ack->results[0].status == "stored");
    CHECK(ack->results[1].status == "stored");

    json rejected = json::array({{{"id", "id-2"}, {"status", "rejected"}, {"reason", "hash does not match"}}});
    auto mixed = protocol::parse_ack(compact_ack({"id-1", "id-2"}, rejected, 2), "B", sent);
    REQUIRE(mixed.ok());
    CHECK(mixed->results[0].status == "stored");
    CHECK(mixed->results[1].status == "rejected");
    CHECK(mixed->results[1].reason == "hash does not match");
}

TEST_CASE("a compact ack that omits an event or names another one is refused") {
    auto sent = two_events();
    // The server went through one event only: count and digest both say so.
    auto short_count = protocol::parse_ack(compact_ack({"id-1", "id-2"}, json::array(), 1), "B", sent);
    REQUIRE_FALSE(short_count.ok());
    CHECK_THAT(short_count.error(), Catch::Contains("count"));
    auto short_digest = protocol::parse_ack(compact_ack({"id-1"}, json::array(), 2), "B", sent);
    REQUIRE_FALSE(short_digest.ok());
    CHECK_THAT(short_digest.error(), Catch::Contains("ids_sha256"));
    json stranger = json::array({{{"id", "id-9"}, {"status", "conflict"}}});
    CHECK_FALSE(protocol::parse_ack(compact_ack({"id-1", "id-2"}, stranger, 2), "B", sent).ok());
    // Without "covered" the compact answer is an ordinary ack missing results: refused.
    CHECK_FALSE(protocol::parse_ack(R"({"batch_id":"B","acked_through":2,"ack_form":"compact","results":[]})", "B",
                                    sent)
                    .ok());
}

TEST_CASE("the batch made from stored text is the batch made from events") {
    Event e;
    e.id = "0194a7c2-7b1e-7c3d-8e9f-0123456789ab";
    e.seq = 7;
    e.type = "rating.submitted";
    e.at = "2026-11-23T08:14:59.010+07:00";
    e.mono_ms = 123;
    e.boot_id = "boot \"quoted\"";
    e.data = json{{"counter", "3A"}, {"officer", "Nguyễn Văn Ánh"}, {"reasons", {"wait_time"}}, {"score", 3}};
    e.hash = compute_event_hash(e);
    EventText text{e.seq, e.id, ""};
    json j = e.to_json();
    j.erase("data");
    text.json = j.dump();
    text.json.pop_back();
    text.json += ",\"data\":" + canonical_json(e.data) + "}";
    std::string id;
    json from_text = json::parse(protocol::make_batch_text("kiosk-1", "inst", {text}, 420, true, id));
    json from_events = protocol::make_batch("kiosk-1", "inst", {e}, 420, true);
    CHECK(id == protocol::batch_id("inst", 7, 7));
    CHECK(from_text["events"] == from_events["events"]);
    CHECK(from_text["batch_id"] == from_events["batch_id"]);
    CHECK(from_text["ack_form"] == "compact");
}
