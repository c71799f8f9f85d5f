#include "kiosk/kiosk_settings.hpp"

#include <filesystem>

#include "core/queue/queue_settings_toml.hpp"

namespace motcua::kiosk {

namespace {
SettingSpecs make_specs() {
    SettingSpecs s;
    s.push_back({"storage.db_path", std::string("/var/lib/motcua/kiosk.db"),
                 "SQLite file holding the kiosk's events (ratings) until motcua-sync has sent them."});
    s.push_back({"device.counter", std::string(""),
                 "Counter id stamped on each rating. Empty: use the id written by motcua-sync at enrolment."});
    s.push_back({"device.config_cache", std::string("/var/lib/motcua/server-config.json"),
                 "The server's configuration as motcua-sync saves it (its device.config_cache). While this file holds "
                 "a valid configuration the kiosk shows its rating scale, reasons, site and counter names instead of "
                 "rating.levels and rating.reasons, and stamps its version on each rating. Empty: never use it."});
    s.push_back({"device.officer", std::string(""),
                 "Officer id stamped on each rating. Empty: none (the server may know who staffed the counter)."});
    s.push_back({"ui.language", std::string("vi"),
                 "Language the rating and dispenser screens show at start and after the idle timeout: \"vi\" or \"en\". "
                 "A choice made on the IT screen is kept in the kiosk database and takes precedence over this value."});
    s.push_back({"ui.thanks_seconds", std::int64_t{4}, "Seconds the thank-you screen stays before the rating screen returns.",
                 1, 60});
    s.push_back({"ui.idle_seconds", std::int64_t{30},
                 "Seconds without a touch after which the kiosk goes back to its start screen (the rating screen; the "
                 "dispenser's fields) in the start language.",
                 5,
                 3600});
    s.push_back({"ui.config_check_seconds", std::int64_t{5},
                 "How often the kiosk looks for a newer server configuration (one stat of device.config_cache). The "
                 "rating screen shows a new one only between two citizens; the dispenser on its start screen; the "
                 "counter when no dialog is open; the board at once.",
                 1, 3600});
    s.push_back({"ui.ticket_rating_seconds", std::int64_t{90},
                 "When an officer finishes a ticket at this counter (device.counter), the rating screen asks about "
                 "that ticket for this long; then it goes back to the plain rating screen and the ticket stays unrated.",
                 10, 3600});
    s.push_back({"ui.out_of_service_seconds", std::int64_t{60},
                 "When the event database cannot be used, show the out-of-service screen this long, then exit with "
                 "code 1 so the service manager restarts the kiosk and it tries again.",
                 1, 3600});
    s.push_back({"ui.font_file", std::string("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
                 "Regular font (must have Vietnamese glyphs). DejaVu Sans is used if it is missing."});
    s.push_back({"ui.font_bold_file", std::string("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
                 "Bold font for titles and buttons. DejaVu Sans Bold is used if it is missing."});
    s.push_back({"ui.show_cursor", false, "Show the mouse cursor (for development with --windowed; a kiosk hides it)."});
    s.push_back({"ui.width", std::int64_t{1280}, "Window width in pixels with --windowed, --demo or a headless display.",
                 320, 7680});
    s.push_back({"ui.height", std::int64_t{800}, "Window height in pixels with --windowed, --demo or a headless display.",
                 240, 4320});
    s.push_back({"ui.assets_dir", std::string(""),
                 "Folder with i18n/vi.json and i18n/en.json. Empty: share/motcua/assets beside the program's "
                 "folder (/usr/share/motcua/assets when installed from the package), then /usr/share/motcua/assets."});
    s.push_back({"printer.target", std::string("none"),
                 "Where queue tickets are printed: none, file:/path (preview, tests), tcp:HOST:9100 (network "
                 "printer), device:/dev/usb/lp0 (USB) or device:/dev/ttyUSB0 (serial, speed set beforehand)."});
    s.push_back({"printer.paper_mm", std::int64_t{80}, "Paper width of the ticket printer in mm: 58 or 80.", 58, 80});
    s.push_back({"printer.timeout_ms", std::int64_t{3000},
                 "A printer that takes no data for this long fails the print, as does a ticket still being taken "
                 "after 20 times this long; a status question not answered within it is reported as unknown.",
                 100, 60000});
    s.push_back({"voice.enabled", true,
                 "Speak the lobby board's calls (chime, then \"Mời công dân có số thứ tự ... đến quầy số ...\"). "
                 "false: calls are only shown."});
    s.push_back({"voice.clips_dir", std::string(""),
                 "Folder with the site's own recordings, one WAV per clip, named as in the generated "
                 "assets/voice/vi/clips.txt (e.g. digit_0.wav). Each replaces the generated clip of that name; a "
                 "missing one falls back to the generated clip, as does one that cannot be read (reported once). "
                 "Empty: generated clips only."});
    s.push_back({"voice.volume", std::int64_t{100}, "Loudness of the spoken calls, in percent of the clips' own.", 0,
                 100});
    s.push_back({"dispenser.id", std::string("dispenser-1"),
                 "The ticket dispenser's name, stamped on each ticket it issues (--role dispenser)."});
    s.push_back({"dispenser.site_id", std::string("site"),
                 "Site id written in each ticket's QR reference; a counter refuses a scanned ticket of another site. "
                 "The server configuration's site id replaces it when there is one."});
    s.push_back({"dispenser.ticket_seconds", std::int64_t{20},
                 "Seconds the dispenser shows a new ticket (number, QR code, wait) before the start screen returns.",
                 5, 300});
    s.push_back({"board.highlight_seconds", std::int64_t{8},
                 "Seconds a new call blinks on the lobby board before it stays lit like the others.", 1, 60});
    // The IT screen (issue 7): five taps in the top left corner within 3 s, or Ctrl+Alt+I.
    s.push_back({"it.pin_hash", std::string(""),
                 "The IT staff's PIN for the kiosk's IT screen, as made by motcua-kiosk --hash-pin (never the PIN "
                 "itself). Empty: the IT screen is disabled and says so when opened."});
    s.push_back({"it.idle_seconds", std::int64_t{60},
                 "Seconds without a touch after which the IT screen closes by itself and the role's screen returns.",
                 10, 3600});
    s.push_back({"it.sync_config", std::string("/etc/motcua/sync.toml"),
                 "motcua-sync's settings file: the IT screen and the delivery mark read its identity file and server "
                 "URL, and the IT screen enrols with them. Missing file: motcua-sync's defaults."});
    s.push_back({"it.undelivered_mark_hours", std::int64_t{24},
                 "A small mark \"S2\" appears in the bottom left corner when events wait and nothing has been "
                 "delivered to the server for this long (\"S1\": not enrolled). See README.",
                 1, 24 * 30});
    s.push_back({"clock.utc_offset_minutes", std::int64_t{420},
                 "Offset from UTC for event time stamps, in minutes (Viet Nam: 420 = UTC+7, no DST).", -720, 840});
    // The queue (issue 6): used by the dispenser, counter and board roles. The server's pulled
    // configuration replaces them when it has a "tickets" object or an "officers" list (docs/protocol.md).
    s.push_back({"queue.site_name", std::string("Bộ phận tiếp nhận và trả kết quả"),
                 "Site name printed on queue tickets and shown on the board; the server configuration's site name "
                 "replaces it."});
    queue::add_queue_setting_specs(s);  // opening hours, policy, fields, procedures, counters, priority groups
    s.push_back({"queue.officers", std::vector<SettingRow>{},
                 "Officers who may sign in at a counter. id: the code typed at sign-in; name: shown; pin_hash: made by "
                 "motcua-kiosk --hash-pin (never the PIN itself); counters: counter ids separated by commas, empty = "
                 "any. The server configuration's officers replace these when it lists any."});
    s.push_back({"rating.levels", default_rating_level_rows(),
                 "Rating levels, 2 to 5, shown left to right. score: stored number (1 = best in the national "
                 "system); vi/en: labels; color: \"#RRGGBB\" button colour; face: very_happy, happy, neutral, "
                 "unhappy or very_unhappy; ask_reason = \"true\" asks why before thanking."});
    s.push_back({"rating.reasons", default_rating_reason_rows(),
                 "Reasons offered after a rating with ask_reason (Thông tư 01/2018/TT-VPCP indicators). "
                 "code: stored value; vi/en: labels."});
    return s;
}
}  // namespace

const SettingSpecs& kiosk_settings() {
    static const SettingSpecs specs = make_specs();  // immutable table, built once
    return specs;
}

std::string default_config_toml() {
    return Settings::documented_toml(kiosk_settings(), "motcua-kiosk settings (config/kiosk.toml)");
}

std::string program_directory() {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : exe.parent_path().string();
}

std::string find_assets_dir(const Settings& settings, const std::string& program_dir) {
    namespace fs = std::filesystem;
    std::vector<std::string> candidates;
    if (!settings.text("ui.assets_dir").empty()) {
        candidates.push_back(settings.text("ui.assets_dir"));
    } else {
        // Relative to the program, so no path of the build machine is compiled in: /usr/bin finds
        // /usr/share/motcua/assets; the build tree links build/<preset>/share/motcua/assets to assets/.
        if (!program_dir.empty())
            candidates.push_back((fs::path(program_dir) / ".." / "share" / "motcua" / "assets").lexically_normal().string());
        candidates.emplace_back("/usr/share/motcua/assets");
    }
    std::error_code ec;
    for (auto& dir : candidates)
        if (fs::exists(fs::path(dir) / "i18n" / "vi.json", ec)) return dir;
    return {};
}

std::string find_font(const std::string& preferred, bool bold) {
    std::error_code ec;
    const std::string fallbacks[] = {
        preferred,
        bold ? "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf" : "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        bold ? "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf" : "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    };
    for (auto& f : fallbacks)
        if (!f.empty() && std::filesystem::exists(f, ec)) return f;
    return {};
}

}  // namespace motcua::kiosk
