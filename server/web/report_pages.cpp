// The leaders' report pages: a site (province, centre or reception point) and one counter.
// Every figure comes from rating_report (the queue's from queue_report, queue_section.cpp); this
// file only picks periods and lays them out.
#include <algorithm>
#include <ctime>
#include <map>
#include <optional>

#include "core/natural_order.hpp"
#include "core/vn_format.hpp"
#include "server/rating_report.hpp"
#include "server/report_texts.hpp"
#include "server/web/dashboard.hpp"
#include "server/web/dashboard_html.hpp"
#include "server/web/queue_section.hpp"
#include "server/web/web_http.hpp"
#include "server/web/web_parse.hpp"

namespace motcua::server::web {

namespace {

constexpr int kTrendDays = 30;

using Day = CivilDay;

Day local_day(std::int64_t unix_ms, int offset_minutes) {
    time_t t = static_cast<time_t>(unix_ms / 1000 + offset_minutes * 60);
    tm parts{};
    gmtime_r(&t, &parts);
    return {parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday};
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }
std::string iso(Day d) { return std::to_string(d.y) + "-" + two(d.m) + "-" + two(d.d); }
std::string vn_date(Day d) { return two(d.d) + "/" + two(d.m) + "/" + std::to_string(d.y); }

struct Period {
    Day from, to;
};

// The period asked for, or this month so far. Nothing when a date is malformed or from > to.
std::optional<Period> period_of(const httplib::Request& req, std::int64_t now_ms, int offset) {
    Day today = local_day(now_ms, offset);
    Period p{{today.y, today.m, 1}, today};
    if (req.has_param("from") && !req.get_param_value("from").empty()) {
        auto d = parse_iso_date(req.get_param_value("from"));
        if (!d) return std::nullopt;
        p.from = *d;
    }
    if (req.has_param("to") && !req.get_param_value("to").empty()) {
        auto d = parse_iso_date(req.get_param_value("to"));
        if (!d) return std::nullopt;
        p.to = *d;
    }
    if (p.to < p.from) return std::nullopt;
    return p;
}

std::string color_hex(unsigned rgb) {
    static const char* hex = "0123456789abcdef";
    std::string out = "#";
    for (int shift = 20; shift >= 0; shift -= 4) out += hex[(rgb >> shift) & 15];
    return out;
}

// Quyết định 766/QĐ-TTg as the report engine counts it (rating_report.hpp, Qd766): per dossier
// when the ratings carry dossier codes, per rating otherwise.
std::string rate_766(const ReportBlock& block) { return block.total == 0 ? "–" : block.qd766.percent; }

std::string period_query(const Period& p) { return "from=" + iso(p.from) + "&to=" + iso(p.to); }

std::vector<std::string> level_headers(const RatingScale& scale, const std::string& first) {
    std::vector<std::string> h{first, "Số phiếu"};
    for (auto& l : scale.levels) h.push_back(l.label_vi);
    h.push_back("Chỉ số 766");
    h.push_back(report_text("flags"));
    return h;
}

// The trust flags of a row: one highlighted badge per flag its ratings carry, each with its
// meaning as a title; "0" when none.
std::string flags_cell(const TrustCounts& flags, const TrustRules& rules) {
    if (!flags.any()) return "<span class=\"note\">0</span>";
    std::string html;
    for (TrustFlag f : kTrustFlags) {
        if (flags.of(f) == 0) continue;
        html += "<span class=\"badge warn\" title=\"" +
                escape_html(trust_flag_help(f, rules) + "; " + report_text("flags.note")) + "\">" +
                escape_html(trust_flag_label(f, rules)) + ": " + vn::count(flags.of(f)) + "</span>";
    }
    return "<div class=\"flags\">" + html + "</div>";  // badges wrap instead of widening the table
}

// What each flag means, under a table that shows them.
std::string flags_legend(const TrustRules& rules) {
    std::string html = "<p class=\"note flags-legend\">" + escape_html(report_text("flags")) + " (" +
                       escape_html(report_text("flags.note")) + "): ";
    for (TrustFlag f : kTrustFlags)
        html += std::string(f == TrustFlag::NoTicket ? "" : "; ") + "<b>" + escape_html(trust_flag_label(f, rules)) +
                "</b>: " + escape_html(trust_flag_help(f, rules));
    return html + ".</p>";
}

std::vector<std::string> block_row(const std::string& name_html, const ReportBlock& block, const TrustRules& rules) {
    std::vector<std::string> row{name_html, vn::count(block.total)};
    for (auto& l : block.levels) row.push_back(escape_html(l.percent) + " <span class=\"note\">(" + vn::count(l.count) + ")</span>");
    row.push_back(escape_html(rate_766(block)));
    row.push_back(flags_cell(block.flags, rules));
    return row;
}

std::string period_form(const std::string& action, const std::map<std::string, std::string>& keep, const Period& p) {
    std::string html = "<form class=\"period\" method=\"get\" action=\"" + escape_html(action) + "\">";
    for (auto& [name, value] : keep)
        html += "<input type=\"hidden\" name=\"" + escape_html(name) + "\" value=\"" + escape_html(value) + "\">";
    html += "<label>Từ ngày<input type=\"date\" name=\"from\" value=\"" + iso(p.from) + "\"></label>"
            "<label>Đến ngày<input type=\"date\" name=\"to\" value=\"" + iso(p.to) + "\"></label>"
            "<button class=\"primary\" type=\"submit\">Xem</button></form>";
    return html;
}

// Tiles, the 30-day trend ending on the period's last day, and the officer table.
std::string report_body(ServerStore& store, const DashboardOptions& options, ReportQuery query, const Period& p,
                        std::string& error) {
    const RatingScale& scale = options.scale;
    query.from_date = vn_date(p.from);
    query.to_date = vn_date(p.to);
    query.group_by = GroupBy::None;
    auto overall = rating_report(store, scale, query, options.names);
    if (!overall) {
        error = overall.error();
        return "";
    }
    const ReportBlock& all = overall->overall;
    std::vector<Tile> items{{"Số phiếu đánh giá", vn::count(all.total), "từ " + vn_date(p.from) + " đến " + vn_date(p.to), ""}};
    for (auto& l : all.levels) {
        const RatingLevel* level = scale.level(l.score);
        items.push_back({l.label_vi, l.percent, vn::count(l.count) + " phiếu", level ? color_hex(level->color) : ""});
    }
    items.push_back({"Chỉ số hài lòng (QĐ 766)", rate_766(all), report_text("qd766.basis." + all.qd766.basis), ""});
    if (all.flags.any()) {  // ratings to review: shown, still counted above
        std::int64_t marks = 0;
        for (std::int64_t n : all.flags.count) marks += n;
        items.push_back({report_text("flags"), vn::count(marks),
                         report_text("flags.marks") + ". " + trust_flags_line(all.flags, overall->trust, "vi", false, " · "),
                         "#b26a00"});
    }
    std::string html = tiles(items);

    ReportQuery trend = query;
    Day last = p.to;
    trend.from_date = vn_date(add_days(last, -(kTrendDays - 1)));
    trend.to_date = vn_date(last);
    trend.group_by = GroupBy::Day;
    auto days = rating_report(store, scale, trend, options.names);
    if (days) {
        std::map<std::string, const ReportBlock*> by_day;
        for (auto& g : days->groups) by_day[g.key] = &g;
        json labels = json::array();
        json datasets = json::array();
        for (auto& level : scale.levels)
            datasets.push_back({{"label", level.label_vi}, {"color", color_hex(level.color)}, {"data", json::array()}});
        for (int i = kTrendDays - 1; i >= 0; --i) {
            Day d = add_days(last, -i);
            labels.push_back(two(d.d) + "/" + two(d.m));
            auto found = by_day.find(iso(d));
            for (std::size_t k = 0; k < scale.levels.size(); ++k) {
                std::int64_t n = 0;
                if (found != by_day.end())
                    for (auto& l : found->second->levels)
                        if (l.score == scale.levels[k].score) n = l.count;
                datasets[k]["data"].push_back(n);
            }
        }
        json series{{"labels", labels}, {"datasets", datasets}};
        html += "<h2>Số phiếu theo ngày (30 ngày đến " + vn_date(last) + ")</h2><div class=\"chart-box\">"
                "<canvas id=\"trend\" role=\"img\" aria-label=\"Biểu đồ số phiếu theo ngày\" data-series=\"" +
                escape_html(series.dump()) + "\"></canvas></div>";
    }
    return html;
}

std::string officer_table(ServerStore& store, const DashboardOptions& options, ReportQuery query, const Period& p) {
    const RatingScale& scale = options.scale;
    query.from_date = vn_date(p.from);
    query.to_date = vn_date(p.to);
    query.group_by = GroupBy::Officer;
    auto officers = rating_report(store, scale, query, options.names);
    std::vector<std::vector<std::string>> rows;
    if (officers)
        for (auto& g : officers->groups) rows.push_back(block_row(escape_html(g.label), g, store.trust_rules()));
    return "<h2>Theo cán bộ</h2>" + table(level_headers(scale, "Cán bộ"), rows, "Chưa có phiếu đánh giá trong kỳ.") +
           (rows.empty() ? "" : flags_legend(store.trust_rules()));
}

// The formal report of the month (and the quarter) the period starts in, as PDF downloads.
std::string formal_report_links(const std::string& site_id, const Day& from) {
    const std::string base = "/dashboard/report.pdf?site=" + url_encode(site_id);
    const int quarter = (from.m - 1) / 3 + 1;
    static const char* kRoman[] = {"I", "II", "III", "IV"};
    return "<p class=\"downloads\">" +
           link(base + "&month=" + std::to_string(from.y) + "-" + two(from.m),
                "Tải báo cáo PDF tháng " + two(from.m) + "/" + std::to_string(from.y)) +
           " · " +
           link(base + "&quarter=" + std::to_string(quarter) + "%2F" + std::to_string(from.y),
                "quý " + std::string(kRoman[quarter - 1]) + "/" + std::to_string(from.y)) +
           "</p>";
}

std::vector<Site> child_sites(ServerStore& store, const std::optional<std::string>& parent) {
    auto st = store.database().prepare(parent ? "SELECT id, name, parent_id FROM sites WHERE parent_id = ? ORDER BY name"
                                              : "SELECT id, name, parent_id FROM sites WHERE parent_id IS NULL ORDER BY name");
    if (parent) st.bind(1, *parent);
    std::vector<Site> out;
    while (st.step()) out.push_back({st.column_text(0), st.column_text(1), std::nullopt});
    return out;
}

}  // namespace

void Dashboard::site_page(const httplib::Request& req, httplib::Response& res) {
    auto visitor = signed_in(req, res);
    if (!visitor) return;
    const WebUser& user = visitor->session.user;
    std::optional<std::string> site_id;
    if (!req.get_param_value("site").empty()) site_id = req.get_param_value("site");
    else if (!user.is_admin()) site_id = user.site_id;
    auto period = period_of(req, options_.now(), options_.utc_offset_minutes);
    PageFrame frame{"Báo cáo", user.display_name, user.is_admin(), visitor->session.csrf_token, "dashboard"};
    if (!period) return send_html(res, 400, page(frame, "<p class=\"message\">Ngày không hợp lệ: chọn lại từ ngày, đến ngày.</p>"));

    std::lock_guard lock(store_mutex_);
    std::optional<Site> site;
    if (site_id) {
        if (!accounts_.may_see_site(user, *site_id))
            return forbidden(res, *visitor, "Tài khoản của bạn không được xem báo cáo của đơn vị này.");
        site = store_.site(*site_id);
    }
    // Crumbs up the hierarchy, as far as this user may go.
    std::string crumbs;
    for (auto up = site ? site->parent_id : std::nullopt; up; ) {
        auto s = store_.site(*up);
        if (!s || !accounts_.may_see_site(user, s->id)) break;
        crumbs = link("/dashboard?site=" + url_encode(s->id) + "&" + period_query(*period), s->name) + " › " + crumbs;
        up = s->parent_id;
    }
    if (user.is_admin() && site) crumbs = link("/dashboard?" + period_query(*period), "Tất cả đơn vị") + " › " + crumbs;
    const std::string title = site ? site->name : "Tất cả đơn vị";
    frame.title = title;
    std::string body = "<div class=\"crumbs\">" + crumbs + "</div><h1>" + escape_html(title) + "</h1>";
    std::map<std::string, std::string> keep;
    if (site) keep["site"] = site->id;
    body += period_form("/dashboard", keep, *period);
    if (site) body += formal_report_links(site->id, period->from);

    ReportQuery query;
    query.utc_offset_minutes = options_.utc_offset_minutes;
    query.site_id = site_id;
    std::string error;
    body += report_body(store_, options_, query, *period, error);
    if (!error.empty()) return send_html(res, 400, page(frame, "<p class=\"message\">" + escape_html(error) + "</p>"));

    // One grouped report per table, whatever the number of sub-sites or counters listed. A report
    // that fails leaves its table out rather than show zeros.
    auto grouped = [&](GroupBy by) -> std::optional<std::map<std::string, ReportBlock>> {
        ReportQuery q = query;
        q.from_date = vn_date(period->from);
        q.to_date = vn_date(period->to);
        q.group_by = by;
        auto r = rating_report(store_, options_.scale, q, options_.names);
        if (!r) return std::nullopt;
        std::map<std::string, ReportBlock> blocks;
        for (auto& g : r->groups) blocks.emplace(g.key, std::move(g));
        return blocks;
    };
    const ReportBlock unrated = empty_report_block(options_.scale);
    auto block_of = [&](const std::map<std::string, ReportBlock>& blocks, const std::string& key) -> const ReportBlock& {
        auto it = blocks.find(key);
        return it == blocks.end() ? unrated : it->second;
    };

    std::vector<std::vector<std::string>> rows;
    const auto children = child_sites(store_, site_id);
    if (auto by_site = children.empty() ? std::nullopt : grouped(GroupBy::Site))  // each child with all below it
        for (auto& child : children)
            rows.push_back(block_row(link("/dashboard?site=" + url_encode(child.id) + "&" + period_query(*period), child.name),
                                     block_of(*by_site, child.id), store_.trust_rules()));
    if (!rows.empty()) body += "<h2>Theo đơn vị trực thuộc</h2>" + table(level_headers(options_.scale, "Đơn vị"), rows, "");

    std::vector<CounterCell> counter_cells;  // the site's own counters, Quầy 2 before Quầy 10
    if (site) {
        rows.clear();
        auto counters = store_.counters(site->id);
        std::stable_sort(counters.begin(), counters.end(),
                         [](const Counter& a, const Counter& b) { return natural_less(a.name, b.name); });
        for (auto& counter : counters)
            counter_cells.push_back({counter.id, link("/dashboard/counter?site=" + url_encode(site->id) + "&counter=" +
                                                          url_encode(counter.id) + "&" + period_query(*period),
                                                      counter.name)});
        if (auto by_counter = counters.empty() ? std::nullopt : grouped(GroupBy::Counter))
            for (auto& cell : counter_cells)
                rows.push_back(block_row(cell.html, block_of(*by_counter, cell.id), store_.trust_rules()));
        if (!rows.empty())
            body += "<h2>Theo quầy</h2>" + table(level_headers(options_.scale, "Quầy"), rows, "") +
                    flags_legend(store_.trust_rules());
    }
    body += officer_table(store_, options_, query, *period);
    body += queue_section(store_, {site_id, std::nullopt, vn_date(period->from), vn_date(period->to),
                                   options_.utc_offset_minutes, counter_cells});
    send_html(res, 200, page(frame, body, true));
}

void Dashboard::counter_page(const httplib::Request& req, httplib::Response& res) {
    auto visitor = signed_in(req, res);
    if (!visitor) return;
    const WebUser& user = visitor->session.user;
    const std::string site_id = req.get_param_value("site");
    const std::string counter_id = req.get_param_value("counter");
    auto period = period_of(req, options_.now(), options_.utc_offset_minutes);
    PageFrame frame{"Quầy", user.display_name, user.is_admin(), visitor->session.csrf_token, "dashboard"};
    if (!period) return send_html(res, 400, page(frame, "<p class=\"message\">Ngày không hợp lệ: chọn lại từ ngày, đến ngày.</p>"));

    std::lock_guard lock(store_mutex_);
    if (!accounts_.may_see_site(user, site_id))
        return forbidden(res, *visitor, "Tài khoản của bạn không được xem báo cáo của đơn vị này.");
    auto site = store_.site(site_id);
    std::optional<Counter> counter;
    for (auto& c : store_.counters(site_id))
        if (c.id == counter_id) counter = c;
    if (!site || !counter) return send_html(res, 404, page(frame, "<p class=\"message\">Không có quầy này.</p>"));
    frame.title = counter->name + " · " + site->name;
    std::string body = "<div class=\"crumbs\">" +
                       link("/dashboard?site=" + url_encode(site->id) + "&" + period_query(*period), site->name) +
                       " ›</div><h1>" + escape_html(counter->name) + "</h1>";
    body += period_form("/dashboard/counter", {{"site", site->id}, {"counter", counter->id}}, *period);
    ReportQuery query;
    query.utc_offset_minutes = options_.utc_offset_minutes;
    query.site_id = site->id;
    query.counter_id = counter->id;
    std::string error;
    body += report_body(store_, options_, query, *period, error);
    if (!error.empty()) return send_html(res, 400, page(frame, "<p class=\"message\">" + escape_html(error) + "</p>"));
    body += officer_table(store_, options_, query, *period);
    body += queue_section(store_, {site->id, counter->id, vn_date(period->from), vn_date(period->to),
                                   options_.utc_offset_minutes, {}});
    send_html(res, 200, page(frame, body, true));
}

}  // namespace motcua::server::web
