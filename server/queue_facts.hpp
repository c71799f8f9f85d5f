// Exact queue facts for reports, kept by ingest in the same transaction that stores each queue
// event (like the rating rollups of report_rollup.hpp), so a queue report never scans the events:
//  - queue_counts: tickets issued, served, no-show and cancelled per site, ticket day, local hour
//    of the event, counter and field;
//  - queue_tickets: one small row per ticket (site, ticket day, ticket id) holding the instants the
//    waiting and service times are computed from. Events of one ticket come from several kiosks in
//    any order across batches, so every column is merged order-independently (first call = the
//    earliest, service start = the latest call or serving, served = the first).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/event.hpp"
#include "core/sqlite.hpp"

namespace motcua::server {

// What one stored ticket.* event contributes.
struct QueueEventFacts {
    std::string type;  // event_type::kTicket*
    std::string site_id;
    std::string ticket_id;   // data.ticket
    std::string field;       // data.field (where the ticket is at this event)
    std::string counter_id;  // the counter that acted; for an issue the issuing counter; "" for none (a dispenser)
    std::int64_t day = 0;    // the ticket's local day (data.day; the event's local day when absent)
    std::int64_t at_utc_ms = 0;
};

// Nothing for an event that is not a ticket event or names no ticket (it stays stored, uncounted).
std::optional<QueueEventFacts> queue_event_facts(const std::string& type, const std::string& site_id,
                                                 std::int64_t at_utc_ms, const json& data, int utc_offset_minutes);

// Gives the prepared statement of an SQL literal (the store keeps them prepared).
using StatementFor = std::function<sql::Statement&(const char* sql_literal)>;

// Adds one stored event to queue_counts and queue_tickets; throws sql::Error.
void record_queue_event(const StatementFor& statement, const QueueEventFacts& facts, int utc_offset_minutes);

// Recomputes both tables from the events table (the back-fill of an older database, and a change of
// the report time zone). Runs inside the caller's transaction; throws sql::Error.
void rebuild_queue_facts(sql::Database& db, int utc_offset_minutes);

// What a report reads: the rows of these sites (empty: every site) and ticket days (inclusive).
struct QueueRowsQuery {
    std::vector<std::string> site_ids;
    std::int64_t from_day = 0;
    std::int64_t to_day = 0;
};

struct QueueCountRow {
    int hour = 0;
    std::string counter_id;
    std::string field;
    std::int64_t issued = 0, served = 0, no_show = 0, cancelled = 0;
};

struct QueueTicketRow {
    std::int64_t day = 0;
    std::string field;  // of the issue (of the first event seen until the issue is stored)
    std::optional<std::int64_t> issued_at, first_call_at, start_at, served_at;  // unix ms
    std::string call_counter;                                                   // of the first call
    std::string serve_counter;                                                  // of the serve
};

// Call `visit` for every stored row matching the query; throw sql::Error.
void for_each_queue_count(sql::Database& db, const QueueRowsQuery& query,
                          const std::function<void(const QueueCountRow&)>& visit);
void for_each_queue_ticket(sql::Database& db, const QueueRowsQuery& query,
                           const std::function<void(const QueueTicketRow&)>& visit);

}  // namespace motcua::server
