#include "server/formal_report.hpp"

#include <algorithm>
#include <set>

#include "core/natural_order.hpp"
#include "server/report_texts.hpp"

namespace motcua::server {

Result<FormalReport> gather_formal_report(ServerStore& store, const RatingScale& scale, const ReportNames& names,
                                          const FormalReportRequest& request) {
    FormalReport out;
    out.place = request.place;
    out.period = request.period;
    out.utc_offset_minutes = request.utc_offset_minutes;
    out.generated_at_ms = request.generated_at_ms;
    std::vector<Site> sites = store.sites();
    if (request.site_id) {
        auto site = store.site(*request.site_id);
        if (!site) return Result<FormalReport>::failure("unknown site " + *request.site_id);
        out.unit_name = site->name;
        if (site->parent_id)
            if (auto parent = store.site(*site->parent_id)) out.parent_name = parent->name;
        out.units_are_sites = std::any_of(sites.begin(), sites.end(),
                                          [&](const Site& s) { return s.parent_id == request.site_id; });
    } else {
        out.unit_name = report_text("formal.every_site");
        out.units_are_sites = true;
    }

    ReportQuery query;
    query.site_id = request.site_id;
    query.from_date = request.period.from_date();
    query.to_date = request.period.to_date();
    query.utc_offset_minutes = request.utc_offset_minutes;
    auto overall = rating_report(store, scale, query, names);
    if (!overall) return Result<FormalReport>::failure(overall.error());
    out.ratings = std::move(overall.value());

    query.group_by = out.units_are_sites ? GroupBy::Site : GroupBy::Counter;
    auto units = rating_report(store, scale, query, names);
    if (!units) return Result<FormalReport>::failure(units.error());
    out.units = std::move(units->groups);
    if (!out.units_are_sites) {
        // The centre's own counters that nobody rated are listed at zero, as on the dashboard.
        std::set<std::string> listed;
        for (auto& u : out.units) listed.insert(u.key);
        for (auto& c : store.counters(*request.site_id)) {
            if (listed.count(c.id)) continue;
            ReportBlock empty = empty_report_block(scale);
            empty.key = c.id;
            empty.label = c.name;
            out.units.push_back(std::move(empty));
        }
        std::stable_sort(out.units.begin(), out.units.end(), [](const ReportBlock& a, const ReportBlock& b) {
            return a.label != b.label ? natural_less(a.label, b.label) : natural_less(a.key, b.key);
        });
    }

    query.group_by = GroupBy::Officer;
    auto officers = rating_report(store, scale, query, names);
    if (!officers) return Result<FormalReport>::failure(officers.error());
    out.officers = std::move(officers->groups);

    QueueQuery queue_query;
    queue_query.site_id = request.site_id;
    queue_query.from_date = query.from_date;
    queue_query.to_date = query.to_date;
    queue_query.utc_offset_minutes = request.utc_offset_minutes;
    auto queue = queue_report(store, queue_query);
    if (!queue) return Result<FormalReport>::failure(queue.error());
    if (queue->overall.issued > 0) out.queue = queue->overall;
    return out;
}

}  // namespace motcua::server
