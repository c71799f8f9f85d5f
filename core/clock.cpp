#include "core/clock.hpp"

#include <cstdio>
#include <ctime>
#include <fstream>

#include "core/uuid.hpp"

namespace motcua::clock {

std::int64_t unix_ms_now() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t monotonic_ms() {
    timespec ts{};
    // BOOTTIME keeps counting through suspend, so intervals stay true across a sleep.
    clock_gettime(CLOCK_BOOTTIME, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

std::string boot_id() {
    static const std::string id = [] {
        std::ifstream in("/proc/sys/kernel/random/boot_id");
        std::string value;
        if (in && std::getline(in, value) && looks_like_uuid(value)) return value;
        return uuid_v4();  // no /proc: unique per process, which is the honest fallback
    }();
    return id;
}

std::string rfc3339_ms(std::int64_t unix_ms, int offset_min) {
    std::int64_t local_ms = unix_ms + static_cast<std::int64_t>(offset_min) * 60000;
    std::int64_t secs = local_ms >= 0 ? local_ms / 1000 : (local_ms - 999) / 1000;
    int ms = static_cast<int>(local_ms - secs * 1000);
    time_t t = static_cast<time_t>(secs);
    tm parts{};
    gmtime_r(&t, &parts);
    char sign = offset_min < 0 ? '-' : '+';
    int abs_off = offset_min < 0 ? -offset_min : offset_min;
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d%c%02d:%02d", parts.tm_year + 1900,
                  parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, ms, sign, abs_off / 60,
                  abs_off % 60);
    return buf;
}

std::string now_rfc3339(int offset_min) { return rfc3339_ms(unix_ms_now(), offset_min); }

bool parse_rfc3339(const std::string& s, std::int64_t& out) {
    int y, mo, d, h, mi, sec;
    int consumed = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &consumed) != 6 ||
        consumed != 19)
        return false;
    size_t pos = 19;
    int ms = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (digits < 3) ms = ms * 10 + (s[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0) return false;
        for (int i = digits; i < 3; ++i) ms *= 10;
    }
    int offset = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
        int oh = 0, om = 0;
        if (std::sscanf(s.c_str() + pos + 1, "%2d:%2d", &oh, &om) != 2) return false;
        offset = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om);
        pos += 6;
    } else {
        return false;
    }
    if (pos != s.size() || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return false;
    tm parts{};
    parts.tm_year = y - 1900;
    parts.tm_mon = mo - 1;
    parts.tm_mday = d;
    parts.tm_hour = h;
    parts.tm_min = mi;
    parts.tm_sec = sec;
    std::int64_t epoch = static_cast<std::int64_t>(timegm(&parts));
    out = (epoch - offset * 60) * 1000 + ms;
    return true;
}

}  // namespace motcua::clock
