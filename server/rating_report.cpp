#include "server/rating_report.hpp"

#include <cstdio>
#include <ctime>
#include <limits>
#include <map>
#include <sstream>

#include "core/vn_format.hpp"

namespace motcua::server {

namespace {

constexpr std::int64_t kDayMs = 24 * 3600 * 1000;

// Leaders write the levels mid-sentence in lower case; Vietnamese labels start with a Latin letter.
std::string lower_first(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

std::string group_expression(GroupBy g, int offset_minutes) {
    std::string local = "(at_utc_ms / 1000 + " + std::to_string(offset_minutes * 60) + "), 'unixepoch'";
    switch (g) {
        case GroupBy::None: return "''";
        case GroupBy::Counter: return "coalesce(counter_id, '')";
        case GroupBy::Officer: return "coalesce(officer_id, '')";
        case GroupBy::Service: return "coalesce(service_id, '')";
        case GroupBy::Day: return "strftime('%Y-%m-%d', " + local + ")";
        case GroupBy::Month: return "strftime('%Y-%m', " + local + ")";
        case GroupBy::Ticket: return "coalesce(ticket_id, '')";
        case GroupBy::Linked: return "CASE WHEN ticket_id IS NULL THEN 'none' ELSE 'ticket' END";
    }
    return "''";
}

std::string group_label(GroupBy g, const std::string& key, const std::map<std::string, std::string>& counter_names) {
    if (g == GroupBy::Ticket && key.empty()) return "(không gắn số thứ tự)";
    if (g == GroupBy::Linked) return key == "ticket" ? "Gắn số thứ tự đã phục vụ" : "Không gắn số thứ tự";
    if (key.empty()) return "(không rõ)";
    if (g == GroupBy::Day && key.size() == 10) return key.substr(8, 2) + "/" + key.substr(5, 2) + "/" + key.substr(0, 4);
    if (g == GroupBy::Month && key.size() == 7) return key.substr(5, 2) + "/" + key.substr(0, 4);
    if (g == GroupBy::Counter) {
        auto it = counter_names.find(key);
        if (it != counter_names.end()) return it->second;
    }
    return key;
}

void finish_block(ReportBlock& block, const RatingScale& scale, const std::map<int, std::int64_t>& counts) {
    block.levels.clear();
    block.total = 0;
    for (auto& [score, n] : counts) block.total += n;
    for (auto& level : scale.levels) {
        auto it = counts.find(level.score);
        std::int64_t n = it == counts.end() ? 0 : it->second;
        block.levels.push_back({level.score, level.label_vi, n, vn::percent(n, block.total)});
    }
    block.summary = summary_line(block.total, block.levels);
}

}  // namespace

Result<GroupBy> parse_group_by(const std::string& text) {
    if (text.empty() || text == "none") return GroupBy::None;
    if (text == "counter") return GroupBy::Counter;
    if (text == "officer") return GroupBy::Officer;
    if (text == "service") return GroupBy::Service;
    if (text == "day") return GroupBy::Day;
    if (text == "month") return GroupBy::Month;
    if (text == "ticket") return GroupBy::Ticket;
    if (text == "linked") return GroupBy::Linked;
    return Result<GroupBy>::failure("group_by must be counter, officer, service, day, month, ticket or linked, not '" +
                                    text + "'");
}

std::string group_by_name(GroupBy g) {
    switch (g) {
        case GroupBy::None: return "none";
        case GroupBy::Counter: return "counter";
        case GroupBy::Officer: return "officer";
        case GroupBy::Service: return "service";
        case GroupBy::Day: return "day";
        case GroupBy::Month: return "month";
        case GroupBy::Ticket: return "ticket";
        case GroupBy::Linked: return "linked";
    }
    return "none";
}

std::optional<std::int64_t> parse_vn_date(const std::string& text, int utc_offset_minutes) {
    int d = 0, m = 0, y = 0, consumed = 0;
    if (std::sscanf(text.c_str(), "%2d/%2d/%4d%n", &d, &m, &y, &consumed) != 3 ||
        consumed != static_cast<int>(text.size()))
        return std::nullopt;
    if (m < 1 || m > 12 || d < 1 || y < 1970 || y > 9999) return std::nullopt;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
    tm parts{};
    parts.tm_year = y - 1900;
    parts.tm_mon = m - 1;
    parts.tm_mday = d;
    return static_cast<std::int64_t>(timegm(&parts)) * 1000 - static_cast<std::int64_t>(utc_offset_minutes) * 60000;
}

std::string summary_line(std::int64_t total, const std::vector<LevelCount>& levels) {
    std::string out = vn::count(total) + " phiếu";
    if (total == 0) return out;
    for (auto& level : levels) out += ", " + lower_first(level.label_vi) + " " + level.percent;
    return out;
}

Result<Report> rating_report(ServerStore& store, const RatingScale& scale, const ReportQuery& query) {
    std::int64_t from_ms = std::numeric_limits<std::int64_t>::min();
    std::int64_t to_ms = std::numeric_limits<std::int64_t>::max();
    if (query.from_date) {
        auto v = parse_vn_date(*query.from_date, query.utc_offset_minutes);
        if (!v) return Result<Report>::failure("from must be a date like 01/11/2026, not '" + *query.from_date + "'");
        from_ms = *v;
    }
    if (query.to_date) {
        auto v = parse_vn_date(*query.to_date, query.utc_offset_minutes);
        if (!v) return Result<Report>::failure("to must be a date like 30/11/2026, not '" + *query.to_date + "'");
        to_ms = *v + kDayMs;  // the whole last day counts
    }
    if (from_ms >= to_ms) return Result<Report>::failure("the from date is after the to date");
    if (query.site_id && !store.site(*query.site_id))
        return Result<Report>::failure("site '" + *query.site_id + "' does not exist");

    auto& db = store.database();
    std::string sql =
        "WITH RECURSIVE tree(id) AS (SELECT ?1 UNION SELECT s.id FROM sites s JOIN tree ON s.parent_id = tree.id) "
        "SELECT " + group_expression(query.group_by, query.utc_offset_minutes) + " AS g, score, count(*) FROM events "
        "WHERE type = 'rating.submitted' AND score IS NOT NULL "
        "AND (?1 IS NULL OR site_id IN (SELECT id FROM tree)) AND (?2 IS NULL OR counter_id = ?2) "
        "AND at_utc_ms >= ?3 AND at_utc_ms < ?4 GROUP BY g, score ORDER BY g, score";
    std::map<std::string, std::map<int, std::int64_t>> by_group;
    std::map<int, std::int64_t> overall;
    try {
        auto st = db.prepare(sql);
        st.bind_optional(1, query.site_id).bind_optional(2, query.counter_id).bind(3, from_ms).bind(4, to_ms);
        while (st.step()) {
            int score = static_cast<int>(st.column_int(1));
            std::int64_t n = st.column_int(2);
            by_group[st.column_text(0)][score] += n;
            overall[score] += n;
        }
    } catch (const sql::Error& e) {
        return Result<Report>::failure(std::string("cannot read the events: ") + e.what());
    }

    std::map<std::string, std::string> counter_names;
    if (query.group_by == GroupBy::Counter) {
        auto st = db.prepare(
            "WITH RECURSIVE tree(id) AS (SELECT ?1 UNION SELECT s.id FROM sites s JOIN tree ON s.parent_id = tree.id) "
            "SELECT id, name FROM counters WHERE ?1 IS NULL OR site_id IN (SELECT id FROM tree)");
        st.bind_optional(1, query.site_id);
        while (st.step()) counter_names[st.column_text(0)] = st.column_text(1);
    }

    Report report;
    finish_block(report.overall, scale, overall);
    for (auto& [score, n] : overall)
        if (!scale.level(score)) report.unknown_scores.push_back(score);
    if (query.group_by != GroupBy::None) {
        for (auto& [key, counts] : by_group) {
            ReportBlock block;
            block.key = key;
            block.label = group_label(query.group_by, key, counter_names);
            finish_block(block, scale, counts);
            report.groups.push_back(std::move(block));
        }
    }
    return report;
}

namespace {
json block_to_json(const ReportBlock& block) {
    json levels = json::array();
    for (auto& l : block.levels)
        levels.push_back({{"score", l.score}, {"label_vi", l.label_vi}, {"count", l.count}, {"percent", l.percent}});
    return {{"total", block.total}, {"levels", levels}, {"summary", block.summary}};
}
}  // namespace

json report_to_json(const Report& report, const ReportQuery& query) {
    json out = block_to_json(report.overall);
    json groups = json::array();
    for (auto& g : report.groups) {
        json j = block_to_json(g);
        j["key"] = g.key;
        j["label"] = g.label;
        groups.push_back(std::move(j));
    }
    out["groups"] = groups;
    out["group_by"] = group_by_name(query.group_by);
    out["site"] = query.site_id ? json(*query.site_id) : json();
    out["counter"] = query.counter_id ? json(*query.counter_id) : json();
    out["from"] = query.from_date ? json(*query.from_date) : json();
    out["to"] = query.to_date ? json(*query.to_date) : json();
    if (!report.unknown_scores.empty()) out["unknown_scores"] = report.unknown_scores;
    return out;
}

std::string report_to_text(const Report& report, const ReportQuery& query, const std::string& scope) {
    std::ostringstream out;
    out << "Báo cáo mức độ hài lòng: " << scope << "\n";
    if (query.from_date || query.to_date)
        out << "Thời gian: từ " << query.from_date.value_or("đầu") << " đến " << query.to_date.value_or("nay") << "\n";
    out << report.overall.summary << "\n";
    for (auto& l : report.overall.levels)
        out << "  " << l.label_vi << ": " << vn::count(l.count) << " (" << l.percent << ")\n";
    if (!report.unknown_scores.empty())
        out << "Chú ý: có phiếu với mức điểm không có trong thang đánh giá hiện hành.\n";
    static const std::map<GroupBy, std::string> headings = {{GroupBy::Counter, "Theo quầy"},
                                                            {GroupBy::Officer, "Theo cán bộ"},
                                                            {GroupBy::Service, "Theo lĩnh vực"},
                                                            {GroupBy::Day, "Theo ngày"},
                                                            {GroupBy::Month, "Theo tháng"},
                                                            {GroupBy::Ticket, "Theo số thứ tự"},
                                                            {GroupBy::Linked, "Theo gắn số thứ tự"}};
    if (query.group_by != GroupBy::None) {
        out << "\n" << headings.at(query.group_by) << ":\n";
        if (report.groups.empty()) out << "  (không có phiếu)\n";
        for (auto& g : report.groups) out << "  " << g.label << ": " << g.summary << "\n";
    }
    return out.str();
}

}  // namespace motcua::server
