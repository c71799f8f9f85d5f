#include "kiosk/voice/clip_library.hpp"

#include <SDL2/SDL.h>

#include <algorithm>
#include <filesystem>

#include "kiosk/voice/call_phrase.hpp"

namespace motcua::voice {

namespace {

// A clip longer than this is not a clip: refuse it rather than hold minutes of audio.
constexpr Uint32 kMaxClipBytes = 60u * 48000u * 8u * 4u;

LoadedClip convert(const SDL_AudioSpec& spec, const Uint8* data, Uint32 length) {
    LoadedClip out;
    if (length == 0) {
        out.error = "it holds no sound";
        return out;
    }
    if (length > kMaxClipBytes) {
        out.error = "it is longer than a minute";
        return out;
    }
    if (spec.channels < 1 || SDL_AUDIO_BITSIZE(spec.format) < 8 || spec.freq < 1000 || spec.freq > 384000) {
        out.error = "its channel count, sample size or sample rate is not usable";
        return out;
    }
    if (spec.format == ClipFormat::sdl_format && spec.channels == ClipFormat::channels && spec.freq == ClipFormat::rate) {
        out.samples.resize(length / 2);
        std::copy_n(data, out.samples.size() * 2, reinterpret_cast<Uint8*>(out.samples.data()));
        out.ok = true;
        return out;
    }
    SDL_AudioStream* stream = SDL_NewAudioStream(spec.format, spec.channels, spec.freq, ClipFormat::sdl_format,
                                                 ClipFormat::channels, ClipFormat::rate);
    if (!stream) {
        out.error = std::string("its format cannot be converted (") + SDL_GetError() + ")";
        return out;
    }
    // SDL's resampler holds back the last part of its input even after a flush (measured: 1024
    // frames), which would cut the end of a word: feed silence after the clip, then keep exactly
    // the clip's own length.
    const size_t in_frame = static_cast<size_t>(SDL_AUDIO_BITSIZE(spec.format) / 8) * spec.channels;
    const size_t in_frames = length / in_frame;
    const size_t want_frames = in_frames * static_cast<size_t>(ClipFormat::rate) / static_cast<size_t>(spec.freq);
    std::vector<Uint8> padding(4096 * in_frame,
                               spec.format == AUDIO_U8 ? Uint8{0x80} : Uint8{0});
    bool ok = SDL_AudioStreamPut(stream, data, static_cast<int>(length)) == 0 &&
              SDL_AudioStreamPut(stream, padding.data(), static_cast<int>(padding.size())) == 0 &&
              SDL_AudioStreamFlush(stream) == 0;
    if (ok) {
        int available = SDL_AudioStreamAvailable(stream);
        out.samples.resize(static_cast<size_t>(available) / 2);
        int got = SDL_AudioStreamGet(stream, out.samples.data(), static_cast<int>(out.samples.size() * 2));
        ok = got >= 0;
        if (ok) out.samples.resize(std::min(static_cast<size_t>(got) / 2, want_frames * ClipFormat::channels));
    }
    if (!ok) out.error = std::string("its sound cannot be converted (") + SDL_GetError() + ")";
    SDL_FreeAudioStream(stream);
    out.ok = ok && !out.samples.empty();
    if (ok && out.samples.empty()) out.error = "it holds no sound";
    return out;
}

LoadedClip load_from(SDL_RWops* rw) {
    LoadedClip out;
    if (!rw) {
        out.error = std::string("it cannot be opened (") + SDL_GetError() + ")";
        return out;
    }
    SDL_AudioSpec spec{};
    Uint8* data = nullptr;
    Uint32 length = 0;
    if (!SDL_LoadWAV_RW(rw, 1, &spec, &data, &length)) {
        out.error = std::string("it is not a WAV file SDL can read (") + SDL_GetError() + ")";
        return out;
    }
    out = convert(spec, data, length);
    SDL_FreeWAV(data);
    return out;
}

}  // namespace

LoadedClip load_clip_file(const std::string& path) { return load_from(SDL_RWFromFile(path.c_str(), "rb")); }

LoadedClip load_clip_bytes(const void* data, size_t size) {
    return load_from(SDL_RWFromConstMem(data, static_cast<int>(std::min<size_t>(size, 1u << 30))));
}

ClipLibrary ClipLibrary::load(const std::string& generated_dir, const std::string& site_dir, int volume_percent) {
    namespace fs = std::filesystem;
    ClipLibrary lib;
    std::error_code ec;
    bool use_site = !site_dir.empty();
    if (use_site && !fs::is_directory(site_dir, ec)) {
        lib.problems_.push_back("the site's voice folder " + site_dir +
                                " (voice.clips_dir) does not exist; the generated clips are used");
        use_site = false;
    }
    std::vector<std::string> missing;
    for (const auto& spec : clip_specs()) {
        std::string name(spec.name);
        Clip& clip = lib.clips_[name];
        if (use_site) {
            fs::path site_file = fs::path(site_dir) / (name + ".wav");
            if (fs::exists(site_file, ec)) {
                LoadedClip loaded = load_clip_file(site_file.string());
                if (loaded.ok) {
                    clip = {ClipSource::site, std::move(loaded.samples)};
                    continue;
                }
                lib.problems_.push_back("the site's recording " + site_file.string() + " cannot be used: " +
                                        loaded.error + "; the generated clip is used instead");
            }
        }
        fs::path generated_file = fs::path(generated_dir) / (name + ".wav");
        LoadedClip loaded = load_clip_file(generated_file.string());
        if (loaded.ok) clip = {ClipSource::generated, std::move(loaded.samples)};
        else missing.push_back(name);
    }
    if (generated_dir.empty()) {
        lib.problems_.push_back("no folder of generated voice clips (assets/voice/vi) was found; only the site's "
                                "recordings are spoken");
    } else if (!missing.empty()) {
        std::string names;
        for (const auto& n : missing) names += (names.empty() ? "" : ", ") + n;
        lib.problems_.push_back(std::to_string(missing.size()) + " voice clips are missing or unreadable in " +
                                generated_dir + " (" + names + "); calls are spoken without them");
    }
    int volume = std::clamp(volume_percent, 0, 100);
    if (volume != 100)
        for (auto& [name, clip] : lib.clips_)
            for (auto& s : clip.samples) s = static_cast<std::int16_t>(s * volume / 100);
    return lib;
}

const std::vector<std::int16_t>* ClipLibrary::samples(std::string_view name) const {
    auto it = clips_.find(name);
    return it == clips_.end() || it->second.source == ClipSource::missing ? nullptr : &it->second.samples;
}

ClipSource ClipLibrary::source(std::string_view name) const {
    auto it = clips_.find(name);
    return it == clips_.end() ? ClipSource::missing : it->second.source;
}

}  // namespace motcua::voice
