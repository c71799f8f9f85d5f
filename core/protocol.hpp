// Sync protocol v1, shared by motcua-sync and motcua-server (see docs/protocol.md).
// Change only by adding optional fields, or by a v2 path.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.hpp"
#include "core/result.hpp"

namespace motcua::protocol {

inline constexpr int kVersion = 1;
inline constexpr std::string_view kEnrollPath = "/api/v1/enroll";
inline constexpr std::string_view kEventsPath = "/api/v1/events";
inline constexpr std::string_view kConfigPath = "/api/v1/config";
inline constexpr std::string_view kHeartbeatPath = "/api/v1/heartbeat";
inline constexpr std::string_view kReportPath = "/api/v1/report";
inline constexpr int kMaxBatchEvents = 500;
inline constexpr std::size_t kMaxBatchBytes = 1 << 20;
inline constexpr std::size_t kGzipThreshold = 1024;

namespace status {
inline constexpr std::string_view kStored = "stored";
inline constexpr std::string_view kDuplicate = "duplicate";
inline constexpr std::string_view kConflict = "conflict";
inline constexpr std::string_view kRejected = "rejected";
}  // namespace status

// Values of "error" in a refusal the kiosk is expected to understand.
namespace error {
inline constexpr std::string_view kDeviceUnknown = "device_unknown";          // 401
inline constexpr std::string_view kCodeInvalid = "code_invalid";              // 403 at enrol
inline constexpr std::string_view kDbInstanceClaimed = "db_instance_claimed";  // 409: another live device owns it
}  // namespace error

// Deterministic, so a retried batch carries the same id.
std::string batch_id(const std::string& db_instance, std::int64_t first_seq, std::int64_t last_seq);

json make_batch(const std::string& device_id, const std::string& db_instance, const std::vector<Event>& events,
                int utc_offset_minutes);

struct EventResult {
    std::string id;
    std::string status;
    std::string reason;
};

struct Ack {
    std::string batch_id;
    std::int64_t acked_through = 0;
    std::vector<EventResult> results;
    int max_batch_events = kMaxBatchEvents;
};

// Accepts a response body only if it is JSON, names the batch that was sent, and has a
// known result for every event sent. Anything else (a captive portal page, a truncated
// body) is a failure to retry, never an ack.
Result<Ack> parse_ack(std::string_view body, const std::string& expected_batch_id, const std::vector<Event>& sent);

}  // namespace motcua::protocol
