#include "kiosk/voice/say_command.hpp"

#include <SDL2/SDL.h>

#include <filesystem>
#include <ostream>

namespace motcua::voice {

std::string find_generated_voice_dir(const Settings& settings) {
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    if (!settings.text("ui.assets_dir").empty()) {
        candidates.push_back(fs::path(settings.text("ui.assets_dir")) / "voice" / "vi");
    } else {
        // Relative to the program (no path of the build machine compiled in): /usr/bin finds
        // /usr/share/motcua/voice/vi, build/<preset>/kiosk finds build/<preset>/share/motcua/voice/vi.
        std::error_code ec;
        fs::path program = fs::read_symlink("/proc/self/exe", ec);
        if (!ec)
            candidates.push_back((program.parent_path() / ".." / "share" / "motcua" / "voice" / "vi").lexically_normal());
        candidates.emplace_back("/usr/share/motcua/voice/vi");
    }
    std::error_code ec;
    for (const auto& dir : candidates)
        if (fs::exists(dir / "clips.txt", ec)) return dir.string();
    return {};
}

AnnouncerOptions announcer_options(const Settings& settings) {
    AnnouncerOptions o;
    o.enabled = settings.boolean("voice.enabled");
    o.site_dir = settings.text("voice.clips_dir");
    o.volume_percent = static_cast<int>(settings.integer("voice.volume"));
    o.generated_dir = find_generated_voice_dir(settings);
    return o;
}

int run_say_command(const Settings& settings, const std::string& ticket, const std::string& counter, std::ostream& out,
                    std::ostream& log) {
    AnnouncerOptions options = announcer_options(settings);
    if (!options.enabled) {
        out << "voice is off (voice.enabled = false): nothing spoken\n";
        return 1;
    }
    CallPhrase call = call_phrase(ticket, counter);
    auto announcer = Announcer::create(options, log);
    out << "saying: " << call.text << "\n";
    out << "clips:";
    for (const auto& clip : call.clips)
        out << " " << clip << (announcer->clips().source(clip) == ClipSource::site ? "(site)" : "");
    out << std::endl;
    announcer->announce(call);
    if (!announcer->device_open()) return 1;
    std::vector<std::int16_t> samples = announcer->call_samples(call);
    // The call's own length plus time for a slow sound server; then give up rather than hang.
    Uint64 limit_ms = samples.size() * 1000 / ClipFormat::rate + 5000;
    Uint64 start = SDL_GetTicks64();
    while (announcer->update()) {
        if (SDL_GetTicks64() - start > limit_ms) {
            log << "voice: the call was still playing after " << limit_ms << " ms; stopped\n";
            return 1;
        }
        SDL_Delay(20);
    }
    out << "spoken: " << samples.size() * 1000 / ClipFormat::rate << " ms\n";
    return 0;
}

}  // namespace motcua::voice
