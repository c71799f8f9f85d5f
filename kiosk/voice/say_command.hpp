// The kiosk's voice settings turned into AnnouncerOptions, and `motcua-kiosk --say TICKET COUNTER`:
// speaks one call and exits, so a person setting up a board can hear the speakers and a site's
// recordings without a queue.
#pragma once
#include <iosfwd>
#include <string>

#include "core/settings.hpp"
#include "kiosk/voice/announcer.hpp"

namespace motcua::voice {

// The generated clips: ui.assets_dir's voice/vi when ui.assets_dir is set, else <program
// folder>/../share/motcua/voice/vi (the build tree's, or /usr/share/... when installed), else
// /usr/share/motcua/voice/vi. Empty if none exists.
std::string find_generated_voice_dir(const Settings& settings);

// voice.enabled, voice.clips_dir, voice.volume and the generated folder.
AnnouncerOptions announcer_options(const Settings& settings);

// Exit code: 0 spoken, 1 not heard (voice off, no audio device, no clips, or it did not finish).
int run_say_command(const Settings& settings, const std::string& ticket, const std::string& counter, std::ostream& out,
                    std::ostream& log);

}  // namespace motcua::voice
