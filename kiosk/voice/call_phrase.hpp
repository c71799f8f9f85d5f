// What the lobby board says and shows for one call, from one function, so that the spoken call
// and the text on screen cannot disagree. Pure: no SDL, no files.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace motcua::voice {

// One recorded piece of speech: its file name without ".wav" (the same in the generated folder
// and in a site's own recordings) and the Vietnamese words it says (what espeak-ng is given).
struct ClipSpec {
    std::string_view name;
    std::string_view words;
};

// Every clip a call can use, chime first. The build generates one WAV per entry (except the
// chime, which is synthesised) and writes the list to clips.txt for sites recording their own.
const std::vector<ClipSpec>& clip_specs();

inline constexpr std::string_view kChimeClip = "chime";

struct CallPhrase {
    std::string ticket;               // as given: "A012"
    std::string counter;              // as given: "3A"
    std::vector<std::string> clips;   // in the order they are played, chime first
    std::string text;                 // "Mời công dân có số thứ tự A012 đến quầy số 3A" (NFC)
};

// The call of ticket `ticket` (as displayed, e.g. "A012") to counter `counter` (its id, e.g. "3A").
// The ticket is read character by character, as announcers read numbers ("A không một hai"). In
// the counter id a run of one or two digits not starting with 0 is read as a number ("10" →
// "mười", "21" → "hai mươi mốt"), longer runs digit by digit. Letters (A–Z and the Vietnamese
// Ă Â Đ Ê Ô Ơ Ư, either case) are read by their Vietnamese names ("bê", "xê", "đê"). Other
// characters are shown but not spoken.
CallPhrase call_phrase(std::string_view ticket, std::string_view counter);

}  // namespace motcua::voice
