// The formal monthly or quarterly report a centre's leader prints, signs and files (issue 8):
// the figures gathered here from rating_report and queue_report (the same numbers as the API,
// never recomputed), drawn on A4 by formal_report_pdf.hpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/rating.hpp"
#include "core/result.hpp"
#include "server/queue_report.hpp"
#include "server/rating_report.hpp"
#include "server/report_period.hpp"
#include "server/server_store.hpp"

namespace motcua::server {

struct FormalReportRequest {
    std::optional<std::string> site_id;  // nothing: every site
    ReportPeriod period;
    std::string place;  // before "ngày … tháng … năm …"; empty: dots to fill in by hand
    int utc_offset_minutes = 7 * 60;
    std::int64_t generated_at_ms = 0;
};

struct FormalReport {
    std::string unit_name;                  // the centre (or "every site")
    std::optional<std::string> parent_name; // the level above it, when it has one
    std::string place;
    ReportPeriod period;
    int utc_offset_minutes = 7 * 60;
    std::int64_t generated_at_ms = 0;
    Report ratings;  // the whole period: levels, the 766 rate, reasons
    // A centre: its counters (each of its own, rated or not, then any other counter rated in it),
    // names in natural order. A site with sites below it: each of them (counter ids repeat
    // across centres, so a table by counter would add different counters together).
    bool units_are_sites = false;
    std::vector<ReportBlock> units;
    std::vector<ReportBlock> officers;
    std::optional<QueueBlock> queue;  // when tickets were issued in the period
};

Result<FormalReport> gather_formal_report(ServerStore& store, const RatingScale& scale, const ReportNames& names,
                                          const FormalReportRequest& request);

}  // namespace motcua::server
