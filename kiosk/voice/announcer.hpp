// The lobby board's spoken calls. announce() puts a whole call (chime, then the clips back to back
// with short gaps) in a queue, so calls never overlap and never cut each other off: a call
// announced while another plays starts after it. The sound of at most two calls is handed to the
// audio device at a time and update() hands over the next, so a burst of calls costs memory for
// their words, not minutes of audio. The device is opened when a call arrives and closed once
// everything has been played, so an idle board runs no audio thread at all (SDL keeps a paused
// device's thread writing silence).
// Without an audio device (or with voice off) it stays silent, says so once, and still records
// every call: the board shows calls whether or not they are heard.
// Not thread-safe: call everything from the UI thread.
//
// How a board uses it:
//   auto voice = Announcer::create(announcer_options(settings), std::cerr);   // say_command.hpp
//   on ticket.called / ticket.recalled:  CallPhrase call = call_phrase(ticket.display, counter_id);
//                                        show call.text; voice->announce(call);
//   while update() last returned true, wake at least every few hundred ms and call voice->update()
//   (an idle board then needs no timer for the voice); show voice->problems() where staff see them.
#pragma once
#include <SDL2/SDL_audio.h>

#include <cstdint>
#include <deque>
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

    // Queues the call after every call already queued, and records it.
    void announce(const CallPhrase& call);
    // Call at least every second or so while it returns true (e.g. on the board's timer): hands
    // the next call's sound to the device, and closes the device once all sound has been handed
    // to the sound card. Returns true while calls are still to be played.
    bool update();

    // The calls announced so far, in order, heard or not: the last kHistory of them.
    static constexpr size_t kHistory = 5000;
    const std::deque<CallPhrase>& announced() const { return announced_; }
    std::uint64_t announced_count() const { return announced_count_; }
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
    int calls_in_device() const;
    void feed();

    AnnouncerOptions options_;
    std::ostream* log_;
    ClipLibrary clips_;
    bool sdl_audio_ = false;       // SDL's audio subsystem is up
    bool open_failed_ = false;     // the last attempt to open the device failed (reported once)
    std::uint64_t next_open_ms_ = 0;  // after a failure, no new attempt before this SDL tick
    SDL_AudioDeviceID device_ = 0;
    std::uint64_t bytes_queued_ = 0;        // since the device was opened
    std::vector<std::uint64_t> call_ends_;  // byte offset where each call handed to the device ends
    std::deque<CallPhrase> waiting_;        // announced, not yet handed to the device
    std::deque<CallPhrase> announced_;
    std::uint64_t announced_count_ = 0;
    std::vector<std::string> problems_;
};

}  // namespace motcua::voice
