// motcua-kiosk --say, as a person setting up a board's speakers runs it.
#include <catch2/catch.hpp>

#include <filesystem>

#include "kiosk/voice/clip_library.hpp"
#include "kiosk/voice/pcm_wav.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;

TEST_CASE("say command: speaks the call with the generated clips and prints what it says") {
    motcua::test::TempDir dir;
    auto r = test::run({test::binary("motcua-kiosk"), "--say", "A012", "3A"}, std::chrono::seconds(60),
                       {"SDL_AUDIODRIVER=disk", "SDL_DISKAUDIOFILE=" + dir.file("played.raw"), "SDL_DISKAUDIODELAY=1"});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("saying: Mời công dân có số thứ tự A012 đến quầy số 3A") != std::string::npos);
    CHECK(r.output.find("clips: chime moi_cong_dan_co_so_thu_tu letter_a digit_0 digit_1 digit_2 den_quay_so "
                        "digit_3 letter_a") != std::string::npos);
    // More than three seconds of sound reached the (disk) sound card.
    auto bytes = std::filesystem::file_size(dir.file("played.raw"));
    CHECK(bytes > 3u * voice::ClipFormat::rate * 2u);
}

TEST_CASE("say command: a site recording named in voice.clips_dir is used") {
    motcua::test::TempDir dir;
    std::filesystem::create_directory(dir.file("site"));
    REQUIRE(voice::write_pcm_wav(dir.file("site/digit_3.wav"),
                                 voice::PcmSound{22050, 1, std::vector<std::int16_t>(5000, 3000)})
                .ok());
    dir.write("kiosk.toml", "[voice]\nclips_dir = \"" + dir.file("site") + "\"\n");
    auto r = test::run({test::binary("motcua-kiosk"), "--config", dir.file("kiosk.toml"), "--say", "A012", "3A"},
                       std::chrono::seconds(60),
                       {"SDL_AUDIODRIVER=disk", "SDL_DISKAUDIOFILE=" + dir.file("played.raw"), "SDL_DISKAUDIODELAY=1"});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("den_quay_so digit_3(site) letter_a") != std::string::npos);
}

TEST_CASE("say command: without a sound card it says so in one line and exits 1") {
    auto r = test::run({test::binary("motcua-kiosk"), "--say", "B001", "10"}, std::chrono::seconds(60),
                       {"SDL_AUDIODRIVER=no-such-sound-card"});
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("voice: no sound:") != std::string::npos);
    CHECK(r.output.find("saying: Mời công dân có số thứ tự B001 đến quầy số 10") != std::string::npos);
}

TEST_CASE("say command: a ticket without a counter is a command-line error") {
    auto r = test::run({test::binary("motcua-kiosk"), "--say", "A012"});
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("--say needs a value") != std::string::npos);
}
