#include "server/queue_facts.hpp"

#include <map>
#include <memory>

#include "server/report_rollup.hpp"

namespace motcua::server {

namespace {

// "2026-11-23" as a local day number; nothing when malformed.
std::optional<std::int64_t> parse_day(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    return day_number(std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)), std::stoi(text.substr(8, 2)));
}

// The merge rules of the file comment, written so the order events arrive in does not matter.
const char* const kTicketUpsertSql =
    "INSERT INTO queue_tickets(site_id, day, ticket_id, field, issued_at, first_call_at, call_counter, start_at, "
    "served_at, serve_counter, no_shows) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT(site_id, day, ticket_id) DO UPDATE SET "
    "field = CASE WHEN excluded.issued_at IS NOT NULL OR (issued_at IS NULL AND field = '') THEN excluded.field "
    "ELSE field END, "
    "issued_at = coalesce(issued_at, excluded.issued_at), "
    "call_counter = CASE WHEN excluded.first_call_at IS NOT NULL AND (first_call_at IS NULL OR "
    "excluded.first_call_at < first_call_at) THEN excluded.call_counter ELSE call_counter END, "
    "first_call_at = CASE WHEN excluded.first_call_at IS NOT NULL AND (first_call_at IS NULL OR "
    "excluded.first_call_at < first_call_at) THEN excluded.first_call_at ELSE first_call_at END, "
    "start_at = max(coalesce(start_at, excluded.start_at), coalesce(excluded.start_at, start_at)), "
    "serve_counter = CASE WHEN served_at IS NULL AND excluded.served_at IS NOT NULL THEN excluded.serve_counter "
    "ELSE serve_counter END, "
    "served_at = coalesce(served_at, excluded.served_at), "
    "no_shows = no_shows + excluded.no_shows "
    "RETURNING no_shows";

const char* const kCountsUpsertSql =
    "INSERT INTO queue_counts(site_id, day, hour, counter_id, field, issued, served, no_show, cancelled) "
    "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(site_id, day, hour, counter_id, field) DO UPDATE SET "
    "issued = issued + excluded.issued, served = served + excluded.served, no_show = no_show + excluded.no_show, "
    "cancelled = cancelled + excluded.cancelled";

}  // namespace

std::optional<QueueEventFacts> queue_event_facts(const std::string& type, const std::string& site_id,
                                                 std::int64_t at_utc_ms, const json& data, int utc_offset_minutes) {
    using namespace event_type;
    if (type != kTicketIssued && type != kTicketCalled && type != kTicketRecalled && type != kTicketServing &&
        type != kTicketServed && type != kTicketNoShow && type != kTicketTransferred && type != kTicketCancelled)
        return std::nullopt;
    if (!data.is_object()) return std::nullopt;
    QueueEventFacts f;
    f.type = type;
    f.site_id = site_id;
    f.ticket_id = text_of(data, "ticket");
    if (f.ticket_id.empty()) return std::nullopt;
    f.field = text_of(data, "field");
    f.counter_id = text_of(data, "counter");
    // A ticket issued at a counter (walk-in) names it as its issuer; a dispenser is no counter.
    if (f.counter_id.empty() && type == kTicketIssued && text_of(data, "issuer_kind") == "counter")
        f.counter_id = text_of(data, "issuer");
    f.at_utc_ms = at_utc_ms;
    f.day = parse_day(text_of(data, "day")).value_or(local_day(at_utc_ms, utc_offset_minutes));
    return f;
}

void record_queue_event(const StatementFor& statement, const QueueEventFacts& f, int utc_offset_minutes) {
    using namespace event_type;
    const bool issued = f.type == kTicketIssued, called = f.type == kTicketCalled;
    const bool serving = f.type == kTicketServing, served = f.type == kTicketServed;
    const bool no_show = f.type == kTicketNoShow, cancelled = f.type == kTicketCancelled;
    // Recalls and transfers change no column: they still make the ticket's row, harmlessly.
    auto& ticket = statement(kTicketUpsertSql);
    ticket.bind(1, f.site_id).bind(2, f.day).bind(3, f.ticket_id).bind(4, f.field);
    auto at_or_null = [&](int index, bool when) {
        if (when)
            ticket.bind(index, f.at_utc_ms);
        else
            ticket.bind_null(index);
    };
    at_or_null(5, issued);
    at_or_null(6, called);
    ticket.bind(7, called ? f.counter_id : std::string());
    at_or_null(8, called || serving);
    at_or_null(9, served);
    ticket.bind(10, served ? f.counter_id : std::string());
    ticket.bind(11, std::int64_t{no_show ? 1 : 0});
    std::int64_t no_shows = ticket.step() ? ticket.column_int(0) : 0;
    ticket.reset();
    // A ticket missed twice (put back in the queue, missed again) is one no-show ticket.
    const bool first_no_show = no_show && no_shows == 1;
    if (!issued && !served && !first_no_show && !cancelled) return;
    auto& counts = statement(kCountsUpsertSql);
    counts.bind(1, f.site_id).bind(2, f.day).bind(3, std::int64_t{local_hour(f.at_utc_ms, utc_offset_minutes)});
    counts.bind(4, f.counter_id).bind(5, f.field);
    counts.bind(6, std::int64_t{issued}).bind(7, std::int64_t{served}).bind(8, std::int64_t{first_no_show});
    counts.bind(9, std::int64_t{cancelled});
    counts.step();
    counts.reset();
}

void rebuild_queue_facts(sql::Database& db, int utc_offset_minutes) {
    db.exec("DELETE FROM queue_counts");
    db.exec("DELETE FROM queue_tickets");
    std::map<const char*, std::unique_ptr<sql::Statement>> prepared;
    StatementFor statement = [&](const char* sql_literal) -> sql::Statement& {
        auto& slot = prepared[sql_literal];
        if (!slot)
            slot = std::make_unique<sql::Statement>(db.handle(), sql_literal);
        else
            slot->reset();
        return *slot;
    };
    auto events = db.prepare(
        "SELECT site_id, type, at_utc_ms, data FROM events WHERE type IN ('ticket.issued', 'ticket.called', "
        "'ticket.recalled', 'ticket.serving', 'ticket.served', 'ticket.no_show', 'ticket.transferred', "
        "'ticket.cancelled') ORDER BY rowid");
    while (events.step()) {
        auto data = json::parse(events.column_text(3), nullptr, false);
        auto facts = queue_event_facts(events.column_text(1), events.column_text(0), events.column_int(2), data,
                                       utc_offset_minutes);
        if (facts) record_queue_event(statement, *facts, utc_offset_minutes);
    }
}

namespace {

// The query's SQL with " AND site_id IN (?3, ?4, ...)" for its sites (nothing for every site).
std::string rows_sql(std::string sql, const QueueRowsQuery& q) {
    if (q.site_ids.empty()) return sql;
    sql += " AND site_id IN (";
    for (std::size_t i = 0; i < q.site_ids.size(); ++i) sql += (i ? ", ?" : "?") + std::to_string(3 + i);
    return sql + ")";
}

void bind_rows(sql::Statement& st, const QueueRowsQuery& q) {
    st.bind(1, q.from_day).bind(2, q.to_day);
    for (std::size_t i = 0; i < q.site_ids.size(); ++i) st.bind(static_cast<int>(3 + i), q.site_ids[i]);
}

std::optional<std::int64_t> optional_int(const sql::Statement& st, int col) {
    if (st.column_is_null(col)) return std::nullopt;
    return st.column_int(col);
}

}  // namespace

void for_each_queue_count(sql::Database& db, const QueueRowsQuery& query,
                          const std::function<void(const QueueCountRow&)>& visit) {
    auto st =
        db.prepare(rows_sql("SELECT hour, counter_id, field, issued, served, no_show, cancelled FROM "
                            "queue_counts WHERE day >= ?1 AND day <= ?2",
                            query));
    bind_rows(st, query);
    QueueCountRow row;
    while (st.step()) {
        row.hour = static_cast<int>(st.column_int(0));
        row.counter_id = st.column_text(1);
        row.field = st.column_text(2);
        row.issued = st.column_int(3);
        row.served = st.column_int(4);
        row.no_show = st.column_int(5);
        row.cancelled = st.column_int(6);
        visit(row);
    }
}

void for_each_queue_ticket(sql::Database& db, const QueueRowsQuery& query,
                           const std::function<void(const QueueTicketRow&)>& visit) {
    auto st =
        db.prepare(rows_sql("SELECT day, field, issued_at, first_call_at, call_counter, start_at, served_at, "
                            "serve_counter FROM queue_tickets WHERE day >= ?1 AND day <= ?2",
                            query));
    bind_rows(st, query);
    QueueTicketRow row;
    while (st.step()) {
        row.day = st.column_int(0);
        row.field = st.column_text(1);
        row.issued_at = optional_int(st, 2);
        row.first_call_at = optional_int(st, 3);
        row.call_counter = st.column_text(4);
        row.start_at = optional_int(st, 5);
        row.served_at = optional_int(st, 6);
        row.serve_counter = st.column_text(7);
        visit(row);
    }
}

}  // namespace motcua::server
