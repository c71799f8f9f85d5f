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
