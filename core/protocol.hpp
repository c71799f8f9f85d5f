// Sync protocol v1, shared by motcua-sync and motcua-server (see docs/protocol.md).
// Change only by adding optional fields, or by a v2 path.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.hpp"
#include "core/gzip.hpp"
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
inline constexpr std::string_view kTooManyAttempts = "too_many_attempts";      // 429 at enrol, with Retry-After
inline constexpr std::string_view kRateLimited = "rate_limited";               // 429 on a device's routes, with Retry-After
inline constexpr std::string_view kServerBusy = "server_busy";                 // 503: every worker busy, with Retry-After
}  // namespace error

// Deterministic, so a retried batch carries the same id.
std::string batch_id(const std::string& db_instance, std::int64_t first_seq, std::int64_t last_seq);

// With ask_compact_ack the batch carries "ack_form": "compact": a server that knows it lists only
// the events that were not stored, and proves it saw every event with "covered" (docs/protocol.md).
json make_batch(const std::string& device_id, const std::string& db_instance, const std::vector<Event>& events,
                int utc_offset_minutes, bool ask_compact_ack = false);

// The same batch as text, from events already in JSON (EventStore::event_texts_after). Returns the
// batch id through batch_id_out.
std::string make_batch_text(const std::string& device_id, const std::string& db_instance,
                            const std::vector<EventText>& events, int utc_offset_minutes, bool ask_compact_ack,
                            std::string& batch_id_out);

// A batch written one event at a time, as motcua-sync reads it from the store. The events come
// first and the envelope after them (JSON members have no order), because the batch id names the
// last seq. Once the text passes kGzipThreshold it is compressed as it is written, so the whole
// plain text of a batch is never held.
class BatchWriter {
public:
    // gzip_level: zlib's 1..9, or nullopt for a body that is never compressed.
    BatchWriter(std::string device_id, std::string db_instance, int utc_offset_minutes, bool ask_compact_ack,
                std::optional<int> gzip_level);
    void add(const EventText& event);
    struct Body {
        std::string bytes;  // as posted
        bool gzipped = false;
        std::string batch_id;
    };
    // Call once, after at least one add.
    Body finish();

private:
    void write(std::string_view text);

    std::string device_id_, db_instance_;
    int utc_offset_minutes_;
    bool ask_compact_ack_;
    std::optional<int> gzip_level_;
    std::int64_t first_seq_ = 0, last_seq_ = 0;
    std::string plain_;  // all of it while small, then only what is not yet compressed
    std::unique_ptr<GzipWriter> gzip_;
};

inline constexpr std::string_view kCompactAckForm = "compact";
// Batch bodies over kGzipThreshold are sent gzip-compressed at this level: level 1 costs about a
// third of level 6's time for a slightly bigger body (docs/benchmarks.md).
inline constexpr int kGzipLevel = 1;
// "covered.ids_sha256" of a compact ack: lowercase hex SHA-256 over every event id of the batch,
// in the order sent, each followed by a line feed.
std::string covered_ids_sha256(const std::vector<std::string>& ids);

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

struct SentEvent {
    std::int64_t seq = 0;
    std::string id;
};

// Accepts a response body only if it is JSON, names the batch that was sent, and accounts for
// every event sent: a known result for each, or (compact form) results for some and a "covered"
// count and id digest that match the batch, the others being stored. Anything else (a captive
// portal page, a truncated body) is a failure to retry, never an ack. The returned results
// hold one entry per event sent, in either form.
Result<Ack> parse_ack(std::string_view body, const std::string& expected_batch_id, const std::vector<SentEvent>& sent);
Result<Ack> parse_ack(std::string_view body, const std::string& expected_batch_id, const std::vector<Event>& sent);
Result<Ack> parse_ack(std::string_view body, const std::string& expected_batch_id, const std::vector<EventText>& sent);

}  // namespace motcua::protocol
