// Ratings of a served queue ticket (issue 6) arrive with their ticket, officer, counter, field and
// dossier codes, and the report counts them per ticket and with / without a ticket.
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "core/clock.hpp"
#include "server/rating_report.hpp"
#include "server/server_store.hpp"
#include "server_test_support.hpp"

using namespace motcua;
using namespace motcua::server;

namespace {

constexpr const char* kTicket = "2026-11-23/dat-dai/C001";

// Three ratings at counter q1: the first about a served ticket, the other two from the plain screen.
std::vector<Event> ratings_one_with_ticket() {
    auto events = test::rating_chain({1, 2, 3});
    events[0].data = json{{"ticket_id", kTicket},         {"ticket_display", "C001"},
                          {"ticket_link", "served"},      {"counter", "q1"},
                          {"officer", "can-bo-an"},       {"service", "dat-dai"},
                          {"dossier_codes", json::array({"000.00.14.H12-210315-0001"})},
                          {"score", 1},                   {"reasons", json::array()}};
    for (auto& e : events) e.data["ticket_link"] = e.data["ticket_id"].is_null() ? "none" : "served";
    std::string prev = kGenesisHash;
    for (auto& e : events) {
        e.prev_hash = prev;
        e.hash = compute_event_hash(e);
        prev = e.hash;
    }
    return events;
}

struct RatedSite {
    test::TempDir dir;
    std::string path = dir.file("server.db");
    std::optional<ServerStore> store{std::move(ServerStore::open(path).value())};
    Device device;

    RatedSite() {
        REQUIRE(store->add_site({"px", "Phường Ba Đình", std::nullopt}).ok());
        REQUIRE(store->add_counter({"px", "q1", "Quầy 1"}).ok());
        auto code = store->create_enroll_code("px", "q1", 72, clock::unix_ms_now());
        REQUIRE(code.ok());
        auto enrolment = store->enroll(code.value(), "host", "0.1.0", clock::unix_ms_now());
        REQUIRE(enrolment.ok());
        device = enrolment->device;
        json batch = protocol::make_batch(device.device_id, uuid_v4(), ratings_one_with_ticket(), 420);
        REQUIRE(store->ingest_batch(device, batch, 500, clock::unix_ms_now()).ok());
    }
    Report report(GroupBy g) {
        ReportQuery q;
        q.group_by = g;
        auto r = rating_report(*store, default_rating_scale(), q, {});
        REQUIRE(r.ok());
        return r.value();
    }
};

}  // namespace

TEST_CASE("the report shows a ticket's rating by ticket and counts ratings with and without a ticket") {
    RatedSite site;
    auto by_ticket = site.report(GroupBy::Ticket);
    REQUIRE(by_ticket.groups.size() == 2);
    CHECK(by_ticket.groups[0].label == "(không gắn số thứ tự)");
    CHECK(by_ticket.groups[0].total == 2);
    CHECK(by_ticket.groups[1].key == kTicket);
    CHECK(by_ticket.groups[1].summary == "1 phiếu, rất hài lòng 100%, hài lòng 0%, không hài lòng 0%");

    auto linked = site.report(GroupBy::Linked);
    REQUIRE(linked.groups.size() == 2);
    CHECK(linked.groups[0].key == "none");
    CHECK(linked.groups[0].total == 2);
    CHECK(linked.groups[1].key == "ticket");
    CHECK(linked.groups[1].label == "Gắn số thứ tự đã phục vụ");
    CHECK(linked.groups[1].total == 1);

    auto by_officer = site.report(GroupBy::Officer);
    bool officer_found = false;
    for (auto& g : by_officer.groups) officer_found = officer_found || (g.key == "can-bo-an" && g.total == 1);
    CHECK(officer_found);
    auto by_field = site.report(GroupBy::Service);
    bool field_found = false;
    for (auto& g : by_field.groups) field_found = field_found || (g.key == "dat-dai" && g.total == 1);
    CHECK(field_found);
    CHECK(parse_group_by("ticket").value() == GroupBy::Ticket);
    CHECK(parse_group_by("linked").value() == GroupBy::Linked);
}

TEST_CASE("a database from before the ticket column gets its ratings' tickets when it is opened") {
    RatedSite site;
    site.store.reset();
    // Back to the schema before the migration: no ticket column (nor the report rollup that came
    // after it), user_version two steps lower.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(site.path.c_str(), &db) == SQLITE_OK);
    int version = 0;
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    // Schema 2 had no ticket column (added by step 3), none of the dashboard's tables (step 4) and
    // no rating rollup (step 5), nor the queue facts (step 6), nor the trust flags' indexes (step 7).
    REQUIRE(version == 7);
    const std::string downgrade =
        "DROP INDEX events_rating_seq; DROP INDEX events_rating_ticket; DROP TABLE queue_counts; DROP TABLE queue_tickets; DROP TABLE rating_rollup; DROP TABLE web_sessions; DROP TABLE web_users; "
        "ALTER TABLE enroll_codes DROP COLUMN revoked_at; ALTER TABLE events DROP COLUMN ticket_id; "
        "PRAGMA user_version = 2;";
    CHECK(sqlite3_exec(db, downgrade.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);

    site.store.emplace(std::move(ServerStore::open(site.path).value()));
    auto linked = site.report(GroupBy::Linked);
    REQUIRE(linked.groups.size() == 2);
    CHECK(linked.groups[1].key == "ticket");
    CHECK(linked.groups[1].total == 1);
}
