// Satisfaction reports, computed only from the deduplicated events table, and written the way
// leaders write them: "1.659 phiếu, rất hài lòng 91,98%, hài lòng 7,9%, không hài lòng 0,12%".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/event.hpp"
#include "core/rating.hpp"
#include "core/result.hpp"
#include "server/server_store.hpp"

namespace motcua::server {

// Ticket: one group per served ticket rated (and one for ratings without a ticket);
// Linked: two groups, ratings of a served ticket ("ticket") and ratings without one ("none").
enum class GroupBy { None, Counter, Officer, Service, Day, Month, Ticket, Linked };

struct ReportQuery {
    std::optional<std::string> site_id;     // includes every site below it in the hierarchy
    std::optional<std::string> counter_id;
    std::optional<std::string> from_date;   // dd/mm/yyyy, inclusive, local time of utc_offset_minutes
    std::optional<std::string> to_date;     // dd/mm/yyyy, inclusive
    GroupBy group_by = GroupBy::None;
    int utc_offset_minutes = 7 * 60;
};

struct LevelCount {
    int score = 0;
    std::string label_vi;
    std::int64_t count = 0;
    std::string percent;  // "91,98%"
};

struct ReportBlock {
    std::string key;    // group key ("q1", "2026-11-23"); empty for the whole report
    std::string label;  // what a person reads ("23/11/2026", "Quầy 1")
    std::int64_t total = 0;
    std::vector<LevelCount> levels;
    std::string summary;
};

struct Report {
    ReportBlock overall;
    std::vector<ReportBlock> groups;
    std::vector<std::int64_t> unknown_scores;  // scores not on the scale, counted in totals
};

Result<GroupBy> parse_group_by(const std::string& text);
std::string group_by_name(GroupBy g);
// Parses dd/mm/yyyy; returns unix ms of local midnight, or nothing when malformed.
std::optional<std::int64_t> parse_vn_date(const std::string& text, int utc_offset_minutes);

// "3 phiếu, rất hài lòng 66,67%, hài lòng 33,33%, không hài lòng 0%"
std::string summary_line(std::int64_t total, const std::vector<LevelCount>& levels);

Result<Report> rating_report(ServerStore& store, const RatingScale& scale, const ReportQuery& query);
json report_to_json(const Report& report, const ReportQuery& query);
std::string report_to_text(const Report& report, const ReportQuery& query, const std::string& scope);

}  // namespace motcua::server
