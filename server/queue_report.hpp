// The queue report (issue 8): tickets issued, served and no-show, waiting and service time (median
// and p90, exact) and the busiest hour, read from the queue facts ingest keeps (queue_facts.hpp),
// never from the events. Words come from report_texts.cpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/event.hpp"
#include "core/result.hpp"
#include "server/server_store.hpp"

namespace motcua::server {

// Field: the ticket's field (of its issue for waiting and service times, of the event for counts).
// Counter: the counter that issued, served or missed the ticket; waiting time under the counter of
// the first call, service time under the serving counter. Hour: local hour of the event; waiting
// under the hour of the issue, service under the hour service started.
enum class QueueGroupBy { None, Field, Counter, Hour };

struct QueueQuery {
    std::optional<std::string> site_id;    // includes every site below it in the hierarchy
    // One counter: tickets it issued, served or missed, waiting to its first call, its service.
    std::optional<std::string> counter_id;
    std::optional<std::string> from_date;  // dd/mm/yyyy, inclusive, ticket days
    std::optional<std::string> to_date;
    QueueGroupBy group_by = QueueGroupBy::None;
    int utc_offset_minutes = 7 * 60;
    std::string lang = "vi";
};

// Exact statistics of duration samples in milliseconds. Median: the middle sample, or the mean of
// the two middle ones; p90: the nearest-rank 90th percentile (the ceil(0.9·n)-th smallest).
struct DurationStats {
    std::int64_t samples = 0;
    double median_ms = 0;
    double p90_ms = 0;
};
DurationStats duration_stats(std::vector<std::int64_t> samples_ms);
// 750000 ms -> "12,5 phút" (minutes to one decimal, a decimal comma, ",0" left out).
std::string minutes_text(double ms, const std::string& lang);

struct QueueBlock {
    std::string key;    // group key ("ho_tich", "q2", "09"); empty for the whole report
    std::string label;  // what a person reads
    std::int64_t issued = 0, served = 0, no_show = 0, cancelled = 0;
    std::string no_show_percent;  // of the tickets issued: "6,67%"
    DurationStats waiting, service;
    std::optional<int> busiest_hour;  // the local hour with the most tickets issued (earliest on a tie)
    std::int64_t busiest_hour_issued = 0;
    std::string summary;
};

struct QueueReport {
    QueueBlock overall;
    std::vector<QueueBlock> groups;
};

Result<QueueGroupBy> parse_queue_group_by(const std::string& text);
std::string queue_group_by_name(QueueGroupBy g);

Result<QueueReport> queue_report(ServerStore& store, const QueueQuery& query);
json queue_report_to_json(const QueueReport& report, const QueueQuery& query);
std::string queue_report_to_text(const QueueReport& report, const QueueQuery& query, const std::string& scope);
std::string queue_report_to_csv(const QueueReport& report, const QueueQuery& query);

}  // namespace motcua::server
