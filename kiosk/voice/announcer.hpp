// The lobby board's spoken calls. announce() appends a whole call (chime, then the clips back to
// back with short gaps) to the audio device's queue, so calls never overlap and never cut each
// other off: a call announced while another plays starts after it. The device is opened when a
// call arrives and closed once everything queued has been played, so an idle board runs no audio
// thread at all (SDL keeps a paused device's thread writing silence).
// Without an audio device (or with voice off) it stays silent, says so once, and still records
// every call: the board shows calls whether or not they are heard.
// Not thread-safe: call everything from the UI thread.
#pragma once
#include <SDL2/SDL_audio.h>

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/voice/call_phrase.hpp"
#include "kiosk/voice/clip_library.hpp"

namespace motcua::voice {

struct AnnouncerOptions {
    bool enabled = true;             // voice.enabled: false = silent on purpose, no device opened
    std::string generated_dir;       // the build's clips (find_generated_voice_dir)
    std::string site_dir;            // voice.clips_dir: the site's own recordings, may be empty
    int volume_percent = 100;        // voice.volume
    int gap_ms = 70;                 // between two clips of a call
    int after_chime_ms = 250;        // between the chime and the words
    // Silence ending each call: a pause before the next call, and room for the sound card to
    // play out its buffer before the device is closed.
    int tail_ms = 600;
};

class Announcer {
public:
    // Never fails: problems (no audio device, a broken site recording) are written to `log` once,
    // kept in problems(), and the announcer does what it still can.
    static std::unique_ptr<Announcer> create(const AnnouncerOptions& options, std::ostream& log);
    ~Announcer();
    Announcer(const Announcer&) = delete;
    Announcer& operator=(const Announcer&) = delete;

    // Queues the call's sound after everything already queued, and records the call.
    void announce(const CallPhrase& call);
    // Call regularly (e.g. on the board's timer): closes the device once all queued sound has
    // been handed to the sound card. Returns true while sound is still queued.
    bool update();

    // Every call announced so far, in order, heard or not.
    const std::vector<CallPhrase>& announced() const { return announced_; }
    // Calls whose sound has not all been played yet (the one playing and those waiting).
    int calls_waiting() const;
    bool device_open() const { return device_ != 0; }
    // False when calls cannot be heard: voice off, no audio device, or the last open failed.
    bool audible() const;
    const std::vector<std::string>& problems() const { return problems_; }
    const ClipLibrary& clips() const { return clips_; }
    // The samples announce() queues for a call (ClipFormat).
    std::vector<std::int16_t> call_samples(const CallPhrase& call) const;

private:
    Announcer(const AnnouncerOptions& options, std::ostream& log);
    void report(const std::string& problem);
    bool open_device();
    void close_device();

    AnnouncerOptions options_;
    std::ostream* log_;
    ClipLibrary clips_;
    bool sdl_audio_ = false;       // SDL's audio subsystem is up
    bool open_failed_ = false;     // the last attempt to open the device failed (reported once)
    SDL_AudioDeviceID device_ = 0;
    std::uint64_t bytes_queued_ = 0;        // since the device was opened
    std::vector<std::uint64_t> call_ends_;  // byte offset where each queued call ends
    std::vector<CallPhrase> announced_;
    std::vector<std::string> problems_;
};

}  // namespace motcua::voice
