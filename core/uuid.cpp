#include "core/uuid.hpp"

#include <chrono>
#include <cstdio>

#include "core/crypto.hpp"

namespace motcua {

namespace {
std::string format_uuid(const std::vector<std::uint8_t>& b) {
    char out[37];
    std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                  b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return out;
}
}  // namespace

std::string uuid_v7_at(std::int64_t unix_ms) {
    auto b = crypto::random_bytes(16);
    auto ms = static_cast<std::uint64_t>(unix_ms);
    for (int i = 0; i < 6; ++i) b[static_cast<size_t>(i)] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
    b[6] = static_cast<std::uint8_t>(0x70 | (b[6] & 0x0F));
    b[8] = static_cast<std::uint8_t>(0x80 | (b[8] & 0x3F));
    return format_uuid(b);
}

std::string uuid_v7() {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    return uuid_v7_at(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
}

std::string uuid_v4() {
    auto b = crypto::random_bytes(16);
    b[6] = static_cast<std::uint8_t>(0x40 | (b[6] & 0x0F));
    b[8] = static_cast<std::uint8_t>(0x80 | (b[8] & 0x3F));
    return format_uuid(b);
}

bool looks_like_uuid(const std::string& t) {
    if (t.size() != 36) return false;
    for (size_t i = 0; i < t.size(); ++i) {
        bool dash = (i == 8 || i == 13 || i == 18 || i == 23);
        char c = t[i];
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

}  // namespace motcua
