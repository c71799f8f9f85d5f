#include "core/queue/local_day.hpp"

#include <cstdio>

namespace motcua::queue {

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Howard Hinnant's civil_from_days: days since 1970-01-01 -> year, month, day (proleptic Gregorian).
void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
    z += 719468;
    std::int64_t era = floor_div(z, 146097);
    auto doe = static_cast<unsigned>(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

}  // namespace

LocalMoment local_moment(std::int64_t unix_ms, int utc_offset_minutes) {
    std::int64_t local_minutes = floor_div(unix_ms, 60'000) + utc_offset_minutes;
    std::int64_t days = floor_div(local_minutes, 24 * 60);
    LocalMoment m;
    m.minute = static_cast<int>(local_minutes - days * 24 * 60);
    m.weekday = static_cast<int>(((days + 3) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
    int y = 0, mo = 0, d = 0;
    civil_from_days(days, y, mo, d);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, mo, d);
    m.day = text;
    return m;
}

bool is_valid_day(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (text[i] < '0' || text[i] > '9') return false;
    int y = std::stoi(text.substr(0, 4)), m = std::stoi(text.substr(5, 2)), d = std::stoi(text.substr(8, 2));
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::string minute_text(int minute) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d", minute / 60, minute % 60);
    return text;
}

}  // namespace motcua::queue
