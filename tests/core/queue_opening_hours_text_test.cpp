// Opening hours as written in the kiosk's TOML: parsed into the week, printed back, and errors
// that quote the part at fault.
#include "core/queue/opening_hours_text.hpp"

#include <catch2/catch.hpp>

using namespace motcua::queue;

namespace {
std::string error_of(const char* text) {
    auto r = parse_opening_hours_text(text);
    return r.ok() ? std::string("(accepted)") : r.error();
}
}  // namespace

TEST_CASE("opening hours text reads weekdays with morning and afternoon and Saturday mornings") {
    auto hours = parse_opening_hours_text("Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30");
    REQUIRE(hours.ok());
    for (std::size_t d = 0; d < 5; ++d) {
        REQUIRE(hours->by_weekday[d].size() == 2);
        CHECK(hours->by_weekday[d][0].open_minute == 450);
        CHECK(hours->by_weekday[d][1].close_minute == 17 * 60);
    }
    REQUIRE(hours->by_weekday[5].size() == 1);
    CHECK(hours->by_weekday[5][0].close_minute == 11 * 60 + 30);
    CHECK(hours->by_weekday[6].empty());
    CHECK(opening_hours_text(hours.value()) == "Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30");
}

TEST_CASE("opening hours text takes Vietnamese day names any case and spaces after commas") {
    auto hours = parse_opening_hours_text("t2,T4 08:00-11:00, 14:00-16:30;cn 08:00-10:00;");
    REQUIRE(hours.ok());
    CHECK(hours->by_weekday[0].size() == 2);
    CHECK(hours->by_weekday[1].empty());
    CHECK(hours->by_weekday[2].size() == 2);
    CHECK(hours->by_weekday[6].size() == 1);
    CHECK(opening_hours_text(hours.value()) == "Mon 08:00-11:00,14:00-16:30; Wed 08:00-11:00,14:00-16:30; Sun 08:00-10:00");
}

TEST_CASE("empty opening hours text means closed every day") {
    auto hours = parse_opening_hours_text("  ");
    REQUIRE(hours.ok());
    for (const auto& day : hours->by_weekday) CHECK(day.empty());
    CHECK(opening_hours_text(hours.value()).empty());
}

TEST_CASE("the default opening hours print as office hours Monday to Friday") {
    CHECK(opening_hours_text(default_opening_hours()) == "Mon-Fri 07:30-11:30,13:30-17:00");
}

TEST_CASE("opening hours text errors quote the part at fault") {
    CHECK(error_of("Mon-Fri 07:30-11:30,13:30-1700") ==
          "\"13:30-1700\" must read HH:MM-HH:MM with the opening before the closing");
    CHECK(error_of("Mon-Fri 11:30-07:30") == "\"11:30-07:30\" must read HH:MM-HH:MM with the opening before the closing");
    CHECK(error_of("Mon-Fri 07:30-25:00") == "\"07:30-25:00\" must read HH:MM-HH:MM with the opening before the closing");
    CHECK(error_of("Mon-Fri 07:30-11:30,11:00-12:00") == "\"11:00-12:00\" must start after the interval before it closes");
    CHECK_THAT(error_of("Mon-Fry 07:30-11:30"), Catch::StartsWith("\"Mon-Fry\" is not a day or day range"));
    CHECK(error_of("Fri-Mon 07:30-11:30") == "\"Fri-Mon\": a day range runs forward from Mon to Sun");
    CHECK(error_of("Mon-Fri 07:30-11:30; Fri 13:00-15:00") == "Fri is given twice");
    CHECK_THAT(error_of("Mon-Fri"), Catch::StartsWith("\"Mon-Fri\": the days need hours after them"));
    CHECK(parse_opening_hours_text("Mon 00:00-24:00").ok());
}
