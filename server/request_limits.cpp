#include "server/request_limits.hpp"

#include <algorithm>
#include <cmath>

namespace motcua::server {

namespace {
constexpr std::int64_t kSayEveryMs = 60'000;  // a throttled device is named in the log once a minute
}

RequestLimits::RequestLimits(LimitSettings settings)
    : settings_(settings),
      by_address_(settings.enroll_max_failures, settings.enroll_lock_ms, settings.enroll_lock_ms),
      overall_(settings.enroll_max_failures_all, settings.enroll_lock_ms, settings.enroll_lock_ms) {}

std::int64_t RequestLimits::enroll_locked_for_ms(const std::string& address, std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    const std::int64_t mine = by_address_.locked_for_ms(address, now_ms);
    const std::int64_t all = overall_.locked_for_ms(kAllAddresses, now_ms);
    // The refused attempt shows on the lockout that refused it: someone still trying is news.
    for (auto& l : lockouts_) {
        if (l.until_ms <= now_ms) continue;
        if ((mine > 0 && l.address == address) || (all > 0 && l.address == kAllAddresses)) ++l.attempts;
    }
    return std::max(mine, all);
}

void RequestLimits::note_lockout(const std::string& address, std::int64_t now_ms, std::int64_t until_ms, int attempts) {
    lockouts_.push_front({address, now_ms, until_ms, attempts});
    if (lockouts_.size() > kKeptLockouts) lockouts_.pop_back();
}

std::vector<EnrollLockout> RequestLimits::record_enroll_failure(const std::string& address, std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    std::vector<EnrollLockout> started;
    if (by_address_.record_wrong(address, now_ms)) {
        note_lockout(address, now_ms, now_ms + by_address_.locked_for_ms(address, now_ms), settings_.enroll_max_failures);
        started.push_back(lockouts_.front());
    }
    if (overall_.record_wrong(kAllAddresses, now_ms)) {
        note_lockout(kAllAddresses, now_ms, now_ms + overall_.locked_for_ms(kAllAddresses, now_ms),
                     settings_.enroll_max_failures_all);
        started.push_back(lockouts_.front());
    }
    return started;
}

void RequestLimits::record_enroll_success(const std::string& address) {
    std::lock_guard lock(mutex_);
    by_address_.record_right(address);
}

RateDecision RequestLimits::take_device_request(const std::string& device_id, std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    const double rate = settings_.device_requests_per_second;
    const double burst = settings_.device_burst;
    auto [it, fresh] = buckets_.try_emplace(device_id);
    Bucket& b = it->second;
    if (fresh) {
        b.tokens = burst;
    } else if (now_ms > b.last_ms) {
        b.tokens = std::min(burst, b.tokens + static_cast<double>(now_ms - b.last_ms) * rate / 1000.0);
    }
    b.last_ms = std::max(b.last_ms, now_ms);
    RateDecision d;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return d;
    }
    d.wait_ms = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil((1.0 - b.tokens) * 1000.0 / rate)));
    DeviceThrottle& t = throttles_[device_id];
    ++t.refused;
    t.last_refused_ms = now_ms;
    ++b.refused_since_said;
    if (b.last_said_ms < 0 || now_ms - b.last_said_ms >= kSayEveryMs) {
        d.say_so = true;
        d.refused_since_said = b.refused_since_said;
        b.refused_since_said = 0;
        b.last_said_ms = now_ms;
    }
    return d;
}

std::vector<EnrollLockout> RequestLimits::recent_enroll_lockouts() const {
    std::lock_guard lock(mutex_);
    return {lockouts_.begin(), lockouts_.end()};
}

std::map<std::string, DeviceThrottle> RequestLimits::device_throttles() const {
    std::lock_guard lock(mutex_);
    return throttles_;
}

std::int64_t RequestLimits::count_turned_away() {
    std::lock_guard lock(mutex_);
    return ++turned_away_;
}

std::int64_t RequestLimits::turned_away() const {
    std::lock_guard lock(mutex_);
    return turned_away_;
}

}  // namespace motcua::server
