#include "sync/backoff.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "core/crypto.hpp"

namespace motcua::sync {

Backoff::Backoff(std::int64_t base_ms, std::int64_t cap_ms, std::function<std::uint64_t()> random)
    : base_ms_(base_ms), cap_ms_(cap_ms), random_(random ? std::move(random) : [] { return crypto::random_u64(); }) {}

std::int64_t Backoff::ceiling_ms() const {
    std::int64_t ceiling = base_ms_;
    for (int i = 0; i < failures_ && ceiling < cap_ms_; ++i) ceiling *= 2;
    return std::min(ceiling, cap_ms_);
}

std::int64_t Backoff::next_delay_ms(std::optional<std::int64_t> retry_after_ms) {
    std::int64_t ceiling = ceiling_ms();
    ++failures_;
    auto delay = static_cast<std::int64_t>(random_() % static_cast<std::uint64_t>(ceiling + 1));
    if (retry_after_ms) delay = std::max(delay, *retry_after_ms);
    return delay;
}

std::optional<std::int64_t> parse_retry_after(const std::string& value, std::int64_t now_unix_ms) {
    if (value.empty()) return std::nullopt;
    if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
        if (value.size() > 9) return std::nullopt;
        return std::stoll(value) * 1000;
    }
    auto at = parse_http_date(value);
    if (!at) return std::nullopt;
    return std::max<std::int64_t>(0, *at - now_unix_ms);
}

std::optional<std::int64_t> parse_http_date(const std::string& value) {
    tm parts{};
    const char* end = strptime(value.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &parts);
    if (!end || *end) return std::nullopt;
    return static_cast<std::int64_t>(timegm(&parts)) * 1000;
}

}  // namespace motcua::sync
