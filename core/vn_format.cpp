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

namespace {

// The upper case of the code points Vietnamese uses: ASCII, Latin-1 (à…ý), ă đ ĩ ũ ơ ư, and the
// Latin Extended Additional block of letters with tone marks (upper case on even code points).
char32_t upper_code_point(char32_t c) {
    if (c >= U'a' && c <= U'z') return c - 32;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
    switch (c) {
        case 0x103: case 0x111: case 0x129: case 0x169: case 0x1A1: return c - 1;
        case 0x1B0: return 0x1AF;
        default: break;
    }
    if (c >= 0x1EA0 && c <= 0x1EF9 && (c & 1)) return c - 1;
    return c;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

}  // namespace

std::string upper(const std::string& utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        auto b = static_cast<unsigned char>(utf8[i]);
        // Two- and three-byte sequences are the only ones with letters to change; anything else
        // (four-byte sequences, stray bytes) is copied as it is.
        int len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 0;
        bool whole = len > 0 && i + len <= utf8.size();
        for (int k = 1; whole && k < len; ++k) whole = (static_cast<unsigned char>(utf8[i + k]) & 0xC0) == 0x80;
        if (!whole) {
            out += utf8[i++];
            continue;
        }
        char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : (b & 0x0F);
        for (int k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        char32_t u = upper_code_point(c);
        if (u == c) out.append(utf8, i, len);
        else append_utf8(out, u);
        i += len;
    }
    return out;
}

}  // namespace motcua::vn
