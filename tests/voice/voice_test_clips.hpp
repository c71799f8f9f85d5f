// Test clips made to be recognised in what the sound card got: each clip of the table is a
// constant, non-zero sample value of its own and a length of its own, already in ClipFormat,
// so nothing is converted and any cut, overlap or swap shows in the samples.
#pragma once
#include <SDL2/SDL.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/voice/call_phrase.hpp"
#include "kiosk/voice/clip_library.hpp"
#include "kiosk/voice/pcm_wav.hpp"

namespace motcua::voice_test {

using namespace motcua::voice;

inline std::map<std::string, std::vector<std::int16_t>> write_test_clips(const std::string& dir) {
    std::map<std::string, std::vector<std::int16_t>> clips;
    int i = 0;
    for (const auto& spec : clip_specs()) {
        std::string name(spec.name);
        auto value = static_cast<std::int16_t>(1000 + 37 * i);
        auto frames = static_cast<size_t>(ClipFormat::rate / 100 + 13 * i);  // 10 ms and a bit
        clips[name] = std::vector<std::int16_t>(frames, value);
        REQUIRE(write_pcm_wav(dir + "/" + name + ".wav", PcmSound{ClipFormat::rate, 1, clips[name]}).ok());
        ++i;
    }
    std::ofstream(dir + "/clips.txt") << "test clips\n";
    return clips;
}

inline std::vector<std::int16_t> read_samples(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    std::string bytes = s.str();
    std::vector<std::int16_t> out(bytes.size() / 2);
    SDL_memcpy(out.data(), bytes.data(), out.size() * 2);
    return out;
}

}  // namespace motcua::voice_test
