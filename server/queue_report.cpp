#include "server/queue_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "core/natural_order.hpp"
#include "core/vn_format.hpp"
#include "server/rating_report.hpp"
#include "server/report_texts.hpp"

namespace motcua::server {

namespace {

// Everything one group sums: counts, duration samples, and tickets issued per local hour.
struct Tally {
    std::int64_t issued = 0, served = 0, no_show = 0, cancelled = 0;
    std::vector<std::int64_t> waiting, service;
    std::array<std::int64_t, 24> issued_by_hour{};
};

// The site and every site below it; `seen` stops a cycle a hand-edited database could hold.
std::vector<std::string> sites_under(const std::vector<Site>& sites, const std::string& root) {
    std::map<std::string, std::vector<std::string>> children;
    for (auto& s : sites)
        if (s.parent_id) children[*s.parent_id].push_back(s.id);
    std::vector<std::string> out, stack{root};
    std::set<std::string> seen;
    while (!stack.empty()) {
        std::string id = stack.back();
        stack.pop_back();
        if (!seen.insert(id).second) continue;
        out.push_back(id);
        for (auto& child : children[id]) stack.push_back(child);
    }
    return out;
}

std::string hour_key(int hour) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%02d", hour);
    return buf;
}

std::string hour_label(int hour) { return hour_key(hour) + ":00–" + hour_key(hour) + ":59"; }

std::string stats_phrase(const DurationStats& s, const char* what, ReportLang lang) {
    std::string code(report_lang_code(lang));
    std::string out = report_text(what, lang) + " ";
    if (s.samples == 0) return out + report_text("queue.no_samples", lang);
    return out + report_text("queue.median", lang) + " " + minutes_text(s.median_ms, code) + ", p90 " +
           minutes_text(s.p90_ms, code) + " (" + vn::count(s.samples) + " " + report_text("queue.samples", lang) + ")";
}

void finish_block(QueueBlock& b, Tally& t, ReportLang lang) {
    b.issued = t.issued;
    b.served = t.served;
    b.no_show = t.no_show;
    b.cancelled = t.cancelled;
    b.no_show_percent = vn::percent(t.no_show, t.issued);
    b.waiting = duration_stats(std::move(t.waiting));
    b.service = duration_stats(std::move(t.service));
    for (int h = 0; h < 24; ++h)
        if (t.issued_by_hour[h] > b.busiest_hour_issued) {
            b.busiest_hour = h;
            b.busiest_hour_issued = t.issued_by_hour[h];
        }
    b.summary = vn::count(b.issued) + " " + report_text("queue.issued", lang) + ", " + vn::count(b.served) + " " +
                report_text("queue.served", lang) + ", " + vn::count(b.no_show) + " " +
                report_text("queue.no_show", lang) + " (" + b.no_show_percent + "), " + vn::count(b.cancelled) + " " +
                report_text("queue.cancelled", lang) + "; " + stats_phrase(b.waiting, "queue.waiting", lang) + "; " +
                stats_phrase(b.service, "queue.service", lang);
    if (b.busiest_hour)
        b.summary += "; " + report_text("queue.busiest", lang) + " " + hour_label(*b.busiest_hour) + " (" +
                     vn::count(b.busiest_hour_issued) + " " + report_text("queue.unit.tickets", lang) + ")";
}

json stats_json(const DurationStats& s, const std::string& lang) {
    if (s.samples == 0) return {{"samples", 0}, {"median_min", nullptr}, {"p90_min", nullptr}};
    return {{"samples", s.samples},
            {"median_min", s.median_ms / 60000.0},
            {"p90_min", s.p90_ms / 60000.0},
            {"median_text", minutes_text(s.median_ms, lang)},
            {"p90_text", minutes_text(s.p90_ms, lang)}};
}

json block_json(const QueueBlock& b, const std::string& lang) {
    return {{"issued", b.issued},
            {"served", b.served},
            {"no_show", b.no_show},
            {"no_show_percent", b.no_show_percent},
            {"cancelled", b.cancelled},
            {"waiting", stats_json(b.waiting, lang)},
            {"service", stats_json(b.service, lang)},
            {"busiest_hour", b.busiest_hour ? json(*b.busiest_hour) : json()},
            {"busiest_hour_label", b.busiest_hour ? json(hour_label(*b.busiest_hour)) : json()},
            {"busiest_hour_issued", b.busiest_hour_issued},
            {"summary", b.summary}};
}

// RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes.
std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

// Minutes without the unit, for a spreadsheet cell; empty without samples.
std::string csv_minutes(const DurationStats& s, double ms) {
    if (s.samples == 0) return "";
    std::string text = minutes_text(ms, "vi");
    return text.substr(0, text.find(' '));
}

}  // namespace

DurationStats duration_stats(std::vector<std::int64_t> v) {
    DurationStats s;
    s.samples = static_cast<std::int64_t>(v.size());
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    s.median_ms = n % 2 ? static_cast<double>(v[n / 2]) : (static_cast<double>(v[n / 2 - 1]) + v[n / 2]) / 2.0;
    s.p90_ms = static_cast<double>(v[(9 * n + 9) / 10 - 1]);
    return s;
}

std::string minutes_text(double ms, const std::string& lang) {
    const long long tenths = std::llround(ms / 6000.0);
    std::string out = std::to_string(tenths / 10);
    if (tenths % 10 != 0) out += "," + std::to_string(tenths % 10);
    return out + " " + report_text("unit.minutes", report_lang(lang));
}

Result<QueueGroupBy> parse_queue_group_by(const std::string& text) {
    if (text.empty() || text == "none") return QueueGroupBy::None;
    for (QueueGroupBy g : {QueueGroupBy::Field, QueueGroupBy::Counter, QueueGroupBy::Hour})
        if (text == queue_group_by_name(g)) return g;
    return Result<QueueGroupBy>::failure("the queue report groups by field, counter or hour, not '" + text + "'");
}

std::string queue_group_by_name(QueueGroupBy g) {
    switch (g) {
        case QueueGroupBy::None:
            return "none";
        case QueueGroupBy::Field:
            return "field";
        case QueueGroupBy::Counter:
            return "counter";
        case QueueGroupBy::Hour:
            return "hour";
    }
    return "none";
}

Result<QueueReport> queue_report(ServerStore& store, const QueueQuery& query) {
    const ReportLang lang = report_lang(query.lang);
    const int offset = store.report_utc_offset_minutes();
    if (query.utc_offset_minutes != offset)
        return Result<QueueReport>::failure("reports are counted in UTC offset " + std::to_string(offset) +
                                            " minutes (the store was opened with it), not " +
                                            std::to_string(query.utc_offset_minutes));
    std::int64_t from_day = std::numeric_limits<std::int64_t>::min(), to_day = std::numeric_limits<std::int64_t>::max();
    if (query.from_date) {
        auto v = parse_vn_date(*query.from_date, offset);
        if (!v)
            return Result<QueueReport>::failure("from must be a date like 01/11/2026, not '" + *query.from_date + "'");
        from_day = local_day(*v, offset);
    }
    if (query.to_date) {
        auto v = parse_vn_date(*query.to_date, offset);
        if (!v) return Result<QueueReport>::failure("to must be a date like 30/11/2026, not '" + *query.to_date + "'");
        to_day = local_day(*v, offset);
    }
    if (from_day > to_day) return Result<QueueReport>::failure("the from date is after the to date");
    if (query.site_id && !store.site(*query.site_id))
        return Result<QueueReport>::failure("site '" + *query.site_id + "' does not exist");
    const std::vector<Site> all_sites = store.sites();
    const std::vector<std::string> ids =
        query.site_id ? sites_under(all_sites, *query.site_id) : std::vector<std::string>{};

    Tally overall;
    std::map<std::string, Tally> groups;
    auto group = [&](const std::string& field, const std::string& counter, int hour) -> Tally* {
        switch (query.group_by) {
            case QueueGroupBy::None:
                return nullptr;
            case QueueGroupBy::Field:
                return &groups[field];
            case QueueGroupBy::Counter:
                return &groups[counter];
            case QueueGroupBy::Hour:
                return &groups[hour_key(hour)];
        }
        return nullptr;
    };
    const QueueRowsQuery rows{ids, from_day, to_day};
    // Each figure is under one counter (the grouping by counter above): the filter keeps that one.
    auto mine = [&](const std::string& counter) { return !query.counter_id || counter == *query.counter_id; };
    auto counted = store.for_each_queue_count_row(rows, [&](const QueueCountRow& row) {
        if (!mine(row.counter_id)) return;
        const int hour = row.hour % 24;
        for (Tally* t : {&overall, group(row.field, row.counter_id, hour)}) {
            if (!t) continue;
            t->issued += row.issued;
            t->served += row.served;
            t->no_show += row.no_show;
            t->cancelled += row.cancelled;
            t->issued_by_hour[static_cast<std::size_t>(hour)] += row.issued;
        }
    });
    if (!counted) return Result<QueueReport>::failure(counted.error());
    auto timed = store.for_each_queue_ticket_row(rows, [&](const QueueTicketRow& row) {
        // Waiting: issue to first call on the ticket's own day. A call before its issue (kiosk
        // clocks apart) is no sample.
        if (row.issued_at && row.first_call_at && *row.first_call_at >= *row.issued_at &&
            local_day(*row.first_call_at, offset) == row.day && mine(row.call_counter))
            for (Tally* t : {&overall, group(row.field, row.call_counter, local_hour(*row.issued_at, offset))})
                if (t) t->waiting.push_back(*row.first_call_at - *row.issued_at);
        // Service: start (serving, or the call without one) to served.
        if (row.start_at && row.served_at && *row.served_at >= *row.start_at && mine(row.serve_counter))
            for (Tally* t : {&overall, group(row.field, row.serve_counter, local_hour(*row.start_at, offset))})
                if (t) t->service.push_back(*row.served_at - *row.start_at);
    });
    if (!timed) return Result<QueueReport>::failure(timed.error());

    std::map<std::string, std::string> counter_names;
    if (query.group_by == QueueGroupBy::Counter)
        for (auto& s : all_sites)
            if (ids.empty() || std::find(ids.begin(), ids.end(), s.id) != ids.end())
                for (auto& c : store.counters(s.id)) counter_names.emplace(c.id, c.name);

    QueueReport report;
    finish_block(report.overall, overall, lang);
    for (auto& [key, tally] : groups) {
        QueueBlock block;
        block.key = key;
        if (query.group_by == QueueGroupBy::Hour)
            block.label = hour_label(std::stoi(key));
        else if (query.group_by == QueueGroupBy::Counter && key.empty())
            block.label = report_text("label.no_counter", lang);
        else if (key.empty())
            block.label = report_text("label.unknown", lang);
        else if (auto it = counter_names.find(key); it != counter_names.end())
            block.label = it->second;
        else
            block.label = key;
        finish_block(block, tally, lang);
        report.groups.push_back(std::move(block));
    }
    // Fields and counters as people number them: Quầy 2 before Quầy 10.
    std::stable_sort(report.groups.begin(), report.groups.end(), [](const QueueBlock& a, const QueueBlock& b) {
        if (a.label != b.label) return natural_less(a.label, b.label);
        return natural_less(a.key, b.key);
    });
    return report;
}

json queue_report_to_json(const QueueReport& report, const QueueQuery& query) {
    const std::string lang(report_lang_code(report_lang(query.lang)));
    json out = block_json(report.overall, lang);
    json groups = json::array();
    for (auto& g : report.groups) {
        json j = block_json(g, lang);
        j["key"] = g.key;
        j["label"] = g.label;
        groups.push_back(std::move(j));
    }
    out["kind"] = "queue";
    out["groups"] = groups;
    out["group_by"] = queue_group_by_name(query.group_by);
    out["site"] = query.site_id ? json(*query.site_id) : json();
    out["counter"] = query.counter_id ? json(*query.counter_id) : json();
    out["from"] = query.from_date ? json(*query.from_date) : json();
    out["to"] = query.to_date ? json(*query.to_date) : json();
    out["lang"] = lang;
    return out;
}

std::string queue_report_to_text(const QueueReport& report, const QueueQuery& query, const std::string& scope) {
    const ReportLang lang = report_lang(query.lang);
    std::ostringstream out;
    out << report_text("queue.title", lang) << ": " << scope << "\n";
    if (query.from_date || query.to_date)
        out << report_text("period", lang) << ": " << report_text("period.from", lang) << " "
            << query.from_date.value_or(report_text("period.start", lang)) << " " << report_text("period.to", lang)
            << " " << query.to_date.value_or(report_text("period.now", lang)) << "\n";
    out << report.overall.summary << "\n";
    if (query.group_by != QueueGroupBy::None) {
        out << "\n" << report_text("group." + queue_group_by_name(query.group_by), lang) << ":\n";
        if (report.groups.empty()) out << "  " << report_text("queue.group.empty", lang) << "\n";
        for (auto& g : report.groups) out << "  " << g.label << ": " << g.summary << "\n";
    }
    return out.str();
}

std::string queue_report_to_csv(const QueueReport& report, const QueueQuery& query) {
    const ReportLang lang = report_lang(query.lang);
    std::ostringstream out;
    auto row = [&](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
        out << "\r\n";
    };
    std::vector<std::string> header;
    for (const char* k :
         {"csv.section", "csv.key", "csv.label", "csv.issued", "csv.served", "csv.no_show", "csv.no_show_percent",
          "csv.cancelled", "csv.waiting_samples", "csv.waiting_median", "csv.waiting_p90", "csv.service_samples",
          "csv.service_median", "csv.service_p90", "csv.busiest_hour"})
        header.push_back(report_text(k, lang));
    row(header);
    auto block_row = [&](const std::string& section, const QueueBlock& b, const std::string& label) {
        // Counts as plain digits and minutes without their unit, so a spreadsheet reads numbers.
        row({section, b.key, label, std::to_string(b.issued), std::to_string(b.served), std::to_string(b.no_show),
             b.no_show_percent, std::to_string(b.cancelled), std::to_string(b.waiting.samples),
             csv_minutes(b.waiting, b.waiting.median_ms), csv_minutes(b.waiting, b.waiting.p90_ms),
             std::to_string(b.service.samples), csv_minutes(b.service, b.service.median_ms),
             csv_minutes(b.service, b.service.p90_ms), b.busiest_hour ? hour_label(*b.busiest_hour) : ""});
    };
    block_row(report_text("csv.overall", lang), report.overall, report_text("csv.overall", lang));
    for (auto& g : report.groups)
        block_row(report_text("csv.group", lang) + ":" + queue_group_by_name(query.group_by), g, g.label);
    return out.str();
}

}  // namespace motcua::server
