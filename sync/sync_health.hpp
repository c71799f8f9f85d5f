// What the daemon records about its own health in the kiosk database's meta table, so that
// `motcua-sync status` (another process) can tell staff what is wrong. Written sparingly: a
// value is rewritten when it changes, and a timestamp at most once a minute.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/event_store.hpp"
#include "core/result.hpp"
#include "sync/sync_engine.hpp"

namespace motcua::sync {

namespace health_key {
inline constexpr const char* kState = "sync_state";                  // enrolled | device_unknown
inline constexpr const char* kProblem = "sync_problem";              // SyncProblem JSON, "" when none
inline constexpr const char* kProblemSince = "sync_problem_since_ms";
inline constexpr const char* kLastSuccess = "sync_last_success_ms";
inline constexpr const char* kLastError = "sync_last_error";
inline constexpr const char* kLastErrorAt = "sync_last_error_ms";
inline constexpr const char* kClockSkew = "sync_clock_skew_ms";      // kiosk minus server
inline constexpr const char* kClockSkewAt = "sync_clock_skew_measured_ms";
}  // namespace health_key

inline constexpr const char* kNeedsPersonAlarm = "sync_needs_person";

// Everything recorded, as read back by status.
struct RecordedHealth {
    std::string state;
    std::optional<SyncProblem> problem;
    std::optional<std::int64_t> problem_since_ms;
    std::optional<std::int64_t> last_success_ms;
    std::string last_error;
    std::optional<std::int64_t> last_error_ms;
    std::optional<std::int64_t> clock_skew_ms;
    std::optional<std::int64_t> clock_skew_measured_ms;
};

// Reads the meta rows; a missing or unreadable number is left empty. Throws sql::Error when
// the database cannot be read (caught at the process edge).
RecordedHealth read_health(EventStore& store);

class HealthRecorder {
public:
    // Starts from what is already recorded, so a restarted daemon does not raise the same alarm twice.
    explicit HealthRecorder(EventStore& store);

    // A batch was acked or the outbox is empty: any problem is over.
    Status on_success(std::int64_t now_ms);
    // Anything that failed (network, server, database): the last error in plain words.
    Status on_error(const std::string& message, std::int64_t now_ms);
    // The server refuses in a way waiting will not fix. Appends ONE device.alarm event when the
    // problem starts (or changes), not one per retry.
    Status on_needs_person(const SyncProblem& problem, std::int64_t now_ms);
    Status on_clock_skew(std::int64_t skew_ms, std::int64_t now_ms);

    const std::optional<SyncProblem>& problem() const { return recorded_.problem; }

private:
    EventStore& store_;
    RecordedHealth recorded_;
    std::optional<std::int64_t> success_written_ms_;
    std::optional<std::int64_t> error_written_ms_;
};

}  // namespace motcua::sync
