// The server's configuration as the kiosk reads it, and the version stamped on events.
#include <catch2/catch.hpp>

#include "core/event_store.hpp"
#include "core/pulled_config.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;

namespace {
json good_config() {
    json levels = json::array();
    for (auto& row : default_rating_level_rows()) levels.push_back(row);
    json reasons = json::array();
    for (auto& row : default_rating_reason_rows()) reasons.push_back(row);
    return json{{"version", 7},
                {"site", {{"id", "xa-an-phu"}, {"name", "Xã An Phú"}, {"parent_id", nullptr}}},
                {"counters", json::array({{{"id", "3A"}, {"name", "Quầy số 3A"}}})},
                {"services", json::array()},
                {"officers", json::array()},
                {"rating", {{"scale", levels}, {"reasons", reasons}}},
                {"tickets", json::object()},
                {"display", json::object()}};
}
}  // namespace

TEST_CASE("a configuration shaped as the server sends it is read whole") {
    auto config = parse_pulled_config(good_config().dump());
    REQUIRE(config.ok());
    CHECK(config->version == 7);
    CHECK(config->site_name == "Xã An Phú");
    CHECK(config->counter_name("3A") == "Quầy số 3A");
    CHECK(config->counter_name("9").empty());
    CHECK(config->scale.levels.size() == 3);
    CHECK(config->scale.levels[2].asks_reason);
    CHECK(config->scale.reasons.size() == 8);
}

TEST_CASE("numbers and booleans in scale rows are read as their text") {
    json j = good_config();
    j["rating"]["scale"][0]["score"] = 1;
    j["rating"]["scale"][2]["ask_reason"] = true;
    auto config = parse_pulled_config(j.dump());
    REQUIRE(config.ok());
    CHECK(config->scale.levels[0].score == 1);
    CHECK(config->scale.levels[2].asks_reason);
}

TEST_CASE("a configuration missing any part the kiosk draws is refused with the part named") {
    struct Case {
        const char* pointer;
        json value;
        const char* named;
    };
    const Case cases[] = {
        {"/version", "7", "version"},
        {"/version", 0, "version"},
        {"/site", nullptr, "site"},
        {"/site/name", "", "site"},
        {"/counters", json::object(), "counters"},
        {"/counters/0/name", 5, "counters"},
        {"/rating", json::array(), "rating"},
        {"/rating/scale", json::array(), "need between 2 and 5 levels"},
        {"/rating/scale/0/color", "green", "color"},
        {"/rating/scale/1/vi", json::array(), "not text"},
        {"/rating/reasons", nullptr, "rating.reasons"},
        {"/rating/reasons/1/code", "wait_time", "unique"},
    };
    for (auto& c : cases) {
        json j = good_config();
        j[json::json_pointer(c.pointer)] = c.value;
        auto config = parse_pulled_config(j.dump());
        INFO(c.pointer);
        REQUIRE_FALSE(config.ok());
        CHECK_THAT(config.error(), Catch::Contains(c.named));
    }
}

TEST_CASE("a cut-off file is refused and its version is still named when readable") {
    std::string text = good_config().dump();
    CHECK_FALSE(parse_pulled_config(text.substr(0, text.size() / 2)).ok());
    CHECK(pulled_config_version_hint(text.substr(0, text.size() / 2)) == 0);
    json j = good_config();
    j["rating"]["scale"] = json::array();
    CHECK(pulled_config_version_hint(j.dump()) == 7);
    CHECK_FALSE(parse_pulled_config("\xC3\x28").ok());
}

TEST_CASE("an event is stamped with the configuration version its writer passes, not the last one saved") {
    test::TempDir dir;
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    REQUIRE(store->set_meta("config_version", "9").ok());  // motcua-sync saved version 9
    json rating{{"score", 1}};
    REQUIRE(store->append(event_type::kRatingSubmitted, rating, 8).ok());  // the screen still showed 8
    REQUIRE(store->append(event_type::kRatingSubmitted, rating, 0).ok());  // the kiosk's own scale
    REQUIRE(store->append(event_type::kDeviceAlarm, json{{"alarm", "disk_low"}}).ok());  // sync's own event
    auto events = store->all_events();
    CHECK(events[0].data["config_version"] == 8);
    CHECK_FALSE(events[1].data.contains("config_version"));
    CHECK(events[2].data["config_version"] == 9);
    CHECK(store->verify_chain().ok);
}

TEST_CASE("the queue's tickets object is kept as sent and an empty one means none") {
    json j = good_config();
    auto none = parse_pulled_config(j.dump());
    REQUIRE(none.ok());
    CHECK(none->tickets_json.empty());
    CHECK(none->officers.empty());
    j["tickets"] = {{"policy", {{"mode", "strict"}}}};
    auto some = parse_pulled_config(j.dump());
    REQUIRE(some.ok());
    CHECK(json::parse(some->tickets_json) == j["tickets"]);
    j["tickets"] = "strict";
    CHECK(parse_pulled_config(j.dump()).error() == "tickets: must be an object");
}

TEST_CASE("officers in the configuration are read and a broken entry refuses it") {
    json j = good_config();
    const std::string hash = "$scrypt$ln=14,r=8,p=1$Jnlpd0RuYrekrhP7NFujsQ$qH8Vql9-uGDTCJA-5r2UUeqe7BjeMeHR_1Uavv1EPog";
    j["officers"] = json::array({{{"id", "cb01"}, {"name", "Nguyễn Văn An"}, {"pin_hash", hash}, {"counters", {"3A"}}}});
    auto config = parse_pulled_config(j.dump());
    REQUIRE(config.ok());
    REQUIRE(config->officers.size() == 1);
    CHECK(config->officers[0].name == "Nguyễn Văn An");
    CHECK(config->officers[0].may_sign_in_at("3A"));
    j["officers"][0].erase("name");
    CHECK(parse_pulled_config(j.dump()).error() == "officers[0].name: must be a string");
}
