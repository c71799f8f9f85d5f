// The server's limits on what one client may ask (issue 8, "Limits"): failed enrolment attempts
// per address and for all addresses together, and a request rate per enrolled device. No HTTP in
// here and no clock: every time is passed in, so tests drive it. Thread-safe (one lock of its own,
// never held while the store's lock is). What it counts lives in memory, since the server started:
// the fleet page shows it, a restart starts again from zero.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/pin_hash.hpp"

namespace motcua::server {

struct LimitSettings {
    int enroll_max_failures = 10;        // wrong codes from one address before it waits
    int enroll_max_failures_all = 100;   // wrong codes from all addresses together before everyone waits
    std::int64_t enroll_lock_ms = 15 * 60 * 1000;  // the window the failures are counted in, and the wait
    int device_requests_per_second = 200;  // a device's steady rate on the kiosk routes
    int device_burst = 400;                // requests a device may make at once after a quiet spell
};

// One lockout, as the fleet page lists it.
struct EnrollLockout {
    std::string address;  // the client's address, or kAllAddresses for the overall limit
    std::int64_t at_ms = 0;        // when it started
    std::int64_t until_ms = 0;     // when enrolment is tried again
    int attempts = 0;              // wrong codes that caused it, plus every attempt refused during it
};

// What one device's rate limit has done since the server started.
struct DeviceThrottle {
    std::int64_t refused = 0;       // requests answered 429
    std::int64_t last_refused_ms = 0;
};

// The answer to "may this device make a request now?".
struct RateDecision {
    std::int64_t wait_ms = 0;       // 0: go ahead (one request counted); else how long until it may
    bool say_so = false;            // refused, and the log has not said so about this device for a minute
    std::int64_t refused_since_said = 0;  // refusals the log line reports (since the last line)
};

class RequestLimits {
public:
    static constexpr const char* kAllAddresses = "*";

    explicit RequestLimits(LimitSettings settings);

    // 0 if an enrolment from `address` may be tried now, else the milliseconds to wait. A locked
    // address (or everyone, under the overall limit) is refused even with a right code, and the
    // refusal counts on its lockout's attempts.
    std::int64_t enroll_locked_for_ms(const std::string& address, std::int64_t now_ms);
    // A wrong code from `address`. Returns the lockouts it started (to log once each): the
    // address's, the overall one, or both.
    std::vector<EnrollLockout> record_enroll_failure(const std::string& address, std::int64_t now_ms);
    // A right code: the address's count starts again (typos before it do not add up later).
    void record_enroll_success(const std::string& address);

    // Token bucket per device: device_requests_per_second tokens a second, at most device_burst.
    RateDecision take_device_request(const std::string& device_id, std::int64_t now_ms);

    // Newest first, at most kKeptLockouts.
    std::vector<EnrollLockout> recent_enroll_lockouts() const;
    std::map<std::string, DeviceThrottle> device_throttles() const;
    // Connections turned away with 503 because every worker was busy (BoundedWorkers).
    // Counts one; returns how many since the server started.
    std::int64_t count_turned_away();
    std::int64_t turned_away() const;

    const LimitSettings& settings() const { return settings_; }
    static constexpr std::size_t kKeptLockouts = 50;

private:
    struct Bucket {
        double tokens = 0;
        std::int64_t last_ms = 0;
        std::int64_t last_said_ms = -1;
        std::int64_t refused_since_said = 0;
    };
    void note_lockout(const std::string& address, std::int64_t now_ms, std::int64_t until_ms, int attempts);

    LimitSettings settings_;
    mutable std::mutex mutex_;
    PinLockout by_address_;
    PinLockout overall_;
    std::deque<EnrollLockout> lockouts_;  // newest at the front
    std::map<std::string, Bucket> buckets_;
    std::map<std::string, DeviceThrottle> throttles_;
    std::int64_t turned_away_ = 0;
};

}  // namespace motcua::server
