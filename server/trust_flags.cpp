#include "server/trust_flags.hpp"

#include "core/queue/opening_hours_text.hpp"

namespace motcua::server {

namespace {
constexpr std::int64_t kDayMs = 24 * 3600 * 1000;
constexpr std::string_view kNames[kTrustFlagCount] = {"no_ticket", "repeat", "burst", "outside_hours"};

std::int64_t floor_mod(std::int64_t a, std::int64_t b) {
    std::int64_t r = a % b;
    return r < 0 ? r + b : r;
}
}  // namespace

std::string_view trust_flag_name(TrustFlag flag) { return kNames[static_cast<int>(flag)]; }

std::string TrustRules::fingerprint() const {
    return "burst_seconds=" + std::to_string(burst_seconds) + ";opening_hours=" + queue::opening_hours_text(opening_hours);
}

Result<TrustRules> make_trust_rules(std::int64_t burst_seconds, std::string_view opening_hours_text) {
    if (burst_seconds < 1) return Result<TrustRules>::failure("trust.burst_seconds must be at least 1");
    auto hours = queue::parse_opening_hours_text(opening_hours_text);
    if (!hours) return Result<TrustRules>::failure("trust.opening_hours: " + hours.error());
    TrustRules rules;
    rules.burst_seconds = burst_seconds;
    rules.opening_hours_text = std::string(opening_hours_text);
    rules.opening_hours = hours.value();
    return rules;
}

TrustRules default_trust_rules() { return make_trust_rules(kDefaultBurstSeconds, kDefaultTrustOpeningHours).value(); }

bool outside_opening_hours(const TrustRules& rules, std::int64_t utc_ms, int utc_offset_minutes) {
    const std::int64_t local = utc_ms + std::int64_t{utc_offset_minutes} * 60000;
    const std::int64_t day = (local - floor_mod(local, kDayMs)) / kDayMs;
    const std::int64_t second = floor_mod(local, kDayMs) / 1000;
    const auto weekday = static_cast<std::size_t>(floor_mod(day + 3, 7));  // 1970-01-01 was a Thursday; Monday = 0
    for (const auto& interval : rules.opening_hours.by_weekday[weekday])
        if (second >= interval.open_minute * 60 && second <= interval.close_minute * 60) return false;
    return true;
}

TrustFlagSet standing_flags(const TrustRules& rules, bool has_ticket, std::int64_t utc_ms, int utc_offset_minutes) {
    TrustFlagSet flags = 0;
    if (!has_ticket) flags |= flag_bit(TrustFlag::NoTicket);
    if (outside_opening_hours(rules, utc_ms, utc_offset_minutes)) flags |= flag_bit(TrustFlag::OutsideHours);
    return flags;
}

bool is_burst(const TrustRules& rules, std::int64_t previous_at_ms, std::int64_t at_ms) {
    const std::int64_t gap = at_ms - previous_at_ms;
    return gap >= 0 && gap < rules.burst_seconds * 1000;
}

}  // namespace motcua::server
