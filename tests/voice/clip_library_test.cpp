// Clips as a board loads them: the build's generated ones, and a site's own recordings that
// replace them one by one.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "kiosk/voice/announcer.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/voice/voice_test_clips.hpp"

using namespace motcua;
using namespace motcua::voice;

namespace {
const std::string kGeneratedDir = std::string(MOTCUA_BINARY_DIR) + "/share/motcua/voice/vi";
}

TEST_CASE("generated clips: the build made a spoken WAV for every clip and lists it in clips.txt") {
    std::ifstream list(kGeneratedDir + "/clips.txt");
    std::stringstream listed;
    listed << list.rdbuf();
    auto lib = ClipLibrary::load(kGeneratedDir, "", 100);
    INFO(kGeneratedDir);
    CHECK(lib.problems().empty());
    for (const auto& spec : clip_specs()) {
        std::string name(spec.name);
        INFO(name);
        CHECK(listed.str().find(name + ".wav\t") != std::string::npos);
        REQUIRE(lib.samples(name) != nullptr);
        double seconds = static_cast<double>(lib.samples(name)->size()) / ClipFormat::rate;
        // A letter or digit takes a tenth of a second or more; the longest phrase is a few seconds.
        CHECK(seconds > 0.1);
        CHECK(seconds < 3.0);
        int peak = 0;
        for (auto v : *lib.samples(name)) peak = std::max(peak, std::abs(static_cast<int>(v)));
        CHECK(peak > 3000);  // something is said, loud enough to hear
    }
    auto invitation = lib.samples("moi_cong_dan_co_so_thu_tu")->size();
    CHECK(invitation > 3 * lib.samples("letter_b")->size());  // the sentence is longer than a letter
}

TEST_CASE("site recordings: a site's clip replaces the generated one and the others stay generated") {
    motcua::test::TempDir generated, site;
    auto clips = voice_test::write_test_clips(generated.path().string());
    std::vector<std::int16_t> own(2000, -1234);
    REQUIRE(write_pcm_wav(site.file("digit_0.wav"), PcmSound{ClipFormat::rate, 1, own}).ok());
    auto lib = ClipLibrary::load(generated.path().string(), site.path().string(), 100);
    CHECK(lib.problems().empty());
    CHECK(lib.source("digit_0") == ClipSource::site);
    CHECK(*lib.samples("digit_0") == own);
    CHECK(lib.source("digit_1") == ClipSource::generated);
    CHECK(*lib.samples("digit_1") == clips["digit_1"]);
}

TEST_CASE("site recordings: a recording in another format is converted to the board's format") {
    motcua::test::TempDir generated, site;
    voice_test::write_test_clips(generated.path().string());
    // Half a second of stereo at 22 050 Hz, as a phone or a recorder might give.
    std::vector<std::int16_t> stereo(22050, 8000);
    REQUIRE(write_pcm_wav(site.file("letter_b.wav"), PcmSound{22050, 2, stereo}).ok());
    auto lib = ClipLibrary::load(generated.path().string(), site.path().string(), 100);
    REQUIRE(lib.source("letter_b") == ClipSource::site);
    double seconds = static_cast<double>(lib.samples("letter_b")->size()) / ClipFormat::rate;
    CHECK(seconds == Approx(0.5).margin(0.02));
    CHECK(lib.samples("letter_b")->at(lib.samples("letter_b")->size() / 2) == Approx(8000).margin(50));
}

TEST_CASE("site recordings: a broken WAV is reported once in plain words and the generated clip is used") {
    motcua::test::TempDir generated, site;
    auto clips = voice_test::write_test_clips(generated.path().string());
    const char broken[] = "RIFF\x10\x00\x00\x00WAVEjunk that is no sound";
    site.write("den_quay_so.wav", std::string(broken, sizeof broken - 1));
    setenv("SDL_AUDIODRIVER", "dummy", 1);  // no sound card needed; nothing is heard
    std::ostringstream log;
    AnnouncerOptions options;
    options.generated_dir = generated.path().string();
    options.site_dir = site.path().string();
    auto announcer = Announcer::create(options, log);
    CHECK(announcer->clips().source("den_quay_so") == ClipSource::generated);
    CHECK(*announcer->clips().samples("den_quay_so") == clips["den_quay_so"]);
    std::vector<std::string> about_it;
    for (const auto& p : announcer->problems())
        if (p.find("den_quay_so.wav") != std::string::npos) about_it.push_back(p);
    REQUIRE(about_it.size() == 1);
    CHECK(about_it[0].find("cannot be used") != std::string::npos);
    CHECK(about_it[0].find("the generated clip is used instead") != std::string::npos);
    // Calls do not repeat the report.
    for (int i = 0; i < 3; ++i) announcer->announce(call_phrase("A00" + std::to_string(i), "1"));
    std::string logged = log.str();
    size_t first = logged.find("den_quay_so.wav");
    REQUIRE(first != std::string::npos);
    CHECK(logged.find("den_quay_so.wav", first + 1) == std::string::npos);
}

TEST_CASE("site recordings: a cut-off file that claims more sound than it holds plays what it holds") {
    motcua::test::TempDir dir;
    std::string bytes = pcm_wav_bytes(PcmSound{ClipFormat::rate, 1, std::vector<std::int16_t>(300, 700)});
    for (size_t i : {4u, 40u}) bytes.replace(i, 4, "\xF0\xFF\xFF\xFF");  // RIFF and data sizes: ~4 GB
    dir.write("letter_a.wav", bytes);
    LoadedClip clip = load_clip_file(dir.file("letter_a.wav"));
    INFO(clip.error);
    REQUIRE(clip.ok);
    CHECK(clip.samples == std::vector<std::int16_t>(300, 700));
}

TEST_CASE("site recordings: a site folder that does not exist is reported and the generated clips are used") {
    motcua::test::TempDir generated;
    auto clips = voice_test::write_test_clips(generated.path().string());
    auto lib = ClipLibrary::load(generated.path().string(), generated.file("no-such-folder"), 100);
    REQUIRE(lib.problems().size() == 1);
    CHECK(lib.problems()[0].find("voice.clips_dir") != std::string::npos);
    CHECK(*lib.samples("chime") == clips["chime"]);
}

TEST_CASE("voice volume: half volume halves every clip") {
    motcua::test::TempDir generated;
    auto clips = voice_test::write_test_clips(generated.path().string());
    auto lib = ClipLibrary::load(generated.path().string(), "", 50);
    CHECK(lib.samples("digit_5")->front() == clips["digit_5"].front() / 2);
}
