// The announcer with real SDL audio. SDL's `disk` driver writes what a sound card would play
// into a file, in real time, so the file shows what a person in the hall would hear, in order.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "kiosk/voice/announcer.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/voice/voice_test_clips.hpp"

using namespace motcua;
using namespace motcua::voice;

namespace {

using Samples = std::vector<std::int16_t>;

void use_disk_audio(const std::string& file) {
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", file.c_str(), 1);
    unsetenv("SDL_DISKAUDIODELAY");  // the driver's own pace: one buffer per buffer's duration
}

AnnouncerOptions test_options(const std::string& generated_dir) {
    AnnouncerOptions o;
    o.generated_dir = generated_dir;
    o.gap_ms = 20;
    o.after_chime_ms = 30;
    o.tail_ms = 100;
    return o;
}

void add_silence(Samples& out, int ms) { out.insert(out.end(), static_cast<size_t>(ClipFormat::rate * ms / 1000), 0); }

// What a listener must hear for one call, from the test's own clips and the options' pauses.
Samples expected_call(const CallPhrase& call, std::map<std::string, Samples>& clips, const AnnouncerOptions& o,
                      bool with_tail) {
    Samples out;
    for (size_t i = 0; i < call.clips.size(); ++i) {
        const auto& clip = clips.at(call.clips[i]);
        out.insert(out.end(), clip.begin(), clip.end());
        if (i + 1 < call.clips.size()) add_silence(out, call.clips[i] == "chime" ? o.after_chime_ms : o.gap_ms);
    }
    if (with_tail) add_silence(out, o.tail_ms);
    return out;
}

// Lets the board's timer run until the device has played everything and closed (bounded).
bool wait_until_spoken(Announcer& a, std::chrono::seconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (a.update())
        if (std::chrono::steady_clock::now() > deadline) return false;
        else std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return true;
}

}  // namespace

TEST_CASE("announcer: three calls made at once are played whole one after another in order") {
    motcua::test::TempDir dir;
    auto clips = voice_test::write_test_clips(dir.path().string());
    use_disk_audio(dir.file("played.raw"));
    std::ostringstream log;
    AnnouncerOptions options = test_options(dir.path().string());
    auto announcer = Announcer::create(options, log);
    INFO(log.str());
    REQUIRE(announcer->audible());
    CHECK(announcer->problems().empty());

    std::vector<CallPhrase> calls = {call_phrase("A012", "3A"), call_phrase("B105", "10"), call_phrase("C007", "B")};
    for (const auto& c : calls) announcer->announce(c);
    CHECK(announcer->calls_waiting() == 3);
    REQUIRE(announcer->announced().size() == 3);
    CHECK(announcer->announced()[1].text == "Mời công dân có số thứ tự B105 đến quầy số 10");
    REQUIRE(wait_until_spoken(*announcer, std::chrono::seconds(20)));
    CHECK(announcer->calls_waiting() == 0);
    CHECK_FALSE(announcer->device_open());

    Samples expected;
    for (size_t i = 0; i < calls.size(); ++i) {
        Samples one = expected_call(calls[i], clips, options, i + 1 < calls.size());
        expected.insert(expected.end(), one.begin(), one.end());
    }
    Samples played = voice_test::read_samples(dir.file("played.raw"));
    // Silence may come before the first call (the device starts paused) and after the last.
    auto first_sound = std::find_if(played.begin(), played.end(), [](auto s) { return s != 0; });
    REQUIRE(first_sound != played.end());
    auto offset = static_cast<size_t>(first_sound - played.begin());
    REQUIRE(played.size() - offset >= expected.size());
    Samples heard(first_sound, first_sound + static_cast<std::ptrdiff_t>(expected.size()));
    // Compare where they first differ, so a failure says where in the calls it went wrong.
    auto mismatch = std::mismatch(heard.begin(), heard.end(), expected.begin());
    INFO("first difference at sample " << (mismatch.first - heard.begin()) << " of " << expected.size());
    CHECK(heard == expected);
    CHECK(std::all_of(played.begin() + static_cast<std::ptrdiff_t>(offset + expected.size()), played.end(),
                      [](auto s) { return s == 0; }));
}

TEST_CASE("announcer: a call made after the last one ended is played again from a reopened device") {
    motcua::test::TempDir dir;
    auto clips = voice_test::write_test_clips(dir.path().string());
    use_disk_audio(dir.file("played.raw"));
    std::ostringstream log;
    AnnouncerOptions options = test_options(dir.path().string());
    auto announcer = Announcer::create(options, log);
    announcer->announce(call_phrase("A001", "1"));
    REQUIRE(wait_until_spoken(*announcer, std::chrono::seconds(20)));
    CHECK_FALSE(announcer->device_open());  // idle: no audio thread running
    CallPhrase second = call_phrase("A002", "2");
    announcer->announce(second);
    CHECK(announcer->device_open());
    REQUIRE(wait_until_spoken(*announcer, std::chrono::seconds(20)));
    // The disk driver starts a new file for each opening: it holds the second call.
    Samples played = voice_test::read_samples(dir.file("played.raw"));
    Samples expected = expected_call(second, clips, options, false);
    auto start = std::find_if(played.begin(), played.end(), [](auto s) { return s != 0; });
    REQUIRE(static_cast<size_t>(played.end() - start) >= expected.size());
    CHECK(Samples(start, start + static_cast<std::ptrdiff_t>(expected.size())) == expected);
    CHECK(announcer->announced().size() == 2);
}

TEST_CASE("announcer: a burst of calls is played in order with every clip whole") {
    motcua::test::TempDir dir;
    auto clips = voice_test::write_test_clips(dir.path().string());
    use_disk_audio(dir.file("played.raw"));
    setenv("SDL_DISKAUDIODELAY", "2", 1);  // ten times faster than real time: a long burst in seconds
    std::ostringstream log;
    auto announcer = Announcer::create(test_options(dir.path().string()), log);
    std::vector<std::string> expected;
    const int calls = 40;
    for (int i = 0; i < calls; ++i) {
        CallPhrase call = call_phrase("A" + std::to_string(100 + i), std::to_string(1 + i % 25));
        expected.insert(expected.end(), call.clips.begin(), call.clips.end());
        announcer->announce(call);
    }
    CHECK(announcer->calls_waiting() == calls);
    CHECK(announcer->announced_count() == calls);
    REQUIRE(wait_until_spoken(*announcer, std::chrono::seconds(60)));
    // Read the clips back from the sound: each is a run of its own value, of its own length, and
    // runs are parted by silence. At this speed the pause between two calls may be longer.
    std::map<std::int16_t, std::string> by_value;
    for (const auto& [name, samples] : clips) by_value[samples.front()] = name;
    Samples played = voice_test::read_samples(dir.file("played.raw"));
    std::vector<std::string> heard;
    for (size_t i = 0; i < played.size();) {
        if (played[i] == 0) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end < played.size() && played[end] == played[i]) ++end;
        auto name = by_value.find(played[i]);
        REQUIRE(name != by_value.end());  // a mix of two clips would make a value of neither
        INFO("clip " << heard.size() << ": " << name->second);
        CHECK(end - i == clips[name->second].size());  // whole, not cut
        heard.push_back(name->second);
        i = end;
    }
    CHECK(heard == expected);
}

TEST_CASE("announcer: without an audio device it warns once in one line and keeps every call") {
    motcua::test::TempDir dir;
    voice_test::write_test_clips(dir.path().string());
    setenv("SDL_AUDIODRIVER", "no-such-sound-card", 1);
    std::ostringstream log;
    auto announcer = Announcer::create(test_options(dir.path().string()), log);
    CHECK_FALSE(announcer->audible());
    for (int i = 1; i <= 3; ++i) announcer->announce(call_phrase("A00" + std::to_string(i), "1"));
    CHECK(announcer->announced().size() == 3);
    CHECK(announcer->calls_waiting() == 0);
    CHECK_FALSE(announcer->update());
    REQUIRE(announcer->problems().size() == 1);
    CHECK(announcer->problems()[0].find("no sound") != std::string::npos);
    CHECK(announcer->problems()[0].find("shown on the board but not spoken") != std::string::npos);
    std::string logged = log.str();
    CHECK(std::count(logged.begin(), logged.end(), '\n') == 1);
}

TEST_CASE("announcer: with voice off nothing is opened and calls are still kept") {
    setenv("SDL_AUDIODRIVER", "no-such-sound-card", 1);
    std::ostringstream log;
    AnnouncerOptions options;
    options.enabled = false;
    auto announcer = Announcer::create(options, log);
    announcer->announce(call_phrase("A001", "1"));
    CHECK(announcer->announced().size() == 1);
    CHECK_FALSE(announcer->device_open());
    CHECK(announcer->problems().empty());
    CHECK(log.str().empty());
}
