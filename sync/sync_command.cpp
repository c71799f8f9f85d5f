#include "sync/sync_command.hpp"

#include <cstdio>
#include <iostream>
#include <map>
#include <optional>

#include "core/clock.hpp"
#include "sync/enroll_device.hpp"
#include "sync/run_loop.hpp"
#include "sync/status_report.hpp"
#include "sync/sync_engine.hpp"
#include "sync/sync_settings.hpp"

namespace motcua::sync {

namespace {

constexpr const char* kUsage = R"(usage: motcua-sync [--config FILE] [--db PATH] COMMAND
Pushes the kiosk's events to the district server and pulls configuration back.

commands:
  enroll --server URL --code CODE   enrol this kiosk with a one-time code from IT staff
  run [--once]                      push forever (or until the outbox is empty, with --once)
  status [--json]                   health for staff and monitoring: state, last success and
                                    error, oldest unsent event, config version, clock skew,
                                    hash-chain check
  --print-default-config            print every setting with its default and help
  --help, --version

exit codes:
  0   ok (status: healthy)
  1   the database or a file could not be used
  2   settings file wrong
  3   enrolment code refused
  4   not enrolled (run: also when the server no longer knows this device)
  5   status: the server no longer knows this device; enrol it again
  6   a person is needed: the server refuses in a way waiting will not fix (run --once
      and status), or the hash chain is broken (status)
  7   status: behind, the oldest unsent event is older than sync.behind_warning_minutes
  64  usage
  75  run --once: server unreachable or database busy; nothing lost
)";

struct Args {
    std::string command;
    std::map<std::string, std::string> options;
    bool once = false;
    bool json = false;
};

bool parse(const std::vector<std::string>& argv, Args& out, std::string& error) {
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a == "--once") {
            out.once = true;
        } else if (a == "--json") {
            out.json = true;
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
    auto outcome = enroll_device(settings, store.value(), server, args.options.at("--code"));
    if (!outcome.ok) {
        std::cerr << "motcua-sync: enrolment failed: " << outcome.message << "\n";
        return outcome.code_refused ? exit_code::kCodeRefused : exit_code::kFailure;
    }
    std::cout << "motcua-sync: " << outcome.message << "\n";
    return exit_code::kOk;
}

int do_status(const Settings& settings, bool as_json) {
    auto store = EventStore::open(settings.text("storage.db_path"));
    if (!store) {
        std::cerr << "motcua-sync: " << store.error() << "\n";
        return exit_code::kFailure;
    }
    try {
        auto facts = gather_status(store.value(), load_identity(settings.text("device.identity_file")), settings,
                                   clock::unix_ms_now());
        if (as_json) std::cout << status_json(facts).dump(2) << "\n";
        else std::cout << status_text(facts);
        return status_exit_code(facts.state);
    } catch (const std::exception& e) {
        // The database opened but could not be read (locked for too long, damaged row).
        std::cerr << "motcua-sync: cannot read " << store->path() << ": " << e.what() << "\n";
        return exit_code::kFailure;
    }
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
    if (args.command == "run") return run_daemon(settings, args.once);
    if (args.command == "status") return do_status(settings, args.json);
    std::cerr << "motcua-sync: " << (args.command.empty() ? "no command given" : "unknown command " + args.command)
              << "\n" << kUsage;
    return exit_code::kUsage;
}

}  // namespace motcua::sync
