// The queue part of the leaders' report pages: tickets issued, served and no-show, waiting and
// service time, the busiest hour, and a table by counter. Every figure comes from queue_report.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "server/server_store.hpp"

namespace motcua::server::web {

// A row of the table by counter: the counter's id and its first cell (HTML, a link to its page).
struct CounterCell {
    std::string id;
    std::string html;
};

struct QueueSectionQuery {
    std::optional<std::string> site_id;     // with every site below it
    std::optional<std::string> counter_id;  // one counter of site_id: its figures only, no table
    std::string from_date, to_date;         // dd/mm/yyyy, inclusive
    int utc_offset_minutes = 7 * 60;
    std::vector<CounterCell> counters;      // the site's own counters, in the table's order
};

// The section's HTML, or "" when no ticket was issued, served or missed in the period (a centre
// that does not use the queue sees no empty queue section).
std::string queue_section(ServerStore& store, const QueueSectionQuery& query);

}  // namespace motcua::server::web
