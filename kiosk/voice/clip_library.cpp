#include "kiosk/voice/clip_library.hpp"

#include <SDL2/SDL.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>

#include "kiosk/voice/call_phrase.hpp"

namespace motcua::voice {

namespace {

// A clip longer than this is not a clip: refuse it rather than hold minutes of audio
// (a minute of 48 kHz stereo 32-bit sound).
constexpr Uint32 kMaxClipBytes = 60u * 48000u * 2u * 4u;

LoadedClip convert(const SDL_AudioSpec& spec, const Uint8* data, Uint32 length) {
    LoadedClip out;
    if (length == 0) {
        out.error = "it holds no sound";
        return out;
    }
    if (length > kMaxClipBytes) {
        out.error = "it is too large for a voice clip (over 23 MB)";
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

void put_le32(std::string& b, size_t at, std::uint32_t v) {
    for (size_t i = 0; i < 4; ++i) b[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}
std::uint32_t get_le32(const std::string& b, size_t at) {
    std::uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + i])) << (8 * i);
    return v;
}

// SDL allocates a chunk's declared size before reading it: a broken file that claims 4 GB of
// sound would get 4 GB. Sizes larger than what the file holds are cut to what it holds.
void clamp_riff_sizes(std::string& b) {
    if (b.size() < 12 || b.compare(0, 4, "RIFF") != 0) return;
    put_le32(b, 4, std::min<std::uint32_t>(get_le32(b, 4), static_cast<std::uint32_t>(b.size() - 8)));
    size_t at = 12;
    while (at + 8 <= b.size()) {
        size_t available = b.size() - at - 8;
        std::uint32_t size = get_le32(b, at + 4);
        if (size > available) {
            put_le32(b, at + 4, static_cast<std::uint32_t>(available));
            return;
        }
        at += 8 + size + (size & 1);
    }
}

}  // namespace

LoadedClip load_clip_file(const std::string& path) {
    LoadedClip out;
    std::ifstream in(path, std::ios::binary);
    std::string bytes;
    if (in) {
        in.seekg(0, std::ios::end);
        auto size = static_cast<std::streamoff>(in.tellg());
        if (size > static_cast<std::streamoff>(kMaxClipBytes) + 4096) {
            out.error = "it is too large for a voice clip (over 23 MB)";
            return out;
        }
        in.seekg(0);
        bytes.resize(static_cast<size_t>(std::max<std::streamoff>(size, 0)));
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    if (!in) {
        out.error = "it cannot be read";
        return out;
    }
    return load_clip_bytes(bytes.data(), bytes.size());
}

LoadedClip load_clip_bytes(const void* data, size_t size) {
    if (size > kMaxClipBytes + 4096) return LoadedClip{false, "it is too large for a voice clip (over 23 MB)", {}};
    std::string bytes(static_cast<const char*>(data), size);
    clamp_riff_sizes(bytes);
    return load_from(SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size())));
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
        lib.problems_.push_back("no folder of generated voice clips (share/motcua/voice/vi) was found; only the site's "
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
