#include "sync/run_loop.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <optional>
#include <thread>

#include "core/clock.hpp"
#include "sync/service_notify.hpp"
#include "sync/sync_command.hpp"
#include "sync/sync_engine.hpp"
#include "sync/sync_health.hpp"

namespace motcua::sync {

namespace {

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

void log(const std::string& message) {
    std::cout << clock::now_rfc3339() << " motcua-sync: " << message << std::endl;
}

void interruptible_sleep(std::int64_t ms, ServiceNotifier& notifier) {
    auto until = SteadyClock::now() + milliseconds(ms);
    while (!g_stop && SteadyClock::now() < until) {
        notifier.alive();  // waiting is not hanging: a wait longer than WatchdogSec= must not restart us
        std::this_thread::sleep_for(milliseconds(std::clamp<std::int64_t>(ms, 1, 100)));
    }
}

// SQLite errors that a wait cannot cure: the file is not (or no longer) a database, or it is
// newer than this program. Busy, locked or a bad value in a row are retried.
bool retrying_cannot_help(const std::string& what) {
    return what.find("file is not a database") != std::string::npos ||
           what.find("database disk image is malformed") != std::string::npos ||
           what.find("newer than this program") != std::string::npos;
}

constexpr const char* kRetryingCannotHelp =
    "; retrying cannot help: IT staff must restore the kiosk database (the events stay in the file)";

// The kiosk may hold the database locked for a moment (or a migration may run): wait and retry.
std::optional<EventStore> open_store(const Settings& settings, Backoff& backoff, bool once, ServiceNotifier& notifier,
                                     int& exit_code_out) {
    const std::string& path = settings.text("storage.db_path");
    while (!g_stop) {
        auto store = EventStore::open(path);
        if (store) {
            backoff.reset();
            return std::optional<EventStore>(std::move(store.value()));
        }
        if (retrying_cannot_help(store.error())) {
            std::cerr << "motcua-sync: " << store.error() << kRetryingCannotHelp << "\n";
            exit_code_out = exit_code::kFailure;
            return std::nullopt;
        }
        if (once) {
            std::cerr << "motcua-sync: " << store.error() << "; nothing was lost, try again later\n";
            exit_code_out = exit_code::kTempFail;
            return std::nullopt;
        }
        std::int64_t delay = backoff.next_delay_ms();
        log(store.error() + "; retry in " + std::to_string(delay) + " ms");
        interruptible_sleep(delay, notifier);
    }
    exit_code_out = exit_code::kOk;
    return std::nullopt;
}

class Daemon {
public:
    Daemon(const Settings& settings, EventStore& store, DeviceIdentity identity, bool once, ServiceNotifier& notifier)
        : settings_(settings),
          store_(store),
          http_(tls_from(settings)),
          identity_(std::move(identity)),
          once_(once),
          notifier_(notifier),
          backoff_(settings.integer("sync.backoff_base_ms"), settings.integer("sync.backoff_cap_ms")) {
        engine_.emplace(settings_, store_, http_, identity_);
    }

    int run() {
        log("started as " + identity_.device_id);
        while (!g_stop) {
            notifier_.alive();
            std::int64_t wait_ms = 0;
            try {
                if (!health_) health_.emplace(store_);
                if (auto code = one_round()) return *code;
                auto now = SteadyClock::now();
                auto next = std::min({next_push_, next_heartbeat_, next_config_});
                wait_ms = std::max<std::int64_t>(0, std::chrono::duration_cast<milliseconds>(next - now).count());
            } catch (const std::exception& e) {
                // sql::Error: busy or locked for longer than the busy timeout, I/O, a damaged cursor value.
                std::string what = e.what();
                if (retrying_cannot_help(what)) {
                    log("database error: " + what + kRetryingCannotHelp);
                    return exit_code::kFailure;
                }
                if (once_) {
                    log("database error: " + what + "; nothing was lost");
                    return exit_code::kTempFail;
                }
                wait_ms = backoff_.next_delay_ms();
                log("database error: " + what + "; retry in " + std::to_string(wait_ms) + " ms, nothing is lost");
                try {
                    if (health_) (void)health_->on_error("database error: " + what, clock::unix_ms_now());
                } catch (const std::exception&) {
                    // The same database is the problem; the log line above is what we have.
                }
                next_push_ = SteadyClock::now() + milliseconds(wait_ms);
            }
            interruptible_sleep(wait_ms, notifier_);
        }
        notifier_.stopping();
        log("stopping; events not yet sent stay in the database for next time");
        return exit_code::kOk;
    }

private:
    // One pass over whatever is due. Returns an exit code when the daemon should stop.
    std::optional<int> one_round() {
        auto now = SteadyClock::now();
        if (now >= next_config_) {
            next_config_ = now + seconds(settings_.integer("sync.config_seconds"));
            if (!unauthorized_) {
                auto r = engine_->pull_config();
                if (r.outcome != Outcome::Done) note_error(r.message);
                else if (r.message != "config unchanged") log(r.message);
            }
        }
        if (now >= next_push_) {
            if (auto code = push(now)) return code;
        }
        now = SteadyClock::now();
        if (now >= next_heartbeat_ && !unauthorized_) {
            next_heartbeat_ = now + seconds(settings_.integer("sync.heartbeat_seconds"));
            auto r = engine_->send_heartbeat("none", health_->problem());
            if (r.outcome != Outcome::Done) note_error(r.message);
            note_clock();
        }
        return std::nullopt;
    }

    std::optional<int> push(SteadyClock::time_point now) {
        if (unauthorized_ && !enrolled_again()) {
            next_push_ = now + seconds(60);  // wait for IT staff to enrol again; nothing is dropped
            return std::nullopt;
        }
        PushReport report = engine_->push_all([this] { notifier_.alive(); });
        note_clock();
        switch (report.outcome) {
            case Outcome::Done:
                if (report.sent) log(report.message);
                backoff_.reset();
                record(health_->on_success(clock::unix_ms_now()));
                next_push_ = now + seconds(settings_.integer("sync.interval_seconds"));
                if (once_) return finish_once(exit_code::kOk, "outbox empty; done");
                return std::nullopt;
            case Outcome::Retry: {
                note_error(report.message);
                if (once_) return exit_code::kTempFail;
                std::int64_t ceiling = backoff_.ceiling_ms();
                std::int64_t delay = backoff_.next_delay_ms(report.retry_after_ms);
                log("retry in " + std::to_string(delay) + " ms (drawn up to " + std::to_string(ceiling) + " ms" +
                    (ceiling >= backoff_.cap_ms() ? ", backoff at its cap" : "") + "; " +
                    std::to_string(engine_->pending()) + " waiting)");
                // From the answer, not from the start of the push: a Retry-After counts from the
                // response (RFC 9110), and a slow push must not eat into the wait.
                next_push_ = SteadyClock::now() + milliseconds(delay);
                return std::nullopt;
            }
            case Outcome::NeedsPerson: {
                note_error(report.message);
                record(health_->on_needs_person(*report.problem, clock::unix_ms_now()));
                std::int64_t slow = settings_.integer("sync.needs_person_retry_seconds");
                next_push_ = now + seconds(slow);
                if (once_) return finish_once(exit_code::kNeedsPerson, "a person is needed; see 'motcua-sync status'");
                log("next try in " + std::to_string(slow) + " s (" + std::to_string(engine_->pending()) + " waiting)");
                return std::nullopt;
            }
            case Outcome::Unauthorized:
                note_error(report.message);
                record(store_.set_meta(health_key::kState, "device_unknown"));
                if (once_) return exit_code::kNotEnrolled;
                unauthorized_ = true;
                next_push_ = now + seconds(60);
                return std::nullopt;
        }
        return std::nullopt;
    }

    // --once still reports to the server (heartbeat, with any problem) before it ends.
    int finish_once(int code, const std::string& message) {
        auto r = engine_->send_heartbeat("none", health_->problem());
        if (r.outcome != Outcome::Done) note_error(r.message);
        note_clock();
        log(message);
        return code;
    }

    bool enrolled_again() {
        auto fresh = load_identity(settings_.text("device.identity_file"));
        if (!fresh || fresh->token == identity_.token) return false;
        log("new enrolment found: sending again as " + fresh->device_id);
        identity_ = fresh.value();
        engine_.emplace(settings_, store_, http_, identity_);
        record(store_.set_meta(health_key::kState, "enrolled"));
        unauthorized_ = false;
        return true;
    }

    void note_error(const std::string& message) {
        log(message);
        record(health_->on_error(message, clock::unix_ms_now()));
    }

    void note_clock() {
        if (auto skew = engine_->clock_skew_ms()) record(health_->on_clock_skew(*skew, clock::unix_ms_now()));
    }

    void record(const Status& status) {
        if (!status) log("could not record sync health for 'motcua-sync status': " + status.error());
    }

    const Settings& settings_;
    EventStore& store_;
    HttpClient http_;
    DeviceIdentity identity_;
    bool once_;
    ServiceNotifier& notifier_;
    Backoff backoff_;
    std::optional<SyncEngine> engine_;  // re-made when a new enrolment replaces the identity
    std::optional<HealthRecorder> health_;
    bool unauthorized_ = false;
    SteadyClock::time_point next_push_{};
    SteadyClock::time_point next_heartbeat_{};
    SteadyClock::time_point next_config_{};
};

}  // namespace

TlsOptions tls_from(const Settings& s) {
    TlsOptions options;
    options.ca_file = s.text("server.ca_file");
    options.pinned_public_key = s.text("server.pinned_public_key");
    options.timeout_seconds = static_cast<long>(s.integer("server.timeout_seconds"));
    options.connect_timeout_seconds = static_cast<long>(s.integer("server.connect_timeout_seconds"));
    options.low_speed_bytes = static_cast<long>(s.integer("server.low_speed_bytes"));
    options.low_speed_seconds = static_cast<long>(s.integer("server.low_speed_seconds"));
    return options;
}

int run_daemon(const Settings& settings, bool once) {
    std::signal(SIGTERM, on_signal);
    std::signal(SIGINT, on_signal);
    auto identity = load_identity(settings.text("device.identity_file"));
    if (!identity) {
        std::cerr << "motcua-sync: " << identity.error() << "\n";
        return exit_code::kNotEnrolled;
    }
    if (auto ok = check_server_url(identity->server_url.empty() ? settings.text("server.url") : identity->server_url); !ok) {
        std::cerr << "motcua-sync: " << ok.error() << "\n";
        return exit_code::kBadConfig;
    }
    // Ready once the settings and the enrolment are good: waiting for a locked database is then a
    // retry under the watchdog, not a start that systemd would time out.
    ServiceNotifier notifier;
    notifier.ready();
    Backoff open_backoff(settings.integer("sync.backoff_base_ms"), settings.integer("sync.backoff_cap_ms"));
    int code = exit_code::kOk;
    auto store = open_store(settings, open_backoff, once, notifier, code);
    if (!store) {
        if (code == exit_code::kOk) notifier.stopping();  // stopped by a signal while waiting
        return code;
    }
    Daemon daemon(settings, *store, identity.value(), once, notifier);
    return daemon.run();
}

}  // namespace motcua::sync
