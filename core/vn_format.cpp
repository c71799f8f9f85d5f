#include "core/vn_format.hpp"

#include <cstdio>

namespace motcua::vn {

std::string count(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    int group = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (group == 3) {
            out.insert(out.begin(), '.');
            group = 0;
        }
        out.insert(out.begin(), *it);
        ++group;
    }
    return n < 0 ? "-" + out : out;
}

std::string percent(std::int64_t part, std::int64_t total) {
    if (total <= 0) return "0%";
    // Integer rounding to hundredths of a percent, half up: no float surprises.
    std::int64_t hundredths = (part * 20000 + total) / (2 * total);
    std::string out = count(hundredths / 100);
    int frac = static_cast<int>(hundredths % 100);
    if (frac != 0) {
        out += ',';
        out += static_cast<char>('0' + frac / 10);
        if (frac % 10) out += static_cast<char>('0' + frac % 10);
    }
    return out + "%";
}

std::string date_time(std::int64_t unix_ms, int utc_offset_minutes) {
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm): no time zone database
    // needed, and Viet Nam has a fixed offset.
    std::int64_t local_s = unix_ms / 1000 + std::int64_t{utc_offset_minutes} * 60;
    if (unix_ms % 1000 < 0) local_s -= 1;
    std::int64_t days = local_s / 86400, secs = local_s % 86400;
    if (secs < 0) { secs += 86400; days -= 1; }
    std::int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    std::int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    std::int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d %02d:%02d", static_cast<int>(d), static_cast<int>(m), static_cast<int>(y),
                  static_cast<int>(secs / 3600), static_cast<int>(secs % 3600 / 60));
    return buf;
}

}  // namespace motcua::vn
