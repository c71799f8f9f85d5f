#include <catch2/catch.hpp>

#include "core/crypto.hpp"
#include "core/event.hpp"

using namespace motcua;

TEST_CASE("canonical JSON sorts keys by byte order, has no spaces and keeps UTF-8 unescaped") {
    json j = json::parse(R"({"b":1,"a":{"z":"Rất hài lòng","B":[1,2]},"A":"q\"uote"})");
    CHECK(canonical_json(j) == R"({"A":"q\"uote","a":{"B":[1,2],"z":"Rất hài lòng"},"b":1})");
}

TEST_CASE("the event hash follows the protocol's recipe") {
    Event e;
    e.id = "0190f5c2-7a1b-7c3d-8e4f-123456789abc";
    e.seq = 1;
    e.type = "rating.submitted";
    e.at = "2026-11-23T08:14:59.010+07:00";
    e.data = json{{"score", 1}, {"counter", "3A"}};
    std::string expected = crypto::sha256_hex(
        std::string(64, '0') +
        R"({"at":"2026-11-23T08:14:59.010+07:00","data":{"counter":"3A","score":1},"id":"0190f5c2-7a1b-7c3d-8e4f-123456789abc","seq":1,"type":"rating.submitted"})");
    CHECK(compute_event_hash(e) == expected);
    // mono_ms and boot_id are not part of the hash: they are transport facts.
    e.mono_ms = 99;
    CHECK(compute_event_hash(e) == expected);
    e.data["score"] = 3;
    CHECK(compute_event_hash(e) != expected);
}

TEST_CASE("sha256 of a known string") {
    CHECK(crypto::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("an event round-trips through JSON and bad events are named") {
    Event e;
    e.id = "x";
    e.seq = 3;
    e.type = "rating.submitted";
    e.at = "2026-11-23T08:14:59.010+07:00";
    e.boot_id = "b";
    e.hash = "h";
    auto back = Event::from_json(e.to_json());
    CHECK(back.seq == 3);
    CHECK(back.prev_hash == kGenesisHash);
    json bad = e.to_json();
    bad.erase("seq");
    CHECK_THROWS_WITH(Event::from_json(bad), Catch::Contains("seq"));
}
