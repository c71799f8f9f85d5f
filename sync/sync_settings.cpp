#include "sync/sync_settings.hpp"

namespace motcua::sync {

const SettingSpecs& sync_settings() {
    static const SettingSpecs specs{
        {"server.url", std::string("https://127.0.0.1:8470"),
         "Base URL of the district server. https:// is required except for a loopback address (tests, demo)."},
        {"server.ca_file", std::string(""), "A site CA bundle (PEM) to trust instead of the system store. Empty: system store."},
        {"server.pinned_public_key", std::string(""),
         "Pin the server's public key: a PEM/DER file path or sha256//BASE64 hashes. Empty: no pinning."},
        {"server.timeout_seconds", std::int64_t{30}, "Give up on one request after this many seconds (then retry later).", 1, 600},
        {"server.connect_timeout_seconds", std::int64_t{10}, "Give up connecting to the server after this many seconds (then retry later).", 1, 600},
        {"server.low_speed_bytes", std::int64_t{10},
         "A request moving fewer bytes per second than this for server.low_speed_seconds is abandoned and retried "
         "(a server that trickles bytes or never answers).", 1, 1000000},
        {"server.low_speed_seconds", std::int64_t{20}, "How long a request may stay below server.low_speed_bytes per second.", 1, 600},
        {"storage.db_path", std::string("/var/lib/motcua/kiosk.db"), "The kiosk's event database (written by motcua-kiosk)."},
        {"device.identity_file", std::string("/var/lib/motcua/device.json"),
         "Where the device id and token from enrolment are kept (mode 0600, readable only by the service user)."},
        {"device.config_cache", std::string("/var/lib/motcua/server-config.json"),
         "Where the last good configuration pulled from the server is kept."},
        {"sync.interval_seconds", std::int64_t{5}, "How often to look for new events to push when the outbox is empty.", 1, 3600},
        {"sync.batch_events", std::int64_t{500}, "Most events in one batch (the server may ask for fewer).", 1, 500},
        {"sync.backoff_base_ms", std::int64_t{2000}, "First retry waits up to this long; doubles after each failure (full jitter).", 10, 600000},
        {"sync.backoff_cap_ms", std::int64_t{900000}, "Longest wait between retries (15 minutes).", 100, 86400000},
        {"sync.needs_person_retry_seconds", std::int64_t{900},
         "When the server refuses in a way waiting will not fix (400, 403, 404, 409, 422 ...), try again this often; "
         "nothing is dropped.", 1, 86400},
        {"sync.behind_warning_minutes", std::int64_t{60},
         "'motcua-sync status' says 'behind' when the oldest unsent event is older than this.", 1, 525600},
        {"sync.heartbeat_seconds", std::int64_t{60}, "How often to report health (outbox depth, disk, clock) to the server.", 5, 86400},
        {"sync.config_seconds", std::int64_t{300}, "How often to ask the server for new configuration.", 5, 86400},
        {"clock.utc_offset_minutes", std::int64_t{420}, "Offset used when stamping times (Vietnam: +07:00, no DST).", -720, 840},
    };
    return specs;
}

}  // namespace motcua::sync
