// The queue a role gets from queue_config: the kiosk's TOML, or the server's pulled configuration
// where it sets tickets or officers; TOML errors name the key; a pulled configuration with wrong
// tickets is refused as a whole, by the running kiosk too. Real TOML text and real files.
#include "kiosk/queue_config.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/pin_hash.hpp"
#include "kiosk/hash_pin_command.hpp"
#include "kiosk/roles/rating/rating_controller.hpp"
#include "kiosk/kiosk_settings.hpp"
#include "core/queue/queue_settings_toml.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;

namespace {

Settings toml(const std::string& text) {
    auto s = Settings::parse(text, "kiosk.toml", kiosk_settings());
    INFO(text);
    REQUIRE(s.ok());
    return s.value();
}

std::string queue_error(const std::string& text) {
    auto q = queue_config(toml(text), nullptr);
    return q.ok() ? std::string("(accepted)") : q.error();
}

std::string quick_hash(const char* pin) {
    auto h = hash_pin(pin, PinHashParams{10, 8, 1});
    REQUIRE(h.ok());
    return h.value();
}

// A configuration as GET /api/v1/config returns it, with the given tickets and officers.
json server_config(std::int64_t version, json tickets, json officers) {
    json levels = json::array();
    for (auto& row : default_rating_level_rows()) levels.push_back(row);
    return json{{"version", version},
                {"site", {{"id", "xa-an-phu"}, {"name", "UBND xã An Phú"}, {"parent_id", nullptr}}},
                {"counters", json::array({{{"id", "3A"}, {"name", "Quầy số 3A"}}})},
                {"services", json::array()},
                {"officers", std::move(officers)},
                {"rating", {{"scale", levels}, {"reasons", json::array()}}},
                {"tickets", std::move(tickets)},
                {"display", json::object()}};
}

const char* kSiteToml = R"(
[queue]
site_name = "UBND phường Bến Nghé"
opening_hours = "Mon-Fri 07:00-11:30,13:00-16:30; Sat 07:30-11:00"
closed_dates = ["2026-09-02"]
priority_groups = []
[queue.policy]
mode = "strict"
ageing_minutes = 45
[[queue.fields]]
id = "ho-tich"
vi = "Hộ tịch"
en = "Civil status"
prefix = "A"
range = "1-500"
daily_limit = "120"
[[queue.fields]]
id = "dat-dai"
vi = "Đất đai"
prefix = "C"
[[queue.procedures]]
field = "ho-tich"
id = "khai-sinh"
vi = "Đăng ký khai sinh"
en = "Birth registration"
[[queue.counters]]
id = "3A"
fields = "ho-tich, dat-dai"
[[queue.counters]]
id = "4"
name = "Quầy đất đai"
fields = "dat-dai"
)";

}  // namespace

TEST_CASE("default kiosk settings give the default queue and no officers") {
    auto config = queue_config(Settings(kiosk_settings()), nullptr);
    REQUIRE(config.ok());
    CHECK(config->queue.to_json() == queue::default_queue_settings().to_json());
    CHECK(config->officers.empty());
    CHECK(config->site_name == "Bộ phận tiếp nhận và trả kết quả");
    CHECK(config->queue_source == "kiosk settings");
}

TEST_CASE("the sample config file gives the default queue") {
    auto settings = Settings::load_file(std::string(MOTCUA_SOURCE_DIR) + "/config/kiosk.toml", kiosk_settings());
    REQUIRE(settings.ok());
    auto config = queue_config(settings.value(), nullptr);
    REQUIRE(config.ok());
    CHECK(config->queue.to_json() == queue::default_queue_settings().to_json());
}

TEST_CASE("a site's queue written in TOML reaches the queue settings") {
    auto config = queue_config(toml(kSiteToml), nullptr);
    REQUIRE(config.ok());
    const queue::QueueSettings& q = config->queue;
    CHECK(config->site_name == "UBND phường Bến Nghé");
    CHECK(q.policy.mode == queue::PolicyMode::strict);
    CHECK(q.policy.normal_per_priority == 3);  // left out: the default
    CHECK(q.policy.ageing_minutes == 45);
    CHECK(q.priority_groups.empty());
    CHECK(q.opening_hours.closed_dates == std::vector<std::string>{"2026-09-02"});
    REQUIRE(q.opening_hours.by_weekday[0].size() == 2);
    CHECK(q.opening_hours.by_weekday[0][1].close_minute == 16 * 60 + 30);
    REQUIRE(q.opening_hours.by_weekday[5].size() == 1);
    CHECK(q.opening_hours.by_weekday[6].empty());
    REQUIRE(q.fields.size() == 2);
    CHECK(q.fields[0].range_end == 500);
    CHECK(q.fields[0].daily_limit == 120);
    REQUIRE(q.fields[0].procedures.size() == 1);
    CHECK(q.fields[0].procedures[0].name_vi == "Đăng ký khai sinh");
    CHECK(q.fields[1].range_end == 999);
    REQUIRE(q.counters.size() == 2);
    CHECK(q.counters[0].name == "Quầy số 3A");
    CHECK(q.counter_serves("3A", "dat-dai"));
    CHECK_FALSE(q.counter_serves("4", "ho-tich"));
    // Written back as a tickets object and read again: the same queue (one checker, one shape).
    auto again = queue::QueueSettings::from_json(q.to_json());
    REQUIRE(again.ok());
    CHECK(again->to_json() == q.to_json());
}

TEST_CASE("queue errors in the TOML name the setting") {
    CHECK(queue_error("[queue]\nopening_hours = \"Mon-Fri 07:30-11:30,13:30-1700\"\n") ==
          "queue.opening_hours: \"13:30-1700\" must read HH:MM-HH:MM with the opening before the closing");
    CHECK_THAT(queue_error("[queue]\nopening_hours = \"Mo-Fr 07:30-11:30\"\n"),
               Catch::StartsWith("queue.opening_hours: \"Mo-Fr\" is not a day or day range"));
    CHECK(queue_error("[queue.policy]\nmode = \"fair\"\n") == "queue.policy.mode: must be \"strict\" or \"interleave\"");
    CHECK(queue_error("[queue]\nclosed_dates = [\"2026-02-30\"]\n") ==
          "queue.closed_dates entry 1: must be a date \"YYYY-MM-DD\"");
    const std::string two_fields = "[[queue.fields]]\nid = \"a\"\nvi = \"A\"\nprefix = \"A\"\n"
                                   "[[queue.fields]]\nid = \"b\"\nvi = \"B\"\nprefix = \"B\"\n";
    const std::string counter = "[[queue.counters]]\nid = \"1\"\nfields = \"a, b\"\n";
    CHECK(queue_error(two_fields + "range = \"50-10\"\n" + counter) ==
          "queue.fields entry 2.range: first 50 is after last 10");
    CHECK(queue_error(two_fields + "range = \"1 to 99\"\n" + counter) ==
          "queue.fields entry 2.range: must read FIRST-LAST, e.g. \"1-999\"");
    CHECK(queue_error(two_fields + "daily_limit = \"many\"\n" + counter) ==
          "queue.fields entry 2.daily_limit: must be a whole number (0 = only the range limits)");
    CHECK_THAT(queue_error(two_fields + "prefx = \"C\"\n" + counter),
               Catch::StartsWith("queue.fields entry 2: unknown key \"prefx\""));
    CHECK(queue_error(two_fields + "[[queue.counters]]\nid = \"1\"\nfields = \"a, c\"\n") ==
          "queue.counters entry 1.fields entry 2: must be the id of a field in queue.fields");
    CHECK(queue_error(two_fields + counter + "[[queue.procedures]]\nfield = \"c\"\nid = \"p\"\nvi = \"P\"\n") ==
          "queue.procedures entry 1.field: \"c\" is not the id of a field in queue.fields");
    CHECK(queue_error(two_fields) ==
          "queue.counters: must be written when queue.fields is (the default counters serve the default fields)");
    CHECK_THAT(queue_error("[[queue.officers]]\nid = \"cb01\"\nname = \"An\"\npin_hash = \"1234\"\n"),
               Catch::StartsWith("queue.officers entry 1.pin_hash: a PIN hash must start with"));
}

TEST_CASE("officers in the TOML sign in with their PIN") {
    std::string hash = quick_hash("2468");
    auto config = queue_config(
        toml("[[queue.officers]]\nid = \"cb01\"\nname = \"Nguyễn Văn An\"\npin_hash = \"" + hash + "\"\ncounters = \"3A\"\n"),
        nullptr);
    REQUIRE(config.ok());
    REQUIRE(config->officers.size() == 1);
    const Officer* an = find_officer(config->officers, "cb01");
    REQUIRE(an);
    CHECK(an->may_sign_in_at("3A"));
    CHECK_FALSE(an->may_sign_in_at("4"));
    CHECK(verify_pin("2468", an->pin_hash).value());
    CHECK_FALSE(verify_pin("2469", an->pin_hash).value());
    // Counter 3A is not among the default counters 1...7: a mistake staff should be told about.
    REQUIRE(config->warnings.size() == 1);
    CHECK(config->warnings[0] ==
          "officer cb01 (kiosk settings) lists counter 3A, which is not a counter of the queue (kiosk settings)");
}

TEST_CASE("the pulled configuration's tickets and officers are used over the TOML") {
    std::string hash = quick_hash("1357");
    json tickets{{"fields", {{{"id", "chung-thuc"}, {"vi", "Chứng thực"}, {"prefix", "B"}}}},
                 {"counters", {{{"id", "3A"}, {"fields", {"chung-thuc"}}}}},
                 {"policy", {{"normal_per_priority", 2}}}};
    json officers = json::array({{{"id", "cb09"}, {"name", "Lê Thị Cúc"}, {"pin_hash", hash}, {"counters", {"3A"}}}});
    auto pulled = parse_kiosk_config(server_config(12, tickets, officers).dump());
    REQUIRE(pulled.ok());
    std::string toml_officer = "[[queue.officers]]\nid = \"cb01\"\nname = \"An\"\npin_hash = \"" + hash + "\"\n";
    auto config = queue_config(toml(kSiteToml + toml_officer), &pulled.value());
    REQUIRE(config.ok());
    REQUIRE(config->queue.fields.size() == 1);
    CHECK(config->queue.fields[0].id == "chung-thuc");
    CHECK(config->queue.policy.normal_per_priority == 2);
    CHECK(config->queue.policy.mode == queue::PolicyMode::interleave);  // the server's default, not the TOML's
    CHECK(config->queue_source == "server configuration version 12");
    REQUIRE(config->officers.size() == 1);
    CHECK(config->officers[0].id == "cb09");
    CHECK(config->officers_source == "server configuration version 12");
    CHECK(config->warnings.empty());  // cb09's counter 3A is in the server's queue
    CHECK(config->site_name == "UBND xã An Phú");
}

TEST_CASE("a pulled configuration without tickets or officers leaves the TOML queue in force") {
    std::string hash = quick_hash("1357");
    auto pulled = parse_kiosk_config(server_config(3, json::object(), json::array()).dump());
    REQUIRE(pulled.ok());
    std::string toml_officer = "[[queue.officers]]\nid = \"cb01\"\nname = \"An\"\npin_hash = \"" + hash + "\"\n";
    auto config = queue_config(toml(kSiteToml + toml_officer), &pulled.value());
    REQUIRE(config.ok());
    CHECK(config->queue.fields.size() == 2);
    CHECK(config->queue_source == "kiosk settings");
    REQUIRE(config->officers.size() == 1);
    CHECK(config->officers[0].id == "cb01");
    CHECK(config->site_name == "UBND xã An Phú");  // the server names the site
}

TEST_CASE("a pulled configuration with wrong tickets or officers is refused with the reason") {
    json tickets{{"fields", {{{"id", "a"}, {"vi", "A"}, {"range", {50, 10}}}}}, {"counters", json::array()}};
    auto refused = parse_kiosk_config(server_config(4, tickets, json::array()).dump());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error() == "tickets.fields[0].range: first 50 is after last 10");
    CHECK(parse_kiosk_config(server_config(4, json::array(), json::array()).dump()).error() ==
          "tickets: must be an object");
    json officers = json::array({{{"id", "cb09"}, {"name", "Lê Thị Cúc"}, {"pin_hash", "1357"}}});
    CHECK_THAT(parse_kiosk_config(server_config(4, json::object(), officers).dump()).error(),
               Catch::StartsWith("officers[0].pin_hash: a PIN hash must start with"));
}

TEST_CASE("the running kiosk keeps its last good configuration when the server's tickets are wrong") {
    test::TempDir dir;
    std::string pulled = dir.file("server-config.json");
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    RatingConfig config = RatingConfig::from_settings(Settings(kiosk_settings())).value();
    config.pulled_config_path = pulled;
    auto save = [&](const json& j) {
        std::ofstream(pulled + ".tmp", std::ios::binary | std::ios::trunc) << j.dump();
        std::filesystem::rename(pulled + ".tmp", pulled);
    };
    save(server_config(3, json::object(), json::array()));
    RatingController c(config, store.value(), 0);
    CHECK(c.model().config_version == 3);
    json bad_tickets{{"policy", {{"mode", "fair"}}}};
    save(server_config(4, bad_tickets, json::array()));
    c.tick(100000);
    CHECK(c.model().config_version == 3);
    CHECK_THAT(store->meta("kiosk_config_problem").value_or(""),
               Catch::Contains("(version 4) is not used: tickets.policy.mode: must be \"strict\" or \"interleave\""));
}

TEST_CASE("motcua-kiosk --hash-pin prints a hash that verifies the PIN typed") {
    std::istringstream in("482915\r\n");
    std::ostringstream out, err;
    REQUIRE(run_hash_pin(in, out, err) == 0);
    std::string stored = out.str();
    REQUIRE(!stored.empty());
    CHECK(stored.back() == '\n');
    stored.pop_back();
    CHECK(verify_pin("482915", stored).value());
    CHECK(err.str().empty());

    std::istringstream short_pin("12\n"), nothing("");
    std::ostringstream out2, err2;
    CHECK(run_hash_pin(short_pin, out2, err2) == 2);
    CHECK(out2.str().empty());
    CHECK_THAT(err2.str(), Catch::Contains("4 to 12 digits"));
    CHECK(run_hash_pin(nothing, out2, err2) == 2);
    CHECK_THAT(err2.str(), Catch::Contains("no PIN"));
}
