#include <catch2/catch.hpp>

#include "sync/backoff.hpp"

using namespace motcua::sync;

TEST_CASE("backoff's ceiling doubles from the base and stops at the cap") {
    // A random source that always returns the largest value shows the ceiling itself.
    Backoff b(2000, 15000, [] { return ~0ull; });
    std::vector<std::int64_t> delays;
    for (int i = 0; i < 6; ++i) delays.push_back(b.next_delay_ms());
    for (auto d : delays) CHECK(d <= 15000);
    // ~0 mod (ceiling + 1) is some value within each window; the windows are 2 s, 4 s, 8 s, then the cap.
    CHECK(delays[0] <= 2000);
    CHECK(delays[1] <= 4000);
    CHECK(delays[2] <= 8000);
    Backoff zero(2000, 15000, [] { return 0ull; });
    CHECK(zero.next_delay_ms() == 0);  // full jitter may retry at once
}

TEST_CASE("backoff spreads retries over the whole window (full jitter)") {
    Backoff b(1000, 1000);
    std::int64_t lo = 1000, hi = 0;
    for (int i = 0; i < 200; ++i) {
        std::int64_t d = b.next_delay_ms();
        REQUIRE(d >= 0);
        REQUIRE(d <= 1000);
        lo = std::min(lo, d);
        hi = std::max(hi, d);
    }
    CHECK(lo < 200);
    CHECK(hi > 800);
}

TEST_CASE("a server's Retry-After is a floor, and a reset starts small again") {
    Backoff b(2000, 900000, [] { return 0ull; });
    CHECK(b.next_delay_ms(30000) == 30000);
    CHECK(b.failures() == 1);
    b.reset();
    CHECK(b.failures() == 0);
}

TEST_CASE("Retry-After is read as seconds or as an HTTP date") {
    CHECK(parse_retry_after("7", 0) == 7000);
    auto ms = parse_retry_after("Sun, 29 Nov 2026 01:15:09 GMT", 1795914899000);
    REQUIRE(ms.has_value());
    CHECK(*ms == 10000);
    CHECK_FALSE(parse_retry_after("soon", 0).has_value());
}
