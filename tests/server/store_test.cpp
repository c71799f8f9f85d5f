// ServerStore and reports without HTTP: the rules the appraisal numbers depend on.
#include <limits>
#include <catch2/catch.hpp>

#include "core/clock.hpp"
#include "server/rating_report.hpp"
#include "server/server_store.hpp"
#include "server_test_support.hpp"

using namespace motcua;
using namespace motcua::server;

namespace {

struct StoreFixture {
    test::TempDir dir;
    ServerStore store = std::move(ServerStore::open(dir.file("server.db")).value());
    Device device;
    std::string db_instance = uuid_v4();

    StoreFixture() {
        REQUIRE(store.add_site({"hn", "Hà Nội", std::nullopt}).ok());
        REQUIRE(store.add_site({"px", "Phường Ba Đình", std::string("hn")}).ok());
        REQUIRE(store.add_counter({"px", "q1", "Quầy 1"}).ok());
        auto code = store.create_enroll_code("px", "q1", 72, clock::unix_ms_now());
        REQUIRE(code.ok());
        auto enrolment = store.enroll(code.value(), "host", "0.1.0", clock::unix_ms_now());
        REQUIRE(enrolment.ok());
        device = enrolment->device;
    }

    IngestAck ingest(const std::vector<Event>& events, const std::string& instance = "") {
        json batch = protocol::make_batch(device.device_id, instance.empty() ? db_instance : instance, events, 420);
        auto ack = store.ingest_batch(device, batch, 500, clock::unix_ms_now());
        REQUIRE(ack.ok());
        return ack.value();
    }

    Report report(ReportQuery query = {}) {
        auto r = rating_report(store, default_rating_scale(), query, {});
        REQUIRE(r.ok());
        return r.value();
    }
};

std::vector<std::string> statuses(const IngestAck& ack) {
    std::vector<std::string> out;
    for (auto& r : ack.results) out.push_back(r.status);
    return out;
}

}  // namespace

TEST_CASE("a chained batch is stored and acked through its last seq") {
    StoreFixture f;
    auto ack = f.ingest(test::rating_chain({1, 1, 2, 3, 1}));
    CHECK(statuses(ack) == std::vector<std::string>(5, "stored"));
    CHECK(ack.acked_through == 5);
    CHECK(f.store.event_count() == 5);
    CHECK(f.store.alarms().empty());
}

TEST_CASE("resending a batch answers duplicate and never double-counts") {
    StoreFixture f;
    auto events = test::rating_chain({1, 1, 2});
    f.ingest(events);
    auto again = f.ingest(events);
    CHECK(statuses(again) == std::vector<std::string>(3, "duplicate"));
    CHECK(again.acked_through == 3);
    CHECK(f.report().overall.total == 3);
}

TEST_CASE("the same id with a different hash is a conflict: quarantined, alarmed, not counted") {
    StoreFixture f;
    auto events = test::rating_chain({1, 1});
    f.ingest(events);
    auto tampered = events;
    tampered[1].data["score"] = 3;
    tampered[1].hash = compute_event_hash(tampered[1]);
    auto ack = f.ingest({tampered[1]});
    CHECK(statuses(ack) == std::vector<std::string>{"conflict"});
    CHECK(f.store.quarantine_count() == 1);
    REQUIRE(f.store.alarms().size() == 1);
    CHECK(f.store.alarms()[0].kind == "tamper_conflict");
    auto r = f.report();
    CHECK(r.overall.total == 2);
    CHECK(r.overall.levels[2].count == 0);
}

TEST_CASE("a batch overlapping what is stored answers duplicate for the old part and stores the rest") {
    StoreFixture f;
    auto events = test::rating_chain({1, 2, 3, 1, 2});
    f.ingest({events[0], events[1], events[2]});
    auto ack = f.ingest({events[1], events[2], events[3], events[4]});
    CHECK(statuses(ack) == std::vector<std::string>{"duplicate", "duplicate", "stored", "stored"});
    CHECK(ack.acked_through == 5);
    CHECK(f.store.event_count() == 5);
    CHECK(f.report().overall.total == 5);
    CHECK(f.store.alarms().empty());
}

TEST_CASE("the next event of the chain whose id is already stored at another seq is a conflict, not stored") {
    StoreFixture f;
    auto events = test::rating_chain({1, 1, 1});
    f.ingest(events);
    // Chained correctly after seq 3, yet it reuses the id of seq 1 (a forged or replayed id).
    auto reused = test::rating_chain({3}, 4, events[2].hash);
    reused[0].id = events[0].id;
    reused[0].hash = compute_event_hash(reused[0]);
    auto ack = f.ingest(reused);
    CHECK(statuses(ack) == std::vector<std::string>{"conflict"});
    CHECK(f.store.event_count() == 3);
    CHECK(f.store.quarantine_count() == 1);
    REQUIRE(f.store.alarms().size() == 1);
    CHECK(f.store.alarms()[0].kind == "tamper_conflict");
    CHECK(f.report().overall.levels[2].count == 0);
}

TEST_CASE("a bad hash is rejected with a reason and quarantined, yet acked") {
    StoreFixture f;
    auto events = test::rating_chain({1, 2});
    events[1].data["score"] = 1;  // edited after hashing
    auto ack = f.ingest(events);
    CHECK(statuses(ack) == std::vector<std::string>{"stored", "rejected"});
    CHECK_FALSE(ack.results[1].reason.empty());
    CHECK(ack.acked_through == 2);
    CHECK(f.store.quarantine_count() == 1);
    CHECK(f.report().overall.total == 1);
}

TEST_CASE("a gap in seq holds acked_through at the last contiguous seq and raises an alarm") {
    StoreFixture f;
    auto events = test::rating_chain({1, 1, 1, 1, 1});
    f.ingest({events[0], events[1]});
    auto ack = f.ingest({events[3], events[4]});
    CHECK(ack.acked_through == 2);
    bool gap_alarm = false;
    for (auto& a : f.store.alarms()) gap_alarm |= a.kind == "seq_gap";
    CHECK(gap_alarm);
    auto filled = f.ingest({events[2]});
    CHECK(filled.acked_through == 5);
}

TEST_CASE("a broken prev_hash raises a chain alarm but keeps the rating") {
    StoreFixture f;
    auto first = test::rating_chain({1});
    auto second = test::rating_chain({2}, 2, std::string(64, 'a'));
    f.ingest(first);
    auto ack = f.ingest(second);
    CHECK(statuses(ack) == std::vector<std::string>{"stored"});
    REQUIRE(f.store.alarms().size() == 1);
    CHECK(f.store.alarms()[0].kind == "hash_chain_break");
}

TEST_CASE("a malformed batch is refused whole") {
    StoreFixture f;
    auto events = test::rating_chain({1, 1, 1});
    json batch = protocol::make_batch(f.device.device_id, f.db_instance, {events[0], events[2]}, 420);
    CHECK_FALSE(f.store.ingest_batch(f.device, batch, 500, 0).ok());  // not contiguous
    batch = protocol::make_batch("kiosk-other", f.db_instance, events, 420);
    CHECK_FALSE(f.store.ingest_batch(f.device, batch, 500, 0).ok());  // someone else's device_id
    batch = protocol::make_batch(f.device.device_id, f.db_instance, events, 420);
    batch["protocol"] = 2;
    CHECK_FALSE(f.store.ingest_batch(f.device, batch, 500, 0).ok());
    batch = protocol::make_batch(f.device.device_id, f.db_instance, events, 420);
    CHECK_FALSE(f.store.ingest_batch(f.device, batch, 2, 0).ok());  // over max_batch_events
    CHECK(f.store.event_count() == 0);
}

TEST_CASE("a seq no kiosk can reach is refused in plain words, even the largest 64-bit one") {
    StoreFixture f;
    json batch = protocol::make_batch(f.device.device_id, f.db_instance, test::rating_chain({1}), 420);
    for (std::int64_t seq : {std::numeric_limits<std::int64_t>::max(), (std::int64_t{1} << 53) + 1}) {
        batch["events"][0]["seq"] = seq;
        auto refused = f.store.ingest_batch(f.device, batch, 500, 0);
        REQUIRE_FALSE(refused.ok());
        CHECK_THAT(refused.error(), Catch::Contains("seq is larger"));
    }
    CHECK(f.store.event_count() == 0);
}

TEST_CASE("the report is written the way leaders write it") {
    StoreFixture f;
    f.ingest(test::rating_chain({1, 1, 2}));
    auto r = f.report();
    CHECK(r.overall.total == 3);
    CHECK(r.overall.summary == "3 phiếu, rất hài lòng 66,67%, hài lòng 33,33%, không hài lòng 0%");
    CHECK(summary_line(1659, {{1, "Rất hài lòng", 1526, "91,98%"},
                              {2, "Hài lòng", 131, "7,9%"},
                              {3, "Không hài lòng", 2, "0,12%"}}) ==
          "1.659 phiếu, rất hài lòng 91,98%, hài lòng 7,9%, không hài lòng 0,12%");
}

TEST_CASE("report filters by date in UTC+7, site subtree and counter, and groups by day") {
    StoreFixture f;
    // 23/11 at 23:30 local is 16:30 UTC: it belongs to the 23rd in Viet Nam.
    auto day23 = test::rating_chain({1, 3}, 1, kGenesisHash, "2026-11-23T16:30:00.000Z");
    auto day24 = test::rating_chain({2}, 3, day23.back().hash, "2026-11-24T08:00:00.000+07:00", "q2");
    f.ingest(day23);
    f.ingest(day24);
    ReportQuery q;
    q.from_date = "23/11/2026";
    q.to_date = "23/11/2026";
    CHECK(f.report(q).overall.total == 2);
    q = {};
    q.site_id = "hn";  // the province includes the ward below it
    q.group_by = GroupBy::Day;
    auto r = f.report(q);
    CHECK(r.overall.total == 3);
    REQUIRE(r.groups.size() == 2);
    CHECK(r.groups[0].label == "23/11/2026");
    CHECK(r.groups[0].summary == "2 phiếu, rất hài lòng 50%, hài lòng 0%, không hài lòng 50%");
    CHECK(r.groups[1].label == "24/11/2026");
    q = {};
    q.counter_id = "q2";
    CHECK(f.report(q).overall.total == 1);
    q = {};
    q.site_id = "nowhere";
    CHECK_FALSE(rating_report(f.store, default_rating_scale(), q, {}).ok());
}

TEST_CASE("an enrolment code works once and an expired one never") {
    StoreFixture f;
    auto now = clock::unix_ms_now();
    auto code = f.store.create_enroll_code("px", "q1", 1, now).value();
    CHECK(code.size() == 9);
    CHECK(code[4] == '-');
    std::string typed = code;
    for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(f.store.enroll(typed, "h", "v", now).ok());  // staff may type lower case
    CHECK(f.store.enroll(code, "h", "v", now).error() == "code_invalid");
    auto expired = f.store.create_enroll_code("px", "q1", 1, now).value();
    CHECK(f.store.enroll(expired, "h", "v", now + 3600 * 1000 + 1).error() == "code_invalid");
    CHECK_FALSE(f.store.create_enroll_code("px", "nope", 1, now).ok());
}

TEST_CASE("a revoked token is unknown") {
    StoreFixture f;
    auto code = f.store.create_enroll_code("px", "q1", 1, clock::unix_ms_now()).value();
    auto e = f.store.enroll(code, "h", "v", clock::unix_ms_now()).value();
    CHECK(f.store.device_for_token(e.token));
    CHECK_FALSE(f.store.device_for_token(e.token + "x"));
    REQUIRE(f.store.revoke_device(e.device.device_id).ok());
    CHECK_FALSE(f.store.device_for_token(e.token));
}
