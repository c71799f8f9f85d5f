// The kiosk draws the server's configuration (saved by motcua-sync) and switches to a new one
// only between two citizens. Real SQLite files and real files replaced by rename, as sync does.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "kiosk/roles/rating/rating_controller.hpp"
#include "kiosk/kiosk_settings.hpp"
#include "tests/kiosk/kiosk_test_helpers.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;

namespace {

// A configuration as GET /api/v1/config returns it; `twist` makes each version's scale and
// reasons recognisably different.
json server_config(std::int64_t version, const std::string& twist) {
    json levels = json::array({
        {{"score", "1"}, {"vi", "Hài lòng " + twist}, {"en", "Satisfied " + twist}, {"color", "#1B7F3B"}, {"face", "happy"}},
        {{"score", "2"}, {"vi", "Chưa hài lòng " + twist}, {"en", "Not yet " + twist}, {"color", "#C62828"},
         {"face", "unhappy"}, {"ask_reason", "true"}},
    });
    json reasons = json::array({{{"code", "slow_" + twist}, {"vi", "Chậm " + twist}, {"en", "Slow " + twist}}});
    return json{{"version", version},
                {"site", {{"id", "xa-an-phu"}, {"name", "Trung tâm Phục vụ hành chính công xã An Phú"}, {"parent_id", nullptr}}},
                {"counters", json::array({{{"id", "3A"}, {"name", "Quầy số 3A"}}, {{"id", "4"}, {"name", "Quầy số 4"}}})},
                {"services", json::array()},
                {"officers", json::array()},
                {"rating", {{"scale", levels}, {"reasons", reasons}}},
                {"tickets", json::object()},
                {"display", json::object()}};
}

struct Fixture {
    test::TempDir dir;
    std::string db = dir.file("kiosk.db");
    std::string pulled = dir.file("server-config.json");
    EventStore store = std::move(EventStore::open(db).value());
    RatingConfig config = RatingConfig::from_settings(Settings(kiosk_settings())).value();

    Fixture() {
        config.pulled_config_path = pulled;
        REQUIRE(store.set_meta("counter_id", "3A").ok());
    }
    // Written beside and renamed over, as motcua-sync does.
    void save_config(const std::string& text) const {
        std::string tmp = pulled + ".tmp";
        std::ofstream(tmp, std::ios::binary | std::ios::trunc) << text;
        std::filesystem::rename(tmp, pulled);
    }
    void save_config(const json& j) const { save_config(j.dump(2)); }
    std::vector<Event> alarms() {
        std::vector<Event> out;
        for (auto& e : store.all_events())
            if (e.type == event_type::kDeviceAlarm) out.push_back(e);
        return out;
    }
};

std::vector<std::string> reason_codes(const RatingModel& m) {
    std::vector<std::string> codes;
    for (auto& r : m.scale.reasons) codes.push_back(r.code);
    return codes;
}

}  // namespace

TEST_CASE("before any pulled configuration the kiosk shows its own scale and stamps no version") {
    Fixture f;
    RatingController c(f.config, f.store, 0);
    CHECK(c.model().config_version == 0);
    CHECK(c.model().scale.levels.size() == f.config.scale.levels.size());
    CHECK(c.model().site_name.empty());
    REQUIRE(c.apply(intent::Rate{1}, 100));
    CHECK_FALSE(test::durable_ratings(f.db).at(0).contains("config_version"));
}

TEST_CASE("a saved server configuration is on screen from the start with the site and counter names") {
    Fixture f;
    f.save_config(server_config(3, "v3"));
    RatingController c(f.config, f.store, 0);
    const RatingModel& m = c.model();
    CHECK(m.config_version == 3);
    REQUIRE(m.scale.levels.size() == 2);
    CHECK(m.scale.levels[0].label_vi == "Hài lòng v3");
    CHECK(reason_codes(m) == std::vector<std::string>{"slow_v3"});
    CHECK(m.site_name == "Trung tâm Phục vụ hành chính công xã An Phú");
    CHECK(m.counter_name == "Quầy số 3A");  // enrolled for 3A, not the other counter
    CHECK(f.store.meta("kiosk_config_version") == "3");
}

TEST_CASE("the rating carries the version on screen even after sync saved a newer one") {
    Fixture f;
    f.save_config(server_config(3, "v3"));
    RatingController c(f.config, f.store, 0);
    // motcua-sync pulled version 4 and recorded it; the kiosk has not shown it yet.
    REQUIRE(f.store.set_meta("config_version", "4").ok());
    f.save_config(server_config(4, "v4"));
    REQUIRE(c.apply(intent::Rate{1}, 100));  // a citizen on the screen: no switch before this
    auto rating = test::durable_ratings(f.db).at(0);
    CHECK(rating["config_version"] == 3);
    CHECK(rating["score"] == 1);
}

TEST_CASE("a new configuration waits while a citizen picks reasons and is shown after the thanks") {
    Fixture f;
    f.save_config(server_config(3, "v3"));
    RatingController c(f.config, f.store, 0);
    REQUIRE(c.apply(intent::Rate{2}, 10000));
    REQUIRE(c.model().screen == Screen::Reasons);
    f.save_config(server_config(4, "v4"));
    // Many check periods pass (still within the idle timeout): the old scale and reasons stay.
    for (std::int64_t t = 11000; t < 30000; t += 1000) {
        c.tick(t);
        REQUIRE(c.model().config_version == 3);
        REQUIRE(reason_codes(c.model()) == std::vector<std::string>{"slow_v3"});
        REQUIRE(c.model().scale.levels[0].label_vi == "Hài lòng v3");
    }
    REQUIRE(c.apply(intent::ToggleReason{"slow_v3"}, 30000));
    REQUIRE(c.apply(intent::SubmitReasons{}, 30500));
    REQUIRE(c.model().screen == Screen::Thanks);
    c.tick(32000);  // still thanking the citizen
    CHECK(c.model().config_version == 3);

    CHECK(c.tick(30500 + f.config.thanks_ms));  // back to the start: now between two citizens
    CHECK(c.model().screen == Screen::Rating);
    CHECK(c.model().config_version == 4);
    // Scale and reasons changed together.
    CHECK(c.model().scale.levels[0].label_vi == "Hài lòng v4");
    CHECK(reason_codes(c.model()) == std::vector<std::string>{"slow_v4"});

    REQUIRE(c.apply(intent::Rate{2}, 60000));
    REQUIRE(c.apply(intent::ToggleReason{"slow_v4"}, 60100));
    REQUIRE(c.apply(intent::SubmitReasons{}, 60200));
    auto ratings = test::durable_ratings(f.db);
    REQUIRE(ratings.size() == 2);
    CHECK(ratings[0]["config_version"] == 3);
    CHECK(ratings[0]["reasons"] == json::array({"slow_v3"}));
    CHECK(ratings[1]["config_version"] == 4);
    CHECK(ratings[1]["reasons"] == json::array({"slow_v4"}));
}

TEST_CASE("a new configuration is not switched in under a finger that just touched the screen") {
    Fixture f;
    f.save_config(server_config(3, "v3"));
    RatingController c(f.config, f.store, 0);
    f.save_config(server_config(4, "v4"));
    c.note_input(20000);  // a citizen's finger lands on the rating screen
    CHECK_FALSE(c.tick(21000));
    CHECK(c.model().config_version == 3);
    // Nobody touched it for a while: the next look switches.
    CHECK(c.tick(20000 + RatingController::kConfigSwitchQuietMs + f.config.config_check_ms));
    CHECK(c.model().config_version == 4);
}

TEST_CASE("a new configuration waits for a failed save to be retried or abandoned") {
    Fixture f;
    f.save_config(server_config(3, "v3"));
    RatingController c(f.config, f.store, 0);
    REQUIRE(test::break_appends(f.db));
    REQUIRE(c.apply(intent::Rate{1}, 10000));
    REQUIRE(c.model().screen == Screen::SaveFailed);
    f.save_config(server_config(4, "v4"));
    c.tick(20000);
    CHECK(c.model().config_version == 3);
    REQUIRE(test::repair_appends(f.db));
    REQUIRE(c.apply(intent::RetrySave{}, 25000));
    REQUIRE(c.model().screen == Screen::Thanks);
    CHECK(test::durable_ratings(f.db).at(0)["config_version"] == 3);
}

TEST_CASE("a broken configuration file keeps the last good one and raises one alarm per refused version") {
    Fixture f;
    f.save_config(server_config(3, "v3"));
    RatingController c(f.config, f.store, 0);
    json bad = server_config(4, "v4");
    bad["rating"]["scale"][1]["color"] = "red";
    f.save_config(bad);
    std::int64_t t = 100000;
    c.tick(t);
    CHECK(c.model().config_version == 3);
    CHECK(c.model().scale.levels[0].label_vi == "Hài lòng v3");
    CHECK(reason_codes(c.model()) == std::vector<std::string>{"slow_v3"});
    auto problem = f.store.meta("kiosk_config_problem").value_or("");
    CHECK_THAT(problem, Catch::Contains("(version 4) is not used") && Catch::Contains("color") &&
                            Catch::Contains("keeps version 3"));
    REQUIRE(f.alarms().size() == 1);
    CHECK(f.alarms()[0].data["alarm"] == "config_rejected");
    CHECK(f.alarms()[0].data["refused_version"] == 4);
    CHECK(f.alarms()[0].data["config_version"] == 3);  // what the screen showed when it was raised

    f.save_config(bad);  // sync saves the same broken version again
    c.tick(t += 10000);
    CHECK(f.alarms().size() == 1);

    f.save_config(server_config(5, "v5").dump().substr(0, 200));  // cut off mid-way
    c.tick(t += 10000);
    CHECK(c.model().config_version == 3);
    CHECK_THAT(f.store.meta("kiosk_config_problem").value_or(""), Catch::Contains("not valid JSON"));
    CHECK(f.alarms().size() == 2);

    f.save_config(server_config(5, "v5"));
    CHECK(c.tick(t += 10000));
    CHECK(c.model().config_version == 5);
    CHECK(c.model().config_problem.empty());
    CHECK(f.store.meta("kiosk_config_problem") == "");
    CHECK(f.store.verify_chain().ok);
}

TEST_CASE("a broken file at start leaves the kiosk's own scale on screen and says why") {
    Fixture f;
    f.save_config(std::string("{\"version\": 2, \"site\": "));
    RatingController c(f.config, f.store, 0);
    CHECK(c.model().config_version == 0);
    CHECK(c.model().scale.levels.size() == f.config.scale.levels.size());
    CHECK_THAT(c.model().config_problem, Catch::Contains("the kiosk's own settings"));
    CHECK(f.alarms().size() == 1);
    REQUIRE(c.apply(intent::Rate{1}, 100));
    CHECK_FALSE(test::durable_ratings(f.db).at(0).contains("config_version"));
}

TEST_CASE("the kiosk wakes for configuration checks only when one is configured") {
    Fixture f;
    RatingController watching(f.config, f.store, 0);
    auto next = watching.next_deadline_ms();
    REQUIRE(next.has_value());
    CHECK(*next <= f.config.config_check_ms);
    f.config.pulled_config_path.clear();
    RatingController not_watching(f.config, f.store, 0);
    CHECK_FALSE(not_watching.next_deadline_ms().has_value());  // an idle kiosk sleeps
}

TEST_CASE("a kiosk restarted after sync saved a broken file shows the last good configuration") {
    Fixture f;
    f.save_config(server_config(3, "v3"));
    { RatingController before_restart(f.config, f.store, 0); }
    json bad = server_config(4, "v4");
    bad["site"].erase("name");
    f.save_config(bad);
    RatingController c(f.config, f.store, 0);
    CHECK(c.model().config_version == 3);
    CHECK(c.model().scale.levels[0].label_vi == "Hài lòng v3");
    CHECK(c.model().counter_name == "Quầy số 3A");
    CHECK_THAT(c.model().config_problem, Catch::Contains("(version 4)") && Catch::Contains("keeps version 3"));
    REQUIRE(c.apply(intent::Rate{1}, 100));
    CHECK(test::durable_ratings(f.db).at(0)["config_version"] == 3);
}
