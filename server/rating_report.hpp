// Satisfaction reports, summed from the exact rating rollups ingest keeps (report_rollup.hpp;
// never a scan of the events), and written the way leaders write them:
// "1.659 phiếu, rất hài lòng 91,98%, hài lòng 7,9%, không hài lòng 0,12%". Words come from
// report_texts.cpp; text and CSV forms are in report_format.cpp.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.hpp"
#include "core/rating.hpp"
#include "core/result.hpp"
#include "server/server_store.hpp"

namespace motcua::server {

// Ticket: one group per served ticket rated (and one for ratings without a ticket);
// Linked: two groups, ratings of a served ticket ("ticket") and ratings without one ("none").
// Hour: local hour of day ("08"). Site: each centre directly below the report's site (or each
// top-level site), with everything below it.
enum class GroupBy { None, Counter, Officer, Service, Day, Month, Ticket, Linked, Hour, Procedure, Site };

struct ReportQuery {
    std::optional<std::string> site_id;     // includes every site below it in the hierarchy
    std::optional<std::string> counter_id;
    std::optional<std::string> from_date;   // dd/mm/yyyy, inclusive, local time of utc_offset_minutes
    std::optional<std::string> to_date;     // dd/mm/yyyy, inclusive
    GroupBy group_by = GroupBy::None;
    int utc_offset_minutes = 7 * 60;
    std::string lang = "vi";  // "vi" or "en": headings and level labels in the text, CSV and JSON
};

struct LevelCount {
    int score = 0;
    std::string label_vi;
    std::int64_t count = 0;
    std::string percent;  // "91,98%"
    std::string label_en = {};  // initialised, so brace lists written before it still compile
    std::int64_t dossiers = 0;  // dossier codes carried by these ratings
};

// Quyết định 766/QĐ-TTg: (total − rated "không hài lòng") ÷ total. Counted per dossier when the
// ratings carry dossier codes (basis "dossier": dossier codes on ratings, a code on two ratings
// counts twice), otherwise per rating (basis "rating"). "Không hài lòng" is every level of the
// scale with an unhappy face. Complaints are not in the events, so they are not subtracted.
struct Qd766 {
    std::string basis;  // "dossier" or "rating"
    std::int64_t total = 0;
    std::int64_t unsatisfied = 0;
    std::string percent;  // "99,88%"; "0%" when total is 0
};

struct ReasonCount {
    std::string code;
    std::string label;    // from the scale's reasons; the code when the scale does not know it
    std::int64_t count = 0;
    std::string percent;  // share of the ratings at levels that ask why
};

struct ReportBlock {
    std::string key;    // group key ("q1", "2026-11-23"); empty for the whole report
    std::string label;  // what a person reads ("23/11/2026", "Quầy 1")
    std::int64_t total = 0;
    std::vector<LevelCount> levels;
    std::string summary;
    Qd766 qd766 = {};
    // How many of these ratings carry each trust flag (trust_flags.hpp). They are counted in
    // `total`, the levels and the 766 rate like any other: the flags are shown, never subtracted.
    TrustCounts flags = {};
};

struct Report {
    ReportBlock overall;
    std::vector<ReportBlock> groups;
    std::vector<std::int64_t> unknown_scores;  // scores not on the scale, counted in totals
    std::vector<ReasonCount> reasons = {};     // most given first
    std::int64_t reason_base = 0;              // ratings at levels that ask why (the percent base)
    TrustRules trust = {};                     // the rules the flags were counted with (the store's)
};

Result<GroupBy> parse_group_by(const std::string& text);
std::string group_by_name(GroupBy g);
// Parses dd/mm/yyyy; returns unix ms of local midnight, or nothing when malformed.
std::optional<std::int64_t> parse_vn_date(const std::string& text, int utc_offset_minutes);

// "3 phiếu, rất hài lòng 66,67%, hài lòng 33,33%, không hài lòng 0%"
std::string summary_line(std::int64_t total, const std::vector<LevelCount>& levels);

// What reports call the ids that events carry, beyond sites and counters (kept in the store).
struct ReportNames {
    std::map<std::string, std::string> officers;  // officer id -> name, from queue.officers
    std::map<std::string, std::string> fields = {};      // field id -> name, from the sites' queue files
    std::map<std::string, std::string> procedures = {};  // procedure id -> name
};

Result<Report> rating_report(ServerStore& store, const RatingScale& scale, const ReportQuery& query,
                             const ReportNames& names);
// The block of a group with no rating in the period (every level at 0), for a listing that shows
// each site or counter whether it was rated or not: a grouped report leaves such groups out.
ReportBlock empty_report_block(const RatingScale& scale, const std::string& lang = "vi");
json report_to_json(const Report& report, const ReportQuery& query);
// What a flag means, for a person: "Đánh giá trong vòng 5 giây" (report_texts.cpp, with the
// report's burst seconds).
std::string trust_flag_label(TrustFlag flag, const TrustRules& rules, const std::string& lang = "vi");
// "Đánh giá trong vòng 5 giây: 12, Ngoài giờ làm việc: 1": every flag (`all`) or those the counts
// have, each with its label.
std::string trust_flags_line(const TrustCounts& flags, const TrustRules& rules, const std::string& lang = "vi",
                             bool all = true, std::string_view separator = ", ");
// How the flag is decided, for a legend: "cách phiếu trước của cùng máy chưa đến 5 giây (...)".
std::string trust_flag_help(TrustFlag flag, const TrustRules& rules, const std::string& lang = "vi");
std::string report_to_text(const Report& report, const ReportQuery& query, const std::string& scope);
// One row per level of the overall block and of each group, then one per reason; RFC 4180 quoting.
std::string report_to_csv(const Report& report, const ReportQuery& query);

}  // namespace motcua::server
