// How the board speaks its calls, behind a small interface: the real one is kiosk/voice's
// Announcer (chime + clips, one call after another, never overlapping); tests may count instead.
#pragma once
#include <iosfwd>
#include <memory>

#include "core/settings.hpp"
#include "kiosk/roles/board/board_model.hpp"

namespace motcua::kiosk {

class BoardVoice {
public:
    virtual ~BoardVoice() = default;
    // Queued after every call already queued: calls never overlap or cut each other off.
    virtual void announce(const BoardCall& call) = 0;
    // Feeds the sound card; true while calls are still to be played (call again within ~250 ms).
    virtual bool update() = 0;
    // Calls should be heard (voice.enabled) but cannot be: staff must see it on the board.
    virtual bool has_problem() const = 0;
};

// The Announcer with the kiosk's voice.* settings; problems go to `log` once.
std::unique_ptr<BoardVoice> make_announcer_voice(const Settings& settings, std::ostream& log);

}  // namespace motcua::kiosk
