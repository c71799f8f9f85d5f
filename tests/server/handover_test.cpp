// Which device may push a kiosk database's sequence: re-enrolment hands it over, a clone is refused.
#include <catch2/catch.hpp>

#include "core/clock.hpp"
#include "server/server_store.hpp"
#include "server_test_support.hpp"

using namespace motcua;
using namespace motcua::server;

namespace {

struct Fleet {
    test::TempDir dir;
    ServerStore store = std::move(ServerStore::open(dir.file("server.db")).value());
    std::string db_instance = uuid_v4();
    std::int64_t now = clock::unix_ms_now();

    Fleet() {
        REQUIRE(store.add_site({"px", "Phường Ba Đình", std::nullopt}).ok());
        REQUIRE(store.add_counter({"px", "q1", "Quầy 1"}).ok());
    }

    // Enrols a device now (optionally naming a kiosk database); later calls are later in time.
    Enrolment enrol(const std::string& instance = "", const std::string& host = "kiosk-q1") {
        now += 1000;
        auto code = store.create_enroll_code("px", "q1", 72, now);
        REQUIRE(code.ok());
        auto e = store.enroll(code.value(), host, "0.1.0", now, instance);
        REQUIRE(e.ok());
        return e.value();
    }

    Result<IngestAck> push(const Device& device, const std::vector<Event>& events, const std::string& instance = "") {
        json batch = protocol::make_batch(device.device_id, instance.empty() ? db_instance : instance, events, 420);
        return store.ingest_batch(device, batch, 500, now);
    }

    std::vector<std::string> alarm_kinds() {
        std::vector<std::string> out;
        for (auto& a : store.alarms()) out.push_back(a.kind);
        return out;
    }
};

std::vector<std::string> statuses(const IngestAck& ack) {
    std::vector<std::string> out;
    for (auto& r : ack.results) out.push_back(r.status);
    return out;
}

bool revoked(ServerStore& store, const std::string& device_id) {
    for (auto& f : store.fleet())
        if (f.device.device_id == device_id) return f.device.revoked;
    return false;
}

}  // namespace

TEST_CASE("re-enrolling with the kiosk's db_instance hands the sequence over and retires the old device") {
    Fleet f;
    auto old_device = f.enrol().device;
    auto events = test::rating_chain({1, 2, 1, 3, 1, 1});
    REQUIRE(f.push(old_device, {events.begin(), events.begin() + 3}).ok());
    REQUIRE(f.store.revoke_device(old_device.device_id, f.now += 1000).ok());

    auto again = f.enrol(f.db_instance, "kiosk-q1-moi");
    REQUIRE(again.took_over_from);
    CHECK(*again.took_over_from == old_device.device_id);
    auto ack = f.push(again.device, {events.begin() + 3, events.end()});
    REQUIRE(ack.ok());
    CHECK(statuses(ack.value()) == std::vector<std::string>(3, "stored"));
    CHECK(ack->acked_through == 6);

    auto handovers = f.store.handovers();
    REQUIRE(handovers.size() == 1);
    CHECK(handovers[0].db_instance == f.db_instance);
    CHECK(handovers[0].from_device == old_device.device_id);
    CHECK(handovers[0].to_device == again.device.device_id);
    CHECK(handovers[0].trigger == "enrol");
    CHECK(handovers[0].enroll_code.size() == 9);
    CHECK(handovers[0].hostname == "kiosk-q1-moi");
    CHECK(handovers[0].counter_id == "q1");
    CHECK(handovers[0].acked_through == 3);
    CHECK(f.alarm_kinds() == std::vector<std::string>{"db_instance_handover"});
}

TEST_CASE("events stored under the old device whose ack was lost come back duplicate after re-enrolment") {
    Fleet f;
    auto old_device = f.enrol().device;
    auto events = test::rating_chain({1, 1, 2, 3, 1, 2, 1});
    REQUIRE(f.push(old_device, {events.begin(), events.begin() + 5}).ok());
    REQUIRE(f.store.revoke_device(old_device.device_id, f.now += 1000).ok());
    auto again = f.enrol(f.db_instance).device;

    auto ack = f.push(again, events);  // the kiosk's cursor never moved: it sends everything
    REQUIRE(ack.ok());
    std::vector<std::string> expected(5, "duplicate");
    expected.insert(expected.end(), 2, "stored");
    CHECK(statuses(ack.value()) == expected);
    CHECK(ack->acked_through == 7);
    CHECK(f.store.event_count() == 7);
    CHECK(f.store.quarantine_count() == 0);
    CHECK(f.alarm_kinds() == std::vector<std::string>{"db_instance_handover"});
}

TEST_CASE("an older kiosk enrolled without db_instance takes over a revoked device's sequence at its first push") {
    Fleet f;
    auto old_device = f.enrol().device;
    auto events = test::rating_chain({1, 2, 3, 1});
    REQUIRE(f.push(old_device, {events[0], events[1]}).ok());
    REQUIRE(f.store.revoke_device(old_device.device_id, f.now += 1000).ok());
    auto again = f.enrol().device;

    auto ack = f.push(again, events);
    REQUIRE(ack.ok());
    CHECK(statuses(ack.value()) == std::vector<std::string>{"duplicate", "duplicate", "stored", "stored"});
    auto handovers = f.store.handovers();
    REQUIRE(handovers.size() == 1);
    CHECK(handovers[0].trigger == "first_push");
    CHECK(handovers[0].to_device == again.device_id);
}

TEST_CASE("a live device pushing another live device's db_instance is refused whole and raises a tamper alarm") {
    Fleet f;
    auto owner = f.enrol().device;
    auto other = f.enrol().device;
    auto events = test::rating_chain({1, 2, 3});
    REQUIRE(f.push(owner, {events[0]}).ok());

    auto refused = f.push(other, {events[1], events[2]});
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.error(), Catch::StartsWith("db_instance_claimed"));
    CHECK(f.store.event_count() == 1);
    CHECK(f.alarm_kinds() == std::vector<std::string>{"tamper_claimed"});
    CHECK_FALSE(revoked(f.store, owner.device_id));
    // The owner is unaffected.
    auto ack = f.push(owner, {events[1], events[2]});
    REQUIRE(ack.ok());
    CHECK(ack->acked_through == 3);
}

TEST_CASE("a device enrolled before the owner was revoked cannot take over its sequence") {
    Fleet f;
    auto owner = f.enrol().device;
    auto earlier = f.enrol().device;  // enrolled while the owner was still live
    auto events = test::rating_chain({1, 2});
    REQUIRE(f.push(owner, {events[0]}).ok());
    REQUIRE(f.store.revoke_device(owner.device_id, f.now += 1000).ok());
    auto refused = f.push(earlier, {events[1]});
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.error(), Catch::StartsWith("db_instance_claimed"));
    CHECK(f.store.handovers().empty());
}

TEST_CASE("a device that starts a new kiosk database gets a new sequence from 1 and an alarm") {
    Fleet f;
    auto device = f.enrol().device;
    REQUIRE(f.push(device, test::rating_chain({1, 1})).ok());
    std::string reimaged = uuid_v4();
    auto ack = f.push(device, test::rating_chain({2}), reimaged);
    REQUIRE(ack.ok());
    CHECK(ack->acked_through == 1);
    CHECK(f.alarm_kinds() == std::vector<std::string>{"new_sequence"});
    auto sequences = f.store.sequences();
    REQUIRE(sequences.size() == 2);
    for (auto& s : sequences) {
        CHECK(s.device_id == device.device_id);
        CHECK(s.acked_through == (s.db_instance == reimaged ? 1 : 2));
    }
}

TEST_CASE("a clone running ahead of the original keeps its whole fork in quarantine, never in the sequence") {
    Fleet f;
    auto device = f.enrol().device;
    auto shared = test::rating_chain({1, 1});
    auto original = test::rating_chain({1, 1}, 3, shared.back().hash);
    auto clone = test::rating_chain({3, 3, 3}, 3, shared.back().hash);  // same seqs 3..4, then seq 5
    REQUIRE(f.push(device, shared).ok());
    REQUIRE(f.push(device, original).ok());

    auto ack = f.push(device, clone);
    REQUIRE(ack.ok());
    CHECK(statuses(ack.value()) == std::vector<std::string>(3, "conflict"));
    CHECK(f.store.event_count() == 4);
    CHECK(f.store.quarantine_count() == 3);
    // The original carries on at seq 5 as if the clone had never pushed.
    auto next = f.push(device, test::rating_chain({2}, 5, original.back().hash));
    REQUIRE(next.ok());
    CHECK(statuses(next.value()) == std::vector<std::string>{"stored"});
    CHECK(next->acked_through == 5);
    for (auto& kind : f.alarm_kinds()) CHECK(kind == "tamper_conflict");
}
