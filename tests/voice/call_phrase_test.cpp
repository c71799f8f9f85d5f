// What the board says and shows for a call: the clip order a listener hears, and the same call
// as text on screen.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "kiosk/voice/call_phrase.hpp"

using motcua::voice::call_phrase;
using motcua::voice::clip_specs;
using Clips = std::vector<std::string>;

namespace {
// The clips between "đến quầy số" and the end: how the counter is read.
Clips counter_clips(const std::string& counter) {
    Clips all = call_phrase("A001", counter).clips;
    auto it = std::find(all.begin(), all.end(), "den_quay_so");
    return Clips(it + 1, all.end());
}
}  // namespace

TEST_CASE("call phrase: A012 to counter 3A is chime then the invitation then each character") {
    auto p = call_phrase("A012", "3A");
    CHECK(p.clips == Clips{"chime", "moi_cong_dan_co_so_thu_tu", "letter_a", "digit_0", "digit_1", "digit_2",
                           "den_quay_so", "digit_3", "letter_a"});
    CHECK(p.text == "Mời công dân có số thứ tự A012 đến quầy số 3A");
}

TEST_CASE("call phrase: ticket digits are read one by one even when they make a number") {
    auto p = call_phrase("B105", "1");
    CHECK(Clips(p.clips.begin() + 2, p.clips.begin() + 6) == Clips{"letter_b", "digit_1", "digit_0", "digit_5"});
}

TEST_CASE("call phrase: counters 10 to 99 are read as numbers the way announcers say them") {
    CHECK(counter_clips("10") == Clips{"number_10"});
    CHECK(counter_clips("11") == Clips{"number_10", "digit_1"});
    CHECK(counter_clips("15") == Clips{"number_10", "number_5_after_tens"});
    CHECK(counter_clips("20") == Clips{"digit_2", "number_tens"});
    CHECK(counter_clips("21") == Clips{"digit_2", "number_tens", "number_1_after_tens"});
    CHECK(counter_clips("25") == Clips{"digit_2", "number_tens", "number_5_after_tens"});
    CHECK(counter_clips("34") == Clips{"digit_3", "number_tens", "digit_4"});
    CHECK(counter_clips("7") == Clips{"digit_7"});
}

TEST_CASE("call phrase: counters with a leading zero or three digits are read digit by digit") {
    CHECK(counter_clips("05") == Clips{"digit_0", "digit_5"});
    CHECK(counter_clips("101") == Clips{"digit_1", "digit_0", "digit_1"});
    CHECK(counter_clips("12B") == Clips{"number_10", "digit_2", "letter_b"});
}

TEST_CASE("call phrase: a counter named by a letter alone is read by its Vietnamese name") {
    CHECK(counter_clips("B") == Clips{"letter_b"});
    CHECK(counter_clips("c") == Clips{"letter_c"});
}

TEST_CASE("call phrase: Vietnamese letters in a prefix are read by their own names in either case") {
    auto p = call_phrase("ĐƯ01", "ơ");
    CHECK(Clips(p.clips.begin() + 2, p.clips.begin() + 4) == Clips{"letter_dd", "letter_uw"});
    CHECK(p.clips.back() == "letter_ow");
    CHECK(call_phrase("đ1", "1").clips[2] == "letter_dd");
    CHECK(p.text == "Mời công dân có số thứ tự ĐƯ01 đến quầy số ơ");
}

TEST_CASE("call phrase: signs and broken bytes are shown but not spoken") {
    auto p = call_phrase("A-0 1", std::string("3\xC3", 2));
    CHECK(p.clips == Clips{"chime", "moi_cong_dan_co_so_thu_tu", "letter_a", "digit_0", "digit_1", "den_quay_so",
                           "digit_3"});
    CHECK(p.text.find("A-0 1") != std::string::npos);
}

TEST_CASE("call phrase: every clip a call can use is in the clip list the build generates") {
    std::set<std::string> known;
    for (const auto& spec : clip_specs()) CHECK(known.insert(std::string(spec.name)).second);
    std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZĂÂĐÊÔƠƯ0123456789";
    std::vector<std::string> counters = {"10", "11", "15", "21", "25", "99", "3A"};
    for (const auto& counter : counters)
        for (const auto& clip : call_phrase(alphabet, counter).clips) CHECK(known.count(clip) == 1);
    // 26 Latin letters + 7 Vietnamese ones + 10 digits: each has its own clip.
    auto p = call_phrase(alphabet, "1");
    CHECK(std::set<std::string>(p.clips.begin() + 2, p.clips.end() - 2).size() == 43);
}
