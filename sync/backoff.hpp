// Retry timing: exponential backoff with full jitter (Fluent Bit's flb_scheduler recipe),
// never giving up, with a server's Retry-After as a floor.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace motcua::sync {

class Backoff {
public:
    Backoff(std::int64_t base_ms, std::int64_t cap_ms, std::function<std::uint64_t()> random = {});
    // Delay before the next try after one more failure: random in [0, min(cap, base * 2^failures)],
    // but at least retry_after_ms when the server said so.
    std::int64_t next_delay_ms(std::optional<std::int64_t> retry_after_ms = std::nullopt);
    void reset() { failures_ = 0; }
    int failures() const { return failures_; }
    // The upper end of the random range the next delay is drawn from.
    std::int64_t ceiling_ms() const;
    std::int64_t cap_ms() const { return cap_ms_; }

private:
    std::int64_t base_ms_;
    std::int64_t cap_ms_;
    int failures_ = 0;
    std::function<std::uint64_t()> random_;
};

// Retry-After is either seconds or an HTTP date; returns milliseconds from now.
std::optional<std::int64_t> parse_retry_after(const std::string& value, std::int64_t now_unix_ms);
// An HTTP date ("Tue, 24 Nov 2026 08:15:02 GMT") as Unix milliseconds.
std::optional<std::int64_t> parse_http_date(const std::string& value);

}  // namespace motcua::sync
