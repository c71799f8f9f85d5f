// What motcua-sync does, without the process around it: enrol, push batches until the
// outbox is empty, send heartbeats, pull configuration. Every step returns an outcome
// (Fluent Bit's OK / RETRY / ERROR); nothing is ever dropped.
#pragma once
#include <cstdint>
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
    Retry,         // network down, 5xx, 429/503, captive portal, bad ack: same batch again later
    Unauthorized,  // 401 device_unknown: stop sending until re-enrolled
};

struct PushReport {
    Outcome outcome = Outcome::Done;
    int sent = 0;                                 // events acked in this call
    std::optional<std::int64_t> retry_after_ms;   // server's Retry-After
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
    // Pushes until the outbox is empty or a batch fails.
    PushReport push_all();
    PushReport send_heartbeat(const std::string& printer_state = "none");
    PushReport pull_config();

    std::int64_t pending() { return store_.pending_count(); }

private:
    std::string url(std::string_view path) const;
    PushReport classify_failure(const HttpResponse& response, const std::string& what);
    Status apply_rejections(const std::vector<protocol::EventResult>& results);

    const Settings& settings_;
    EventStore& store_;
    HttpClient& http_;
    DeviceIdentity identity_;
    int batch_limit_;
    std::string config_etag_;
};

}  // namespace motcua::sync
