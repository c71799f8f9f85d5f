// Local calendar arithmetic at a fixed UTC offset (Vietnam has no DST): which day a moment
// belongs to, which weekday, which minute. The queue's day, its numbering and its opening hours
// all turn on local midnight, not UTC midnight.
#pragma once
#include <cstdint>
#include <string>

namespace motcua::queue {

struct LocalMoment {
    std::string day;  // "YYYY-MM-DD", local
    int weekday = 0;  // 0 = Monday ... 6 = Sunday
    int minute = 0;   // minutes after local midnight
};

LocalMoment local_moment(std::int64_t unix_ms, int utc_offset_minutes);
bool is_valid_day(const std::string& text);  // "YYYY-MM-DD" naming a real date
std::string minute_text(int minute);         // 450 -> "07:30"

}  // namespace motcua::queue
