// A kiosk whose clock is wrong (faketime), and `motcua-sync status` in each of its states.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "tests/sync/daemon_rig.hpp"

using namespace motcua;
using namespace std::chrono_literals;
using test::DaemonRig;

namespace {

// libfaketime is preloaded before the ASan runtime in the sanitizer build: tell ASan that is fine,
// keeping whatever ASAN_OPTIONS the run already has.
std::string asan_options_allowing_preload() {
    const char* given = std::getenv("ASAN_OPTIONS");
    return std::string("ASAN_OPTIONS=") + (given && *given ? std::string(given) + ":" : "") + "verify_asan_link_order=0";
}
const std::vector<std::string> kFakeClockEnv{"FAKETIME_DONT_FAKE_MONOTONIC=1", asan_options_allowing_preload()};

std::vector<std::string> fake_clock(const std::string& offset) { return {"/usr/bin/faketime", "-f", offset}; }

// append_ratings DB COUNT, under a kiosk clock `offset` from the truth.
test::RunResult append_ratings_at(const std::string& offset, const std::string& db, int count) {
    auto argv = fake_clock(offset);
    argv.push_back(std::string(MOTCUA_BINARY_DIR) + "/tests/sync/append_ratings");
    argv.push_back(db);
    argv.push_back(std::to_string(count));
    return test::run(argv, 30s, kFakeClockEnv);
}

// The kiosk writes ratings and sends them with its clock `offset` from the truth.
void deliver_with_wrong_clock(const std::string& offset, std::int64_t expected_offset_ms) {
    DaemonRig rig;
    rig.enrol_with_real_server();
    auto appended = append_ratings_at(offset, rig.kiosk_db, 9);
    INFO(appended.output);
    REQUIRE(appended.exit_code == 0);
    rig.rate(3);  // and three more after someone set the clock right
    auto r = rig.sync({"run", "--once"}, fake_clock(offset), kFakeClockEnv);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    rig.check_delivered_exactly_once();  // accepted, in seq order, whatever their `at` says

    auto fleet = rig.fleet_entry();
    INFO(fleet.dump());
    REQUIRE(fleet["clock_offset_ms"].is_number_integer());
    CHECK(std::llabs(fleet["clock_offset_ms"].get<std::int64_t>() - expected_offset_ms) < 10'000);
    REQUIRE(fleet["clock_skew_reported_ms"].is_number_integer());
    CHECK(std::llabs(fleet["clock_skew_reported_ms"].get<std::int64_t>() - expected_offset_ms) < 10'000);
    auto table = rig.cli({"devices"});
    CHECK_THAT(table.output, Catch::Contains(expected_offset_ms < 0 ? "chậm 24 giờ" : "nhanh 365 ngày"));

    auto [code, status] = rig.status();
    REQUIRE(status["clock_skew_ms"].is_number_integer());
    CHECK(std::llabs(status["clock_skew_ms"].get<std::int64_t>() - expected_offset_ms) < 10'000);
    auto text = rig.sync({"status"});
    CHECK_THAT(text.output, Catch::Contains(expected_offset_ms < 0 ? "24 h 0 min behind the server"
                                                                   : "365 days ahead of the server"));
}

}  // namespace

TEST_CASE("a kiosk clock a day behind still delivers in seq order and the server records the offset") {
    deliver_with_wrong_clock("-1d", -86'400'000);
}

TEST_CASE("a kiosk clock a year ahead still delivers in seq order and the server records the offset") {
    deliver_with_wrong_clock("+365d", 365LL * 86'400'000);
}

TEST_CASE("status says not enrolled with exit code 4") {
    DaemonRig rig;
    auto [code, status] = rig.status();
    CHECK(code == 4);
    CHECK(status["state"] == "not_enrolled");
    CHECK(status["exit_code"] == 4);
    CHECK(status["device_id"].is_null());
    CHECK_THAT(status["state_words"].get<std::string>(), Catch::Contains("enrol first"));
}

TEST_CASE("status says healthy with exit code 0 once everything is on the server") {
    DaemonRig rig;
    rig.enrol_with_real_server();
    rig.rate(4);
    REQUIRE(rig.sync({"run", "--once"}).exit_code == 0);
    auto [code, status] = rig.status();
    CHECK(code == 0);
    CHECK(status["state"] == "healthy");
    CHECK(status["waiting"] == 0);
    CHECK(status["oldest_unsent_at"].is_null());
    CHECK(status["last_success_age_s"].is_number_integer());
    CHECK(status["hash_chain"]["ok"] == true);
    CHECK(status["hash_chain"]["events"] == 4);
    CHECK(status["device_id"] == rig.device_id());
}

TEST_CASE("status says behind with exit code 7 when the oldest unsent event is older than the setting") {
    DaemonRig rig;
    rig.enrol_with_real_server();
    rig.toml["sync"]["behind_warning_minutes"] = "60";
    rig.write_settings();
    // Written two hours ago (as far as the event's time says) and not sent since.
    auto appended = append_ratings_at("-2h", rig.kiosk_db, 2);
    REQUIRE(appended.exit_code == 0);
    auto [code, status] = rig.status();
    CHECK(code == 7);
    CHECK(status["state"] == "behind");
    CHECK(status["waiting"] == 2);
    CHECK(status["oldest_unsent_age_s"].get<std::int64_t>() >= 7200 - 60);
    auto text = rig.sync({"status"});
    CHECK(text.exit_code == 7);
    CHECK_THAT(text.output, Catch::Contains("behind: the oldest unsent event waits for 2 h"));

    REQUIRE(rig.sync({"run", "--once"}).exit_code == 0);
    std::tie(code, status) = rig.status();
    CHECK(code == 0);
}

TEST_CASE("status says device unknown with exit code 5 after the server revoked the device") {
    DaemonRig rig;
    rig.enrol_with_real_server();
    REQUIRE(rig.cli({"device", "revoke", "--device", rig.device_id()}).exit_code == 0);
    rig.rate(2);
    auto r = rig.sync({"run", "--once"});
    CHECK(r.exit_code == 4);
    auto [code, status] = rig.status();
    CHECK(code == 5);
    CHECK(status["state"] == "device_unknown");
    CHECK(status["waiting"] == 2);
    CHECK_THAT(status["state_words"].get<std::string>(), Catch::Contains("enrol it again"));
}
