// Trust flags in the reports: ratings built here with known times, officers and tickets, whose
// flags this test works out itself from the definitions (trust_flags.hpp), per kiosk database in
// seq order; then compared with the reports per officer, per counter and overall, after ingest in
// order, after a late gap fill, after rebuild_rating_rollup (the same rows), after a change of the
// rules; totals and rates never change with the flags; and the API's JSON from the real
// motcua-server process, before and after a restart with another trust.burst_seconds.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "core/clock.hpp"
#include "server/rating_report.hpp"
#include "server/server_store.hpp"
#include "server_test_support.hpp"

using namespace motcua;
using namespace motcua::server;

namespace {

struct Rating {
    std::size_t kiosk = 0;
    std::string local;  // "2026-11-24T07:00:02" (+07:00)
    std::string officer, counter, ticket;
    int score = 1;
    Event event = {};  // made by TrustSite::chain
};

struct Kiosk {
    Device device;
    std::string db_instance = uuid_v4();
};

std::int64_t utc_ms(const std::string& local) {
    std::int64_t ms = 0;
    REQUIRE(clock::parse_rfc3339(local + ".000+07:00", ms));
    return ms;
}

// The flags of every rating, worked out from the definitions, not from the server's code: per
// kiosk, in seq order (the order of `ratings` per kiosk); opening hours Mon-Sat from `open` to
// `close` (local "HH:MM:SS" compared as text, the closing second inside).
std::vector<std::set<std::string>> expected_flags(const std::vector<Rating>& ratings, int burst_seconds,
                                                  const std::string& open = "07:00:00",
                                                  const std::string& close = "17:30:00") {
    std::vector<std::set<std::string>> out(ratings.size());
    std::map<std::size_t, std::int64_t> previous_at;
    std::map<std::size_t, std::set<std::string>> tickets;
    for (std::size_t i = 0; i < ratings.size(); ++i) {
        const Rating& r = ratings[i];
        const std::int64_t at = utc_ms(r.local);
        if (r.ticket.empty()) out[i].insert("no_ticket");
        else if (!tickets[r.kiosk].insert(r.ticket).second) out[i].insert("repeat");
        if (previous_at.count(r.kiosk) && at - previous_at[r.kiosk] >= 0 &&
            at - previous_at[r.kiosk] < burst_seconds * 1000)
            out[i].insert("burst");
        previous_at[r.kiosk] = at;
        const std::string time = r.local.substr(11);
        const bool sunday = r.local.substr(0, 10) == "2026-11-29";
        if (sunday || time < open || time > close) out[i].insert("outside_hours");
    }
    return out;
}

struct TrustSite {
    test::TempDir dir;
    std::string path = dir.file("server.db");
    std::optional<ServerStore> store{std::move(ServerStore::open(path).value())};
    std::vector<Kiosk> kiosks;
    std::vector<Rating> ratings;

    TrustSite() {
        REQUIRE(store->add_site({"px", "Phường Ba Đình", std::nullopt}).ok());
        REQUIRE(store->add_counter({"px", "q1", "Quầy 1"}).ok());
        REQUIRE(store->add_counter({"px", "q2", "Quầy 2"}).ok());
        for (std::string counter : {"q1", "q2"}) {
            auto code = store->create_enroll_code("px", counter, 72, clock::unix_ms_now());
            REQUIRE(code.ok());
            auto enrolment = store->enroll(code.value(), "host-" + counter, "0.1.0", clock::unix_ms_now());
            REQUIRE(enrolment.ok());
            kiosks.push_back({enrolment->device});
        }
        // Tuesday 24/11/2026 and Sunday 29/11/2026; kiosk 0 at Quầy 1, kiosk 1 at Quầy 2.
        ratings = {
            {0, "2026-11-24T06:59:00", "cb01", "q1", ""},        // before opening
            {0, "2026-11-24T07:00:00", "cb01", "q1", "T1"},      // opening minute, 60 s later
            {0, "2026-11-24T07:00:02", "cb01", "q1", ""},        // 2 s later: burst
            {0, "2026-11-24T07:00:12", "cb02", "q1", "T1"},      // T1 again: repeat, 10 s later
            {0, "2026-11-24T17:30:00", "cb02", "q1", "T2", 3},   // closing minute: inside
            {0, "2026-11-24T17:31:00", "cb02", "q1", "T3", 2},   // after closing
            {0, "2026-11-29T10:00:00", "cb01", "q1", "T4"},      // Sunday
            {0, "2026-11-29T10:00:04", "cb01", "q1", "T4"},      // Sunday, repeat, burst
            {1, "2026-11-24T09:00:00", "cb01", "q2", "T1"},      // T1 of another kiosk's queue
            {1, "2026-11-24T09:00:03", "cb03", "q2", "", 3},     // burst on that kiosk
            {1, "2026-11-24T09:00:13", "cb03", "q2", "T5"},      // 10 s later: none
        };
        chain();
    }

    // Chains each kiosk's ratings in the order listed (their seqs); ratings chained before keep their event.
    void chain() {
        std::map<std::size_t, Event> last;
        for (auto& r : ratings) {
            if (!r.event.id.empty()) {
                last[r.kiosk] = r.event;
                continue;
            }
            Event e;
            e.seq = last.count(r.kiosk) ? last[r.kiosk].seq + 1 : 1;
            e.id = uuid_v7();
            e.type = std::string(event_type::kRatingSubmitted);
            e.at = r.local + ".000+07:00";
            e.mono_ms = 1000 + e.seq;
            e.boot_id = "7d1f1c8e-0000-4000-8000-000000000001";
            e.data = json{{"ticket_id", r.ticket.empty() ? json() : json(r.ticket)}, {"counter", r.counter},
                          {"officer", r.officer}, {"service", "ho_tich"}, {"score", r.score},
                          {"reasons", json::array()}};
            e.prev_hash = last.count(r.kiosk) ? last[r.kiosk].hash : std::string(kGenesisHash);
            e.hash = compute_event_hash(e);
            r.event = e;
            last[r.kiosk] = e;
        }
    }

    void push(std::size_t kiosk, const std::vector<std::size_t>& which) {
        std::vector<Event> events;
        for (auto i : which) events.push_back(ratings[i].event);
        auto batch = protocol::make_batch(kiosks[kiosk].device.device_id, kiosks[kiosk].db_instance, events, 420);
        auto ack = store->ingest_batch(kiosks[kiosk].device, batch, 500, clock::unix_ms_now());
        REQUIRE(ack.ok());
        for (auto& result : ack->results) CHECK(result.status == "stored");
    }

    void push_all_in_order() {
        push(0, {0, 1, 2, 3, 4, 5, 6, 7});
        push(1, {8, 9, 10});
    }

    Report report(GroupBy g) {
        ReportQuery q;
        q.group_by = g;
        auto r = rating_report(*store, default_rating_scale(), q, {});
        REQUIRE(r.ok());
        return r.value();
    }

    // Every rollup row, in one order, as text.
    std::vector<std::string> rollup_rows() {
        auto st = store->database().prepare(
            "SELECT dim, grain, by_counter, site_id, counter_id, day, key, score, ratings, dossiers FROM rating_rollup "
            "ORDER BY dim, grain, by_counter, site_id, counter_id, day, key, score");
        std::vector<std::string> rows;
        while (st.step()) {
            std::string row;
            for (int c = 0; c < 10; ++c) row += st.column_text(c) + "|";
            rows.push_back(row);
        }
        return rows;
    }
};

std::map<std::string, std::int64_t> flag_map(const TrustCounts& counts) {
    std::map<std::string, std::int64_t> out;
    for (TrustFlag f : kTrustFlags) out[std::string(trust_flag_name(f))] = counts.of(f);
    return out;
}

// The flag counts per group key (`key_of` a rating) and overall ("*"), from the expected flags.
std::map<std::string, std::map<std::string, std::int64_t>> count_flags(
    const std::vector<Rating>& ratings, const std::vector<std::set<std::string>>& flags,
    const std::function<std::string(const Rating&)>& key_of) {
    std::map<std::string, std::map<std::string, std::int64_t>> out;
    for (std::size_t i = 0; i < ratings.size(); ++i)
        for (const std::string& key : {std::string("*"), key_of(ratings[i])}) {
            auto& counts = out[key];
            for (TrustFlag f : kTrustFlags) counts[std::string(trust_flag_name(f))] += 0;
            for (auto& flag : flags[i]) counts[flag] += 1;
        }
    return out;
}

void check_flags(TrustSite& site, int burst_seconds) {
    const auto want = expected_flags(site.ratings, burst_seconds);
    auto officer = [](const Rating& r) { return r.officer; };
    auto counter = [](const Rating& r) { return r.counter; };
    auto day = [](const Rating& r) { return r.local.substr(0, 10); };
    auto ticket = [](const Rating& r) { return r.ticket; };
    for (auto [g, key_of] : std::vector<std::pair<GroupBy, std::function<std::string(const Rating&)>>>{
             {GroupBy::Officer, officer}, {GroupBy::Counter, counter}, {GroupBy::Day, day}, {GroupBy::Ticket, ticket}}) {
        INFO("group_by " << group_by_name(g));
        auto expected = count_flags(site.ratings, want, key_of);
        auto r = site.report(g);
        CHECK(flag_map(r.overall.flags) == expected["*"]);
        CHECK(r.groups.size() + 1 == expected.size());
        for (auto& block : r.groups) {
            INFO("group " << block.key);
            CHECK(flag_map(block.flags) == expected[block.key]);
        }
    }
}

}  // namespace

TEST_CASE("flag counts per officer per counter and overall equal those worked out from the raw ratings") {
    TrustSite site;
    site.push_all_in_order();
    check_flags(site, 5);
    // The known cases, spelled out: cb01 rated at 06:59 (outside), 07:00 (inside), 07:00:02 (burst)
    // and twice on Sunday (outside; the second a repeat and a burst); Quầy 2's T1 is no repeat.
    auto r = site.report(GroupBy::Officer);
    REQUIRE(r.groups.size() == 3);
    CHECK(r.groups[0].key == "cb01");
    CHECK(flag_map(r.groups[0].flags) ==
          std::map<std::string, std::int64_t>{{"no_ticket", 2}, {"repeat", 1}, {"burst", 2}, {"outside_hours", 3}});
    CHECK(flag_map(r.overall.flags) ==
          std::map<std::string, std::int64_t>{{"no_ticket", 3}, {"repeat", 2}, {"burst", 3}, {"outside_hours", 4}});
}

TEST_CASE("flags leave totals levels and the 766 rate as they were") {
    TrustSite site;
    site.push_all_in_order();
    auto r = site.report(GroupBy::Officer);
    CHECK(r.overall.total == 11);
    CHECK(r.overall.levels[0].count == 8);
    CHECK(r.overall.levels[1].count == 1);
    CHECK(r.overall.levels[2].count == 2);
    CHECK(r.overall.qd766.percent == "81,82%");  // (11 − 2) ÷ 11: flagged ratings are counted
    std::int64_t officers_total = 0;
    for (auto& g : r.groups) officers_total += g.total;
    CHECK(officers_total == 11);
}

TEST_CASE("a gap filled late flags the ratings as if they had come in order") {
    TrustSite site;
    // Kiosk 0 sends seqs 1, 2 and 5 to 8 first (3 and 4 come last), and a second kiosk in order.
    site.push(0, {0, 1});
    site.push(0, {4, 5, 6, 7});
    site.push(1, {8, 9, 10});
    site.push(0, {2, 3});
    check_flags(site, 5);
    const auto ingested = site.rollup_rows();
    sql::Transaction tx(site.store->database());
    rebuild_rating_rollup(site.store->database(), 420, site.store->trust_rules());
    tx.commit();
    CHECK(site.rollup_rows() == ingested);
}

TEST_CASE("a late rating can take the burst flag off the rating after it and the first rating of a ticket moves") {
    TrustSite site;
    // Kiosk 1: seq 1 at 09:00:00, seq 2 at 09:00:10 (a clock stepped forward), seq 3 at 09:00:03.
    site.ratings = {{1, "2026-11-24T09:00:00", "cb01", "q2", "T9"},
                    {1, "2026-11-24T09:00:10", "cb01", "q2", "T8"},
                    {1, "2026-11-24T09:00:03", "cb01", "q2", "T8"}};
    site.chain();
    site.push(1, {0});
    site.push(1, {2});  // seq 3 before seq 2: 3 s after seq 1, a burst, and T8's first rating
    auto before = site.report(GroupBy::None);
    CHECK(before.overall.flags.of(TrustFlag::Burst) == 1);
    CHECK(before.overall.flags.of(TrustFlag::Repeat) == 0);
    site.push(1, {1});  // seq 2 arrives: seq 3 now follows it 7 s back in time (no burst) and repeats T8
    check_flags(site, 5);
    auto after = site.report(GroupBy::None);
    CHECK(after.overall.flags.of(TrustFlag::Burst) == 0);
    CHECK(after.overall.flags.of(TrustFlag::Repeat) == 1);
    const auto ingested = site.rollup_rows();
    sql::Transaction tx(site.store->database());
    rebuild_rating_rollup(site.store->database(), 420, site.store->trust_rules());
    tx.commit();
    CHECK(site.rollup_rows() == ingested);
}

TEST_CASE("ingest and rebuild_rating_rollup give the same rollup rows") {
    TrustSite site;
    site.push_all_in_order();
    const auto ingested = site.rollup_rows();
    CHECK(ingested.size() > 100);
    sql::Transaction tx(site.store->database());
    rebuild_rating_rollup(site.store->database(), 420, site.store->trust_rules());
    tx.commit();
    CHECK(site.rollup_rows() == ingested);
    check_flags(site, 5);
}

TEST_CASE("opening the store with other trust rules recounts the flags and nothing else") {
    TrustSite site;
    site.push_all_in_order();
    auto before = site.report(GroupBy::Officer);
    site.store.reset();
    site.store.emplace(std::move(ServerStore::open(site.path, 420, make_trust_rules(15, "Mon-Sat 07:00-17:30").value()).value()));
    check_flags(site, 15);  // the 10 s gaps are bursts now
    auto after = site.report(GroupBy::Officer);
    CHECK(after.overall.flags.of(TrustFlag::Burst) == 5);
    CHECK(after.overall.total == before.overall.total);
    CHECK(after.overall.qd766.percent == before.overall.qd766.percent);
    for (std::size_t i = 0; i < after.overall.levels.size(); ++i)
        CHECK(after.overall.levels[i].percent == before.overall.levels[i].percent);
    // Other hours: Monday to Sunday 06:00-18:00 puts every rating inside.
    site.store.reset();
    site.store.emplace(std::move(ServerStore::open(site.path, 420, make_trust_rules(5, "Mon-Sun 06:00-18:00").value()).value()));
    CHECK(site.report(GroupBy::None).overall.flags.of(TrustFlag::OutsideHours) == 0);
    // Ingest after the change flags with the new rules.
    site.ratings.push_back({1, "2026-11-24T05:59:59", "cb03", "q2", "T6"});
    site.chain();
    site.push(1, {11});
    CHECK(site.report(GroupBy::None).overall.flags.of(TrustFlag::OutsideHours) == 1);
}

TEST_CASE("the flags in JSON text and CSV carry the counts and their words") {
    TrustSite site;
    site.push_all_in_order();
    ReportQuery q;
    q.group_by = GroupBy::Officer;
    auto r = site.report(GroupBy::Officer);
    json j = report_to_json(r, q);
    CHECK(j["flags"]["burst"] == 3);
    CHECK(j["groups"][0]["flags"]["outside_hours"] == 3);
    CHECK(j["trust"]["burst_seconds"] == 5);
    CHECK(j["trust"]["labels"]["burst"] == "Đánh giá trong vòng 5 giây");
    std::string text = report_to_text(r, q, "Phường Ba Đình");
    CHECK(text.find("Cần xem lại (các phiếu này vẫn được tính trong tổng số và tỷ lệ): Không gắn phiếu phục vụ: 3, "
                    "Đánh giá lặp cho một phiếu: 2, Đánh giá trong vòng 5 giây: 3, Ngoài giờ làm việc: 4") !=
          std::string::npos);
    CHECK(text.find("  cb01: 6 phiếu") != std::string::npos);
    q.lang = "en";
    std::string csv = report_to_csv(r, q);
    CHECK(csv.find("review_no_ticket,review_repeat,review_within_5_s,review_outside_hours\r\n") != std::string::npos);
    CHECK(csv.find(",3,2,3,4\r\n") != std::string::npos);  // the overall row ends with its flag counts
}

TEST_CASE("the API report carries the trust flags and a restart with another burst setting recounts them") {
    test::ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    const std::string db_instance = uuid_v4();
    // Three ratings at one instant (two bursts), then one 10 s later; none names a ticket.
    auto events = test::rating_chain({1, 1, 3});
    auto later = test::rating_chain({2}, 4, events.back().hash, "2026-11-23T08:15:09.010+07:00");
    events.insert(events.end(), later.begin(), later.end());
    REQUIRE(s.post_events(token, protocol::make_batch(device_id, db_instance, events, 420).dump())->status == 200);
    auto first = s.client().Get(std::string(protocol::kReportPath) + "?group_by=officer");
    REQUIRE(first);
    REQUIRE(first->status == 200);
    json r = json::parse(first->body);
    CHECK(r["flags"] == json{{"no_ticket", 4}, {"repeat", 0}, {"burst", 2}, {"outside_hours", 0}});
    REQUIRE(r["groups"].size() == 1);
    CHECK(r["groups"][0]["flags"]["burst"] == 2);
    CHECK(r["trust"]["burst_seconds"] == 5);
    CHECK(r["trust"]["opening_hours"] == "Mon-Sat 07:00-17:30");
    CHECK(r["trust"]["labels"]["no_ticket"] == "Không gắn phiếu phục vụ");
    const json totals = r["levels"];

    s.process->terminate();
    s.dir.write("trust15.toml", "[trust]\nburst_seconds = 15\n");
    test::Process restarted({test::binary("motcua-server"), "--config", s.dir.file("trust15.toml"), "--db", s.db, "serve", "--port", "0"});
    std::string line = restarted.wait_for_line("listening on http://127.0.0.1:");
    REQUIRE_FALSE(line.empty());
    httplib::Client c("127.0.0.1", std::stoi(line.substr(line.rfind(':') + 1)));
    c.set_read_timeout(10);
    auto res = c.Get(std::string(protocol::kReportPath) + "?group_by=officer");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    json again = json::parse(res->body);
    CHECK(again["flags"]["burst"] == 3);  // the 10 s gap is a burst now
    CHECK(again["trust"]["burst_seconds"] == 15);
    CHECK(again["levels"] == totals);  // counts and percentages as before
    CHECK(again["total"] == 4);
}
