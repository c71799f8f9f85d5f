// What a site's queue is made of: fields (lĩnh vực) with their number ranges and limits,
// counters and the fields they serve, opening hours, priority groups and the calling policy.
// Read from the `tickets` object of the pulled config (docs/protocol.md) or a local file;
// every key has a default, so an empty object is a working queue.
#pragma once
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace motcua::queue {

struct Procedure {
    std::string id;
    std::string name_vi;
    std::string name_en;
};

struct Field {
    std::string id;
    std::string name_vi;
    std::string name_en;
    std::string prefix;                 // "A" -> tickets "A001"
    int range_start = 1;                // first number of the day
    int range_end = 999;                // last number: past it the field has "hết số"
    int daily_limit = 0;                // tickets per day, 0 = only the range limits
    std::vector<Procedure> procedures;  // empty: the dispenser asks for the field only
};

struct Counter {
    std::string id;    // "3A"
    std::string name;  // "Quầy số 3A"
    std::vector<std::string> fields;
};

struct PriorityGroup {
    std::string code;
    std::string name_vi;
    std::string name_en;
};

// Minutes after local midnight, open <= t < close.
struct OpeningInterval {
    int open_minute = 0;
    int close_minute = 0;
    bool operator==(const OpeningInterval&) const = default;
};

struct OpeningHours {
    std::array<std::vector<OpeningInterval>, 7> by_weekday;  // 0 = Monday ... 6 = Sunday; empty = closed
    std::vector<std::string> closed_dates;                   // "YYYY-MM-DD" (holidays), local
};

enum class PolicyMode { strict, interleave };

struct Policy {
    PolicyMode mode = PolicyMode::interleave;
    int normal_per_priority = 3;  // interleave: after this many normal tickets a counter calls a priority one
    int ageing_minutes = 60;      // a ticket waiting this long is called before younger ones; 0 = off
};

struct QueueSettings {
    int utc_offset_minutes = 7 * 60;  // Asia/Ho_Chi_Minh, no DST
    Policy policy;
    OpeningHours opening_hours;
    std::vector<PriorityGroup> priority_groups;
    std::vector<Field> fields;
    std::vector<Counter> counters;

    const Field* field(const std::string& id) const;
    const Counter* counter(const std::string& id) const;
    const PriorityGroup* priority_group(const std::string& code) const;
    bool counter_serves(const std::string& counter_id, const std::string& field_id) const;

    // The defaults filled in for every key the object leaves out. Errors name the key,
    // e.g. "tickets.fields[2].range: start 50 is after end 10". Unknown keys are ignored, as the
    // protocol lets a newer server add keys that an older kiosk does not know.
    static Result<QueueSettings> from_json(const nlohmann::json& tickets);
    nlohmann::json to_json() const;
};

QueueSettings default_queue_settings();
std::vector<Field> default_fields();
std::vector<PriorityGroup> default_priority_groups();
OpeningHours default_opening_hours();

// Ticket number as shown and printed: prefix + number zero-padded to the width of the range's end
// (at least 3 digits): "A012".
std::string display_number(const std::string& prefix, int number, int range_end);

}  // namespace motcua::queue
