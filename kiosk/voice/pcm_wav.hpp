// 16-bit PCM WAV files, as espeak-ng writes them and as the build writes the clips: the
// clip generator reads espeak-ng's output, trims its silences and writes the result; tests
// write their own clips with it. The kiosk itself loads clips with SDL (clip_library.hpp).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace motcua::voice {

struct PcmSound {
    int rate = 22050;
    int channels = 1;
    std::vector<std::int16_t> samples;  // interleaved when channels > 1

    double seconds() const {
        return rate > 0 && channels > 0 ? static_cast<double>(samples.size()) / (rate * channels) : 0.0;
    }
};

// Reads a RIFF/WAVE file of 16-bit little-endian PCM. A data chunk longer than the file (as a
// writer that streams may leave it) is read up to the end of the file.
Result<PcmSound> parse_pcm_wav(std::string_view bytes);
std::string pcm_wav_bytes(const PcmSound& sound);

Result<PcmSound> read_pcm_wav(const std::string& path);
Status write_pcm_wav(const std::string& path, const PcmSound& sound);

// The sound without its leading and trailing silence (samples quieter than `threshold`),
// keeping `keep_ms` of it at each end so words do not start or stop abruptly.
PcmSound trim_silence(const PcmSound& sound, int threshold, int keep_ms);

}  // namespace motcua::voice
