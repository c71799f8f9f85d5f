// The `tickets` object of the config: defaults, a full example, and errors that name the key.
#include "core/queue/queue_settings.hpp"

#include <catch2/catch.hpp>

#include "core/queue/local_day.hpp"

using namespace motcua::queue;
using nlohmann::json;

namespace {

std::string error_of(const json& tickets) {
    auto r = QueueSettings::from_json(tickets);
    return r.ok() ? std::string("(accepted)") : r.error();
}

json one_field_with(const char* key, json value) {
    json field{{"id", "ho-tich"}, {"vi", "Hộ tịch"}, {"prefix", "A"}};
    field[key] = std::move(value);
    return {{"fields", {field}}, {"counters", {{{"id", "1"}, {"fields", {"ho-tich"}}}}}};
}

}  // namespace

TEST_CASE("an empty tickets object gives the default queue") {
    auto r = QueueSettings::from_json(json::object());
    REQUIRE(r.ok());
    const QueueSettings& s = r.value();
    CHECK(s.utc_offset_minutes == 420);
    CHECK(s.policy.mode == PolicyMode::interleave);
    CHECK(s.policy.normal_per_priority == 3);
    CHECK(s.policy.ageing_minutes == 60);
    REQUIRE(s.fields.size() == 7);
    CHECK(s.fields[0].name_vi == "Tư pháp – Hộ tịch");
    CHECK(s.fields[6].name_vi == "Bảo hiểm xã hội, bảo hiểm y tế");
    REQUIRE(s.priority_groups.size() == 4);
    CHECK(s.priority_groups[0].name_vi == "Người cao tuổi");
    CHECK(s.priority_groups[3].name_vi == "Người có công");
    CHECK(s.counters.size() == 7);
    CHECK(s.counter_serves("3", "dat-dai"));
    CHECK(s.opening_hours.by_weekday[0].size() == 2);
    CHECK(s.opening_hours.by_weekday[6].empty());  // Sunday closed
}

TEST_CASE("a full tickets object is read as written") {
    json tickets = json::parse(R"({
      "utc_offset_minutes": 420,
      "policy": {"mode": "strict", "normal_per_priority": 2, "ageing_minutes": 45},
      "opening_hours": {"mon": ["07:00-11:30", "13:00-17:00"], "sat": ["07:30-11:30"]},
      "closed_dates": ["2026-09-02"],
      "priority_groups": [{"code": "elderly", "vi": "Người cao tuổi", "en": "Elderly"}],
      "fields": [
        {"id": "ho-tich", "vi": "Hộ tịch", "en": "Civil status", "prefix": "A", "range": [1, 500],
         "daily_limit": 120, "procedures": [{"id": "khai-sinh", "vi": "Đăng ký khai sinh"}]},
        {"id": "chung-thuc", "vi": "Chứng thực", "prefix": "A", "range": [501, 999]}
      ],
      "counters": [{"id": "3A", "name": "Quầy số 3A", "fields": ["ho-tich", "chung-thuc"]}, {"id": "4", "fields": []}]
    })");
    auto r = QueueSettings::from_json(tickets);
    INFO(r.error());
    REQUIRE(r.ok());
    const QueueSettings& s = r.value();
    CHECK(s.policy.mode == PolicyMode::strict);
    CHECK(s.policy.normal_per_priority == 2);
    CHECK(s.policy.ageing_minutes == 45);
    CHECK(s.opening_hours.by_weekday[0][0].open_minute == 7 * 60);
    CHECK(s.opening_hours.by_weekday[5][0].close_minute == 11 * 60 + 30);
    CHECK(s.opening_hours.by_weekday[1].size() == 2);  // days not given keep the default
    CHECK(s.opening_hours.closed_dates == std::vector<std::string>{"2026-09-02"});
    REQUIRE(s.fields.size() == 2);
    CHECK(s.fields[0].daily_limit == 120);
    CHECK(s.fields[0].procedures[0].name_vi == "Đăng ký khai sinh");
    CHECK(s.fields[1].range_start == 501);
    CHECK(s.counter("4")->name == "Quầy số 4");
    CHECK(display_number(s.fields[1].prefix, 501, s.fields[1].range_end) == "A501");
    CHECK(display_number("B", 7, 99999) == "B00007");
    // What to_json writes, from_json reads back the same.
    auto again = QueueSettings::from_json(s.to_json());
    REQUIRE(again.ok());
    CHECK(again->to_json() == s.to_json());
}

TEST_CASE("settings parser errors name the key") {
    CHECK(error_of(json::array()) == "tickets: must be an object");
    CHECK(error_of({{"utc_offset_minutes", "7"}}) == "tickets.utc_offset_minutes: must be an integer");
    CHECK(error_of({{"policy", {{"mode", "fifo"}}}}) == "tickets.policy.mode: must be \"strict\" or \"interleave\"");
    CHECK(error_of({{"policy", {{"normal_per_priority", 0}}}}) ==
          "tickets.policy.normal_per_priority: must be between 1 and 50");
    CHECK(error_of({{"opening_hours", {{"tue", {"07:30-11:30", "17:00-13:00"}}}}}) ==
          "tickets.opening_hours.tue[1]: must read \"HH:MM-HH:MM\" with the opening before the closing");
    CHECK(error_of({{"closed_dates", {"2026-02-30"}}}) == "tickets.closed_dates[0]: must be a date \"YYYY-MM-DD\"");
    CHECK(error_of({{"priority_groups", {{{"code", "elderly"}}}}}) == "tickets.priority_groups[0].vi: is missing");
    CHECK(error_of(one_field_with("range", {10, 5})) == "tickets.fields[0].range: first 10 is after last 5");
    CHECK(error_of(one_field_with("daily_limit", -1)) == "tickets.fields[0].daily_limit: must be between 0 and 99999");
    CHECK(error_of(one_field_with("prefix", 1)) == "tickets.fields[0].prefix: must be a string");
    CHECK(error_of(one_field_with("procedures", {{{"id", "x"}}})) == "tickets.fields[0].procedures[0].vi: is missing");
    CHECK(error_of({{"fields", json::array()}, {"counters", json::array()}}) ==
          "tickets.fields: must list at least one field");
    CHECK(error_of({{"fields", {{{"id", "a"}, {"vi", "A"}}}}}) ==
          "tickets.counters: must be given with tickets.fields (the default counters serve the default fields)");
    CHECK(error_of({{"counters", {{{"id", "1"}, {"fields", {"nope"}}}}}}) ==
          "tickets.counters[0].fields[0]: must be the id of a field in tickets.fields");
    json same_prefix = one_field_with("range", {1, 500});
    same_prefix["fields"].push_back(
        {{"id", "chung-thuc"}, {"vi", "Chứng thực"}, {"prefix", "A"}, {"range", {400, 999}}});
    CHECK(error_of(same_prefix) ==
          "tickets.fields[1].range: overlaps the range of field \"ho-tich\" with the same prefix");
}

TEST_CASE("local days turn at midnight in Vietnam not at UTC midnight") {
    // 2026-11-24 16:59 UTC is 23:59 in Hà Nội; a minute later it is the 25th there.
    LocalMoment before = local_moment(1795539540000, 420);
    CHECK(before.day == "2026-11-24");
    CHECK(before.minute == 23 * 60 + 59);
    CHECK(before.weekday == 1);  // Tuesday
    LocalMoment after = local_moment(1795539540000 + 2 * 60'000, 420);
    CHECK(after.day == "2026-11-25");
    CHECK(after.minute == 1);
    CHECK(after.weekday == 2);
    CHECK(is_valid_day("2028-02-29"));
    CHECK_FALSE(is_valid_day("2026-02-29"));
}
