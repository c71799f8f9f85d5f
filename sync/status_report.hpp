// `motcua-sync status`: the facts a monitor or a person needs, read from the kiosk database
// (which the daemon keeps up to date), with one overall state and an exit code per state.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/event_store.hpp"
#include "core/settings.hpp"
#include "sync/device_identity.hpp"
#include "sync/sync_health.hpp"

namespace motcua::sync {

enum class SyncHealthState { Healthy, Behind, NeedsPerson, DeviceUnknown, NotEnrolled };

struct StatusFacts {
    SyncHealthState state = SyncHealthState::Healthy;
    std::string state_words;  // why this state, in plain words
    std::string db_path;
    std::string db_instance;
    std::string device_id;      // empty when not enrolled
    std::string server_url;
    std::string identity_error; // why not enrolled
    std::int64_t events = 0;
    std::int64_t sent_through = 0;
    std::int64_t waiting = 0;
    std::optional<std::string> oldest_unsent_at;
    std::optional<std::int64_t> oldest_unsent_age_s;
    std::int64_t config_version = 0;             // the last version motcua-sync saved
    std::optional<std::int64_t> kiosk_config_version;  // the version on the kiosk's screen (meta from the kiosk)
    std::string kiosk_config_problem;            // why the kiosk refused the saved file, if it did
    std::int64_t behind_limit_minutes = 0;
    RecordedHealth health;
    std::int64_t now_ms = 0;
    int utc_offset_minutes = 0;  // for showing times
    ChainCheck chain;
};

StatusFacts gather_status(EventStore& store, const Result<DeviceIdentity>& identity, const Settings& settings,
                          std::int64_t now_ms);
int status_exit_code(SyncHealthState state);
const char* state_name(SyncHealthState state);  // healthy, behind, needs_person, device_unknown, not_enrolled
std::string status_text(const StatusFacts& facts);
json status_json(const StatusFacts& facts);
// "3 h 5 min", "2 days": an age or a clock difference in words.
std::string duration_words(std::int64_t ms);

}  // namespace motcua::sync
