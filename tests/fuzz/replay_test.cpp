// Runs every fuzz entry point over its seeds and thousands of mutations of them. A crash, a
// sanitizer report or an escaping exception fails the test.
//
// The mutations change from run to run (so each run explores something new): the run's seed is
// printed, and MOTCUA_FUZZ_SEED=<that number> replays exactly the same inputs. Byte-level edits
// find parser bugs but mostly produce parse errors; JSON-shaped inputs are also mutated at the
// value level (a field removed, a number made huge, a string made an array, ...) so the rules
// behind the parser get exercised too. Each test checks that enough of its mutated inputs got
// past the first stage (JSON, gzip or TOML), or it would be exploring nothing. The count is
// printed with -s (e.g. build/default/tests/fuzz/fuzz_replay_test -s) and on failure.
#include <catch2/catch.hpp>
#include <toml++/toml.h>  // only to count which mutated settings files are still TOML

#include <cstdlib>
#include <functional>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/gzip.hpp"
#include "core/protocol.hpp"
#include "core/ticket_ref.hpp"
#include "core/uuid.hpp"
#include "server/report_period.hpp"
#include "server/request_json.hpp"
#include "server/server_store.hpp"
#include "sync/device_identity.hpp"
#include "tests/fuzz/fuzz_targets.hpp"
#include "server/web/web_parse.hpp"
#include "tests/support/temp_dir.hpp"
#ifdef MOTCUA_FUZZ_PRINT
#include "kiosk/print/escpos.hpp"
#endif
#ifdef MOTCUA_FUZZ_VOICE
#include "kiosk/voice/pcm_wav.hpp"
#endif

using namespace motcua;

namespace {

std::uint64_t run_seed() {
    static const std::uint64_t seed = []() -> std::uint64_t {
        if (const char* fixed = std::getenv("MOTCUA_FUZZ_SEED"); fixed && *fixed) return std::strtoull(fixed, nullptr, 10);
        std::random_device rd;
        return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
    }();
    static const bool printed = [] {
        std::cout << "fuzz replay seed: " << seed << " (replay with MOTCUA_FUZZ_SEED=" << seed << ")\n";
        return true;
    }();
    (void)printed;
    return seed;
}

// Each test case draws from its own stream, so running one alone replays the same inputs.
std::mt19937_64 rng_for(const std::string& test) { return std::mt19937_64(run_seed() ^ std::hash<std::string>{}(test)); }

std::string mutate_bytes(std::string s, std::mt19937_64& rng) {
    std::uniform_int_distribution<int> op(0, 5), byte(0, 255);
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < edits; ++i) {
        std::size_t pos = s.empty() ? 0 : rng() % (s.size() + 1);
        switch (op(rng)) {
            case 0: if (pos < s.size()) s[pos] = static_cast<char>(byte(rng)); break;         // flip a byte
            case 1: s.insert(pos, 1, static_cast<char>(byte(rng))); break;                     // insert
            case 2: if (pos < s.size()) s.erase(pos, 1 + rng() % 8); break;                    // delete a run
            case 3: s = s.substr(0, pos); break;                                               // truncate
            case 4: if (!s.empty()) s.insert(pos, s.substr(rng() % s.size(), 1 + rng() % 16)); break;  // duplicate
            default: s.insert(pos, std::vector<std::string>{"\"", "{", "]", "\\u00", "\xC3", "[[", "=", "\n"}[rng() % 8]);
        }
    }
    return s;
}

// Values a hostile or broken peer might put anywhere.
json odd_value(std::mt19937_64& rng) {
    static const std::vector<json> palette{
        nullptr, true, false, 0, -1, 1, 2, 3, 500, 501, INT64_MAX, INT64_MIN, UINT64_MAX, 1e308, -0.5, 1.5,
        "", "x", "ệ", "\u0000", std::string(5000, 'a'), "2026-02-30T25:61:00.000+07:00", "2026-11-23T08:14:59.010+07:00",
        "31/02/2026", "00/00/0000", "id-1", "B", "stored", "rejected", "rating.submitted", std::string(64, '0'),
        json::array(), json::object(), json::array({1, 2, 3}), json{{"a", 1}}};
    return palette[rng() % palette.size()];
}

void collect(json& j, std::vector<json*>& out) {
    out.push_back(&j);
    if (j.is_object())
        for (auto& [key, value] : j.items()) collect(value, out);
    if (j.is_array())
        for (auto& value : j) collect(value, out);
}

// One to three edits at the JSON value level; the result is always valid JSON.
std::string mutate_json(const std::string& text, std::mt19937_64& rng) {
    json j = json::parse(text);
    int edits = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < edits; ++i) {
        std::vector<json*> nodes;
        collect(j, nodes);
        json& node = *nodes[rng() % nodes.size()];
        switch (rng() % 5) {
            case 0:
            case 1: node = odd_value(rng); break;  // replace a value (or a whole subtree)
            case 2:                                // drop a field or an element
                if (node.is_object() && !node.empty()) {
                    auto it = node.begin();
                    std::advance(it, static_cast<long>(rng() % node.size()));
                    node.erase(it);
                } else if (node.is_array() && !node.empty()) {
                    node.erase(node.begin() + static_cast<long>(rng() % node.size()));
                }
                break;
            case 3:  // duplicate an element, or add an unknown field
                if (node.is_array() && !node.empty()) node.push_back(node[rng() % node.size()]);
                else if (node.is_object()) node["unknown_" + std::to_string(rng() % 3)] = odd_value(rng);
                break;
            default:  // change a number by one (an off-by-one seq, score or count)
                if (node.is_number_integer()) {
                    // In unsigned arithmetic: wrapping at the int64 limits is a mutation too, not UB.
                    auto bits = static_cast<std::uint64_t>(node.get<std::int64_t>()) + (rng() % 2 ? 1u : ~0ull);
                    node = static_cast<std::int64_t>(bits);
                }
                break;
        }
    }
    return j.dump();
}

// The same at the TOML value level: the right-hand side of one or two "key = value" lines.
std::string mutate_toml(const std::string& text, std::mt19937_64& rng) {
    static const std::vector<std::string> values{"1", "-5", "0", "99999999999999999999", "\"x\"", "\"\"", "true",
                                                 "[1, 2]", "[]", "\"#GGGGGG\"", "{ a = 1 }", "1.5", "\"ệ\"", "[\"vi\"]"};
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    int edits = 1 + static_cast<int>(rng() % 2);
    for (int i = 0; i < edits; ++i) {
        auto& line = lines[rng() % lines.size()];
        if (auto eq = line.find(" = "); eq != std::string::npos) line = line.substr(0, eq + 3) + values[rng() % values.size()];
    }
    std::string out;
    for (auto& line : lines) out += line + "\n";
    return out;
}

enum class Shape { Bytes, Json, Toml, GzipJson };

std::string mutate(const std::string& seed, Shape shape, std::mt19937_64& rng) {
    bool structured = rng() % 2 == 0;
    switch (shape) {
        case Shape::Json:
            if (structured && json::accept(seed)) return rng() % 4 ? mutate_json(seed, rng) : mutate_bytes(mutate_json(seed, rng), rng);
            break;
        case Shape::Toml:
            if (structured) return mutate_toml(seed, rng);
            break;
        case Shape::GzipJson:
            if (structured) {
                auto inner = gzip_decompress(seed, 1 << 20);
                if (inner && json::accept(inner.value())) return gzip_compress(mutate_json(inner.value(), rng));
            }
            break;
        case Shape::Bytes: break;
    }
    return mutate_bytes(seed, rng);
}

bool past_first_stage(std::string_view input, Shape shape) {
    switch (shape) {
        case Shape::Json: return json::accept(input);
        case Shape::Toml:
            try {
                (void)toml::parse(input);
                return true;
            } catch (const toml::parse_error&) {
                return false;
            }
        case Shape::GzipJson: return gzip_decompress(input, 1 << 20).ok();
        case Shape::Bytes: return true;
    }
    return false;
}

// Replays the seeds and `rounds` mutations of them; returns how many mutated inputs got past the
// first stage.
int replay(const std::string& test, const std::function<void(std::string_view)>& target,
           const std::vector<std::string>& seeds, int rounds, Shape shape) {
    auto rng = rng_for(test);
    INFO("fuzz replay seed " << run_seed() << " (MOTCUA_FUZZ_SEED=" << run_seed() << " reproduces this run)");
    for (auto& seed : seeds) REQUIRE_NOTHROW(target(seed));
    int parsed = 0;
    for (int i = 0; i < rounds; ++i) {
        std::string input = mutate(seeds[static_cast<std::size_t>(i) % seeds.size()], shape, rng);
        INFO("round " << i << ", input: " << input);
        if (past_first_stage(input, shape)) ++parsed;
        REQUIRE_NOTHROW(target(input));
    }
    return parsed;
}

// At least a fifth of the mutations must reach the rules behind the first parser (about a third
// to a half do: half the rounds mutate values, not bytes, for the seeds that are well-formed).
void check_explored(int parsed, int rounds) {
    INFO(parsed << " of " << rounds << " mutated inputs got past the first stage (seed " << run_seed() << ")");
    CHECK(parsed * 5 >= rounds);
}

// A server database with one enrolled device, for the server-side targets.
struct ServerFixture {
    test::TempDir dir;
    Result<server::ServerStore> store = server::ServerStore::open(dir.file("server.db"));
    server::Device device;

    ServerFixture() {
        REQUIRE(store.ok());
        REQUIRE(store->add_site({"s", "Xã An Phú", std::nullopt}).ok());
        REQUIRE(store->add_counter({"s", "1", "Quầy 1"}).ok());
        auto enrolment = store->enroll(new_code(), "fuzz", "0", clock::unix_ms_now());
        REQUIRE(enrolment.ok());
        device = enrolment->device;
    }
    std::string new_code() {
        auto code = store->create_enroll_code("s", "1", 1, clock::unix_ms_now());
        REQUIRE(code.ok());
        return code.value();
    }
};

}  // namespace

TEST_CASE("fuzz replay: settings files") {
    int parsed = replay("settings", fuzz::settings_toml,
                        {"[server]\nurl = \"https://x\"\n[sync]\ninterval_seconds = 9\n",
                         "[ui]\nshow_cursor = true\nlanguages = [\"vi\"]\n",
                         "[[rating.levels]]\nscore = \"1\"\nvi = \"Rất hài lòng\"\ncolor = \"#1B7F3B\"\nface = \"happy\"\n"
                         "[[rating.levels]]\nscore = \"2\"\nvi = \"Không\"\ncolor = \"#C62828\"\nface = \"unhappy\"\n"},
                        3000, Shape::Toml);
    check_explored(parsed, 3000);
}

TEST_CASE("fuzz replay: the server's answer to a batch") {
    int parsed = replay(
        "ack", fuzz::sync_ack,
        {R"({"protocol":1,"batch_id":"B","acked_through":1,"results":[{"id":"id-1","status":"stored"}],"max_batch_events":500})",
         R"({"batch_id":"B","acked_through":1,"results":[{"id":"id-1","status":"rejected","reason":"x"}]})",
         "<html><body>portal</body></html>",
         // Found by this replay: a reason that is not text threw out of parse_ack.
         R"({"acked_through":1,"batch_id":"B","results":[{"id":"id-1","reason":true,"status":"rejected"}]})",
         R"({"batch_id":"B","acked_through":1,"ack_form":"compact","results":[],"covered":{"count":1,"ids_sha256":")" +
             protocol::covered_ids_sha256({"id-1"}) + R"("}})"},
        3000, Shape::Json);
    check_explored(parsed, 3000);
}

TEST_CASE("fuzz replay: events as JSON") {
    int parsed = replay(
        "event", fuzz::event_json,
        {R"({"id":"0194","seq":1,"type":"rating.submitted","at":"2026-11-23T08:14:59.010+07:00","mono_ms":5,)"
         R"("boot_id":"b","prev_hash":"00","hash":"h","data":{"score":1,"reasons":["wait_time"],"comment":"Rất tốt"}})"},
        3000, Shape::Json);
    check_explored(parsed, 3000);
}

TEST_CASE("fuzz replay: gzip request bodies") {
    int parsed = replay("gzip", fuzz::gzip_body,
                        {gzip_compress(R"({"events":[{"id":"a","seq":1,"data":{"score":1}}],"batch_id":"B"})"),
                         gzip_compress("{\"events\":[]}")},
                        2000, Shape::GzipJson);
    check_explored(parsed, 2000);
}

TEST_CASE("fuzz replay: times and Retry-After") {
    (void)replay("clock", fuzz::clock_text,
                 {"2026-11-23T08:14:59.010+07:00", "2026-11-23T01:14:59Z", "120", "Sun, 29 Nov 2026 01:15:09 GMT",
                  "Tue, 24 Nov 2026 08:15:02 GMT"}, 3000,
                 Shape::Bytes);
}

TEST_CASE("fuzz replay: the device identity file") {
    int parsed = replay("identity", fuzz::identity_file,
                        {R"({"device_id":"kiosk-0001","token":"dG9rZW4","server_url":"https://motcua.example.gov.vn",)"
                         R"("site_id":"xa-an-phu","counter_id":"3A"})",
                         "", "{}",
                         // Found by this replay: a field of the wrong type threw out of load_identity.
                         R"({"counter_id":"3A","device_id":"kiosk-0001","server_url":3,"token":"dG9rZW4"})"},
                        1500, Shape::Json);
    check_explored(parsed, 1500);
    // A well-formed seed still loads: the mutations did not hide a parser that refuses everything.
    test::TempDir dir;
    dir.write("device.json", R"({"device_id":"kiosk-0001","token":"t"})");
    CHECK(sync::load_identity(dir.file("device.json")).ok());
}

TEST_CASE("fuzz replay: report query dates and grouping") {
    (void)replay("report", fuzz::report_query_text,
                 {"01/11/2026", "29/02/2024", "31/12/9999", "1/1/1970", "day", "counter", "month"}, 3000, Shape::Bytes);
}

TEST_CASE("fuzz replay: formal report months and quarters") {
    (void)replay("report period", fuzz::report_period_text,
                 {"10/2026", "2/2024", "2026-10", "4/2026", "12/2200", "1/2000", "13/2026", "0/2026", "2026-1"}, 3000,
                 Shape::Bytes);
    CHECK(server::parse_report_month("2/2024")->to_date() == "29/02/2024");
    CHECK(server::parse_report_quarter("4/2026")->title() == "Quý IV năm 2026");
    CHECK_FALSE(server::parse_report_month("13/2026"));
    CHECK_FALSE(server::parse_report_quarter("5/2026"));
}

TEST_CASE("fuzz replay: dashboard cookies and dates and origins") {
    (void)replay("dashboard", fuzz::dashboard_request_text,
                 {"motcua_session=abc", "a=1; motcua_session=xyz; b=2", "2026-11-24", "2024-02-29", "2026-02-31",
                  "http://127.0.0.1:8470", "https://127.0.0.1:8470"},
                 3000, Shape::Bytes);
    CHECK(server::web::cookie_value("a=1; motcua_session=xyz", "motcua_session") == "xyz");
    CHECK_FALSE(server::web::parse_iso_date("2026-02-31"));
}

TEST_CASE("fuzz replay: enrolment request bodies into a real server database") {
    ServerFixture f;
    std::string code = f.new_code();
    int parsed = replay(
        "enroll", [&](std::string_view bytes) { fuzz::server_enroll(f.store.value(), bytes); },
        {R"({"code":")" + code + R"(","hostname":"kiosk-quay-3","app_version":"0.1.0"})", R"({"code":"ABCD-EFGH"})"},
        800, Shape::Json);
    check_explored(parsed, 800);
}

TEST_CASE("request bodies nested deeper than the limit are refused like text that is not JSON") {
    auto nested = [](int depth) { return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']'); };
    CHECK_FALSE(server::parse_request_json(nested(server::kMaxRequestJsonDepth)).is_discarded());
    CHECK(server::parse_request_json(nested(server::kMaxRequestJsonDepth + 1)).is_discarded());
    CHECK(server::parse_request_json(nested(1'000'000)).is_discarded());
    CHECK(server::parse_request_json(R"({"a":)" + nested(100) + "}").is_discarded());
    CHECK(server::parse_request_json(R"({"code":"ABCD-EFGH","n":[1,{"x":[2]}]})")["n"][1]["x"][0] == 2);
}

TEST_CASE("fuzz replay: heartbeat bodies into a real server database") {
    ServerFixture f;
    int parsed = replay(
        "heartbeat", [&](std::string_view bytes) { fuzz::server_heartbeat(f.store.value(), f.device, bytes); },
        {R"({"device_id":"kiosk-0001","app_version":"0.1.0","config_version":7,"uptime_s":86400,"outbox_depth":0,)"
         R"("oldest_unsent_at":null,"disk_free_bytes":1234567890,"printer":"ok",)"
         R"("clock":{"at":"2026-11-23T08:14:59.010+07:00","mono_ms":123}})"},
        800, Shape::Json);
    check_explored(parsed, 800);
    // The last heartbeat recorded is in the fleet view.
    auto fleet = f.store->fleet();
    REQUIRE(fleet.size() == 1);
    CHECK(fleet[0].last_heartbeat_ms.has_value());
}

TEST_CASE("fuzz replay: the server configuration file the kiosk reads") {
    int parsed = replay("pulled_config", fuzz::pulled_config,
           {R"({"version":7,"site":{"id":"xa-an-phu","name":"Xã An Phú","parent_id":null},)"
            R"("counters":[{"id":"3A","name":"Quầy số 3A"}],"services":[],"officers":[],)"
            R"("rating":{"scale":[{"score":"1","vi":"Rất hài lòng","en":"Very satisfied","color":"#1B7F3B","face":"very_happy"},)"
            R"({"score":"2","vi":"Không hài lòng","color":"#C62828","face":"unhappy","ask_reason":"true"}],)"
            R"("reasons":[{"code":"wait_time","vi":"Thời gian chờ, giải quyết quá lâu","en":"Too long"}]},)"
            R"("tickets":{},"display":{}})",
            R"({"version":9,"site":{"id":"s","name":"S"},"counters":[],"officers":[{"id":"cb01","name":"An",)"
            R"("pin_hash":"$scrypt$ln=14,r=8,p=1$Jnlpd0RuYrekrhP7NFujsQ$qH8Vql9-uGDTCJA-5r2UUeqe7BjeMeHR_1Uavv1EPog",)"
            R"("counters":["3A"]}],"rating":{"scale":[{"score":"1","vi":"A","color":"#000000","face":"happy"},)"
            R"({"score":"2","vi":"B","color":"#FFFFFF","face":"unhappy"}],"reasons":[]},"tickets":{"policy":{"mode":"strict"}}})",
            R"({"version":2,"site":{"id":"s","name":"S"},"counters":[],"rating":{"scale":[{"score":1,"vi":"A",)"
            R"("color":"#000000","face":"happy","ask_reason":true},{"score":99,"vi":"B","color":"#FFFFFF","face":"x"}],"reasons":[]}})"},
           3000, Shape::Json);
    check_explored(parsed, 3000);
}

TEST_CASE("fuzz replay: queue settings") {
    int parsed = replay("queue settings", fuzz::queue_settings_json,
           {R"({"policy":{"mode":"strict","normal_per_priority":2,"ageing_minutes":45},)"
            R"("opening_hours":{"mon":["07:00-11:30","13:00-17:00"]},"closed_dates":["2026-09-02"],)"
            R"("priority_groups":[{"code":"elderly","vi":"Người cao tuổi","en":"Elderly"}],)"
            R"("fields":[{"id":"ho-tich","vi":"Hộ tịch","prefix":"A","range":[1,500],"daily_limit":120,)"
            R"("procedures":[{"id":"khai-sinh","vi":"Đăng ký khai sinh"}]}],)"
            R"("counters":[{"id":"3A","name":"Quầy số 3A","fields":["ho-tich"]}]})",
            "{}"},
           3000, Shape::Json);
    check_explored(parsed, 3000);
}

TEST_CASE("fuzz replay: opening hours text from the kiosk's settings") {
    (void)replay("opening hours", fuzz::opening_hours_text,
                 {"Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30", "t2,T4 08:00-11:00, 14:00-16:30;cn 00:00-24:00;",
                  ""},
                 4000, Shape::Bytes);
}

#ifdef MOTCUA_FUZZ_KIOSK
TEST_CASE("fuzz replay: the queue and officers in a kiosk settings file") {
    int parsed = replay("kiosk queue toml", fuzz::kiosk_queue_toml,
                        {"[queue]\nopening_hours = \"Mon-Fri 07:00-11:30,13:00-16:30; Sat 07:30-11:00\"\n"
                         "closed_dates = [\"2026-09-02\"]\n[queue.policy]\nmode = \"strict\"\nageing_minutes = 45\n"
                         "[[queue.fields]]\nid = \"ho-tich\"\nvi = \"Hộ tịch\"\nprefix = \"A\"\nrange = \"1-500\"\n"
                         "daily_limit = \"120\"\n[[queue.procedures]]\nfield = \"ho-tich\"\nid = \"khai-sinh\"\n"
                         "vi = \"Đăng ký khai sinh\"\n[[queue.counters]]\nid = \"3A\"\nfields = \"ho-tich\"\n",
                         "[[queue.officers]]\nid = \"cb01\"\nname = \"An\"\ncounters = \"1, 3A\"\npin_hash = "
                         "\"$scrypt$ln=14,r=8,p=2$Jnlpd0RuYrekrhP7NFujsQ$qH8Vql9-uGDTCJA-5r2UUeqe7BjeMeHR_1Uavv1EPog\"\n"},
                        3000, Shape::Toml);
    check_explored(parsed, 3000);
}
#endif

TEST_CASE("fuzz replay: officers' PIN hashes") {
    (void)replay("pin hash", fuzz::pin_hash_text,
                 {"$scrypt$ln=14,r=8,p=1$Jnlpd0RuYrekrhP7NFujsQ$qH8Vql9-uGDTCJA-5r2UUeqe7BjeMeHR_1Uavv1EPog",
                  "$scrypt$ln=10,r=1,p=4$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"},
                 4000, Shape::Bytes);
}

TEST_CASE("fuzz replay: queue events folded into a state") {
    const std::string ticket =
        R"("ticket":"2026-11-24/tu-phap-ho-tich/A001","day":"2026-11-24","field":"tu-phap-ho-tich","prefix":"A",)"
        R"("number":1,"display":"A001","priority":null,"procedure":null)";
    int parsed = replay("queue events", fuzz::queue_events,
           {R"([{"type":"officer.signed_in","at":"2026-11-24T08:00:00.000+07:00","data":{"counter":"1","officer":"cb"}},)"
            R"({"type":"ticket.issued","at":"2026-11-24T08:01:00.000+07:00","data":{)" + ticket +
                R"(,"issuer_kind":"dispenser","issuer":"d"}},)"
                R"({"type":"ticket.called","at":"2026-11-24T08:02:00.000+07:00","data":{)" + ticket +
                R"(,"counter":"1","officer":"cb"}},)"
                R"({"type":"ticket.serving","at":"2026-11-24T08:03:00.000+07:00","data":{)" + ticket +
                R"(,"counter":"1","officer":"cb"}},)"
                R"({"type":"ticket.transferred","at":"2026-11-24T08:04:00.000+07:00","data":{)" + ticket +
                R"(,"counter":"1","officer":"cb","to_field":"dat-dai","to_counter":null}}])",
            R"([{"type":"ticket.issued","at":"2026-11-23T16:01:00.000+07:00","data":{)" + ticket +
                R"(}},{"type":"counter.paused","at":"x","data":{"counter":"1"}}])"},
           3000, Shape::Json);
    check_explored(parsed, 3000);
}

TEST_CASE("fuzz replay: ticket references typed by a scanner") {
    (void)replay("ticket_ref", fuzz::ticket_ref,
                 {encode_ticket_ref({"xa-an-phu", "2026-11-24", "A012", "0194f3a2-7c1e-7b2a-9d4e-5f6a7b8c9d0e"}).value(),
                  encode_ticket_ref({"Phường 3", "2099-12-31", "UT105", "ticket-17"}).value() + "\r\n",
                  "tn1k00k000000k00kvk0000"},
                 4000, Shape::Bytes);
}

#ifdef MOTCUA_FUZZ_PRINT
TEST_CASE("fuzz replay: ESC/POS ticket bytes") {
    print::Bitmap small(16, 3);
    small.fill_rect(2, 1, 9, 2);
    print::Bitmap tall(8, 300);
    tall.fill_rect(0, 0, 8, 300);
    (void)replay("escpos", fuzz::escpos_ticket,
                 {print::encode_ticket(small), print::encode_ticket(tall), std::string("\x1B@\x1Dv0\0\1\0\1\0", 10)},
                 4000, Shape::Bytes);
}
#endif

#ifdef MOTCUA_FUZZ_VOICE
TEST_CASE("fuzz replay: voice recordings a site drops in") {
    std::vector<std::int16_t> tone(64);
    for (size_t i = 0; i < tone.size(); ++i) tone[i] = static_cast<std::int16_t>(i % 2 ? 9000 : -9000);
    (void)replay("voice_clip", fuzz::voice_clip,
                 {voice::pcm_wav_bytes({44100, 1, tone}), voice::pcm_wav_bytes({22050, 2, tone}),
                  voice::pcm_wav_bytes({8000, 1, {}}), "ĐƯ012 3A"},
                 3000, Shape::Bytes);
}
#endif

TEST_CASE("fuzz replay: event batches into a real server database") {
    ServerFixture f;
    const server::Device& device = f.device;
    std::vector<Event> events;
    std::string prev = kGenesisHash;
    for (int seq = 1; seq <= 3; ++seq) {
        Event e;
        e.id = uuid_v7();
        e.seq = seq;
        e.type = "rating.submitted";
        e.at = "2026-11-23T08:14:59.010+07:00";
        e.boot_id = "b";
        e.data = json{{"score", seq}, {"counter", "1"}, {"reasons", json::array()}};
        e.prev_hash = prev;
        e.hash = compute_event_hash(e);
        prev = e.hash;
        events.push_back(e);
    }
    std::string batch = protocol::make_batch(device.device_id, "inst-1", events, 420).dump();
    std::string compact_batch = protocol::make_batch(device.device_id, "inst-1", events, 420, true).dump();
    int parsed = replay(
        "batch", [&](std::string_view bytes) { fuzz::server_batch(f.store.value(), device, bytes); },
        {batch, compact_batch}, 400, Shape::Json);
    // Enough mutations were still JSON to exercise the ingest rules, not only the parser.
    check_explored(parsed, 400);
    // Whatever the mutations did, the good events stayed stored.
    CHECK(f.store->acked_through("inst-1") >= 3);
}
