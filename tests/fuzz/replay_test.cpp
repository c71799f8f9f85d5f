// Runs every fuzz entry point over its seeds and thousands of deterministic mutations of them.
// A crash, a sanitizer report or an escaping exception fails the test.
#include <catch2/catch.hpp>

#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/gzip.hpp"
#include "core/protocol.hpp"
#include "core/uuid.hpp"
#include "server/server_store.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/fuzz/fuzz_targets.hpp"

using namespace motcua;

namespace {

std::string mutate(std::string s, std::mt19937_64& rng) {
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

void replay(const std::function<void(std::string_view)>& target, const std::vector<std::string>& seeds, int rounds) {
    std::mt19937_64 rng(20261123);
    for (auto& seed : seeds) REQUIRE_NOTHROW(target(seed));
    for (int i = 0; i < rounds; ++i) {
        std::string input = mutate(seeds[static_cast<std::size_t>(i) % seeds.size()], rng);
        INFO("input: " << input);
        REQUIRE_NOTHROW(target(input));
    }
}

}  // namespace

TEST_CASE("fuzz replay: settings files") {
    replay(fuzz::settings_toml,
           {"[server]\nurl = \"https://x\"\n[sync]\ninterval_seconds = 9\n",
            "[ui]\nshow_cursor = true\nlanguages = [\"vi\"]\n",
            "[[rating.levels]]\nscore = \"1\"\nvi = \"Rất hài lòng\"\ncolor = \"#1B7F3B\"\nface = \"happy\"\n"
            "[[rating.levels]]\nscore = \"2\"\nvi = \"Không\"\ncolor = \"#C62828\"\nface = \"unhappy\"\n"},
           3000);
}

TEST_CASE("fuzz replay: the server's answer to a batch") {
    replay(fuzz::sync_ack,
           {R"({"protocol":1,"batch_id":"B","acked_through":1,"results":[{"id":"id-1","status":"stored"}],"max_batch_events":500})",
            R"({"batch_id":"B","acked_through":1,"results":[{"id":"id-1","status":"rejected","reason":"x"}]})",
            "<html><body>portal</body></html>",
            R"({"batch_id":"B","acked_through":1,"ack_form":"compact","results":[],"covered":{"count":1,"ids_sha256":")" +
                protocol::covered_ids_sha256({"id-1"}) + R"("}})"},
           3000);
}

TEST_CASE("fuzz replay: events as JSON") {
    replay(fuzz::event_json,
           {R"({"id":"0194","seq":1,"type":"rating.submitted","at":"2026-11-23T08:14:59.010+07:00","mono_ms":5,)"
            R"("boot_id":"b","prev_hash":"00","hash":"h","data":{"score":1,"reasons":["wait_time"],"comment":"Rất tốt"}})"},
           3000);
}

TEST_CASE("fuzz replay: gzip request bodies") {
    replay(fuzz::gzip_body, {gzip_compress(std::string(3000, 'a')), gzip_compress("{\"events\":[]}")}, 2000);
}

TEST_CASE("fuzz replay: times and Retry-After") {
    replay(fuzz::clock_text,
           {"2026-11-23T08:14:59.010+07:00", "2026-11-23T01:14:59Z", "120", "Sun, 29 Nov 2026 01:15:09 GMT"}, 3000);
}

TEST_CASE("fuzz replay: event batches into a real server database") {
    test::TempDir dir;
    auto store = server::ServerStore::open(dir.file("server.db"));
    REQUIRE(store.ok());
    REQUIRE(store->add_site({"s", "Xã An Phú", std::nullopt}).ok());
    REQUIRE(store->add_counter({"s", "1", "Quầy 1"}).ok());
    auto code = store->create_enroll_code("s", "1", 1, clock::unix_ms_now());
    REQUIRE(code.ok());
    auto enrolment = store->enroll(code.value(), "fuzz", "0", clock::unix_ms_now());
    REQUIRE(enrolment.ok());
    const server::Device& device = enrolment->device;

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
    int reached_store = 0;
    replay(
        [&](std::string_view bytes) {
            if (json::accept(bytes)) ++reached_store;
            fuzz::server_batch(store.value(), device, bytes);
        },
        {batch, compact_batch}, 400);
    // Enough mutations were still JSON to exercise the ingest rules, not only the parser.
    CHECK(reached_store > 40);
    // Whatever the mutations did, the good events stayed stored.
    CHECK(store->acked_through("inst-1") >= 3);
}
