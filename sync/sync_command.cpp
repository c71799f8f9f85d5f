#include "sync/sync_command.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <thread>

#include "core/clock.hpp"
#include "sync/sync_engine.hpp"
#include "sync/sync_settings.hpp"

namespace motcua::sync {

namespace {

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

constexpr const char* kUsage = R"(usage: motcua-sync [--config FILE] [--db PATH] COMMAND
Pushes the kiosk's events to the district server and pulls configuration back.

commands:
  enroll --server URL --code CODE   enrol this kiosk with a one-time code from IT staff
  run [--once]                      push forever (or until the outbox is empty, with --once)
  status                            show the outbox depth and enrolment
  --print-default-config            print every setting with its default and help
  --help, --version

exit codes: 0 ok, 1 failure, 2 bad settings, 3 enrolment code refused,
            4 not enrolled, 64 usage, 75 server unreachable (--once; nothing lost)
)";

void log(const std::string& message) {
    std::cout << clock::now_rfc3339() << " motcua-sync: " << message << std::endl;
}

struct Args {
    std::string command;
    std::map<std::string, std::string> options;
    bool once = false;
};

bool parse(const std::vector<std::string>& argv, Args& out, std::string& error) {
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a == "--once") {
            out.once = true;
        } else if (a == "--config" || a == "--db" || a == "--server" || a == "--code") {
            if (i + 1 >= argv.size()) {
                error = a + " needs a value";
                return false;
            }
            out.options[a] = argv[++i];
        } else if (a.rfind("--", 0) == 0 && a != "--help" && a != "--version" && a != "--print-default-config") {
            error = "unknown option " + a;
            return false;
        } else if (out.command.empty()) {
            out.command = a;
        } else {
            error = "unexpected argument " + a;
            return false;
        }
    }
    return true;
}

void interruptible_sleep(std::int64_t ms) {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!g_stop && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min<std::int64_t>(ms, 100)));
}

TlsOptions tls_from(const Settings& s) {
    return TlsOptions{s.text("server.ca_file"), s.text("server.pinned_public_key"), static_cast<long>(s.integer("server.timeout_seconds"))};
}

int do_enroll(const Settings& settings, const Args& args) {
    auto server = args.options.count("--server") ? args.options.at("--server") : settings.text("server.url");
    if (!args.options.count("--code")) {
        std::cerr << "motcua-sync: enroll needs --code CODE (ask IT staff for a one-time code)\n";
        return exit_code::kUsage;
    }
    auto store = EventStore::open(settings.text("storage.db_path"));
    if (!store) {
        std::cerr << "motcua-sync: " << store.error() << "\n";
        return exit_code::kFailure;
    }
    char host[256] = {0};
    gethostname(host, sizeof host - 1);
    HttpClient http(tls_from(settings));
    auto result = enroll(http, server, args.options.at("--code"), host, store->db_instance());
    if (!result.ok) {
        std::cerr << "motcua-sync: enrolment failed: " << result.message << "\n";
        return result.code_refused ? exit_code::kCodeRefused : exit_code::kFailure;
    }
    const std::string& path = settings.text("device.identity_file");
    if (auto s = save_identity(path, result.identity); !s) {
        std::cerr << "motcua-sync: enrolled, but could not save the identity: " << s.error() << "\n";
        return exit_code::kFailure;
    }
    // The kiosk stamps ratings with the counter it was enrolled for.
    for (auto& [key, value] : {std::pair{"device_id", result.identity.device_id},
                               std::pair{"site_id", result.identity.site_id},
                               std::pair{"counter_id", result.identity.counter_id},
                               std::pair{"sync_state", std::string("enrolled")}}) {
        if (auto s = store->set_meta(key, value); !s) {
            std::cerr << "motcua-sync: " << s.error() << "\n";
            return exit_code::kFailure;
        }
    }
    std::cout << "motcua-sync: " << result.message << " (site " << result.identity.site_id << ", counter "
              << result.identity.counter_id << "); identity saved to " << path << "\n";
    return exit_code::kOk;
}

int do_status(const Settings& settings) {
    auto store = EventStore::open(settings.text("storage.db_path"));
    if (!store) {
        std::cerr << "motcua-sync: " << store.error() << "\n";
        return exit_code::kFailure;
    }
    auto identity = load_identity(settings.text("device.identity_file"));
    std::cout << "database:      " << store->path() << " (instance " << store->db_instance() << ")\n"
              << "events:        " << store->last_seq() << "\n"
              << "sent through:  " << store->acked_through() << "\n"
              << "waiting:       " << store->pending_count() << "\n"
              << "oldest unsent: " << store->oldest_unsent_at().value_or("-") << "\n"
              << "enrolled:      " << (identity ? identity->device_id + " at " + identity->server_url : identity.error())
              << (store->meta("sync_state") == "device_unknown"
                      ? " (REFUSED by the server: device_unknown; enrol again with a new code)"
                      : "")
              << "\n";
    auto chain = store->verify_chain();
    std::cout << "hash chain:    "
              << (chain.ok ? "ok" : "BROKEN at seq " + std::to_string(chain.first_bad_seq) + ": " + chain.problem) << "\n";
    return exit_code::kOk;
}

int do_run(const Settings& settings, bool once) {
    auto store = EventStore::open(settings.text("storage.db_path"));
    if (!store) {
        std::cerr << "motcua-sync: " << store.error() << "\n";
        return exit_code::kFailure;
    }
    auto identity = load_identity(settings.text("device.identity_file"));
    if (!identity) {
        std::cerr << "motcua-sync: " << identity.error() << "\n";
        return exit_code::kNotEnrolled;
    }
    if (auto ok = check_server_url(identity->server_url.empty() ? settings.text("server.url") : identity->server_url); !ok) {
        std::cerr << "motcua-sync: " << ok.error() << "\n";
        return exit_code::kBadConfig;
    }
    std::signal(SIGTERM, on_signal);
    std::signal(SIGINT, on_signal);
    HttpClient http(tls_from(settings));
    std::optional<SyncEngine> engine;  // re-made when a new enrolment replaces the identity
    engine.emplace(settings, store.value(), http, identity.value());
    Backoff backoff(settings.integer("sync.backoff_base_ms"), settings.integer("sync.backoff_cap_ms"));
    log("started as " + identity->device_id + ", " + std::to_string(engine->pending()) + " event(s) waiting");

    auto last_heartbeat = std::chrono::steady_clock::time_point{};
    auto last_config = std::chrono::steady_clock::time_point{};
    while (!g_stop) {
        auto now = std::chrono::steady_clock::now();
        if (now - last_config >= std::chrono::seconds(settings.integer("sync.config_seconds"))) {
            auto r = engine->pull_config();
            if (r.outcome == Outcome::Done) last_config = now;
            if (r.message != "config unchanged") log(r.message);
        }
        PushReport report = engine->push_all();
        if (report.sent || report.outcome != Outcome::Done) log(report.message);
        if (report.outcome == Outcome::Unauthorized) {
            if (auto s = store->set_meta("sync_state", "device_unknown"); !s) log(s.error());
            if (once) return exit_code::kNotEnrolled;
            interruptible_sleep(60000);  // wait for IT staff to enrol again; nothing is dropped
            if (auto fresh = load_identity(settings.text("device.identity_file")); fresh && fresh->token != identity->token) {
                log("new enrolment found: sending again as " + fresh->device_id);
                identity = fresh;
                engine.emplace(settings, store.value(), http, identity.value());
                if (auto s = store->set_meta("sync_state", "enrolled"); !s) log(s.error());
            }
            continue;
        }
        if (report.outcome == Outcome::Retry) {
            if (once) return exit_code::kTempFail;
            std::int64_t delay = backoff.next_delay_ms(report.retry_after_ms);
            log("retry in " + std::to_string(delay) + " ms (" + std::to_string(engine->pending()) + " waiting)");
            interruptible_sleep(delay);
            continue;
        }
        backoff.reset();
        if (now - last_heartbeat >= std::chrono::seconds(settings.integer("sync.heartbeat_seconds"))) {
            auto r = engine->send_heartbeat();
            if (r.outcome == Outcome::Done) last_heartbeat = now;
            else log(r.message);
        }
        if (once) {
            log("outbox empty; done");
            return exit_code::kOk;
        }
        interruptible_sleep(settings.integer("sync.interval_seconds") * 1000);
    }
    log("stopping; " + std::to_string(engine->pending()) + " event(s) kept for next time");
    return exit_code::kOk;
}

}  // namespace

int run_command(const std::vector<std::string>& argv) {
    Args args;
    std::string error;
    if (!parse(argv, args, error)) {
        std::cerr << "motcua-sync: " << error << "\n" << kUsage;
        return exit_code::kUsage;
    }
    if (args.command == "--help") {
        std::cout << kUsage;
        return exit_code::kOk;
    }
    if (args.command == "--version") {
        std::cout << "motcua-sync " << MOTCUA_VERSION << "\n";
        return exit_code::kOk;
    }
    if (args.command == "--print-default-config") {
        std::cout << Settings::documented_toml(sync_settings(), "motcua-sync settings");
        return exit_code::kOk;
    }
    Settings settings(sync_settings());
    if (args.options.count("--config")) {
        auto loaded = Settings::load_file(args.options["--config"], sync_settings());
        if (!loaded) {
            std::cerr << "motcua-sync: " << loaded.error() << "\n";
            return exit_code::kBadConfig;
        }
        settings = loaded.value();
    }
    if (args.options.count("--db")) settings.set("storage.db_path", args.options["--db"]);
    if (args.command == "enroll") return do_enroll(settings, args);
    if (args.command == "run") return do_run(settings, args.once);
    if (args.command == "status") return do_status(settings);
    std::cerr << "motcua-sync: " << (args.command.empty() ? "no command given" : "unknown command " + args.command)
              << "\n" << kUsage;
    return exit_code::kUsage;
}

}  // namespace motcua::sync
