#include <catch2/catch.hpp>

#include "core/rating.hpp"
#include "core/settings.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;

namespace {
const SettingSpecs& specs() {
    static const SettingSpecs s{
        {"server.url", std::string("http://127.0.0.1:8470"), "Where the district server is"},
        {"sync.interval_seconds", std::int64_t{5}, "Seconds between pushes", 1, 3600},
        {"ui.show_cursor", false, "Show the mouse cursor"},
        {"rating.levels", default_rating_level_rows(), "Rating levels"},
    };
    return s;
}
}  // namespace

TEST_CASE("missing keys keep their declared defaults") {
    auto s = Settings::parse("[sync]\ninterval_seconds = 9\n", "t.toml", specs());
    REQUIRE(s.ok());
    CHECK(s->integer("sync.interval_seconds") == 9);
    CHECK(s->text("server.url") == "http://127.0.0.1:8470");
    CHECK_FALSE(s->boolean("ui.show_cursor"));
}

TEST_CASE("a wrong type names the file, line and key") {
    auto s = Settings::parse("[server]\n\nurl = 42\n", "kiosk.toml", specs());
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.error(), Catch::StartsWith("kiosk.toml:3:") && Catch::Contains("server.url") &&
                              Catch::Contains("text string"));
}

TEST_CASE("a value out of range is refused with the allowed range") {
    auto s = Settings::parse("[sync]\ninterval_seconds = 0\n", "sync.toml", specs());
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.error(), Catch::Contains("sync.interval_seconds") && Catch::Contains("between 1 and 3600"));
}

TEST_CASE("a misspelt key is refused rather than silently ignored") {
    auto s = Settings::parse("[server]\nulr = \"x\"\n", "sync.toml", specs());
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.error(), Catch::Contains("sync.toml:2:") && Catch::Contains("server.ulr") && Catch::Contains("unknown"));
}

TEST_CASE("broken TOML syntax gives the line, not a crash") {
    auto s = Settings::parse("[server\nurl = \"x\"\n", "bad.toml", specs());
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.error(), Catch::StartsWith("bad.toml:1:") && Catch::Contains("not valid TOML"));
}

TEST_CASE("a missing file is a clear error") {
    auto s = Settings::load_file("/nonexistent/motcua.toml", specs());
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.error(), Catch::Contains("/nonexistent/motcua.toml") && Catch::Contains("cannot open"));
}

TEST_CASE("the documented defaults file parses back to the defaults") {
    std::string text = Settings::documented_toml(specs(), "test settings");
    CHECK_THAT(text, Catch::Contains("# Seconds between pushes"));
    auto s = Settings::parse(text, "generated.toml", specs());
    REQUIRE(s.ok());
    CHECK(s->integer("sync.interval_seconds") == 5);
    CHECK(s->rows("rating.levels").size() == 3);
    auto scale = rating_scale_from_rows(s->rows("rating.levels"), {});
    REQUIRE(scale.ok());
    CHECK(scale->level(3)->asks_reason);
    CHECK(scale->level(1)->label_vi == "Rất hài lòng");
}

TEST_CASE("a five-level scale from config is accepted and a bad colour is named") {
    auto rows = default_rating_level_rows();
    rows.push_back({{"score", "4"}, {"vi", "Bình thường"}, {"color", "#888888"}, {"face", "neutral"}});
    rows.push_back({{"score", "5"}, {"vi", "Rất không hài lòng"}, {"color", "#880000"}, {"face", "very_unhappy"}});
    auto five = rating_scale_from_rows(rows, default_rating_reason_rows());
    REQUIRE(five.ok());
    CHECK(five->levels.size() == 5);
    rows[0]["color"] = "green";
    auto bad = rating_scale_from_rows(rows, {});
    REQUIRE_FALSE(bad.ok());
    CHECK_THAT(bad.error(), Catch::Contains("entry 1") && Catch::Contains("color"));
}
