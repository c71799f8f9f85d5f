#include "server/rating_report.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "core/natural_order.hpp"
#include "core/vn_format.hpp"
#include "server/report_texts.hpp"

namespace motcua::server {

namespace {

// Counts of one group, per score: ratings and the dossier codes they carry.
struct ScoreCounts {
    std::map<std::int64_t, std::int64_t> ratings;
    std::map<std::int64_t, std::int64_t> dossiers;
    TrustCounts flags;
};

// Leaders write the levels mid-sentence in lower case; Vietnamese labels start with a Latin letter.
std::string lower_first(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

bool unsatisfied_level(const RatingLevel& level) {
    return level.face == Face::Unhappy || level.face == Face::VeryUnhappy;
}

std::string summary_in(std::int64_t total, const std::vector<LevelCount>& levels, ReportLang lang) {
    std::string out = vn::count(total) + " " + report_text("unit.ratings", lang);
    if (total == 0) return out;
    for (auto& level : levels)
        out += ", " + lower_first(lang == ReportLang::En ? level.label_en : level.label_vi) + " " + level.percent;
    return out;
}

void finish_block(ReportBlock& block, const RatingScale& scale, const ScoreCounts& counts, ReportLang lang) {
    block.levels.clear();
    block.total = 0;
    std::int64_t dossiers = 0, unsatisfied_ratings = 0, unsatisfied_dossiers = 0;
    for (auto& [score, n] : counts.ratings) {
        block.total += n;
        const RatingLevel* level = scale.level(static_cast<int>(score));
        if (level && unsatisfied_level(*level)) unsatisfied_ratings += n;
    }
    for (auto& [score, n] : counts.dossiers) {
        dossiers += n;
        const RatingLevel* level = scale.level(static_cast<int>(score));
        if (level && unsatisfied_level(*level)) unsatisfied_dossiers += n;
    }
    for (auto& level : scale.levels) {
        auto it = counts.ratings.find(level.score);
        auto d = counts.dossiers.find(level.score);
        std::int64_t n = it == counts.ratings.end() ? 0 : it->second;
        block.levels.push_back({level.score, level.label_vi, n, vn::percent(n, block.total), level.label_en,
                                d == counts.dossiers.end() ? 0 : d->second});
    }
    block.summary = summary_in(block.total, block.levels, lang);
    block.flags = counts.flags;
    if (dossiers > 0) block.qd766 = {"dossier", dossiers, unsatisfied_dossiers, ""};
    else block.qd766 = {"rating", block.total, unsatisfied_ratings, ""};
    block.qd766.percent = vn::percent(block.qd766.total - block.qd766.unsatisfied, block.qd766.total);
}

RollupDim dim_of(GroupBy g) {
    switch (g) {
        case GroupBy::Officer: return RollupDim::Officer;
        case GroupBy::Service: return RollupDim::Service;
        case GroupBy::Procedure: return RollupDim::Procedure;
        case GroupBy::Hour: return RollupDim::Hour;
        case GroupBy::Linked: return RollupDim::Linked;
        case GroupBy::Ticket: return RollupDim::Ticket;
        default: return RollupDim::Total;
    }
}

// The site ids a report covers (the site and everything below it) and, for GroupBy::Site, the
// centre each of them is counted under.
struct SiteScope {
    std::vector<std::string> ids;                   // empty: every site
    std::map<std::string, std::string> group_of;    // site id -> group site id
    std::map<std::string, std::string> names;
};

SiteScope site_scope(const std::vector<Site>& sites, const std::optional<std::string>& root) {
    SiteScope scope;
    std::map<std::string, std::vector<std::string>> children;
    std::vector<std::string> tops;
    for (auto& s : sites) {
        scope.names[s.id] = s.name;
        if (s.parent_id) children[*s.parent_id].push_back(s.id);
        else tops.push_back(s.id);
    }
    // Walk down from each group's head; `seen` stops a cycle a hand-edited database could hold.
    std::set<std::string> seen;
    auto walk = [&](const std::string& head, const std::string& group) {
        std::vector<std::string> stack{head};
        while (!stack.empty()) {
            std::string id = stack.back();
            stack.pop_back();
            if (!seen.insert(id).second) continue;
            scope.group_of[id] = group;
            for (auto& child : children[id]) stack.push_back(child);
        }
    };
    if (root) {
        seen.insert(*root);
        scope.group_of[*root] = *root;
        for (auto& child : children[*root]) walk(child, child);
        for (auto& [id, group] : scope.group_of) scope.ids.push_back(id);
    } else {
        for (auto& top : tops) walk(top, top);
    }
    return scope;
}

std::string group_label(GroupBy g, const std::string& key, const std::map<std::string, std::string>& counter_names,
                        const ReportNames& names, const SiteScope& sites, const std::optional<std::string>& root,
                        ReportLang lang) {
    if (g == GroupBy::Ticket && key.empty()) return report_text("label.no_ticket", lang);
    if (g == GroupBy::Linked)
        return report_text(key == "ticket" ? "label.linked_ticket" : "label.linked_none", lang);
    if (key.empty()) return report_text("label.unknown", lang);
    if (g == GroupBy::Day && key.size() == 10) return key.substr(8, 2) + "/" + key.substr(5, 2) + "/" + key.substr(0, 4);
    if (g == GroupBy::Month && key.size() == 7) return key.substr(5, 2) + "/" + key.substr(0, 4);
    if (g == GroupBy::Hour) return key + ":00–" + key + ":59";
    if (g == GroupBy::Counter) {
        auto it = counter_names.find(key);
        if (it != counter_names.end()) return it->second;
    }
    if (g == GroupBy::Officer) {  // the name, and the id that tells two officers of one name apart
        auto it = names.officers.find(key);
        if (it != names.officers.end() && !it->second.empty()) return it->second + " (" + key + ")";
    }
    if (g == GroupBy::Service || g == GroupBy::Procedure) {
        const auto& known = g == GroupBy::Service ? names.fields : names.procedures;
        auto it = known.find(key);
        if (it != known.end() && !it->second.empty()) return it->second;
    }
    if (g == GroupBy::Site) {
        auto it = sites.names.find(key);
        std::string name = it == sites.names.end() ? key : it->second;
        if (root && key == *root) name += " " + report_text("label.site_itself", lang);
        return name;
    }
    return key;
}

// The period as rollup reads: whole local months from month rows, the days before the first and
// after the last whole month from day rows. A report by day reads day rows only.
std::vector<RollupQuery> period_parts(const RollupQuery& period, bool days_only) {
    constexpr auto kMin = std::numeric_limits<std::int64_t>::min(), kMax = std::numeric_limits<std::int64_t>::max();
    if (days_only) return {period};
    std::int64_t first = period.from_day == kMin ? kMin : month_start(period.from_day);
    if (first != kMin && first < period.from_day) first = next_month_start(period.from_day);
    // The first day after the last whole month.
    std::int64_t after = period.to_day == kMax ? kMax : month_start(period.to_day);
    if (after != kMax && next_month_start(period.to_day) == period.to_day + 1) after = period.to_day + 1;
    if (first != kMin && after != kMax && first >= after) return {period};  // no whole month inside
    std::vector<RollupQuery> parts;
    RollupQuery months = period;
    months.grain = RollupGrain::Month;
    months.from_day = first;
    months.to_day = after == kMax ? kMax : after - 1;
    parts.push_back(months);
    if (first != kMin && period.from_day < first) {
        RollupQuery head = period;
        head.to_day = first - 1;
        parts.push_back(head);
    }
    if (after != kMax && after <= period.to_day) {
        RollupQuery tail = period;
        tail.from_day = after;
        parts.push_back(tail);
    }
    return parts;
}

}  // namespace

Result<GroupBy> parse_group_by(const std::string& text) {
    if (text.empty() || text == "none") return GroupBy::None;
    for (GroupBy g : {GroupBy::Counter, GroupBy::Officer, GroupBy::Service, GroupBy::Day, GroupBy::Month, GroupBy::Ticket,
                      GroupBy::Linked, GroupBy::Hour, GroupBy::Procedure, GroupBy::Site})
        if (text == group_by_name(g)) return g;
    return Result<GroupBy>::failure(
        "group_by must be site, counter, officer, service, procedure, day, month, hour, ticket or linked, not '" + text +
        "'");
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
        case GroupBy::Hour: return "hour";
        case GroupBy::Procedure: return "procedure";
        case GroupBy::Site: return "site";
    }
    return "none";
}

std::optional<std::int64_t> parse_vn_date(const std::string& text, int utc_offset_minutes) {
    int d = 0, m = 0, y = 0, consumed = 0;
    if (std::sscanf(text.c_str(), "%2d/%2d/%4d%n", &d, &m, &y, &consumed) != 3 ||
        consumed != static_cast<int>(text.size()))
        return std::nullopt;
    if (y < 1970 || y > 9999) return std::nullopt;
    auto day = day_number(y, m, d);
    if (!day) return std::nullopt;
    return *day * 24 * 3600 * 1000 - static_cast<std::int64_t>(utc_offset_minutes) * 60000;
}

std::string summary_line(std::int64_t total, const std::vector<LevelCount>& levels) {
    return summary_in(total, levels, ReportLang::Vi);
}

ReportBlock empty_report_block(const RatingScale& scale, const std::string& lang) {
    ReportBlock block;
    finish_block(block, scale, ScoreCounts{}, report_lang(lang));
    return block;
}

Result<Report> rating_report(ServerStore& store, const RatingScale& scale, const ReportQuery& query,
                             const ReportNames& names) {
    const ReportLang lang = report_lang(query.lang);
    if (query.utc_offset_minutes != store.report_utc_offset_minutes())
        return Result<Report>::failure("reports are counted in UTC offset " +
                                       std::to_string(store.report_utc_offset_minutes()) +
                                       " minutes (the store was opened with it), not " +
                                       std::to_string(query.utc_offset_minutes));
    RollupQuery rows;
    rows.from_day = std::numeric_limits<std::int64_t>::min();
    rows.to_day = std::numeric_limits<std::int64_t>::max();
    if (query.from_date) {
        auto v = parse_vn_date(*query.from_date, query.utc_offset_minutes);
        if (!v) return Result<Report>::failure("from must be a date like 01/11/2026, not '" + *query.from_date + "'");
        rows.from_day = local_day(*v, query.utc_offset_minutes);
    }
    if (query.to_date) {
        auto v = parse_vn_date(*query.to_date, query.utc_offset_minutes);
        if (!v) return Result<Report>::failure("to must be a date like 30/11/2026, not '" + *query.to_date + "'");
        rows.to_day = local_day(*v, query.utc_offset_minutes);  // the whole last day counts
    }
    if (rows.from_day > rows.to_day) return Result<Report>::failure("the from date is after the to date");
    if (query.site_id && !store.site(*query.site_id))
        return Result<Report>::failure("site '" + *query.site_id + "' does not exist");

    const SiteScope sites = site_scope(store.sites(), query.site_id);
    rows.site_ids = sites.ids;
    rows.counter_id = query.counter_id;
    rows.dim = dim_of(query.group_by);
    rows.by_counter = query.counter_id || query.group_by == GroupBy::Counter || query.group_by == GroupBy::Ticket;

    std::map<std::string, ScoreCounts> by_group;
    ScoreCounts overall;
    std::string key;
    // The group a row counts in.
    auto key_of = [&](const RollupRow& row) -> const std::string& {
        switch (query.group_by) {
            case GroupBy::None: key.clear(); break;
            case GroupBy::Counter: key.assign(row.counter_id); break;
            case GroupBy::Day: key = day_key(row.day); break;
            case GroupBy::Month: key = day_key(row.day).substr(0, 7); break;
            case GroupBy::Site: {
                auto it = sites.group_of.find(std::string(row.site_id));
                key = it == sites.group_of.end() ? std::string(row.site_id) : it->second;
                break;
            }
            default: key.assign(row.key);
        }
        return key;
    };
    auto visit = [&](const RollupRow& row) {
        auto& group = by_group[key_of(row)];
        group.ratings[row.score] += row.ratings;
        group.dossiers[row.score] += row.dossiers;
        overall.ratings[row.score] += row.ratings;
        overall.dossiers[row.score] += row.dossiers;
        for (std::size_t i = 0; i < kTrustFlagCount; ++i) {  // the same rows count the flags
            group.flags.count[i] += row.flags.count[i];
            overall.flags.count[i] += row.flags.count[i];
        }
    };
    const auto parts = period_parts(rows, query.group_by == GroupBy::Day || query.group_by == GroupBy::Ticket);
    for (auto& part : parts)
        if (auto read = store.for_each_rating_rollup_row(part, visit); !read) return Result<Report>::failure(read.error());

    // Reasons of the same ratings (same sites, counter and days).
    std::map<std::string, std::int64_t> reason_counts;
    for (auto part : parts) {
        part.dim = RollupDim::Reason;
        part.by_counter = query.counter_id.has_value();
        auto read = store.for_each_rating_rollup_row(
            part, [&](const RollupRow& row) { reason_counts[std::string(row.key)] += row.ratings; });
        if (!read) return Result<Report>::failure(read.error());
    }

    std::map<std::string, std::string> counter_names;
    if (query.group_by == GroupBy::Counter) {
        for (auto& [site_id, group] : sites.group_of)
            for (auto& c : store.counters(site_id)) counter_names.emplace(c.id, c.name);
    }

    Report report;
    report.trust = store.trust_rules();
    finish_block(report.overall, scale, overall, lang);
    for (auto& [score, n] : overall.ratings)
        if (!scale.level(static_cast<int>(score))) report.unknown_scores.push_back(score);
    if (query.group_by != GroupBy::None) {
        for (auto& [group_key, counts] : by_group) {
            ReportBlock block;
            block.key = group_key;
            block.label = group_label(query.group_by, group_key, counter_names, names, sites, query.site_id, lang);
            finish_block(block, scale, counts, lang);
            report.groups.push_back(std::move(block));
        }
        // Counters (and officers, fields, centres) as people number them: Quầy 2 before Quầy 10.
        bool by_label = query.group_by == GroupBy::Counter || query.group_by == GroupBy::Site ||
                        query.group_by == GroupBy::Officer;
        std::stable_sort(report.groups.begin(), report.groups.end(), [&](const ReportBlock& a, const ReportBlock& b) {
            if (by_label && a.label != b.label) return natural_less(a.label, b.label);
            return natural_less(a.key, b.key);
        });
    }
    for (auto& level : scale.levels)
        if (level.asks_reason)
            for (auto& [score, n] : overall.ratings)
                if (score == level.score) report.reason_base += n;
    for (auto& [code, n] : reason_counts) {
        std::string label = code;
        for (auto& r : scale.reasons)
            if (r.code == code) label = lang == ReportLang::En ? r.label_en : r.label_vi;
        report.reasons.push_back({code, label, n, vn::percent(n, report.reason_base)});
    }
    std::stable_sort(report.reasons.begin(), report.reasons.end(),
                     [](const ReasonCount& a, const ReasonCount& b) { return a.count > b.count; });
    return report;
}

}  // namespace motcua::server
