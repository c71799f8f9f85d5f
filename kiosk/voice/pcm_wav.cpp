#include "kiosk/voice/pcm_wav.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace motcua::voice {

namespace {

std::uint32_t le32(std::string_view b, size_t at) {
    return static_cast<std::uint32_t>(static_cast<std::uint8_t>(b[at])) |
           static_cast<std::uint32_t>(static_cast<std::uint8_t>(b[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<std::uint8_t>(b[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<std::uint8_t>(b[at + 3])) << 24;
}
std::uint16_t le16(std::string_view b, size_t at) {
    return static_cast<std::uint16_t>(static_cast<std::uint8_t>(b[at]) | static_cast<std::uint8_t>(b[at + 1]) << 8);
}
void put32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void put16(std::string& out, std::uint16_t v) {
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>(v >> 8));
}

}  // namespace

Result<PcmSound> parse_pcm_wav(std::string_view b) {
    if (b.size() < 12 || b.substr(0, 4) != "RIFF" || b.substr(8, 4) != "WAVE")
        return Result<PcmSound>::failure("not a WAV file (no RIFF/WAVE header)");
    PcmSound sound;
    bool have_format = false;
    size_t at = 12;
    while (at + 8 <= b.size()) {
        std::string_view id = b.substr(at, 4);
        std::uint32_t size = le32(b, at + 4);
        size_t body = at + 8;
        size_t available = b.size() - body;
        if (id == "fmt ") {
            if (size < 16 || available < 16) return Result<PcmSound>::failure("WAV format chunk is too short");
            std::uint16_t tag = le16(b, body), channels = le16(b, body + 2), bits = le16(b, body + 14);
            std::uint32_t rate = le32(b, body + 4);
            if (tag != 1 || bits != 16) return Result<PcmSound>::failure("WAV is not 16-bit PCM");
            if (channels < 1 || channels > 8 || rate < 1000 || rate > 384000)
                return Result<PcmSound>::failure("WAV has an unusable channel count or sample rate");
            sound.rate = static_cast<int>(rate);
            sound.channels = channels;
            have_format = true;
        } else if (id == "data") {
            if (!have_format) return Result<PcmSound>::failure("WAV data comes before its format");
            size_t length = std::min<size_t>(size, available);
            length -= length % (2 * static_cast<size_t>(sound.channels));
            sound.samples.resize(length / 2);
            for (size_t i = 0; i < sound.samples.size(); ++i)
                sound.samples[i] = static_cast<std::int16_t>(le16(b, body + 2 * i));
            return sound;
        }
        if (size > available) break;
        at = body + size + (size & 1);  // chunks are padded to even sizes
    }
    return Result<PcmSound>::failure("WAV has no data chunk");
}

std::string pcm_wav_bytes(const PcmSound& sound) {
    std::string out;
    auto data_bytes = static_cast<std::uint32_t>(sound.samples.size() * 2);
    auto channels = static_cast<std::uint16_t>(sound.channels);
    auto rate = static_cast<std::uint32_t>(sound.rate);
    out += "RIFF";
    put32(out, 36 + data_bytes);
    out += "WAVEfmt ";
    put32(out, 16);
    put16(out, 1);
    put16(out, channels);
    put32(out, rate);
    put32(out, rate * channels * 2);
    put16(out, static_cast<std::uint16_t>(channels * 2));
    put16(out, 16);
    out += "data";
    put32(out, data_bytes);
    for (std::int16_t s : sound.samples) put16(out, static_cast<std::uint16_t>(s));
    return out;
}

Result<PcmSound> read_pcm_wav(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Result<PcmSound>::failure("cannot open " + path);
    std::stringstream s;
    s << in.rdbuf();
    auto sound = parse_pcm_wav(s.str());
    if (!sound) return Result<PcmSound>::failure(path + ": " + sound.error());
    return sound;
}

Status write_pcm_wav(const std::string& path, const PcmSound& sound) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    std::string bytes = pcm_wav_bytes(sound);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return Status::failure("cannot write " + path);
    return Status::success();
}

PcmSound trim_silence(const PcmSound& sound, int threshold, int keep_ms) {
    PcmSound out{sound.rate, sound.channels, {}};
    auto loud = [&](std::int16_t s) { return std::abs(static_cast<int>(s)) >= threshold; };
    auto first = std::find_if(sound.samples.begin(), sound.samples.end(), loud);
    if (first == sound.samples.end()) return out;
    auto last = std::find_if(sound.samples.rbegin(), sound.samples.rend(), loud).base();
    auto frame = static_cast<std::ptrdiff_t>(sound.channels);
    auto keep = static_cast<std::ptrdiff_t>(sound.rate) * keep_ms / 1000 * frame;
    std::ptrdiff_t begin = std::max<std::ptrdiff_t>(0, first - sound.samples.begin() - keep);
    std::ptrdiff_t end = std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(sound.samples.size()),
                                                  last - sound.samples.begin() + keep);
    begin -= begin % frame;
    end -= end % frame;
    out.samples.assign(sound.samples.begin() + begin, sound.samples.begin() + end);
    return out;
}

}  // namespace motcua::voice
