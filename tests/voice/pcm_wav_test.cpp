// The WAV files the build writes (clips, chime) and reads (espeak-ng's output).
#include <catch2/catch.hpp>

#include <cstdlib>

#include "kiosk/voice/chime.hpp"
#include "kiosk/voice/pcm_wav.hpp"

using namespace motcua::voice;

TEST_CASE("pcm wav: a written clip reads back with the same rate and samples") {
    PcmSound s{44100, 2, {1, -1, 300, -300, 32767, -32768}};
    auto back = parse_pcm_wav(pcm_wav_bytes(s));
    REQUIRE(back.ok());
    CHECK(back->rate == 44100);
    CHECK(back->channels == 2);
    CHECK(back->samples == s.samples);
}

TEST_CASE("pcm wav: a data chunk claiming more than the file holds is read to the end of the file") {
    PcmSound s{22050, 1, {5, 6, 7, 8}};
    std::string bytes = pcm_wav_bytes(s);
    bytes[40] = '\xFF';  // data size 0x...FF: what a streaming writer leaves
    bytes[41] = '\xFF';
    auto back = parse_pcm_wav(bytes);
    REQUIRE(back.ok());
    CHECK(back->samples == s.samples);
}

TEST_CASE("pcm wav: files that are not 16-bit PCM WAV are refused with a reason") {
    CHECK_FALSE(parse_pcm_wav("hello").ok());
    std::string bytes = pcm_wav_bytes(PcmSound{22050, 1, {1}});
    bytes[34] = 8;  // 8 bits per sample
    auto r = parse_pcm_wav(bytes);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("16-bit") != std::string::npos);
}

TEST_CASE("pcm wav: trimming keeps the speech and a short margin of silence at each end") {
    PcmSound s{1000, 1, std::vector<std::int16_t>(1000, 0)};
    for (int i = 400; i < 500; ++i) s.samples[static_cast<size_t>(i)] = 5000;
    PcmSound t = trim_silence(s, 100, 20);
    CHECK(t.samples.size() == 140);  // 100 loud + 20 ms = 20 samples each side
    CHECK(t.samples.front() == 0);
    CHECK(t.samples[20] == 5000);
    CHECK(trim_silence(PcmSound{1000, 1, std::vector<std::int16_t>(50, 3)}, 100, 20).samples.empty());
}

TEST_CASE("chime: two tones that start and end softly without a click") {
    PcmSound c = make_chime(22050);
    CHECK(c.seconds() == Approx(1.25).margin(0.01));
    int peak = 0;
    for (auto v : c.samples) peak = std::max(peak, std::abs(static_cast<int>(v)));
    CHECK(peak > 8000);    // audible
    CHECK(peak < 30000);   // soft: never at full scale
    CHECK(std::abs(static_cast<int>(c.samples.front())) < 200);
    CHECK(std::abs(static_cast<int>(c.samples.back())) < 200);
    // The second tone begins at 0.45 s: the sound there is louder than just before it.
    auto level = [&](double from, double to) {
        int m = 0;
        for (auto i = static_cast<size_t>(from * 22050); i < static_cast<size_t>(to * 22050); ++i)
            m = std::max(m, std::abs(static_cast<int>(c.samples[i])));
        return m;
    };
    CHECK(level(0.47, 0.50) > level(0.40, 0.44));
}
