// The three clocks an event carries: wall time (may be wrong: rural kiosks have no NTP),
// monotonic time since boot, and the boot id, so the server can reconstruct order and skew.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace motcua::clock {

// Vietnam is UTC+7 with no DST; the offset is a setting for the rare kiosk elsewhere.
inline constexpr int kDefaultUtcOffsetMinutes = 7 * 60;

std::int64_t unix_ms_now();
std::int64_t monotonic_ms();
std::string boot_id();
// RFC 3339 with milliseconds and a fixed offset, e.g. 2026-11-23T08:14:59.010+07:00
std::string rfc3339_ms(std::int64_t unix_ms, int utc_offset_minutes = kDefaultUtcOffsetMinutes);
std::string now_rfc3339(int utc_offset_minutes = kDefaultUtcOffsetMinutes);
// Parses RFC 3339 (with or without fraction, Z or ±hh:mm). Returns false on malformed text.
bool parse_rfc3339(const std::string& text, std::int64_t& unix_ms_out);

}  // namespace motcua::clock
