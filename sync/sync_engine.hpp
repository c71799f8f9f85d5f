// What motcua-sync does, without the process around it: enrol, push batches until the
// outbox is empty, send heartbeats, pull configuration. Every step returns an outcome
// (Fluent Bit's OK / RETRY / ERROR); nothing is ever dropped.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/event_store.hpp"
#include "core/protocol.hpp"
#include "core/settings.hpp"
#include "sync/backoff.hpp"
#include "sync/device_identity.hpp"
#include "sync/http_client.hpp"

namespace motcua::sync {

enum class Outcome {
    Done,          // acked, or nothing to send
    Retry,         // network down, 5xx, 408, 429/503, captive portal, bad ack: same batch again soon
    NeedsPerson,   // other 4xx (400, 403, 404, 409, 422 ...): retried slowly, never dropped, shown to staff
    Unauthorized,  // 401 device_unknown: stop sending until re-enrolled
};

// Fluent Bit's split (plugins/out_http): 4xx other than 408/429 will not fix itself by waiting.
Outcome classify_http_status(long status);

// A refusal a person has to look at, as the daemon records it (meta, alarm event, heartbeat).
struct SyncProblem {
    long http_status = 0;
    std::string error_code;  // the server's {"error": ...}, may be empty
    std::string words;       // plain words for staff: what is wrong and who must act
    json to_json() const;
    static std::optional<SyncProblem> from_json(const json& j);
    bool same_as(const SyncProblem& other) const {
        return http_status == other.http_status && error_code == other.error_code;
    }
};
SyncProblem describe_refusal(long http_status, const std::string& error_code, const std::string& what);

struct PushReport {
    Outcome outcome = Outcome::Done;
    int sent = 0;                                 // events acked in this call
    std::optional<std::int64_t> retry_after_ms;   // server's Retry-After
    std::optional<SyncProblem> problem;           // set when outcome is NeedsPerson
    std::string message;                          // plain words for the log
};

struct EnrollResult {
    bool ok = false;
    bool code_refused = false;  // 403 code_invalid: a person must get a new code
    std::string message;
    DeviceIdentity identity;
};

// `db_instance` names the kiosk database, so a re-enrolled kiosk continues its sequence on the server.
EnrollResult enroll(HttpClient& http, const std::string& server_url, const std::string& code,
                    const std::string& hostname, const std::string& db_instance);

class SyncEngine {
public:
    SyncEngine(const Settings& settings, EventStore& store, HttpClient& http, DeviceIdentity identity);

    // Sends one batch (at most batch_events, 1 MiB). Halves the batch on 413.
    PushReport push_one_batch();
    // Pushes until the outbox is empty or a batch fails; calls between_batches after each
    // delivered batch (the daemon pets systemd's watchdog there: a long drain is not a hang).
    // While the server stores one batch, the next is read and compressed on this thread. It is
    // posted only once the first one's answer is a valid ack (and dropped otherwise), so one batch
    // at most is ever in flight; the kiosk commits that ack's cursor while the next is on its way.
    PushReport push_all(const std::function<void()>& between_batches = {});
    // Carries the current problem (optional field "sync_problem") and the measured clock skew.
    PushReport send_heartbeat(const std::string& printer_state = "none",
                              const std::optional<SyncProblem>& problem = std::nullopt);
    PushReport pull_config();

    std::int64_t pending() { return store_.pending_count(); }
    // Kiosk clock minus server clock, from the Date header of the latest answer (1 s resolution).
    std::optional<std::int64_t> clock_skew_ms() const { return clock_skew_ms_; }

private:
    // A batch read from the outbox and encoded for the wire; what the ack is checked against.
    struct OutgoingBatch {
        std::vector<protocol::SentEvent> sent;  // seq and id of each event, in order
        std::string batch_id;
        std::string payload;  // the request body as posted: gzip when the JSON is over kGzipThreshold
        bool gzipped = false;
        bool empty() const { return sent.empty(); }
        std::int64_t last_seq() const { return sent.back().seq; }
    };
    OutgoingBatch prepare_batch(std::int64_t after_seq);
    Result<HttpResponse> post_batch(const OutgoingBatch& batch);
    // The answer to `batch`: a valid ack (also takes the server's max_batch_events), or the report
    // of what went wrong. Writes nothing to the store.
    Result<protocol::Ack> check_answer(const OutgoingBatch& batch, Result<HttpResponse> response, PushReport& report);
    // Commits a valid ack: records rejected events, moves the cursor past `batch`.
    PushReport record_ack(const OutgoingBatch& batch, const protocol::Ack& ack);
    std::string url(std::string_view path) const;
    PushReport classify_failure(const HttpResponse& response, const std::string& what);
    void note_clock(const HttpResponse& response);
    Status apply_rejections(const std::vector<protocol::EventResult>& results);

    const Settings& settings_;
    EventStore& store_;
    HttpClient& http_;
    DeviceIdentity identity_;
    int batch_limit_;
    std::string config_etag_;
    std::optional<std::int64_t> clock_skew_ms_;
};

}  // namespace motcua::sync
