// Reports summed from the rollups ingest keeps, checked against counts this test computes itself
// from the raw events it sent: every slice, the Quyết định 766 rate, local midnight in
// Asia/Ho_Chi_Minh, natural counter order, the back-fill of an older database, duplicates and
// quarantined events, and CSV that parses back.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "core/clock.hpp"
#include "core/natural_order.hpp"
#include "server/rating_report.hpp"
#include "server/server_store.hpp"
#include "server_test_support.hpp"

using namespace motcua;
using namespace motcua::server;

namespace {

// A rating as the test sent it, with the local day and hour the test expects it counted in.
struct Sent {
    std::string site, counter, officer, service, procedure, ticket, day, hour;
    int score = 0;
    std::vector<std::string> reasons;
    int dossiers = 0;
};

struct Kiosk {
    Device device;
    std::string db_instance = uuid_v4();
    std::int64_t next_seq = 1;
    std::string prev_hash = std::string(kGenesisHash);
};

Event chained(Kiosk& k, const std::string& at, json data) {
    Event e;
    e.seq = k.next_seq++;
    e.id = uuid_v7();
    e.type = std::string(event_type::kRatingSubmitted);
    e.at = at;
    e.mono_ms = 1000 + e.seq;
    e.boot_id = "7d1f1c8e-0000-4000-8000-000000000001";
    e.data = std::move(data);
    e.prev_hash = k.prev_hash;
    e.hash = compute_event_hash(e);
    k.prev_hash = e.hash;
    return e;
}

struct Province {
    test::TempDir dir;
    std::string path = dir.file("server.db");
    std::optional<ServerStore> store{std::move(ServerStore::open(path).value())};
    std::vector<Kiosk> kiosks;
    std::vector<Sent> sent;

    Province() {
        REQUIRE(store->add_site({"hn", "Hà Nội", std::nullopt}).ok());
        REQUIRE(store->add_site({"px", "Phường Ba Đình", std::string("hn")}).ok());
        REQUIRE(store->add_site({"px-a", "Điểm tiếp nhận Ba Đình A", std::string("px")}).ok());
        REQUIRE(store->add_site({"py", "Phường Cửa Nam", std::string("hn")}).ok());
        for (auto& [site, id, name] : std::vector<std::array<std::string, 3>>{{"px", "q1", "Quầy 1"},
                                                                               {"px", "q2", "Quầy 2"},
                                                                               {"px", "q10", "Quầy 10"},
                                                                               {"px-a", "q1", "Quầy 1"},
                                                                               {"py", "q1", "Quầy 1"}})
            REQUIRE(store->add_counter({site, id, name}).ok());
        for (std::string site : {"px", "px-a", "py"}) {
            auto code = store->create_enroll_code(site, "q1", 72, clock::unix_ms_now());
            REQUIRE(code.ok());
            auto enrolment = store->enroll(code.value(), "host-" + site, "0.1.0", clock::unix_ms_now());
            REQUIRE(enrolment.ok());
            kiosks.push_back({enrolment->device});
        }
    }

    IngestAck push(Kiosk& k, const std::vector<Event>& events) {
        json batch = protocol::make_batch(k.device.device_id, k.db_instance, events, 420);
        auto ack = store->ingest_batch(k.device, batch, 500, clock::unix_ms_now());
        REQUIRE(ack.ok());
        return ack.value();
    }

    // A rating at local time `day` `hh:mm:ss` (+07:00), or written in UTC ("Z") when `as_utc`.
    Event rating(Kiosk& k, const Sent& s, const std::string& local_time, bool as_utc) {
        std::string at = s.day + "T" + local_time + ".000+07:00";
        if (as_utc) {
            std::int64_t ms = 0;
            REQUIRE(clock::parse_rfc3339(at, ms));
            at = clock::rfc3339_ms(ms, 0);
        }
        json data{{"ticket_id", s.ticket.empty() ? json() : json(s.ticket)},
                  {"counter", s.counter},
                  {"score", s.score},
                  {"reasons", s.reasons}};
        if (!s.officer.empty()) data["officer"] = s.officer;
        data["service"] = s.service.empty() ? json() : json(s.service);
        if (!s.procedure.empty()) data["procedure"] = s.procedure;
        json codes = json::array();
        for (int i = 0; i < s.dossiers; ++i) codes.push_back("000.00.14.H12-261120-000" + std::to_string(i));
        data["dossier_codes"] = codes;
        return chained(k, at, data);
    }

    // 600 ratings over six days, three sites, three counters, with and without officer, field,
    // procedure, ticket, reasons and dossier codes, in batches of 40, some written in UTC.
    void fill() {
        std::uint32_t x = 12345;
        auto next = [&x](std::uint32_t n) {
            x = x * 1103515245u + 12345u;
            return (x >> 8) % n;
        };
        std::map<std::size_t, std::vector<Event>> pending;
        for (int i = 0; i < 600; ++i) {
            std::size_t k = next(3);
            Sent s;
            s.site = kiosks[k].device.site_id;
            s.counter = std::vector<std::string>{"q1", "q2", "q10"}[next(3)];
            s.officer = std::vector<std::string>{"cb01", "cb02", ""}[next(3)];
            s.service = std::vector<std::string>{"ho_tich", "dat_dai", ""}[next(3)];
            s.procedure = next(4) == 0 ? "khai_sinh" : "";
            s.ticket = next(3) == 0 ? "2026-11-2" + std::to_string(i % 6) + "/f/C" + std::to_string(i) : "";
            s.score = next(20) == 0 ? 7 : static_cast<int>(1 + next(3));  // 7 is on no scale
            if (s.score == 3) {
                if (next(2)) s.reasons.push_back("thai_do");
                if (next(2)) s.reasons.push_back("thoi_gian");
            }
            s.dossiers = s.ticket.empty() ? 0 : static_cast<int>(next(3));
            s.day = "2026-11-2" + std::to_string(next(6));
            int hh = static_cast<int>(next(24)), mm = static_cast<int>(next(60)), ss = static_cast<int>(next(60));
            if (i % 50 == 0) hh = 23, mm = 59, ss = 59;  // the last second of a local day
            if (i % 50 == 1) hh = 0, mm = 0, ss = 0;     // the first second of one
            char t[16];
            std::snprintf(t, sizeof t, "%02d:%02d:%02d", hh, mm, ss);
            s.hour = std::string(t).substr(0, 2);
            pending[k].push_back(rating(kiosks[k], s, t, next(4) == 0));
            sent.push_back(s);
            if (pending[k].size() == 40) {
                push(kiosks[k], pending[k]);
                pending[k].clear();
            }
        }
        for (auto& [k, events] : pending)
            if (!events.empty()) push(kiosks[k], events);
    }

    Report report(ReportQuery q) {
        auto r = rating_report(*store, default_rating_scale(), q, {});
        REQUIRE(r.ok());
        return r.value();
    }
};

// The group a sent rating belongs to, worked out here from what was sent.
std::string expected_key(const Sent& s, GroupBy g, const std::optional<std::string>& root) {
    switch (g) {
        case GroupBy::None: return "";
        case GroupBy::Counter: return s.counter;
        case GroupBy::Officer: return s.officer;
        case GroupBy::Service: return s.service;
        case GroupBy::Procedure: return s.procedure;
        case GroupBy::Day: return s.day;
        case GroupBy::Month: return s.day.substr(0, 7);
        case GroupBy::Hour: return s.hour;
        case GroupBy::Ticket: return s.ticket;
        case GroupBy::Linked: return s.ticket.empty() ? "none" : "ticket";
        case GroupBy::Site:
            if (!root) return "hn";
            if (*root == "hn") return s.site == "py" ? "py" : "px";
            return s.site;  // root px: px itself and px-a
    }
    return "";
}

bool in_site(const Sent& s, const std::optional<std::string>& root) {
    if (!root || *root == "hn") return true;
    if (*root == "px") return s.site == "px" || s.site == "px-a";
    return s.site == *root;
}

struct Expected {
    std::map<int, std::int64_t> scores;
    std::int64_t total = 0, dossiers = 0, unhappy_dossiers = 0;
};

void check_block(const ReportBlock& block, const Expected& want) {
    CHECK(block.total == want.total);
    for (auto& level : block.levels) {
        auto it = want.scores.find(level.score);
        CHECK(level.count == (it == want.scores.end() ? 0 : it->second));
    }
    auto unhappy = want.scores.count(3) ? want.scores.at(3) : 0;
    if (want.dossiers > 0) {
        CHECK(block.qd766.basis == "dossier");
        CHECK(block.qd766.total == want.dossiers);
        CHECK(block.qd766.unsatisfied == want.unhappy_dossiers);
    } else {
        CHECK(block.qd766.basis == "rating");
        CHECK(block.qd766.total == want.total);
        CHECK(block.qd766.unsatisfied == unhappy);
    }
}

void check_report(Province& p, ReportQuery q) {
    INFO("group_by " << group_by_name(q.group_by) << " site " << q.site_id.value_or("-") << " counter "
                     << q.counter_id.value_or("-") << " from " << q.from_date.value_or("-") << " to "
                     << q.to_date.value_or("-"));
    auto as_day = [](const std::string& vn) { return vn.substr(6, 4) + "-" + vn.substr(3, 2) + "-" + vn.substr(0, 2); };
    Expected overall;
    std::map<std::string, Expected> groups;
    std::map<std::string, std::int64_t> reasons;
    for (auto& s : p.sent) {
        if (!in_site(s, q.site_id) || (q.counter_id && s.counter != *q.counter_id)) continue;
        if ((q.from_date && s.day < as_day(*q.from_date)) || (q.to_date && s.day > as_day(*q.to_date))) continue;
        for (Expected* e : {&overall, &groups[expected_key(s, q.group_by, q.site_id)]}) {
            e->scores[s.score] += 1;
            e->total += 1;
            e->dossiers += s.dossiers;
            if (s.score == 3) e->unhappy_dossiers += s.dossiers;
        }
        for (auto& r : s.reasons) reasons[r] += 1;
    }
    auto r = p.report(q);
    check_block(r.overall, overall);
    if (q.group_by != GroupBy::None) {
        CHECK(r.groups.size() == groups.size());
        for (auto& g : r.groups) {
            INFO("group " << g.key);
            REQUIRE(groups.count(g.key) == 1);
            check_block(g, groups.at(g.key));
        }
    }
    std::map<std::string, std::int64_t> got_reasons;
    for (auto& reason : r.reasons) got_reasons[reason.code] = reason.count;
    CHECK(got_reasons == reasons);
    CHECK(r.reason_base == (overall.scores.count(3) ? overall.scores.at(3) : 0));
}

// Parses RFC 4180 text (quoted fields, doubled quotes, CRLF) back into rows.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back() += '"', ++i;
            else if (c == '"') quoted = false;
            else rows.back().back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().emplace_back();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.emplace_back(1);
            ++i;
        } else {
            rows.back().back() += c;
        }
    }
    if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
    return rows;
}

const std::vector<GroupBy> kAllGroups = {GroupBy::None, GroupBy::Counter, GroupBy::Officer, GroupBy::Service,
                                         GroupBy::Procedure, GroupBy::Day, GroupBy::Month, GroupBy::Hour,
                                         GroupBy::Ticket, GroupBy::Linked, GroupBy::Site};

}  // namespace

TEST_CASE("every report slice equals the counts computed from the raw events sent") {
    Province p;
    p.fill();
    for (auto g : kAllGroups) {
        for (std::optional<std::string> site : {std::optional<std::string>(), std::optional<std::string>("hn"),
                                                std::optional<std::string>("px"), std::optional<std::string>("py")}) {
            ReportQuery q;
            q.group_by = g;
            q.site_id = site;
            check_report(p, q);
            q.counter_id = "q10";
            check_report(p, q);
            q.counter_id.reset();
            for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
                     {"22/11/2026", "24/11/2026"},   // days only
                     {"01/11/2026", "30/11/2026"},   // one whole month
                     {"21/11/2026", "31/12/2026"},   // days, then whole months
                     {"01/10/2026", "23/11/2026"}}) {  // a whole month, then days
                q.from_date = from;
                q.to_date = to;
                check_report(p, q);
            }
        }
    }
}

TEST_CASE("a rating at 23:59:59 and one at 00:00:00 local time count on different days") {
    Province p;
    auto& k = p.kiosks[0];
    Sent s;
    s.counter = "q1";
    s.score = 1;
    s.day = "2026-11-23";
    auto late = p.rating(k, s, "23:59:59", false);
    s.day = "2026-11-24";
    auto early = p.rating(k, s, "00:00:00", true);  // sent in UTC
    CHECK(early.at == "2026-11-23T17:00:00.000+00:00");
    p.push(k, {late, early});
    ReportQuery q;
    q.group_by = GroupBy::Day;
    auto r = p.report(q);
    REQUIRE(r.groups.size() == 2);
    CHECK(r.groups[0].label == "23/11/2026");
    CHECK(r.groups[0].total == 1);
    CHECK(r.groups[1].label == "24/11/2026");
    CHECK(r.groups[1].total == 1);
    q.group_by = GroupBy::None;
    q.from_date = q.to_date = "24/11/2026";
    CHECK(p.report(q).overall.total == 1);
    q.group_by = GroupBy::Hour;
    q.from_date.reset();
    q.to_date.reset();
    r = p.report(q);
    REQUIRE(r.groups.size() == 2);
    CHECK(r.groups[0].key == "00");
    CHECK(r.groups[1].key == "23");
}

TEST_CASE("the Quyết định 766 rate is total minus not satisfied over total per dossier or per rating") {
    Province p;
    auto& k = p.kiosks[0];
    Sent s;
    s.counter = "q1";
    s.day = "2026-11-23";
    std::vector<Event> plain;
    for (int score : {1, 1, 2, 3}) {
        s.score = score;
        plain.push_back(p.rating(k, s, "09:00:00", false));
    }
    p.push(k, plain);
    ReportQuery q;
    auto r = p.report(q);
    CHECK(r.overall.qd766.basis == "rating");
    CHECK(r.overall.qd766.total == 4);
    CHECK(r.overall.qd766.unsatisfied == 1);
    CHECK(r.overall.qd766.percent == "75%");  // (4 − 1) ÷ 4

    // With dossier codes the rate counts dossiers: 1 + 1 + 1 on happy ratings, 2 on the unhappy one.
    s.day = "2026-11-24";
    s.ticket = "2026-11-24/f/C1";
    std::vector<Event> with_codes;
    for (auto [score, codes] : std::vector<std::pair<int, int>>{{1, 1}, {1, 1}, {2, 1}, {3, 2}}) {
        s.score = score;
        s.dossiers = codes;
        with_codes.push_back(p.rating(k, s, "10:00:00", false));
    }
    p.push(k, with_codes);
    q.from_date = "24/11/2026";
    r = p.report(q);
    CHECK(r.overall.qd766.basis == "dossier");
    CHECK(r.overall.qd766.total == 5);
    CHECK(r.overall.qd766.unsatisfied == 2);
    CHECK(r.overall.qd766.percent == "60%");  // (5 − 2) ÷ 5
    auto text = report_to_text(r, q, "Phường Ba Đình");
    CHECK(text.find("Quyết định 766/QĐ-TTg: 60% (tính theo hồ sơ") != std::string::npos);
}

TEST_CASE("counters are listed in natural order Quầy 1 Quầy 2 Quầy 10") {
    CHECK(natural_less("Quầy 2", "Quầy 10"));
    CHECK_FALSE(natural_less("Quầy 10", "Quầy 2"));
    CHECK(natural_less("Quầy 3", "Quầy 3A"));
    Province p;
    auto& k = p.kiosks[0];
    Sent s;
    s.score = 1;
    s.day = "2026-11-23";
    std::vector<Event> events;
    for (std::string counter : {"q10", "q2", "q1"}) {
        s.counter = counter;
        events.push_back(p.rating(k, s, "09:00:00", false));
    }
    p.push(k, events);
    ReportQuery q;
    q.site_id = "px";
    q.group_by = GroupBy::Counter;
    auto r = p.report(q);
    REQUIRE(r.groups.size() == 3);
    CHECK(r.groups[0].label == "Quầy 1");
    CHECK(r.groups[1].label == "Quầy 2");
    CHECK(r.groups[2].label == "Quầy 10");
}

TEST_CASE("a resent batch and a quarantined event are never counted") {
    Province p;
    auto& k = p.kiosks[0];
    Sent s;
    s.counter = "q1";
    s.day = "2026-11-23";
    s.score = 1;
    std::vector<Event> batch{p.rating(k, s, "09:00:00", false), p.rating(k, s, "09:01:00", false)};
    p.push(k, batch);
    auto again = p.push(k, batch);
    CHECK(again.results[0].status == "duplicate");
    s.score = 3;
    auto bad = p.rating(k, s, "09:02:00", false);
    bad.data["score"] = 1;  // changed after hashing: rejected into quarantine
    auto rejected = p.push(k, {bad});
    CHECK(rejected.results[0].status == "rejected");
    ReportQuery q;
    auto r = p.report(q);
    CHECK(r.overall.total == 2);
    CHECK(r.overall.levels[0].count == 2);
}

TEST_CASE("an older database is back-filled by the migration and reports the same numbers") {
    Province p;
    p.fill();
    std::vector<json> before;
    for (auto g : kAllGroups) {
        ReportQuery q;
        q.group_by = g;
        q.site_id = "hn";
        before.push_back(report_to_json(p.report(q), q));
    }
    p.store.reset();
    // Back to the schema before the rollup: no rollup table (nor the queue facts and the trust flags'
    // indexes after it), user_version 4.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(p.path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "DROP INDEX events_rating_seq; DROP INDEX events_rating_ticket; "
                         "DROP TABLE queue_counts; DROP TABLE queue_tickets; DROP TABLE rating_rollup; DELETE FROM meta; "
                         "PRAGMA user_version = 4;", nullptr, nullptr,
                         nullptr) == SQLITE_OK);
    sqlite3_close(db);
    p.store.emplace(std::move(ServerStore::open(p.path).value()));
    for (std::size_t i = 0; i < kAllGroups.size(); ++i) {
        ReportQuery q;
        q.group_by = kAllGroups[i];
        q.site_id = "hn";
        CHECK(report_to_json(p.report(q), q) == before[i]);
    }
    // And ingest keeps adding to the back-filled counts.
    p.fill();
    ReportQuery q;
    q.group_by = GroupBy::Officer;
    check_report(p, q);
}

TEST_CASE("opening with another UTC offset recounts local days") {
    Province p;
    auto& k = p.kiosks[0];
    Sent s;
    s.counter = "q1";
    s.score = 1;
    s.day = "2026-11-23";
    p.push(k, {p.rating(k, s, "06:30:00", false)});  // 23:30 UTC the day before
    p.store.reset();
    p.store.emplace(std::move(ServerStore::open(p.path, 0).value()));
    ReportQuery q;
    q.group_by = GroupBy::Day;
    CHECK_FALSE(rating_report(*p.store, default_rating_scale(), q, {}).ok());  // +07:00 asked of a UTC store
    q.utc_offset_minutes = 0;
    auto r = rating_report(*p.store, default_rating_scale(), q, {});
    REQUIRE(r.ok());
    REQUIRE(r.value().groups.size() == 1);
    CHECK(r.value().groups[0].key == "2026-11-22");
}

TEST_CASE("the CSV form parses back to the report's numbers") {
    Province p;
    p.fill();
    ReportQuery q;
    q.group_by = GroupBy::Counter;
    q.site_id = "px";
    auto r = p.report(q);
    auto rows = parse_csv(report_to_csv(r, q));
    REQUIRE(rows.size() == 1 + 1 + r.groups.size() + r.reasons.size());
    for (auto& row : rows) CHECK(row.size() == rows[0].size());
    CHECK(rows[0][0] == "phan_muc");
    CHECK(rows[1][3] == std::to_string(r.overall.total));
    CHECK(rows[1][4] == std::to_string(r.overall.levels[0].count));
    CHECK(rows[1][5] == r.overall.levels[0].percent);
    for (std::size_t i = 0; i < r.groups.size(); ++i) {
        CHECK(rows[2 + i][1] == r.groups[i].key);
        CHECK(rows[2 + i][2] == r.groups[i].label);
        CHECK(rows[2 + i][3] == std::to_string(r.groups[i].total));
        CHECK(rows[2 + i][rows[0].size() - 5] == r.groups[i].qd766.percent);  // then the four flag counts
        CHECK(rows[2 + i].back() == std::to_string(r.groups[i].flags.of(TrustFlag::OutsideHours)));
    }
}

TEST_CASE("a period of part months and whole months counts each day once") {
    Province p;
    auto& k = p.kiosks[0];
    Sent s;
    s.counter = "q1";
    s.score = 1;
    std::vector<Event> events;
    for (std::string day : {"2026-10-30", "2026-10-31", "2026-11-01", "2026-11-15", "2026-11-30", "2026-12-01"}) {
        s.day = day;
        events.push_back(p.rating(k, s, "12:00:00", false));
    }
    p.push(k, events);
    ReportQuery q;
    q.from_date = "31/10/2026";
    q.to_date = "30/11/2026";
    CHECK(p.report(q).overall.total == 4);
    q.to_date = "01/12/2026";
    CHECK(p.report(q).overall.total == 5);
    q.from_date = "01/11/2026";
    q.to_date = "29/11/2026";
    CHECK(p.report(q).overall.total == 2);
    q.group_by = GroupBy::Month;
    q.from_date.reset();
    q.to_date.reset();
    auto r = p.report(q);
    REQUIRE(r.groups.size() == 3);
    CHECK(r.groups[0].label == "10/2026");
    CHECK(r.groups[0].total == 2);
    CHECK(r.groups[1].total == 3);
    CHECK(r.groups[2].total == 1);
}
