// motcua-kiosk: one screen of a centre (rating, dispenser, counter, board). main only wires:
// CLI, settings, storage, the role, the window.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "core/event_store.hpp"
#include "kiosk/app/sdl_app.hpp"
#include "kiosk/hash_pin_command.hpp"
#include "kiosk/i18n.hpp"
#include "kiosk/it/it_overlay_role.hpp"
#include "kiosk/kiosk_settings.hpp"
#include "kiosk/print/print_test_command.hpp"
#include "kiosk/roles/role_factory.hpp"
#include "kiosk/voice/say_command.hpp"

namespace {

constexpr const char* kUsage =
    "usage: motcua-kiosk [--role rating|dispenser|counter|board] [--config FILE] [--db PATH] [--windowed]\n"
    "                    [--screenshot-dir DIR] [--demo] [--print-test [--out FILE.png]] [--say TICKET COUNTER]\n"
    "                    [--print-default-config] [--hash-pin] [--help] [--version]\n"
    "\n"
    "One screen of a centre: the citizen's rating screen (the default), the ticket dispenser, a\n"
    "counter's staff console or the lobby board. Every action is committed to the event database\n"
    "before the screen says it is done; motcua-sync sends it on. Several roles on one machine share\n"
    "one database, and so one queue.\n"
    "\n"
    "  --role NAME             which screen to run (default rating); the roles that exist are listed\n"
    "                          when NAME is unknown\n"
    "  --config FILE           settings file (TOML; see --print-default-config). Default: built-in defaults,\n"
    "                          or /etc/motcua/kiosk.toml when it exists\n"
    "  --db PATH               event database (overrides storage.db_path)\n"
    "  --windowed              a window of ui.width x ui.height instead of full screen (development)\n"
    "  --screenshot-dir DIR    save a PNG of each distinct screen as it is first shown\n"
    "  --demo                  tap through every screen automatically, save screenshots and exit;\n"
    "                          uses a fresh temporary database unless --db is given\n"
    "  --print-test            print a sample queue ticket on printer.target, show the printer's status\n"
    "                          and exit (code 1 when printing failed or the printer reports a problem)\n"
    "  --out FILE.png          with --print-test: also write the ticket's image as a PNG preview\n"
    "  --say TICKET COUNTER    speak the lobby board's call of TICKET to COUNTER (e.g. --say A012 3A) and exit\n"
    "                          (code 1 when it could not be heard: voice off, no audio device)\n"
    "  --print-default-config  print the documented default settings (config/kiosk.toml) and exit\n"
    "  --hash-pin              read an officer's PIN (one line, 4 to 12 digits) from standard input,\n"
    "                          print its pin_hash for [[queue.officers]] and exit\n"
    "  --help                  this text\n"
    "  --version               the program's version\n"
    "\n"
    "Exit codes: 0 ok, 1 runtime failure (database, display, assets), 2 bad command line or settings,\n"
    "3 restart asked from the IT screen (the service manager starts the kiosk again).\n";

struct Cli {
    std::optional<std::string> config, db, screenshot_dir, print_out, say_ticket, say_counter;
    std::string role = "rating";
    bool windowed = false, demo = false, print_config = false, print_test = false, hash_pin = false, help = false,
         version = false;
};

std::optional<Cli> parse_cli(int argc, char** argv, std::string& error) {
    Cli cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::optional<std::string>& out) {
            if (i + 1 >= args.size()) {
                error = a + " needs a value";
                return false;
            }
            out = args[++i];
            return true;
        };
        std::optional<std::string> role;
        if (a == "--config") { if (!value(cli.config)) return std::nullopt; }
        else if (a == "--role") { if (!value(role)) return std::nullopt; cli.role = *role; }
        else if (a == "--db") { if (!value(cli.db)) return std::nullopt; }
        else if (a == "--screenshot-dir") { if (!value(cli.screenshot_dir)) return std::nullopt; }
        else if (a == "--out") { if (!value(cli.print_out)) return std::nullopt; }
        else if (a == "--say") { if (!value(cli.say_ticket) || !value(cli.say_counter)) return std::nullopt; }
        else if (a == "--print-test") cli.print_test = true;
        else if (a == "--windowed") cli.windowed = true;
        else if (a == "--demo") cli.demo = true;
        else if (a == "--print-default-config") cli.print_config = true;
        else if (a == "--hash-pin") cli.hash_pin = true;
        else if (a == "--help" || a == "-h") cli.help = true;
        else if (a == "--version") cli.version = true;
        else {
            error = "unknown option " + a;
            return std::nullopt;
        }
    }
    if (cli.print_out && !cli.print_test) {
        error = "--out goes with --print-test";
        return std::nullopt;
    }
    return cli;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace motcua;
    using namespace motcua::kiosk;
    std::string cli_error;
    auto cli = parse_cli(argc, argv, cli_error);
    if (!cli) {
        std::cerr << "motcua-kiosk: " << cli_error << "\n" << kUsage;
        return 2;
    }
    if (cli->help) {
        std::cout << kUsage;
        return 0;
    }
    if (cli->version) {
        std::cout << "motcua-kiosk " << MOTCUA_VERSION << "\n";
        return 0;
    }
    if (cli->hash_pin) return run_hash_pin(std::cin, std::cout, std::cerr);
    if (cli->print_config) {
        std::cout << default_config_toml();
        return 0;
    }

    std::string config_path = cli->config.value_or("");
    std::error_code ec;
    if (config_path.empty() && std::filesystem::exists("/etc/motcua/kiosk.toml", ec)) config_path = "/etc/motcua/kiosk.toml";
    Settings settings(kiosk_settings());
    if (!config_path.empty()) {
        auto loaded = Settings::load_file(config_path, kiosk_settings());
        if (!loaded) {
            std::cerr << "motcua-kiosk: bad settings: " << loaded.error() << "\n";
            return 2;
        }
        settings = loaded.value();
    }
    bool known_role = false;
    for (auto name : role_names()) known_role = known_role || name == cli->role;
    if (!known_role) {
        std::cerr << "motcua-kiosk: unknown role \"" << cli->role << "\"; the roles are:";
        for (auto name : role_names()) std::cerr << " " << name;
        std::cerr << "\n";
        return 2;
    }

    if (cli->print_test) {
        print::PrintTestOptions p;
        p.target = settings.text("printer.target");
        p.paper_mm = settings.integer("printer.paper_mm");
        p.timeout_ms = static_cast<int>(settings.integer("printer.timeout_ms"));
        p.utc_offset_minutes = static_cast<int>(settings.integer("clock.utc_offset_minutes"));
        p.fonts = {find_font(settings.text("ui.font_file"), false), find_font(settings.text("ui.font_bold_file"), true)};
        p.png_path = cli->print_out.value_or("");
        return print::run_print_test(p, std::cout);
    }

    if (cli->say_ticket) return voice::run_say_command(settings, *cli->say_ticket, *cli->say_counter, std::cout, std::cerr);

    std::string assets = find_assets_dir(settings);
    if (assets.empty()) {
        std::cerr << "motcua-kiosk: cannot find the screen texts (i18n/vi.json); set ui.assets_dir\n";
        return 1;
    }
    auto texts = Texts::load(assets);
    if (!texts) {
        std::cerr << "motcua-kiosk: " << texts.error() << "\n";
        return 1;
    }

    // A demo never writes its made-up ratings into the real database: they would count
    // towards an officer's appraisal.
    std::string db_path = cli->db.value_or(settings.text("storage.db_path"));
    std::optional<std::string> screenshot_dir = cli->screenshot_dir;
    if (cli->demo && (!cli->db || !screenshot_dir)) {
        std::string tmpl = (std::filesystem::temp_directory_path() / "motcua-kiosk-demo-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) {
            std::cerr << "motcua-kiosk: cannot create a temporary folder for the demo\n";
            return 1;
        }
        if (!cli->db) db_path = tmpl + "/demo.db";
        if (!screenshot_dir) screenshot_dir = tmpl;
        std::cout << "demo: using " << tmpl << "\n";
    }

    auto store = EventStore::open(db_path);
    if (store) store->set_utc_offset_minutes(static_cast<int>(settings.integer("clock.utc_offset_minutes")));

    AppOptions options;
    options.windowed = cli->windowed || cli->demo;
    options.show_cursor = settings.boolean("ui.show_cursor");
    options.width = static_cast<int>(settings.integer("ui.width"));
    options.height = static_cast<int>(settings.integer("ui.height"));
    options.font_file = settings.text("ui.font_file");
    options.bold_font_file = settings.text("ui.font_bold_file");
    options.screenshot_dir = screenshot_dir.value_or("");

    RoleResources resources{settings, store ? &store.value() : nullptr, store ? "" : store.error(), texts.value(), 0};
    if (!store) {
        std::cerr << "motcua-kiosk: OUT OF SERVICE: cannot open the event database " << db_path << ": " << store.error()
                  << "\n";
        if (cli->demo) return 1;
    }
    auto role = make_role(cli->role, resources);
    if (!role) {
        std::cerr << "motcua-kiosk: bad settings in " << (config_path.empty() ? "defaults" : config_path) << " for the "
                  << cli->role << " role: " << role.error() << "\n";
        return 2;
    }
    role->role = with_it_screen(std::move(role->role), resources);  // five corner taps or Ctrl+Alt+I; the mark
    options.run_for_ms = role->out_of_service_ms;
    if (store) options.watch_database = db_path;
    auto app = KioskApp::create(options, *role->role);
    if (!app) {
        std::cerr << "motcua-kiosk: " << app.error() << "\n";
        return 1;
    }
    if (cli->demo) {
        int code = app.value()->run_demo(std::cout);
        std::cout << "demo: database " << db_path << "\n";
        return code;
    }
    std::cout << "motcua-kiosk: " << (*app)->width() << "x" << (*app)->height() << " on " << (*app)->video_driver()
              << " (font atlas " << (*app)->theme().atlas_width << "x" << (*app)->theme().atlas_height << ")"
              << ", role " << cli->role << (store ? ", database " + db_path : ", out of service") << std::endl;
    int code = app.value()->run();
    // The kiosk draws only on input and timers; the UI test reads this count after idle runs.
    std::cout << "motcua-kiosk: stopped after " << (*app)->frames_rendered() << " frames" << std::endl;
    return code;
}
