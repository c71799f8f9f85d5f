// The voice clips in memory, all in one format (clip_format below), loaded once at start: the
// generated clips of the build, each replaced by the site's own recording when the site has one
// that SDL can read. Problems are kept as plain English sentences, each reported once.
#pragma once
#include <SDL2/SDL_audio.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::voice {

// The one format every clip is converted to and the audio device is opened with (SDL converts
// to what the sound card wants): 44.1 kHz so a site's recordings keep their quality, mono
// because a hall's speakers all say the same thing.
struct ClipFormat {
    static constexpr int rate = 44100;
    static constexpr int channels = 1;
    static constexpr SDL_AudioFormat sdl_format = AUDIO_S16SYS;
};

enum class ClipSource { generated, site, missing };

class ClipLibrary {
public:
    // generated_dir: the build's clips (share/motcua/voice/vi). site_dir: the site's recordings, or
    // empty. volume_percent 0..100 scales every clip.
    static ClipLibrary load(const std::string& generated_dir, const std::string& site_dir, int volume_percent);

    // The clip's samples in ClipFormat, or nullptr when neither folder has a usable one.
    const std::vector<std::int16_t>* samples(std::string_view name) const;
    ClipSource source(std::string_view name) const;
    const std::vector<std::string>& problems() const { return problems_; }

private:
    struct Clip {
        ClipSource source = ClipSource::missing;
        std::vector<std::int16_t> samples;
    };
    std::map<std::string, Clip, std::less<>> clips_;
    std::vector<std::string> problems_;
};

// Reads a WAV file with SDL and converts it to ClipFormat; the error says why it cannot be used.
struct LoadedClip {
    bool ok = false;
    std::string error;
    std::vector<std::int16_t> samples;
};
LoadedClip load_clip_file(const std::string& path);
// The same from bytes in memory (what a fuzz target feeds).
LoadedClip load_clip_bytes(const void* data, size_t size);

}  // namespace motcua::voice
