#include <catch2/catch.hpp>

#include "kiosk/roles/rating/rating_controller.hpp"
#include "kiosk/kiosk_settings.hpp"
#include "tests/kiosk/kiosk_test_helpers.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;

namespace {
struct Fixture {
    test::TempDir dir;
    std::string db = dir.file("kiosk.db");
    EventStore store = std::move(EventStore::open(db).value());
    RatingConfig config = RatingConfig::from_settings(Settings(kiosk_settings())).value();
    // Not the machine's /var/lib/motcua file; config_switch_test.cpp covers the pulled configuration.
    Fixture() { config.pulled_config_path.clear(); }
};
}  // namespace

TEST_CASE("rating each happy level writes exactly one durable event and thanks") {
    Fixture f;
    RatingController c(f.config, f.store, 0);
    int written = 0;
    for (const auto& level : f.config.scale.levels) {
        if (level.asks_reason) continue;
        REQUIRE(c.model().screen == Screen::Rating);
        CHECK(c.apply(intent::Rate{level.score}, 1000));
        CHECK(c.model().screen == Screen::Thanks);
        ++written;
        auto ratings = test::durable_ratings(f.db);
        REQUIRE(ratings.size() == static_cast<size_t>(written));
        CHECK(ratings.back()["score"] == level.score);
        CHECK(ratings.back()["reasons"] == json::array());
        CHECK(c.tick(1000 + f.config.thanks_ms));
    }
    CHECK(written == 2);
}

TEST_CASE("the rating event carries the documented fields") {
    Fixture f;
    f.config.officer = "officer-7";
    RatingController c(f.config, f.store, 0);
    REQUIRE(c.apply(intent::Rate{1}, 0));
    auto data = test::durable_ratings(f.db).at(0);
    CHECK(data["ticket_id"].is_null());
    CHECK(data["counter"].is_null());  // no setting and not enrolled
    CHECK(data["officer"] == "officer-7");
    CHECK(data["service"].is_null());
    CHECK(data["score"] == 1);
    CHECK(data["reasons"] == json::array());
    CHECK(data["comment"] == "");
}

TEST_CASE("the counter comes from device.counter, else from the enrolment meta") {
    Fixture f;
    REQUIRE(f.store.set_meta("counter_id", "quay-3A").ok());
    {
        RatingController c(f.config, f.store, 0);
        CHECK(c.rating_data(PendingRating{1, {}, {}})["counter"] == "quay-3A");
        CHECK(c.rating_data(PendingRating{1, {}, {}})["officer"].is_null());
    }
    f.config.counter = "5";
    RatingController c(f.config, f.store, 0);
    CHECK(c.rating_data(PendingRating{1, {}, {}})["counter"] == "5");
}

TEST_CASE("'Không hài lòng' asks for reasons and writes nothing until submit") {
    Fixture f;
    RatingController c(f.config, f.store, 0);
    REQUIRE(c.apply(intent::Rate{3}, 0));
    CHECK(c.model().screen == Screen::Reasons);
    CHECK(test::durable_ratings(f.db).empty());
    CHECK(c.apply(intent::ToggleReason{"attitude"}, 10));
    CHECK(c.apply(intent::ToggleReason{"wait_time"}, 20));
    CHECK(c.apply(intent::ToggleReason{"guidance"}, 30));
    CHECK(c.apply(intent::ToggleReason{"guidance"}, 40));  // toggled off again
    CHECK_FALSE(c.apply(intent::ToggleReason{"no_such_reason"}, 50));
    CHECK(c.model().reason_selected("attitude"));
    CHECK_FALSE(c.model().reason_selected("guidance"));
    CHECK(test::durable_ratings(f.db).empty());
    REQUIRE(c.apply(intent::SubmitReasons{}, 60));
    CHECK(c.model().screen == Screen::Thanks);
    auto ratings = test::durable_ratings(f.db);
    REQUIRE(ratings.size() == 1);
    CHECK(ratings[0]["score"] == 3);
    CHECK(ratings[0]["reasons"] == json::array({"wait_time", "attitude"}));  // the scale's order
}

TEST_CASE("skip saves the unhappy rating without reasons") {
    Fixture f;
    RatingController c(f.config, f.store, 0);
    REQUIRE(c.apply(intent::Rate{3}, 0));
    REQUIRE(c.apply(intent::ToggleReason{"attitude"}, 0));
    REQUIRE(c.apply(intent::SkipReasons{}, 0));
    CHECK(c.model().screen == Screen::Thanks);
    auto ratings = test::durable_ratings(f.db);
    REQUIRE(ratings.size() == 1);
    CHECK(ratings[0]["score"] == 3);
    CHECK(ratings[0]["reasons"] == json::array());
}

TEST_CASE("back from the reasons screen writes nothing") {
    Fixture f;
    RatingController c(f.config, f.store, 0);
    REQUIRE(c.apply(intent::Rate{3}, 0));
    REQUIRE(c.apply(intent::ToggleReason{"attitude"}, 0));
    REQUIRE(c.apply(intent::Back{}, 0));
    CHECK(c.model().screen == Screen::Rating);
    CHECK_FALSE(c.model().pending.has_value());
    CHECK(test::durable_ratings(f.db).empty());
}

TEST_CASE("a second tap in the same frame does not rate twice") {
    Fixture f;
    RatingController c(f.config, f.store, 0);
    c.apply_all({intent::Rate{1}, intent::Rate{2}, intent::SubmitReasons{}}, 0);
    auto ratings = test::durable_ratings(f.db);
    REQUIRE(ratings.size() == 1);
    CHECK(ratings[0]["score"] == 1);
}

TEST_CASE("a failed append shows SaveFailed, never thanks, and retry saves once") {
    Fixture f;
    RatingController c(f.config, f.store, 0);
    REQUIRE(test::break_appends(f.db));
    REQUIRE(c.apply(intent::Rate{1}, 0));
    CHECK(c.model().screen == Screen::SaveFailed);
    CHECK(c.model().last_error.find("full") != std::string::npos);
    CHECK(c.model().saved_count == 0);
    CHECK(test::durable_ratings(f.db).empty());
    // Retrying while the disk is still broken fails again, cleanly.
    REQUIRE(c.apply(intent::RetrySave{}, 10));
    CHECK(c.model().screen == Screen::SaveFailed);
    REQUIRE(test::repair_appends(f.db));
    REQUIRE(c.apply(intent::RetrySave{}, 20));
    CHECK(c.model().screen == Screen::Thanks);
    auto ratings = test::durable_ratings(f.db);
    REQUIRE(ratings.size() == 1);
    CHECK(ratings[0]["score"] == 1);
}

TEST_CASE("a failed append after reasons keeps them for the retry and back drops it") {
    Fixture f;
    RatingController c(f.config, f.store, 0);
    REQUIRE(c.apply(intent::Rate{3}, 0));
    REQUIRE(c.apply(intent::ToggleReason{"many_visits"}, 0));
    REQUIRE(test::break_appends(f.db));
    REQUIRE(c.apply(intent::SubmitReasons{}, 0));
    CHECK(c.model().screen == Screen::SaveFailed);
    REQUIRE(c.model().pending.has_value());
    CHECK(c.model().pending->reasons == std::vector<std::string>{"many_visits"});
    REQUIRE(c.apply(intent::Back{}, 0));
    CHECK(c.model().screen == Screen::Rating);
    REQUIRE(test::repair_appends(f.db));
    CHECK(test::durable_ratings(f.db).empty());
}

TEST_CASE("the thank-you screen times out back to the rating screen in the start language") {
    Fixture f;
    RatingController c(f.config, f.store, 1000);
    REQUIRE(c.apply(intent::ToggleLanguage{}, 1000));
    CHECK(c.model().language == Language::En);
    REQUIRE(c.apply(intent::Rate{2}, 2000));
    REQUIRE(c.model().screen == Screen::Thanks);
    CHECK(c.next_deadline_ms() == 2000 + f.config.thanks_ms);
    CHECK_FALSE(c.tick(2000 + f.config.thanks_ms - 1));
    CHECK(c.model().screen == Screen::Thanks);
    CHECK(c.tick(2000 + f.config.thanks_ms));
    CHECK(c.model().screen == Screen::Rating);
    CHECK(c.model().language == Language::Vi);
    CHECK_FALSE(c.next_deadline_ms().has_value());  // nothing to wake up for: the kiosk sleeps
}

TEST_CASE("idle timeout resets to the rating screen and Vietnamese without saving") {
    Fixture f;
    RatingController c(f.config, f.store, 0);
    REQUIRE(c.apply(intent::Rate{3}, 0));
    REQUIRE(c.apply(intent::ToggleLanguage{}, 1000));
    c.note_input(5000);  // a touch that hit no button still counts
    CHECK(c.next_deadline_ms() == 5000 + f.config.idle_ms);
    CHECK_FALSE(c.tick(5000 + f.config.idle_ms - 1));
    CHECK(c.model().screen == Screen::Reasons);
    CHECK(c.tick(5000 + f.config.idle_ms));
    CHECK(c.model().screen == Screen::Rating);
    CHECK(c.model().language == Language::Vi);
    CHECK_FALSE(c.model().pending.has_value());
    CHECK(test::durable_ratings(f.db).empty());
}

TEST_CASE("idle English on the rating screen also returns to Vietnamese") {
    Fixture f;
    RatingController c(f.config, f.store, 0);
    REQUIRE(c.apply(intent::ToggleLanguage{}, 0));
    CHECK(c.tick(f.config.idle_ms));
    CHECK(c.model().language == Language::Vi);
}

TEST_CASE("two-level and five-level scales work") {
    Fixture f;
    std::vector<SettingRow> two = {
        {{"score", "1"}, {"vi", "Hài lòng"}, {"color", "#1B7F3B"}, {"face", "happy"}},
        {{"score", "2"}, {"vi", "Không hài lòng"}, {"color", "#C62828"}, {"face", "unhappy"}},
    };
    f.config.scale = rating_scale_from_rows(two, {}).value();
    {
        RatingController c(f.config, f.store, 0);
        CHECK_FALSE(c.apply(intent::Rate{3}, 0));  // not on this scale
        REQUIRE(c.apply(intent::Rate{2}, 0));
        CHECK(c.model().screen == Screen::Thanks);
    }
    std::vector<SettingRow> five;
    const char* faces[] = {"very_happy", "happy", "neutral", "unhappy", "very_unhappy"};
    for (int i = 1; i <= 5; ++i)
        five.push_back({{"score", std::to_string(i)}, {"vi", "Mức " + std::to_string(i)}, {"color", "#1565C0"},
                        {"face", faces[i - 1]}});
    f.config.scale = rating_scale_from_rows(five, {}).value();
    RatingController c(f.config, f.store, 0);
    REQUIRE(c.apply(intent::Rate{5}, 0));
    auto ratings = test::durable_ratings(f.db);
    REQUIRE(ratings.size() == 2);
    CHECK(ratings[1]["score"] == 5);
}

TEST_CASE("out of service: no rating is accepted and the screen does not time out to the rating screen") {
    auto config = RatingConfig::from_settings(Settings(kiosk_settings())).value();
    RatingController c(config, "cannot open the event database", 0);
    CHECK(c.model().screen == Screen::OutOfService);
    CHECK_FALSE(c.apply(intent::Rate{1}, 10));
    CHECK(c.model().saved_count == 0);
    CHECK_FALSE(c.tick(10 + 3600 * 1000));
    CHECK(c.model().screen == Screen::OutOfService);
    // The language switch still works, and goes back to Vietnamese when idle.
    CHECK(c.apply(intent::ToggleLanguage{}, 20));
    CHECK(c.model().language == Language::En);
    CHECK(c.tick(20 + config.idle_ms));
    CHECK(c.model().language == Language::Vi);
    CHECK(c.model().screen == Screen::OutOfService);
}
