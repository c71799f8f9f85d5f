// The queue report, checked against numbers this test computes itself from the ticket events it
// sent through ingest_batch into a real SQLite store: counts, exact median and p90 of the waiting
// and service times it generated, a call stored before its issue, duplicates and quarantined
// events never counted, local midnight in Asia/Ho_Chi_Minh, natural counter order, and the report
// printed by the real motcua-server program.
#include "server/queue_report.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>

#include "core/clock.hpp"
#include "core/vn_format.hpp"
#include "server/server_store.hpp"
#include "server_test_support.hpp"

using namespace motcua;
using namespace motcua::server;

namespace {

constexpr std::int64_t kMinute = 60000;

struct Kiosk {
    Device device;
    std::string db_instance = uuid_v4();
    std::int64_t next_seq = 1;
    std::string prev_hash = std::string(kGenesisHash);
};

// Local (+07:00) unix ms of a date and time.
std::int64_t local_ms(const std::string& day, const std::string& hh_mm) {
    std::int64_t ms = 0;
    REQUIRE(clock::parse_rfc3339(day + "T" + hh_mm + ":00.000+07:00", ms));
    return ms;
}

struct Ticket {
    std::string day, field, display, counter;
    std::string id() const { return day + "/" + field + "/" + display; }
};

Event ticket_event(Kiosk& k, std::string_view type, const Ticket& t, std::int64_t at_ms, json more = json::object()) {
    Event e;
    e.seq = k.next_seq++;
    e.id = uuid_v7();
    e.type = std::string(type);
    e.at = clock::rfc3339_ms(at_ms, 420);
    e.mono_ms = 1000 + e.seq;
    e.boot_id = "7d1f1c8e-0000-4000-8000-000000000001";
    e.data = json{{"ticket", t.id()},
                  {"day", t.day},
                  {"field", t.field},
                  {"prefix", t.display.substr(0, 1)},
                  {"number", std::stoi(t.display.substr(1))},
                  {"display", t.display},
                  {"priority", nullptr},
                  {"procedure", nullptr}};
    for (auto& [key, value] : more.items()) e.data[key] = value;
    e.prev_hash = k.prev_hash;
    e.hash = compute_event_hash(e);
    k.prev_hash = e.hash;
    return e;
}

json at_counter(const std::string& counter) { return {{"counter", counter}, {"officer", "cb-" + counter}}; }

// The test's own statistics: the middle sample (mean of the two middle ones), nearest-rank p90.
double median_of(std::vector<std::int64_t> v) {
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return n % 2 ? static_cast<double>(v[n / 2]) : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}
double p90_of(std::vector<std::int64_t> v) {
    std::sort(v.begin(), v.end());
    std::size_t rank = 1;
    while (rank * 10 < v.size() * 9) ++rank;  // the smallest rank with rank >= 0.9 n
    return static_cast<double>(v[rank - 1]);
}

struct QueueSite {
    test::TempDir dir;
    std::string path = dir.file("server.db");
    std::optional<ServerStore> store{std::move(ServerStore::open(path).value())};
    Kiosk dispenser, counters;

    QueueSite() {
        REQUIRE(store->add_site({"hn", "Hà Nội", std::nullopt}).ok());
        REQUIRE(store->add_site({"px", "Phường Ba Đình", std::string("hn")}).ok());
        for (auto& [id, name] :
             std::vector<std::pair<std::string, std::string>>{{"q1", "Quầy 1"}, {"q2", "Quầy 2"}, {"q10", "Quầy 10"}})
            REQUIRE(store->add_counter({"px", id, name}).ok());
        for (Kiosk* k : {&dispenser, &counters}) {
            auto code = store->create_enroll_code("px", "q1", 72, clock::unix_ms_now());
            REQUIRE(code.ok());
            auto enrolment = store->enroll(code.value(), "host", "0.1.0", clock::unix_ms_now());
            REQUIRE(enrolment.ok());
            k->device = enrolment->device;
        }
    }

    IngestAck push(Kiosk& k, const std::vector<Event>& events, const std::string& db_instance = "") {
        json batch =
            protocol::make_batch(k.device.device_id, db_instance.empty() ? k.db_instance : db_instance, events, 420);
        auto ack = store->ingest_batch(k.device, batch, 500, clock::unix_ms_now());
        REQUIRE(ack.ok());
        return ack.value();
    }

    QueueReport report(QueueQuery q) {
        auto r = queue_report(*store, q);
        REQUIRE(r.ok());
        return r.value();
    }
};

// What the test sent, and the numbers it expects from it.
struct Expected {
    std::int64_t issued = 0, served = 0, no_show = 0, cancelled = 0;
    std::vector<std::int64_t> waiting, service;
    std::map<std::string, std::int64_t> served_by_counter;
    std::map<int, std::int64_t> issued_by_hour;
};

void check_block(const QueueBlock& b, const Expected& x) {
    CHECK(b.issued == x.issued);
    CHECK(b.served == x.served);
    CHECK(b.no_show == x.no_show);
    CHECK(b.cancelled == x.cancelled);
    REQUIRE(b.waiting.samples == static_cast<std::int64_t>(x.waiting.size()));
    REQUIRE(b.service.samples == static_cast<std::int64_t>(x.service.size()));
    if (!x.waiting.empty()) {
        CHECK(b.waiting.median_ms == median_of(x.waiting));
        CHECK(b.waiting.p90_ms == p90_of(x.waiting));
    }
    if (!x.service.empty()) {
        CHECK(b.service.median_ms == median_of(x.service));
        CHECK(b.service.p90_ms == p90_of(x.service));
    }
}

}  // namespace

TEST_CASE("the queue report gives the counts, exact medians and p90 of the tickets sent") {
    QueueSite site;
    Expected x;
    std::map<std::string, Expected> at;  // what each counter did, worked out separately
    const std::string day = "2026-11-23";
    const std::vector<std::string> counter_ids{"q1", "q2", "q10"};
    std::vector<Event> issues, actions;
    // 44 tickets: 40 waiting samples, a count where the nearest-rank p90 (the 36th) is easy to get wrong.
    for (int i = 0; i < 44; ++i) {
        Ticket t{day, i % 3 == 0 ? "dat_dai" : "ho_tich", (i % 3 == 0 ? "B" : "A") + std::to_string(100 + i),
                 counter_ids[static_cast<std::size_t>(i) % 3]};
        // Issues from 07:30 every 9 minutes, plus some seconds so durations are not round.
        const std::int64_t issued = local_ms(day, "07:30") + i * 9 * kMinute + (i * 7919 % 60000);
        issues.push_back(ticket_event(site.dispenser, event_type::kTicketIssued, t, issued,
                                      {{"issuer_kind", "dispenser"}, {"issuer", "d1"}}));
        ++x.issued;
        ++x.issued_by_hour[static_cast<int>(((issued / 1000 / 60 + 7 * 60) / 60) % 24)];
        const std::int64_t wait = (2 + (i * 37) % 41) * kMinute + (i * 104729 % 60000);
        const std::int64_t called = issued + wait;
        const std::int64_t service = (3 + (i * 53) % 23) * kMinute + (i * 3571 % 60000);
        if (i % 11 == 5) {  // cancelled while waiting: no call, no sample
            actions.push_back(
                ticket_event(site.counters, event_type::kTicketCancelled, t, called,
                             {{"reason", "not_delivered"}, {"status_before", "waiting"}, {"counter", nullptr}}));
            ++x.cancelled;
            continue;
        }
        actions.push_back(ticket_event(site.counters, event_type::kTicketCalled, t, called, at_counter(t.counter)));
        x.waiting.push_back(wait);
        at[t.counter].waiting.push_back(wait);
        if (i % 9 == 4) {  // missed twice (put back, called again, missed again): one no-show ticket
            json requeue = at_counter(t.counter);
            requeue["requeue"] = true;
            actions.push_back(ticket_event(site.counters, event_type::kTicketNoShow, t, called + kMinute, requeue));
            actions.push_back(ticket_event(site.counters, event_type::kTicketCalled, t, called + 20 * kMinute,
                                           at_counter(t.counter)));
            actions.push_back(ticket_event(site.counters, event_type::kTicketNoShow, t, called + 21 * kMinute,
                                           at_counter(t.counter)));
            ++x.no_show;
            ++at[t.counter].no_show;
            continue;
        }
        std::int64_t start = called;
        if (i % 2 == 0) {  // half are marked "serving" a little after the call
            start = called + 40000;
            actions.push_back(ticket_event(site.counters, event_type::kTicketServing, t, start, at_counter(t.counter)));
        }
        actions.push_back(
            ticket_event(site.counters, event_type::kTicketRecalled, t, called + 5000, at_counter(t.counter)));
        json served = at_counter(t.counter);
        served["dossier_codes"] = json::array();
        actions.push_back(ticket_event(site.counters, event_type::kTicketServed, t, start + service, served));
        x.service.push_back(service);
        at[t.counter].service.push_back(service);
        ++at[t.counter].served;
        ++x.served;
        ++x.served_by_counter[t.counter];
    }
    // The counter kiosk's calls reach the server before the dispenser's issues (another kiosk,
    // pushing later): the waiting times must come out the same.
    for (std::size_t from = 0; from < actions.size(); from += 40)
        site.push(site.counters, {actions.begin() + static_cast<std::ptrdiff_t>(from),
                                  actions.begin() + static_cast<std::ptrdiff_t>(std::min(actions.size(), from + 40))});
    site.push(site.dispenser, issues);

    QueueQuery q;
    q.site_id = "hn";
    QueueReport r = site.report(q);
    check_block(r.overall, x);
    int busiest = -1;
    std::int64_t most = 0;
    for (auto& [hour, n] : x.issued_by_hour)
        if (n > most) busiest = hour, most = n;
    REQUIRE(r.overall.busiest_hour.has_value());
    CHECK(*r.overall.busiest_hour == busiest);
    CHECK(r.overall.busiest_hour_issued == most);
    CHECK(r.overall.no_show_percent == vn::percent(x.no_show, x.issued));

    q.group_by = QueueGroupBy::Counter;
    r = site.report(q);
    std::vector<std::string> labels;
    for (auto& g : r.groups) labels.push_back(g.label);
    // Issues from the dispenser are at no counter; the counters in the order people count them.
    CHECK(labels == std::vector<std::string>{"(không qua quầy)", "Quầy 1", "Quầy 2", "Quầy 10"});
    for (auto& g : r.groups) {
        if (g.key.empty())
            CHECK(g.issued == x.issued);
        else
            CHECK(g.served == x.served_by_counter[g.key]);
    }

    q.group_by = QueueGroupBy::Hour;
    r = site.report(q);
    for (auto& g : r.groups) CHECK(g.issued == x.issued_by_hour[std::stoi(g.key)]);

    // One counter: its own served, missed, waiting and service; the dispenser issued everything.
    q.group_by = QueueGroupBy::None;
    for (auto& id : counter_ids) {
        INFO("counter " << id);
        q.counter_id = id;
        r = site.report(q);
        check_block(r.overall, at[id]);
        CHECK(r.overall.issued == 0);
    }
}

TEST_CASE("a call stored before its ticket's issue still gives the waiting time") {
    QueueSite site;
    Ticket t{"2026-11-23", "ho_tich", "A001", "q2"};
    const std::int64_t issued = local_ms(t.day, "09:10") + 15000;
    site.push(site.counters, {ticket_event(site.counters, event_type::kTicketCalled, t, issued + 12 * kMinute + 30000,
                                           at_counter("q2"))});
    QueueReport before = site.report({});
    CHECK(before.overall.issued == 0);
    CHECK(before.overall.waiting.samples == 0);
    site.push(site.dispenser, {ticket_event(site.dispenser, event_type::kTicketIssued, t, issued,
                                            {{"issuer_kind", "dispenser"}, {"issuer", "d1"}})});
    QueueReport after = site.report({});
    CHECK(after.overall.issued == 1);
    REQUIRE(after.overall.waiting.samples == 1);
    CHECK(after.overall.waiting.median_ms == 12 * kMinute + 30000);
    CHECK(minutes_text(after.overall.waiting.median_ms, "vi") == "12,5 phút");
    REQUIRE(after.overall.busiest_hour.has_value());
    CHECK(*after.overall.busiest_hour == 9);  // the hour of the issue, not of the call
}

TEST_CASE("a batch sent twice and a quarantined event are never counted") {
    QueueSite site;
    Ticket t{"2026-11-23", "ho_tich", "A001", "q1"};
    const std::int64_t issued = local_ms(t.day, "10:00");
    std::vector<Event> issue{ticket_event(site.dispenser, event_type::kTicketIssued, t, issued,
                                          {{"issuer_kind", "dispenser"}, {"issuer", "d1"}})};
    std::vector<Event> work{
        ticket_event(site.counters, event_type::kTicketCalled, t, issued + 4 * kMinute, at_counter("q1")),
        ticket_event(site.counters, event_type::kTicketServed, t, issued + 10 * kMinute, at_counter("q1"))};
    site.push(site.dispenser, issue);
    site.push(site.counters, work);
    auto again = site.push(site.counters, work);  // the ack was lost: the kiosk sends the batch again
    for (auto& result : again.results) CHECK(result.status == protocol::status::kDuplicate);
    site.push(site.dispenser, issue);
    // An event whose hash does not match its content is quarantined, never counted.
    Ticket other{"2026-11-23", "ho_tich", "A002", "q1"};
    Event bad = ticket_event(site.dispenser, event_type::kTicketIssued, other, issued, {{"issuer_kind", "dispenser"}});
    bad.data["number"] = 3;
    auto rejected = site.push(site.dispenser, {bad});
    CHECK(rejected.results.at(0).status == protocol::status::kRejected);
    QueueReport r = site.report({});
    CHECK(r.overall.issued == 1);
    CHECK(r.overall.served == 1);
    CHECK(r.overall.waiting.samples == 1);
    CHECK(r.overall.waiting.median_ms == 4 * kMinute);
    CHECK(r.overall.service.samples == 1);
    CHECK(r.overall.service.median_ms == 6 * kMinute);
}

TEST_CASE("tickets count on the local day of their issue across local midnight") {
    QueueSite site;
    Ticket late{"2026-11-23", "ho_tich", "A099", "q1"}, early{"2026-11-24", "ho_tich", "A001", "q1"};
    // 23:58 on 23/11 in Viet Nam is 16:58 UTC; 00:01 on 24/11 is 17:01 UTC the day before.
    const std::int64_t late_issue = local_ms(late.day, "23:58"), early_issue = local_ms(early.day, "00:01");
    site.push(
        site.dispenser,
        {ticket_event(site.dispenser, event_type::kTicketIssued, late, late_issue, {{"issuer_kind", "dispenser"}}),
         ticket_event(site.dispenser, event_type::kTicketIssued, early, early_issue, {{"issuer_kind", "dispenser"}})});
    // The late ticket is called after midnight: no waiting sample of its day.
    site.push(
        site.counters,
        {ticket_event(site.counters, event_type::kTicketCalled, late, late_issue + 5 * kMinute, at_counter("q1")),
         ticket_event(site.counters, event_type::kTicketCalled, early, early_issue + 2 * kMinute, at_counter("q1"))});
    QueueQuery first;
    first.from_date = first.to_date = "23/11/2026";
    QueueReport r = site.report(first);
    CHECK(r.overall.issued == 1);
    CHECK(r.overall.waiting.samples == 0);
    REQUIRE(r.overall.busiest_hour.has_value());
    CHECK(*r.overall.busiest_hour == 23);
    QueueQuery second;
    second.from_date = second.to_date = "24/11/2026";
    r = site.report(second);
    CHECK(r.overall.issued == 1);
    REQUIRE(r.overall.waiting.samples == 1);
    CHECK(r.overall.waiting.median_ms == 2 * kMinute);
    CHECK(*r.overall.busiest_hour == 0);
}

TEST_CASE("motcua-server report --queue prints the queue report of the stored tickets") {
    QueueSite site;
    Ticket t{"2026-11-23", "ho_tich", "A001", "q2"};
    const std::int64_t issued = local_ms(t.day, "08:20");
    site.push(site.dispenser, {ticket_event(site.dispenser, event_type::kTicketIssued, t, issued,
                                            {{"issuer_kind", "dispenser"}, {"issuer", "d1"}})});
    json served = at_counter("q2");
    served["dossier_codes"] = json::array();
    site.push(
        site.counters,
        {ticket_event(site.counters, event_type::kTicketCalled, t, issued + 12 * kMinute + 30000, at_counter("q2")),
         ticket_event(site.counters, event_type::kTicketServed, t, issued + 20 * kMinute + 30000, served)});
    site.store.reset();  // the program opens the file itself
    auto run = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {test::binary("motcua-server"), "--db", site.path, "report", "--queue"});
        return test::run_ok(args);
    };
    std::string text = run({"--site", "px", "--from", "23/11/2026", "--to", "23/11/2026", "--group-by", "counter"});
    CHECK(text.find("Báo cáo xếp hàng: Phường Ba Đình (px)") != std::string::npos);
    CHECK(text.find("1 số đã cấp, 1 đã phục vụ, 0 vắng mặt (0%), 0 đã hủy; thời gian chờ trung vị 12,5 phút, p90 "
                    "12,5 phút (1 lượt); thời gian phục vụ trung vị 8 phút, p90 8 phút (1 lượt); giờ đông nhất "
                    "08:00–08:59 (1 số)") != std::string::npos);
    CHECK(text.find("  Quầy 2: 0 số đã cấp, 1 đã phục vụ") != std::string::npos);
    auto as_json = json::parse(run({"--json", "--lang", "en"}));
    CHECK(as_json["kind"] == "queue");
    CHECK(as_json["issued"] == 1);
    CHECK(as_json["waiting"]["median_text"] == "12,5 min");
    CHECK(as_json["busiest_hour"] == 8);
    std::string csv = run({"--csv", "--group-by", "field"});
    CHECK(csv.find("nhom:field,ho_tich,ho_tich,1,1,0,0%,0,1,\"12,5\",\"12,5\",1,8,8,08:00–08:59") != std::string::npos);
    std::string q2 = run({"--site", "px", "--counter", "q2"});
    CHECK(q2.find("Phường Ba Đình (px), quầy q2") != std::string::npos);
    CHECK(q2.find("0 số đã cấp, 1 đã phục vụ, 0 vắng mặt (0%), 0 đã hủy; thời gian chờ trung vị 12,5 phút") !=
          std::string::npos);
    CHECK(run({"--site", "px", "--counter", "q1"}).find("0 số đã cấp, 0 đã phục vụ") != std::string::npos);
    auto wrong =
        test::run({test::binary("motcua-server"), "--db", site.path, "report", "--queue", "--group-by", "officer"});
    CHECK(wrong.exit_code == 64);
}

TEST_CASE("a database from before the queue facts gets them when it is opened") {
    QueueSite site;
    Ticket t{"2026-11-23", "ho_tich", "A001", "q1"};
    const std::int64_t issued = local_ms(t.day, "14:00");
    site.push(site.counters,
              {ticket_event(site.counters, event_type::kTicketCalled, t, issued + 3 * kMinute, at_counter("q1"))});
    site.push(site.dispenser, {ticket_event(site.dispenser, event_type::kTicketIssued, t, issued,
                                            {{"issuer_kind", "dispenser"}, {"issuer", "d1"}})});
    site.store.reset();
    // Back to schema 5: the queue facts' tables (step 6) and the trust flags' indexes and columns (step 7) did not
    // exist, the events did.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(site.path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "DROP INDEX events_rating_seq; DROP INDEX events_rating_ticket; DROP TABLE queue_counts; "
                         "ALTER TABLE rating_rollup DROP COLUMN flag_no_ticket; "
                         "ALTER TABLE rating_rollup DROP COLUMN flag_repeat; "
                         "ALTER TABLE rating_rollup DROP COLUMN flag_burst; "
                         "ALTER TABLE rating_rollup DROP COLUMN flag_outside_hours; "
                         "DROP TABLE queue_tickets; PRAGMA user_version = 5;", nullptr,
                         nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    site.store.emplace(std::move(ServerStore::open(site.path).value()));
    QueueReport r = site.report({});
    CHECK(r.overall.issued == 1);
    REQUIRE(r.overall.waiting.samples == 1);
    CHECK(r.overall.waiting.median_ms == 3 * kMinute);
    CHECK(*r.overall.busiest_hour == 14);
    // Opened with another report offset (UTC), the hours are counted again in it.
    site.store.reset();
    site.store.emplace(std::move(ServerStore::open(site.path, 0).value()));
    QueueQuery utc;
    utc.utc_offset_minutes = 0;
    r = site.report(utc);
    CHECK(r.overall.issued == 1);
    CHECK(*r.overall.busiest_hour == 7);
}
