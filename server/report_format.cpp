// The three forms of a report: JSON (API and dashboard), text (CLI) and CSV (spreadsheets).
// Every word comes from report_texts.cpp.
#include <sstream>

#include "core/vn_format.hpp"
#include "server/rating_report.hpp"
#include "server/report_texts.hpp"

namespace motcua::server {

namespace {

json qd766_to_json(const Qd766& q, ReportLang lang) {
    return {{"basis", q.basis},
            {"basis_text", report_text("qd766.basis." + q.basis, lang)},
            {"total", q.total},
            {"unsatisfied", q.unsatisfied},
            {"percent", q.percent}};
}

// A text with "{seconds}" or "{hours}" in it, filled from the report's trust rules.
std::string with_seconds(std::string text, const TrustRules& rules) {
    if (auto at = text.find("{seconds}"); at != std::string::npos) text.replace(at, 9, std::to_string(rules.burst_seconds));
    if (auto at = text.find("{hours}"); at != std::string::npos) text.replace(at, 7, rules.opening_hours_text);
    return text;
}

json flags_to_json(const TrustCounts& flags) {
    json out = json::object();
    for (TrustFlag f : kTrustFlags) out[std::string(trust_flag_name(f))] = flags.of(f);
    return out;
}

json block_to_json(const ReportBlock& block, ReportLang lang) {
    json levels = json::array();
    for (auto& l : block.levels)
        levels.push_back({{"score", l.score},
                          {"label_vi", l.label_vi},
                          {"label_en", l.label_en},
                          {"count", l.count},
                          {"count_text", vn::count(l.count)},
                          {"percent", l.percent},
                          {"dossiers", l.dossiers}});
    return {{"total", block.total},
            {"total_text", vn::count(block.total)},
            {"levels", levels},
            {"summary", block.summary},
            {"qd766", qd766_to_json(block.qd766, lang)},
            {"flags", flags_to_json(block.flags)}};
}

std::string qd766_line(const Qd766& q, ReportLang lang) {
    std::string unit = report_text(q.basis == "dossier" ? "unit.dossiers" : "unit.ratings", lang);
    return report_text("qd766", lang) + ": " + q.percent + " (" + report_text("qd766.basis." + q.basis, lang) + "; " +
           vn::count(q.total) + " " + unit + ", " + vn::count(q.unsatisfied) + " " +
           report_text("qd766.unsatisfied", lang) + "; " + report_text("qd766.formula", lang) + ")";
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

void csv_row(std::ostringstream& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
    out << "\r\n";
}

}  // namespace

std::string trust_flag_label(TrustFlag flag, const TrustRules& rules, const std::string& lang) {
    return with_seconds(report_text("flag." + std::string(trust_flag_name(flag)), report_lang(lang)), rules);
}

std::string trust_flags_line(const TrustCounts& flags, const TrustRules& rules, const std::string& lang, bool all,
                             std::string_view separator) {
    std::string out;
    for (TrustFlag f : kTrustFlags) {
        if (!all && flags.of(f) == 0) continue;
        if (!out.empty()) out += separator;
        out += trust_flag_label(f, rules, lang) + ": " + vn::count(flags.of(f));
    }
    return out;
}

std::string trust_flag_help(TrustFlag flag, const TrustRules& rules, const std::string& lang) {
    return with_seconds(report_text("flag." + std::string(trust_flag_name(flag)) + ".help", report_lang(lang)), rules);
}

json report_to_json(const Report& report, const ReportQuery& query) {
    const ReportLang lang = report_lang(query.lang);
    json out = block_to_json(report.overall, lang);
    json groups = json::array();
    for (auto& g : report.groups) {
        json j = block_to_json(g, lang);
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
    out["lang"] = std::string(report_lang_code(lang));
    json reasons = json::array();
    for (auto& r : report.reasons)
        reasons.push_back({{"code", r.code}, {"label", r.label}, {"count", r.count}, {"percent", r.percent}});
    out["reasons"] = reasons;
    out["reason_base"] = report.reason_base;
    if (!report.unknown_scores.empty()) out["unknown_scores"] = report.unknown_scores;
    json labels = json::object();
    for (TrustFlag f : kTrustFlags)
        labels[std::string(trust_flag_name(f))] = trust_flag_label(f, report.trust, std::string(report_lang_code(lang)));
    out["trust"] = {{"burst_seconds", report.trust.burst_seconds},
                    {"opening_hours", report.trust.opening_hours_text},
                    {"labels", labels},
                    {"note", report_text("flags.note", lang)}};
    return out;
}

std::string report_to_text(const Report& report, const ReportQuery& query, const std::string& scope) {
    const ReportLang lang = report_lang(query.lang);
    std::ostringstream out;
    out << report_text("title", lang) << ": " << scope << "\n";
    if (query.from_date || query.to_date)
        out << report_text("period", lang) << ": " << report_text("period.from", lang) << " "
            << query.from_date.value_or(report_text("period.start", lang)) << " " << report_text("period.to", lang) << " "
            << query.to_date.value_or(report_text("period.now", lang)) << "\n";
    out << report.overall.summary << "\n";
    for (auto& l : report.overall.levels)
        out << "  " << (lang == ReportLang::En ? l.label_en : l.label_vi) << ": " << vn::count(l.count) << " ("
            << l.percent << ")\n";
    out << qd766_line(report.overall.qd766, lang) << "\n";
    if (report.overall.flags.any())
        out << report_text("flags", lang) << " (" << report_text("flags.note", lang)
            << "): " << trust_flags_line(report.overall.flags, report.trust, std::string(report_lang_code(lang)), true) << "\n";
    if (!report.unknown_scores.empty()) out << report_text("unknown_scores", lang) << "\n";
    if (!report.reasons.empty() || report.reason_base > 0) {
        out << "\n" << report_text("reasons", lang) << ":\n";
        if (report.reasons.empty()) out << "  " << report_text("reasons.none", lang) << "\n";
        for (auto& r : report.reasons) out << "  " << r.label << ": " << vn::count(r.count) << " (" << r.percent << ")\n";
    }
    if (query.group_by != GroupBy::None) {
        out << "\n" << report_text("group." + group_by_name(query.group_by), lang) << ":\n";
        if (report.groups.empty()) out << "  " << report_text("group.empty", lang) << "\n";
        for (auto& g : report.groups) {
            out << "  " << g.label << ": " << g.summary << "; 766: " << g.qd766.percent;
            if (g.flags.any())
                out << "; " << report_text("flags", lang) << ": " << trust_flags_line(g.flags, report.trust, std::string(report_lang_code(lang)), false);
            out << "\n";
        }
    }
    return out.str();
}

std::string report_to_csv(const Report& report, const ReportQuery& query) {
    const ReportLang lang = report_lang(query.lang);
    std::ostringstream out;
    std::vector<std::string> header{report_text("csv.section", lang), report_text("csv.key", lang),
                                    report_text("csv.label", lang), report_text("csv.total", lang)};
    for (auto& l : report.overall.levels) {
        std::string level = lang == ReportLang::En ? l.label_en : l.label_vi;
        header.push_back(report_text("csv.count", lang) + " " + level);
        header.push_back(report_text("csv.percent", lang) + " " + level);
    }
    for (const char* k : {"csv.qd766_basis", "csv.qd766_total", "csv.qd766_unsatisfied", "csv.qd766_rate"})
        header.push_back(report_text(k, lang));
    // The flag counts last, so columns that spreadsheets already read keep their places.
    for (TrustFlag f : kTrustFlags)
        header.push_back(with_seconds(report_text("csv.flag." + std::string(trust_flag_name(f)), lang), report.trust));
    csv_row(out, header);
    auto block_row = [&](const std::string& section, const ReportBlock& b) {
        // Counts as plain digits so a spreadsheet reads them as numbers; percents as printed.
        std::vector<std::string> row{section, b.key, b.label, std::to_string(b.total)};
        for (auto& l : b.levels) {
            row.push_back(std::to_string(l.count));
            row.push_back(l.percent);
        }
        row.insert(row.end(), {b.qd766.basis, std::to_string(b.qd766.total), std::to_string(b.qd766.unsatisfied),
                               b.qd766.percent});
        for (TrustFlag f : kTrustFlags) row.push_back(std::to_string(b.flags.of(f)));
        csv_row(out, row);
    };
    ReportBlock overall = report.overall;
    overall.label = report_text("csv.overall", lang);
    block_row(report_text("csv.overall", lang), overall);
    for (auto& g : report.groups) block_row(report_text("csv.group", lang) + ":" + group_by_name(query.group_by), g);
    for (auto& r : report.reasons) {
        std::vector<std::string> row{report_text("csv.reason", lang), r.code, r.label, std::to_string(r.count)};
        row.push_back(r.percent);
        row.resize(header.size());  // every row as wide as the header, for spreadsheet programs
        csv_row(out, row);
    }
    return out.str();
}

}  // namespace motcua::server
