// Trust flags: marks on ratings that appraisal should not take at face value (issue 8, "Trust").
// A flagged rating is still counted exactly like any other (nothing hidden, nothing deleted);
// reports say how many ratings carry each flag, so a leader sees "12 phiếu trong vòng 5 giây"
// next to an officer. The flags are kept in the report rollups (report_rollup.hpp), so a change
// of the rules below makes the store recount them (ServerStore::open), as a time zone change does.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/queue/queue_settings.hpp"
#include "core/result.hpp"

namespace motcua::server {

// no_ticket: the rating names no served ticket (the rollup's Linked "none" slice).
// repeat: an earlier rating of the same kiosk database, in seq order, named the same ticket (the
//   first rating of a ticket is not flagged). A ticket lives in one kiosk database's queue (the
//   counter console and the rating screen share it), so its ratings all come from that database.
// burst: rated less than `burst_seconds` after the previous rating of the same kiosk database,
//   previous in seq order, by the kiosk's own event times (a clock stepping back is no burst).
// outside_hours: the rating's local time (report time zone) is outside the opening hours.
enum class TrustFlag { NoTicket = 0, Repeat = 1, Burst = 2, OutsideHours = 3 };
inline constexpr int kTrustFlagCount = 4;
inline constexpr std::array<TrustFlag, kTrustFlagCount> kTrustFlags = {TrustFlag::NoTicket, TrustFlag::Repeat,
                                                                       TrustFlag::Burst, TrustFlag::OutsideHours};
std::string_view trust_flag_name(TrustFlag flag);  // "no_ticket", "repeat", "burst", "outside_hours"

using TrustFlagSet = std::uint8_t;  // bit (1 << flag)
inline constexpr TrustFlagSet flag_bit(TrustFlag f) { return static_cast<TrustFlagSet>(1u << static_cast<int>(f)); }

// How many ratings of a report block carry each flag.
struct TrustCounts {
    std::array<std::int64_t, kTrustFlagCount> count{};
    std::int64_t of(TrustFlag f) const { return count[static_cast<std::size_t>(f)]; }
    std::int64_t& of(TrustFlag f) { return count[static_cast<std::size_t>(f)]; }
    bool any() const {
        for (auto n : count)
            if (n != 0) return true;
        return false;
    }
};

inline constexpr std::int64_t kDefaultBurstSeconds = 5;
inline constexpr std::string_view kDefaultTrustOpeningHours = "Mon-Sat 07:00-17:30";

struct TrustRules {
    std::int64_t burst_seconds = kDefaultBurstSeconds;
    std::string opening_hours_text;  // as written in the settings: "Mon-Sat 07:00-17:30"
    queue::OpeningHours opening_hours;
    // What the stored flags depend on, kept in the database's meta table: when it differs from the
    // rules a store is opened with, the flags are recounted.
    std::string fingerprint() const;
};

// The rules from the settings' values (trust.burst_seconds, trust.opening_hours, whose text is
// read like the kiosk's queue.opening_hours). Fails with what is wrong in the hours text.
Result<TrustRules> make_trust_rules(std::int64_t burst_seconds, std::string_view opening_hours_text);
TrustRules default_trust_rules();

// Inside means from the opening minute to the closing minute itself, to the second: with
// 07:00-17:30, 07:00:00 and 17:30:00 are inside, 06:59:59 and 17:30:01 outside. Days not named are
// closed all day.
bool outside_opening_hours(const TrustRules& rules, std::int64_t utc_ms, int utc_offset_minutes);
// The flags a rating carries by itself, whatever came before it in its kiosk database: no_ticket
// and outside_hours. Ingest and the rollup's rebuild both start from these.
TrustFlagSet standing_flags(const TrustRules& rules, bool has_ticket, std::int64_t utc_ms, int utc_offset_minutes);
// A rating `at_ms` is a burst after a previous one at `previous_at_ms`: 0 <= gap < burst_seconds.
bool is_burst(const TrustRules& rules, std::int64_t previous_at_ms, std::int64_t at_ms);

}  // namespace motcua::server
