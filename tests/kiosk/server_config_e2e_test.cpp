// End to end on loopback: the district server's rating scale reaches the kiosk's screen through
// motcua-sync, and the ratings made on it come back to the server stamped with that version.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/event_store.hpp"
#include "tests/kiosk/loopback_site.hpp"

using namespace motcua;
using namespace std::chrono_literals;

namespace {
// Four levels and a reason the kiosk's built-in scale does not have.
constexpr const char* kServerScale = R"([[rating.levels]]
score = "1"
vi = "Rất hài lòng"
en = "Very satisfied"
color = "#1B7F3B"
face = "very_happy"
[[rating.levels]]
score = "2"
vi = "Hài lòng"
en = "Satisfied"
color = "#1565C0"
face = "happy"
[[rating.levels]]
score = "3"
vi = "Bình thường"
en = "Neutral"
color = "#5D4037"
face = "neutral"
[[rating.levels]]
score = "4"
vi = "Không hài lòng"
en = "Not satisfied"
color = "#C62828"
face = "unhappy"
ask_reason = "true"
[[rating.reasons]]
code = "waiting_room"
vi = "Phòng chờ chật, thiếu ghế ngồi"
en = "Crowded waiting room"
[[rating.reasons]]
code = "wait_time"
vi = "Thời gian chờ, giải quyết quá lâu"
en = "Waiting or processing took too long"
)";
}  // namespace

TEST_CASE("the kiosk shows the scale pulled from the server and its ratings carry that version back") {
    test::TempDir dir;
    test::LoopbackSite site(dir, dir.file("kiosk.db"), kServerScale);
    site.enrol();
    auto pulled = site.sync({"run", "--once"});  // pulls the configuration (nothing to send yet)
    INFO(pulled.output);
    REQUIRE(pulled.exit_code == 0);
    REQUIRE(std::filesystem::exists(site.config_cache));
    std::int64_t version = 0;
    {
        auto store = EventStore::open(site.kiosk_db);
        REQUIRE(store.ok());
        version = store->config_version();
    }
    REQUIRE(version > 0);

    // The kiosk's own settings keep the built-in three-level scale; only the file differs.
    dir.write("kiosk.toml", "[device]\nconfig_cache = \"" + site.config_cache + "\"\n");
    auto kiosk = test::run({test::binary("motcua-kiosk"), "--config", dir.file("kiosk.toml"), "--db", site.kiosk_db,
                            "--demo", "--screenshot-dir", dir.file("shots")},
                           60s, {"SDL_VIDEODRIVER=offscreen"});
    INFO(kiosk.output);
    REQUIRE(kiosk.exit_code == 0);
    CHECK_THAT(kiosk.output, Catch::Contains("showing the server's configuration version " + std::to_string(version)));
    CHECK_THAT(kiosk.output, Catch::Contains("rated 3 (Neutral)"));
    CHECK_THAT(kiosk.output, Catch::Contains("rated 4 (Not satisfied)"));
    CHECK_THAT(kiosk.output, Catch::Contains("4 ratings saved"));
    CHECK(std::filesystem::exists(dir.file("shots/rating.png")));
    CHECK(std::filesystem::exists(dir.file("shots/rating_en.png")));

    auto pushed = site.sync({"run", "--once"});
    INFO(pushed.output);
    REQUIRE(pushed.exit_code == 0);
    const std::string ratings_with_version =
        "SELECT count(*) FROM events WHERE type = 'rating.submitted' AND json_extract(data, '$.config_version') = " +
        std::to_string(version);
    CHECK(site.server_query_int(ratings_with_version) == 4);
    // The unhappy rating chose the server's own first reason, which the kiosk's settings lack.
    CHECK(site.server_query_int("SELECT count(*) FROM events WHERE score = 4 AND "
                                "json_extract(data, '$.reasons[0]') = 'waiting_room'") == 1);
    CHECK(site.server_query_int("SELECT count(*) FROM events WHERE counter_id = '3A' AND type = 'rating.submitted'") == 4);
}
