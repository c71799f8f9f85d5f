#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "sync/backoff.hpp"

using namespace motcua::sync;

namespace {

// The ceiling of the window for the try after `failures` failures, read through the injectable
// random source: a draw of exactly c comes back as c only when the window's top is at least c,
// and a draw of c + 1 comes back as 0 only when the top is exactly c (delay = draw mod (top + 1)).
bool ceiling_is(std::int64_t base, std::int64_t cap, int failures, std::int64_t c) {
    auto delay_for_draw = [&](std::uint64_t draw) {
        int call = 0;
        Backoff b(base, cap, [&] { return call++ < failures ? 0ull : draw; });
        for (int i = 0; i < failures; ++i) (void)b.next_delay_ms();
        return b.next_delay_ms();
    };
    return delay_for_draw(static_cast<std::uint64_t>(c)) == c && delay_for_draw(static_cast<std::uint64_t>(c) + 1) == 0;
}

}  // namespace

TEST_CASE("backoff's ceiling doubles from the base and stops at the cap") {
    // base 2 s, cap 15 s: windows of 2, 4, 8 s, then 15 s for ever.
    const std::vector<std::int64_t> expected{2000, 4000, 8000, 15000, 15000, 15000};
    for (int failures = 0; failures < static_cast<int>(expected.size()); ++failures) {
        INFO("after " << failures << " failure(s)");
        CHECK(ceiling_is(2000, 15000, failures, expected[static_cast<std::size_t>(failures)]));
    }
    // The protocol's defaults: 2 s doubling to the 15 minute cap, reached after 9 failures.
    std::int64_t c = 2000;
    for (int failures = 0; failures < 12; ++failures) {
        INFO("after " << failures << " failure(s)");
        CHECK(ceiling_is(2000, 900000, failures, std::min<std::int64_t>(c, 900000)));
        c *= 2;
    }
    // Many failures (a server down for a week) neither overflow nor pass the cap.
    CHECK(ceiling_is(2000, 900000, 200, 900000));
    Backoff zero(2000, 15000, [] { return 0ull; });
    CHECK(zero.next_delay_ms() == 0);  // full jitter may retry at once
}

TEST_CASE("backoff spreads retries over the whole window at every step (full jitter)") {
    // A seeded generator: the same draws every run, yet spread like the real random source.
    std::mt19937_64 rng(7);
    const std::int64_t base = 1000, cap = 16000;
    for (int failures = 0; failures < 7; ++failures) {
        const std::int64_t ceiling = std::min<std::int64_t>(base << failures, cap);
        std::int64_t lo = ceiling, hi = 0, below_half = 0;
        const int draws = 400;
        for (int i = 0; i < draws; ++i) {
            Backoff b(base, cap, [&] { return rng(); });
            for (int k = 0; k < failures; ++k) (void)b.next_delay_ms();
            std::int64_t d = b.next_delay_ms();
            REQUIRE(d >= 0);
            REQUIRE(d <= ceiling);
            lo = std::min(lo, d);
            hi = std::max(hi, d);
            if (d < ceiling / 2) ++below_half;
        }
        INFO("after " << failures << " failure(s), window 0.." << ceiling);
        CHECK(hi > ceiling * 95 / 100);  // the top of each window is reached...
        CHECK(lo < ceiling * 5 / 100);   // ...and so is the bottom
        CHECK(below_half > draws / 3);   // and not only the ends: about half below the middle
        CHECK(below_half < draws * 2 / 3);
    }
}

TEST_CASE("the real random source spreads retries too") {
    Backoff b(1000, 1000);
    std::int64_t lo = 1000, hi = 0;
    for (int i = 0; i < 400; ++i) {
        std::int64_t d = b.next_delay_ms();
        REQUIRE(d >= 0);
        REQUIRE(d <= 1000);
        lo = std::min(lo, d);
        hi = std::max(hi, d);
    }
    CHECK(lo < 100);
    CHECK(hi > 900);
}

TEST_CASE("a server's Retry-After is a floor, and a reset starts small again") {
    Backoff b(2000, 900000, [] { return 4000ull; });
    CHECK(b.next_delay_ms(30000) == 30000);  // the draw (4000 mod 2001 = 1999) is below the floor
    CHECK(b.next_delay_ms(1000) == 4000);    // a floor below the draw changes nothing
    CHECK(b.failures() == 2);
    (void)b.next_delay_ms();
    b.reset();
    CHECK(b.failures() == 0);
    // After the reset the window is the base again: 4000 mod 2001 = 1999.
    CHECK(b.next_delay_ms() == 1999);
}

TEST_CASE("Retry-After is read as seconds or as an HTTP date") {
    CHECK(parse_retry_after("7", 0) == 7000);
    auto ms = parse_retry_after("Sun, 29 Nov 2026 01:15:09 GMT", 1795914899000);
    REQUIRE(ms.has_value());
    CHECK(*ms == 10000);
    CHECK(parse_retry_after("Sun, 29 Nov 2026 01:15:09 GMT", 1795914999000) == 0);  // a date in the past: at once
    CHECK_FALSE(parse_retry_after("soon", 0).has_value());
}
