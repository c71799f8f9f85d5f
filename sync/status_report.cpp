#include "sync/status_report.hpp"

#include <sstream>

#include "core/clock.hpp"
#include "sync/sync_command.hpp"

namespace motcua::sync {

namespace {
json optional_ms_as_time(const std::optional<std::int64_t>& ms, int offset) {
    return ms ? json(clock::rfc3339_ms(*ms, offset)) : json(nullptr);
}
json optional_age_s(const std::optional<std::int64_t>& ms, std::int64_t now_ms) {
    return ms ? json((now_ms - *ms) / 1000) : json(nullptr);
}
std::string when_words(const std::optional<std::int64_t>& ms, std::int64_t now_ms, int offset) {
    if (!ms) return "never";
    if (*ms > now_ms + 2000)  // recorded by a clock that was ahead and has been set back since
        return clock::rfc3339_ms(*ms, offset) + " (" + duration_words(*ms - now_ms) +
               " in the future: this machine's clock has been set back since)";
    return clock::rfc3339_ms(*ms, offset) + " (" + duration_words(now_ms - *ms) + " ago)";
}
std::string skew_words(std::int64_t skew_ms) {
    if (std::llabs(skew_ms) < 2000) return "in step with the server";
    return duration_words(std::llabs(skew_ms)) + (skew_ms > 0 ? " ahead of" : " behind") + " the server";
}
}  // namespace

std::string duration_words(std::int64_t ms) {
    // Rounded to the nearest unit shown: a year measured as 364.99 days reads "365 days".
    std::int64_t s = (std::llabs(ms) + 500) / 1000;
    if (s < 120) return std::to_string(s) + " s";
    if (s < 7200) return std::to_string((s + 30) / 60) + " min";
    if (s < 2 * 86400) {
        std::int64_t minutes = (s + 30) / 60;
        return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
    }
    return std::to_string((s + 43200) / 86400) + " days";
}

const char* state_name(SyncHealthState state) {
    switch (state) {
        case SyncHealthState::Healthy: return "healthy";
        case SyncHealthState::Behind: return "behind";
        case SyncHealthState::NeedsPerson: return "needs_person";
        case SyncHealthState::DeviceUnknown: return "device_unknown";
        case SyncHealthState::NotEnrolled: return "not_enrolled";
    }
    return "unknown";
}

int status_exit_code(SyncHealthState state) {
    switch (state) {
        case SyncHealthState::Healthy: return exit_code::kOk;
        case SyncHealthState::Behind: return exit_code::kBehind;
        case SyncHealthState::NeedsPerson: return exit_code::kNeedsPerson;
        case SyncHealthState::DeviceUnknown: return exit_code::kDeviceUnknown;
        case SyncHealthState::NotEnrolled: return exit_code::kNotEnrolled;
    }
    return exit_code::kFailure;
}

StatusFacts gather_status(EventStore& store, const Result<DeviceIdentity>& identity, const Settings& settings,
                          std::int64_t now_ms) {
    StatusFacts f;
    f.now_ms = now_ms;
    f.utc_offset_minutes = static_cast<int>(settings.integer("clock.utc_offset_minutes"));
    f.db_path = store.path();
    f.db_instance = store.db_instance();
    if (identity) {
        f.device_id = identity->device_id;
        f.server_url = identity->server_url;
    } else {
        f.identity_error = identity.error();
    }
    f.events = store.last_seq();
    f.sent_through = store.acked_through();
    f.waiting = store.pending_count();
    f.oldest_unsent_at = store.oldest_unsent_at();
    if (std::int64_t at = 0; f.oldest_unsent_at && clock::parse_rfc3339(*f.oldest_unsent_at, at))
        f.oldest_unsent_age_s = (now_ms - at) / 1000;
    f.config_version = store.config_version();
    f.kiosk_config_version = store.meta_number(meta_key::kKioskConfigVersion);
    f.kiosk_config_problem = store.meta(meta_key::kKioskConfigProblem).value_or("");
    f.behind_limit_minutes = settings.integer("sync.behind_warning_minutes");
    f.health = read_health(store);
    f.chain = store.verify_chain();

    if (!identity) {
        f.state = SyncHealthState::NotEnrolled;
        f.state_words = "this kiosk is not enrolled: " + identity.error();
    } else if (f.health.state == "device_unknown") {
        f.state = SyncHealthState::DeviceUnknown;
        f.state_words = "the server no longer knows this device: IT staff must enrol it again "
                        "(motcua-sync enroll); every event is kept";
    } else if (!f.chain.ok) {
        f.state = SyncHealthState::NeedsPerson;
        f.state_words = "the event log's hash chain is broken at seq " + std::to_string(f.chain.first_bad_seq) + " (" +
                        f.chain.problem + "): IT staff must check the kiosk database";
    } else if (f.health.problem) {
        f.state = SyncHealthState::NeedsPerson;
        f.state_words = f.health.problem->words;
    } else if (f.oldest_unsent_age_s && *f.oldest_unsent_age_s > f.behind_limit_minutes * 60) {
        f.state = SyncHealthState::Behind;
        f.state_words = "the oldest unsent event waits for " + duration_words(*f.oldest_unsent_age_s * 1000) +
                        " (more than " + std::to_string(f.behind_limit_minutes) + " min)";
    } else {
        f.state = SyncHealthState::Healthy;
        f.state_words = f.waiting == 0 ? "every event is on the server" : "sending";
    }
    return f;
}

std::string status_text(const StatusFacts& f) {
    const int offset = f.utc_offset_minutes;
    std::ostringstream out;
    out << "state:          " << state_name(f.state) << ": " << f.state_words << "\n"
        << "database:       " << f.db_path << " (instance " << f.db_instance << ")\n"
        << "enrolled:       " << (f.device_id.empty() ? f.identity_error : f.device_id + " at " + f.server_url) << "\n"
        << "events:         " << f.events << ", sent through seq " << f.sent_through << "\n"
        << "waiting:        " << f.waiting << "\n"
        << "oldest unsent:  "
        << (f.oldest_unsent_at ? *f.oldest_unsent_at +
                                     (f.oldest_unsent_age_s ? " (" + duration_words(*f.oldest_unsent_age_s * 1000) + " ago)" : "")
                               : "-")
        << "\n"
        << "last success:   " << when_words(f.health.last_success_ms, f.now_ms, offset) << "\n"
        << "last error:     "
        << (f.health.last_error.empty() ? "none" : f.health.last_error + ", " + when_words(f.health.last_error_ms, f.now_ms, offset))
        << "\n"
        << "config version: " << (f.config_version ? std::to_string(f.config_version) : "none pulled yet")
        << (f.kiosk_config_version ? "; the kiosk shows version " + std::to_string(*f.kiosk_config_version)
                                   : "; the kiosk shows its own settings")
        << "\n"
        << (f.kiosk_config_problem.empty() ? ""
                                           : "kiosk config:   REFUSED by the kiosk: " + f.kiosk_config_problem + "\n")
        << "clock:          "
        << (f.health.clock_skew_ms ? skew_words(*f.health.clock_skew_ms) + ", measured " +
                                         when_words(f.health.clock_skew_measured_ms, f.now_ms, offset)
                                   : "not measured yet")
        << "\n"
        << "hash chain:     "
        << (f.chain.ok ? "ok (" + std::to_string(f.chain.events) + " events)"
                       : "BROKEN at seq " + std::to_string(f.chain.first_bad_seq) + ": " + f.chain.problem)
        << "\n";
    return out.str();
}

json status_json(const StatusFacts& f) {
    const int offset = f.utc_offset_minutes;
    json problem = f.health.problem ? f.health.problem->to_json() : json(nullptr);
    if (f.health.problem) problem["since"] = optional_ms_as_time(f.health.problem_since_ms, offset);
    return json{
        {"state", state_name(f.state)},
        {"state_words", f.state_words},
        {"exit_code", status_exit_code(f.state)},
        {"database", f.db_path},
        {"db_instance", f.db_instance},
        {"device_id", f.device_id.empty() ? json(nullptr) : json(f.device_id)},
        {"server_url", f.server_url.empty() ? json(nullptr) : json(f.server_url)},
        {"events", f.events},
        {"sent_through", f.sent_through},
        {"waiting", f.waiting},
        {"oldest_unsent_at", f.oldest_unsent_at ? json(*f.oldest_unsent_at) : json(nullptr)},
        {"oldest_unsent_age_s", f.oldest_unsent_age_s ? json(*f.oldest_unsent_age_s) : json(nullptr)},
        {"behind_warning_minutes", f.behind_limit_minutes},
        {"last_success_at", optional_ms_as_time(f.health.last_success_ms, offset)},
        {"last_success_age_s", optional_age_s(f.health.last_success_ms, f.now_ms)},
        {"last_error", f.health.last_error.empty() ? json(nullptr) : json(f.health.last_error)},
        {"last_error_at", optional_ms_as_time(f.health.last_error_ms, offset)},
        {"last_error_age_s", optional_age_s(f.health.last_error_ms, f.now_ms)},
        {"problem", problem},
        {"config_version", f.config_version ? json(f.config_version) : json(nullptr)},
        {"kiosk_config_version", f.kiosk_config_version ? json(*f.kiosk_config_version) : json(nullptr)},
        {"kiosk_config_problem", f.kiosk_config_problem.empty() ? json(nullptr) : json(f.kiosk_config_problem)},
        {"clock_skew_ms", f.health.clock_skew_ms ? json(*f.health.clock_skew_ms) : json(nullptr)},
        {"clock_skew_measured_at", optional_ms_as_time(f.health.clock_skew_measured_ms, offset)},
        {"hash_chain", {{"ok", f.chain.ok},
                        {"events", f.chain.events},
                        {"first_bad_seq", f.chain.ok ? json(nullptr) : json(f.chain.first_bad_seq)},
                        {"problem", f.chain.ok ? json(nullptr) : json(f.chain.problem)}}},
    };
}

}  // namespace motcua::sync
