// Officers' PINs, stored only as a slow salted hash (scrypt, OpenSSL), and the rule that stops
// guessing at a counter. No UI, no clock: the caller passes the time.
//
// Stored form, self-describing so the parameters can be raised later without breaking the hashes
// already in settings files (a verify reads the parameters from the string):
//     $scrypt$ln=14,r=8,p=2$<salt>$<hash>
// ln = log2 of scrypt's N; salt (16 bytes) and hash (32 bytes) in base64url without padding.
// Make one with `motcua-kiosk --hash-pin` (reads the PIN from stdin).
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace motcua {

struct PinHashParams {
    // N = 16384, two lanes: about 70 ms and 16 MiB per check on the reference machine
    // (docs/benchmarks.md, bench/pin_hash_bench.cpp); one lane was ~35 ms, N = 32768 ~200 ms.
    int log2_n = 14;
    int r = 8;
    int p = 2;
};

// What a stored hash says, checked: parameters within the bounds below, salt and hash decoded.
struct DecodedPinHash {
    PinHashParams params;
    std::vector<std::uint8_t> salt;
    std::vector<std::uint8_t> hash;
};

// Bounds a stored hash must keep (so a hostile or mistyped config cannot ask for gigabytes or
// minutes): ln 10..20, r 1..32, p 1..4, memory 128·r·N at most 256 MiB, salt 8..64 bytes, hash 16..64 bytes.
Result<DecodedPinHash> decode_pin_hash(std::string_view stored);

// A PIN is 4 to 12 digits (counter keypads are numeric). Failure names what is wrong.
Status check_pin_text(std::string_view pin);

// A new stored hash with a fresh random salt. Fails on a PIN check_pin_text refuses, or if
// OpenSSL fails.
Result<std::string> hash_pin(std::string_view pin, const PinHashParams& params = {});

// The same stored form for any secret text (the dashboard's passwords); the caller checks the
// text's own rules. verify_pin checks it.
Result<std::string> hash_secret(std::string_view secret, const PinHashParams& params = {});

// true: the PIN matches; false: it does not; failure: the stored hash is malformed (named), so no
// PIN can match it. The comparison takes the same time wherever the first difference is.
Result<bool> verify_pin(std::string_view pin, std::string_view stored);

// After `max_wrong` wrong PINs in a row for one officer code, refuse that code for `lock_ms`
// (counted from the last wrong PIN). A right PIN clears the count; after the lock ends the count
// starts again from zero. Unknown officer codes count like known ones, so typing codes tells
// nothing about which exist. With `window_ms` > 0 wrong tries are counted per window: a count
// whose first wrong try is `window_ms` old starts again (the server's enrolment codes, where typos
// days apart must not add up); 0 counts them for ever (a counter's PIN pad). Pure: times are
// passed in. The key can be anything (an officer code, "address:..." on the server).
class PinLockout {
public:
    static constexpr int kDefaultMaxWrong = 5;
    static constexpr std::int64_t kDefaultLockMs = 60'000;
    explicit PinLockout(int max_wrong = kDefaultMaxWrong, std::int64_t lock_ms = kDefaultLockMs,
                        std::int64_t window_ms = 0)
        : max_wrong_(max_wrong), lock_ms_(lock_ms), window_ms_(window_ms) {}

    // 0 if the officer may try a PIN now, else the milliseconds left before they may.
    std::int64_t locked_for_ms(const std::string& officer, std::int64_t now_ms) const;
    // true when this wrong try started a lock (the caller says so once: a log line, an alarm).
    bool record_wrong(const std::string& officer, std::int64_t now_ms);
    void record_right(const std::string& officer);
    // Wrong PINs counted towards the next lock (for "n tries left" on screen).
    int wrong_count(const std::string& officer, std::int64_t now_ms) const;

private:
    struct Entry {
        int wrong = 0;
        std::int64_t first_wrong_ms = 0;
        std::int64_t locked_until_ms = 0;
    };
    // The count has started again: its lock is over, or its window has passed.
    bool starts_again(const Entry& e, std::int64_t now_ms) const;
    int max_wrong_;
    std::int64_t lock_ms_;
    std::int64_t window_ms_;
    std::map<std::string, Entry> entries_;
};

}  // namespace motcua
