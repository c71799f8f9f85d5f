#include "kiosk/voice/announcer.hpp"

#include <SDL2/SDL.h>

#include <algorithm>
#include <ostream>

namespace motcua::voice {

namespace {
size_t frames_for_ms(int ms) { return static_cast<size_t>(ClipFormat::rate) * static_cast<size_t>(std::max(ms, 0)) / 1000; }
}  // namespace

std::unique_ptr<Announcer> Announcer::create(const AnnouncerOptions& options, std::ostream& log) {
    return std::unique_ptr<Announcer>(new Announcer(options, log));
}

Announcer::Announcer(const AnnouncerOptions& options, std::ostream& log) : options_(options), log_(&log) {
    if (!options_.enabled) return;
    clips_ = ClipLibrary::load(options_.generated_dir, options_.site_dir, options_.volume_percent);
    for (const auto& p : clips_.problems()) report(p);
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        report(std::string("no sound: SDL audio cannot start (") + SDL_GetError() +
               "); calls are shown on the board but not spoken");
        return;
    }
    sdl_audio_ = true;
    // Open once now so a missing sound card is reported at start, not at the first call.
    if (open_device()) close_device();
}

Announcer::~Announcer() {
    close_device();
    if (sdl_audio_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void Announcer::report(const std::string& problem) {
    problems_.push_back(problem);
    *log_ << "voice: " << problem << std::endl;
}

bool Announcer::open_device() {
    SDL_AudioSpec want{};
    want.freq = ClipFormat::rate;
    want.format = ClipFormat::sdl_format;
    want.channels = ClipFormat::channels;
    want.samples = 1024;  // ~23 ms: latency does not matter for a call, wake-ups do
    SDL_AudioSpec have{};
    if (open_failed_ && SDL_GetTicks64() < next_open_ms_) return false;
    // No allowed changes: SDL converts to what the card wants, so the clips' format always fits.
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (device_ == 0) {
        // Try again later (a speaker may be plugged in), but not at every call: ALSA writes
        // several lines of its own to stderr at each failed attempt.
        next_open_ms_ = SDL_GetTicks64() + 60'000;
        if (!open_failed_)
            report(std::string("no sound: the audio device cannot be opened (") + SDL_GetError() +
                   "); calls are shown on the board but not spoken");
        open_failed_ = true;
        return false;
    }
    if (open_failed_) *log_ << "voice: the audio device opens again; calls are spoken" << std::endl;
    open_failed_ = false;
    bytes_queued_ = 0;
    call_ends_.clear();
    return true;
}

void Announcer::close_device() {
    if (device_ == 0) return;
    SDL_CloseAudioDevice(device_);
    device_ = 0;
    bytes_queued_ = 0;
    call_ends_.clear();
}

bool Announcer::audible() const { return options_.enabled && sdl_audio_ && !open_failed_; }

std::vector<std::int16_t> Announcer::call_samples(const CallPhrase& call) const {
    std::vector<std::int16_t> out;
    for (size_t i = 0; i < call.clips.size(); ++i) {
        const auto* clip = clips_.samples(call.clips[i]);
        if (clip) out.insert(out.end(), clip->begin(), clip->end());
        bool last = i + 1 == call.clips.size();
        int pause_ms = last ? options_.tail_ms : call.clips[i] == kChimeClip ? options_.after_chime_ms : options_.gap_ms;
        out.insert(out.end(), frames_for_ms(pause_ms) * ClipFormat::channels, std::int16_t{0});
    }
    return out;
}

void Announcer::announce(const CallPhrase& call) {
    announced_.push_back(call);
    ++announced_count_;
    if (announced_.size() > kHistory) announced_.pop_front();
    if (!options_.enabled || !sdl_audio_) return;
    waiting_.push_back(call);
    feed();
}

int Announcer::calls_in_device() const {
    if (device_ == 0) return 0;
    std::uint64_t played = bytes_queued_ - SDL_GetQueuedAudioSize(device_);
    return static_cast<int>(std::count_if(call_ends_.begin(), call_ends_.end(), [&](auto end) { return end > played; }));
}

int Announcer::calls_waiting() const { return calls_in_device() + static_cast<int>(waiting_.size()); }

// Two calls in the device: while one plays the next is already there, so update() may come late
// by up to a whole call without a gap in the sound.
void Announcer::feed() {
    if (waiting_.empty()) return;
    if (device_ == 0 && !open_device()) {
        // Not heard now, and not to be heard minutes later out of place: the board shows them.
        waiting_.clear();
        return;
    }
    std::uint64_t played = bytes_queued_ - SDL_GetQueuedAudioSize(device_);
    std::erase_if(call_ends_, [&](auto end) { return end <= played; });
    while (!waiting_.empty() && calls_in_device() < 2) {
        CallPhrase call = std::move(waiting_.front());
        waiting_.pop_front();
        std::vector<std::int16_t> samples = call_samples(call);
        auto bytes = static_cast<Uint32>(samples.size() * sizeof(std::int16_t));
        if (SDL_QueueAudio(device_, samples.data(), bytes) != 0) {
            report(std::string("a call could not be queued for speaking (") + SDL_GetError() + "): " + call.text);
            continue;
        }
        bytes_queued_ += bytes;
        call_ends_.push_back(bytes_queued_);
    }
    SDL_PauseAudioDevice(device_, 0);
}

bool Announcer::update() {
    if (device_ == 0) return false;
    feed();
    if (SDL_GetQueuedAudioSize(device_) > 0 || !waiting_.empty()) return true;
    // Everything has gone to the sound card; what it still holds is the last call's silent tail.
    close_device();
    return false;
}

}  // namespace motcua::voice
