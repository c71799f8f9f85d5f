// The chime before each spoken call: two soft bell-like tones ("ding-dong"), made in code so the
// build needs no sound tools beyond espeak-ng.
#pragma once
#include "kiosk/voice/pcm_wav.hpp"

namespace motcua::voice {

PcmSound make_chime(int rate);

}  // namespace motcua::voice
