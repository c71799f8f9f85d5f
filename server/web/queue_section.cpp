#include "server/web/queue_section.hpp"

#include <map>
#include <vector>

#include "core/vn_format.hpp"
#include "server/queue_report.hpp"
#include "server/web/dashboard_html.hpp"

namespace motcua::server::web {

namespace {

std::string minutes(const DurationStats& s, double DurationStats::*which) {
    return s.samples == 0 ? "–" : minutes_text(s.*which, "vi");
}

// "4 phút", and under it "trung vị · 90% số trong vòng 11 phút · 3 lượt".
Tile time_tile(const std::string& label, const DurationStats& s) {
    std::string note = s.samples == 0 ? "chưa có số liệu"
                                      : "trung vị · 90% số trong vòng " + minutes(s, &DurationStats::p90_ms) + " · " +
                                            vn::count(s.samples) + " lượt";
    return {label, minutes(s, &DurationStats::median_ms), note, ""};
}

bool has_tickets(const QueueBlock& b) { return b.issued + b.served + b.no_show + b.cancelled > 0; }

}  // namespace

std::string queue_section(ServerStore& store, const QueueSectionQuery& query) {
    QueueQuery q;
    q.site_id = query.site_id;
    q.counter_id = query.counter_id;
    q.from_date = query.from_date;
    q.to_date = query.to_date;
    q.group_by = query.counter_id ? QueueGroupBy::None : QueueGroupBy::Counter;
    q.utc_offset_minutes = query.utc_offset_minutes;
    auto report = queue_report(store, q);
    if (!report) return "<h2>Xếp hàng</h2><p class=\"message\">Không đọc được số liệu xếp hàng: " +
                        escape_html(report.error()) + "</p>";

    if (query.counter_id) {  // one counter: what it served, missed and how long its citizens waited
        const QueueBlock& mine = report->overall;
        if (!has_tickets(mine) && mine.waiting.samples == 0 && mine.service.samples == 0) return "";
        std::vector<Tile> items{{"Đã phục vụ", vn::count(mine.served), "số thứ tự phục vụ xong tại quầy này", ""},
                                {"Vắng mặt", vn::count(mine.no_show), "gọi mà công dân không đến", ""},
                                time_tile("Thời gian chờ", mine.waiting), time_tile("Thời gian phục vụ", mine.service)};
        return "<h2>Xếp hàng</h2>" + tiles(items);
    }

    const QueueBlock& all = report->overall;
    if (!has_tickets(all)) return "";
    std::vector<Tile> items{
        {"Số thứ tự đã cấp", vn::count(all.issued), "", ""},
        {"Đã phục vụ", vn::count(all.served), "", ""},
        {"Vắng mặt", vn::count(all.no_show), all.no_show_percent + " số đã cấp", ""},
        time_tile("Thời gian chờ", all.waiting),
        time_tile("Thời gian phục vụ", all.service),
        {"Giờ đông nhất",
         all.busiest_hour ? std::to_string(*all.busiest_hour) + "–" + std::to_string(*all.busiest_hour + 1) + " giờ" : "–",
         all.busiest_hour ? vn::count(all.busiest_hour_issued) + " số được cấp" : "", ""}};
    std::string html = "<h2>Xếp hàng</h2>" + tiles(items);

    std::map<std::string, const QueueBlock*> by_counter;
    for (auto& g : report->groups) by_counter[g.key] = &g;
    std::vector<std::vector<std::string>> rows;
    for (auto& counter : query.counters) {
        auto found = by_counter.find(counter.id);
        if (found == by_counter.end() || !has_tickets(*found->second)) continue;
        const QueueBlock& g = *found->second;
        rows.push_back({counter.html, vn::count(g.served), vn::count(g.no_show),
                        minutes(g.waiting, &DurationStats::median_ms), minutes(g.waiting, &DurationStats::p90_ms),
                        minutes(g.service, &DurationStats::median_ms), minutes(g.service, &DurationStats::p90_ms)});
    }
    if (!rows.empty())
        html += "<h2>Xếp hàng theo quầy</h2>" +
                table({"Quầy", "Đã phục vụ", "Vắng mặt", "Chờ (trung vị)", "Chờ (90% số)", "Phục vụ (trung vị)",
                       "Phục vụ (90% số)"},
                      rows, "");
    return html;
}

}  // namespace motcua::server::web
