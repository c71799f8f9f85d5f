// Officers' PINs: stored as a slow salted hash, checked in constant time, malformed hashes refused
// by name, and the lockout that stops guessing at a counter.
#include "core/pin_hash.hpp"

#include <catch2/catch.hpp>

#include "core/officers.hpp"

using namespace motcua;

namespace {
// Cheap parameters keep the tests quick; the stored string carries them, so verify uses them too.
const PinHashParams kQuick{10, 8, 1};

std::string quick_hash(const char* pin) {
    auto h = hash_pin(pin, kQuick);
    REQUIRE(h.ok());
    return h.value();
}
}  // namespace

TEST_CASE("a PIN verifies against its own hash and a wrong PIN does not") {
    std::string stored = quick_hash("204517");
    CHECK(stored.rfind("$scrypt$ln=10,r=8,p=1$", 0) == 0);
    CHECK(stored.find("204517") == std::string::npos);
    CHECK(verify_pin("204517", stored).value());
    CHECK_FALSE(verify_pin("204518", stored).value());
    CHECK_FALSE(verify_pin("20451", stored).value());
    CHECK_FALSE(verify_pin("", stored).value());
}

TEST_CASE("the default parameters are written into the hash and verify") {
    auto stored = hash_pin("8642");
    REQUIRE(stored.ok());
    CHECK(stored->rfind("$scrypt$ln=14,r=8,p=2$", 0) == 0);
    CHECK(verify_pin("8642", stored.value()).value());
    CHECK_FALSE(verify_pin("8643", stored.value()).value());
}

TEST_CASE("two hashes of the same PIN differ by their salt") {
    std::string a = quick_hash("1111"), b = quick_hash("1111");
    CHECK(a != b);
    CHECK(verify_pin("1111", a).value());
    CHECK(verify_pin("1111", b).value());
}

TEST_CASE("a PIN must be 4 to 12 digits to be hashed") {
    CHECK_FALSE(hash_pin("123", kQuick).ok());
    CHECK_FALSE(hash_pin("1234567890123", kQuick).ok());
    CHECK_FALSE(hash_pin("12a4", kQuick).ok());
    CHECK(hash_pin("", kQuick).error() == "a PIN must be 4 to 12 digits");
    CHECK(hash_pin("123456789012", kQuick).ok());
}

TEST_CASE("a malformed stored hash is a named failure and matches no PIN") {
    std::string good = quick_hash("1234");
    auto dollar = good.rfind('$');
    const std::pair<std::string, std::string> cases[] = {
        {"", "must start with"},
        {"1234", "must start with"},
        {"$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA", "must start with"},
        {"$scrypt$ln=14,r=8,p=1", "needs parameters, salt and hash"},
        {"$scrypt$ln=14,r=8,p=1$abcdefghijk", "needs parameters, salt and hash"},
        {"$scrypt$ln=14,r=8$" + good.substr(good.find('$', 9) + 1), "parameters must read"},
        {"$scrypt$ln=30,r=8,p=1$" + good.substr(good.find('$', 9) + 1), "parameters must read"},
        {"$scrypt$ln=14,r=8,p=1,x=2$" + good.substr(good.find('$', 9) + 1), "parameters must read"},
        {"$scrypt$ln=20,r=32,p=1$" + good.substr(good.find('$', 9) + 1), "more than 256 MiB"},
        {good.substr(0, dollar) + "$", "hash must be"},
        {good.substr(0, dollar) + "$!!notbase64!!", "hash must be"},
        {"$scrypt$ln=10,r=8,p=1$AAAA$" + good.substr(dollar + 1), "salt must be"},
    };
    for (const auto& [stored, named] : cases) {
        INFO(stored);
        auto r = verify_pin("1234", stored);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::Contains(named));
    }
}

TEST_CASE("after five wrong PINs an officer is refused for a minute") {
    PinLockout lockout;
    const std::int64_t t0 = 1'000'000;
    for (int i = 0; i < 4; ++i) {
        CHECK(lockout.locked_for_ms("cb01", t0 + i) == 0);
        lockout.record_wrong("cb01", t0 + i);
    }
    CHECK(lockout.wrong_count("cb01", t0 + 4) == 4);
    CHECK(lockout.locked_for_ms("cb01", t0 + 4) == 0);
    lockout.record_wrong("cb01", t0 + 4);  // the fifth
    CHECK(lockout.locked_for_ms("cb01", t0 + 4) == 60'000);
    CHECK(lockout.locked_for_ms("cb01", t0 + 4 + 59'999) == 1);
    // Another officer at the same counter is not held up.
    CHECK(lockout.locked_for_ms("cb02", t0 + 5) == 0);
    // Wrong tries while locked do not lengthen the lock (they were never checked).
    lockout.record_wrong("cb01", t0 + 30'000);
    CHECK(lockout.locked_for_ms("cb01", t0 + 4 + 60'000) == 0);
    // After the lock, a fresh count: one wrong PIN does not lock again.
    CHECK(lockout.wrong_count("cb01", t0 + 4 + 60'000) == 0);
    lockout.record_wrong("cb01", t0 + 70'000);
    CHECK(lockout.locked_for_ms("cb01", t0 + 70'000) == 0);
    CHECK(lockout.wrong_count("cb01", t0 + 70'000) == 1);
}

TEST_CASE("a right PIN clears the count of wrong ones") {
    PinLockout lockout;
    for (int i = 0; i < 4; ++i) lockout.record_wrong("cb01", i);
    lockout.record_right("cb01");
    lockout.record_wrong("cb01", 10);
    CHECK(lockout.wrong_count("cb01", 10) == 1);
    CHECK(lockout.locked_for_ms("cb01", 10) == 0);
}

TEST_CASE("with a window wrong tries older than it start the count again and the lock says when it starts") {
    PinLockout lockout(3, 60'000, 60'000);
    CHECK_FALSE(lockout.record_wrong("10.0.0.7", 0));
    CHECK_FALSE(lockout.record_wrong("10.0.0.7", 30'000));
    // The third wrong try comes after the window of the first: a fresh count, no lock.
    CHECK_FALSE(lockout.record_wrong("10.0.0.7", 60'000));
    CHECK(lockout.wrong_count("10.0.0.7", 60'000) == 1);
    CHECK(lockout.locked_for_ms("10.0.0.7", 60'000) == 0);
    CHECK_FALSE(lockout.record_wrong("10.0.0.7", 61'000));
    CHECK(lockout.record_wrong("10.0.0.7", 62'000));  // three within the window: the lock starts
    CHECK(lockout.locked_for_ms("10.0.0.7", 62'000) == 60'000);
    CHECK_FALSE(lockout.record_wrong("10.0.0.7", 63'000));  // already locked: not a new lock
}

TEST_CASE("officers from settings rows are checked and name the entry at fault") {
    std::string hash = quick_hash("1234");
    std::vector<SettingRow> rows{{{"id", "cb01"}, {"name", "Nguyễn Văn An"}, {"pin_hash", hash}, {"counters", "1, 3A"}},
                                 {{"id", "cb02"}, {"name", "Trần Thị Bình"}, {"pin_hash", hash}}};
    auto officers = officers_from_rows(rows, "queue.officers");
    REQUIRE(officers.ok());
    REQUIRE(officers->size() == 2);
    CHECK(officers->at(0).counters == std::vector<std::string>{"1", "3A"});
    CHECK(officers->at(0).may_sign_in_at("3A"));
    CHECK_FALSE(officers->at(0).may_sign_in_at("2"));
    CHECK(officers->at(1).may_sign_in_at("2"));
    CHECK(find_officer(officers.value(), "cb02")->name == "Trần Thị Bình");
    CHECK(find_officer(officers.value(), "cb03") == nullptr);

    auto broken = rows;
    broken[1]["pin_hash"] = "1234";  // the PIN itself pasted in place of its hash
    CHECK_THAT(officers_from_rows(broken, "queue.officers").error(),
               Catch::StartsWith("queue.officers entry 2.pin_hash: a PIN hash must start with"));
    broken = rows;
    broken[1]["id"] = "cb01";
    CHECK(officers_from_rows(broken, "queue.officers").error() == "queue.officers entry 2.id: \"cb01\" is listed twice");
    broken = rows;
    broken[0]["counter"] = "1";
    CHECK_THAT(officers_from_rows(broken, "queue.officers").error(),
               Catch::StartsWith("queue.officers entry 1: unknown key \"counter\""));
    broken = rows;
    broken[0]["counters"] = "1,,2";
    CHECK(officers_from_rows(broken, "queue.officers").error() ==
          "queue.officers entry 1.counters: an empty id between commas");
}

TEST_CASE("officers from the config list round-trip and are checked like the rows") {
    std::string hash = quick_hash("1234");
    std::vector<Officer> officers{{"cb01", "Nguyễn Văn An", hash, {"1"}}, {"cb02", "Trần Thị Bình", hash, {}}};
    auto back = officers_from_json(officers_to_json(officers), "officers");
    REQUIRE(back.ok());
    CHECK(back->at(0).counters == officers[0].counters);
    CHECK(back->at(1).pin_hash == hash);
    json bad = officers_to_json(officers);
    bad[1]["pin_hash"] = "$scrypt$ln=14";
    CHECK_THAT(officers_from_json(bad, "officers").error(), Catch::StartsWith("officers[1].pin_hash: "));
    bad = officers_to_json(officers);
    bad[0]["counters"] = "1";
    CHECK(officers_from_json(bad, "officers").error() == "officers[0].counters: must be a list of counter ids");
    CHECK(officers_from_json(json::object(), "officers").error() == "officers: must be a list");
}
