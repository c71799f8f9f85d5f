#include "core/queue/queue_settings_toml.hpp"

#include <algorithm>
#include <charconv>
#include <regex>
#include <set>

#include "core/queue/local_day.hpp"
#include "core/queue/opening_hours_text.hpp"

namespace motcua::queue {

using nlohmann::json;

namespace {

using RJ = Result<json>;

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::string entry(const std::string& key, std::size_t i) { return key + " entry " + std::to_string(i + 1); }

std::string value(const SettingRow& row, const char* key) {
    auto it = row.find(key);
    return it == row.end() ? std::string() : trim(it->second);
}

// A misspelt key in a row would otherwise be ignored without a word.
Status known_keys(const SettingRow& row, const std::string& where, std::initializer_list<const char*> keys) {
    for (const auto& [k, v] : row) {
        bool known = false;
        std::string list;
        for (const char* allowed : keys) {
            known = known || k == allowed;
            list += (list.empty() ? "" : ", ") + std::string(allowed);
        }
        if (!known) return Status::failure(where + ": unknown key \"" + k + "\" (" + list + ")");
    }
    return Status::success();
}

bool whole_number(const std::string& text, int& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

std::vector<std::string> split_commas(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto comma = text.find(',', start);
        out.push_back(trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    if (out.size() == 1 && out[0].empty()) out.clear();
    return out;
}

// Only the keys written: from_json fills in the rest with the same defaults as JSON from a server.
void put_text(json& obj, const SettingRow& row, const char* key) {
    if (row.count(key)) obj[key] = value(row, key);
}

RJ fields_json(const Settings& s) {
    const std::string key = "queue.fields";
    json list = json::array();
    const auto& rows = s.rows(key);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::string at = entry(key, i);
        if (auto ok = known_keys(rows[i], at, {"id", "vi", "en", "prefix", "range", "daily_limit"}); !ok)
            return RJ::failure(ok.error());
        json f = json::object();
        for (const char* k : {"id", "vi", "en", "prefix"}) put_text(f, rows[i], k);
        if (rows[i].count("range")) {
            std::string range = value(rows[i], "range");
            auto dash = range.find('-');
            int first = 0, last = 0;
            if (dash == std::string::npos || !whole_number(trim(range.substr(0, dash)), first) ||
                !whole_number(trim(range.substr(dash + 1)), last))
                return RJ::failure(at + ".range: must read FIRST-LAST, e.g. \"1-999\"");
            f["range"] = {first, last};
        }
        if (rows[i].count("daily_limit")) {
            int limit = 0;
            if (!whole_number(value(rows[i], "daily_limit"), limit))
                return RJ::failure(at + ".daily_limit: must be a whole number (0 = only the range limits)");
            f["daily_limit"] = limit;
        }
        f["procedures"] = json::array();
        list.push_back(f);
    }
    // Procedures are their own rows (rows hold text only), attached to their field by id.
    const std::string pkey = "queue.procedures";
    const auto& procs = s.rows(pkey);
    std::set<std::pair<std::string, std::string>> seen;
    for (std::size_t i = 0; i < procs.size(); ++i) {
        std::string at = entry(pkey, i);
        if (auto ok = known_keys(procs[i], at, {"field", "id", "vi", "en"}); !ok) return RJ::failure(ok.error());
        std::string field = value(procs[i], "field"), id = value(procs[i], "id");
        if (id.empty()) return RJ::failure(at + ".id: must not be empty");
        if (value(procs[i], "vi").empty()) return RJ::failure(at + ".vi: must not be empty");
        if (!seen.insert({field, id}).second)
            return RJ::failure(at + ".id: \"" + id + "\" is listed twice for field \"" + field + "\"");
        auto owner = std::find_if(list.begin(), list.end(),
                                  [&](const json& f) { return f.value("id", std::string()) == field; });
        if (owner == list.end()) return RJ::failure(at + ".field: \"" + field + "\" is not the id of a field in queue.fields");
        json p = json::object();
        for (const char* k : {"id", "vi", "en"}) put_text(p, procs[i], k);
        (*owner)["procedures"].push_back(p);
    }
    return list;
}

RJ counters_json(const Settings& s) {
    const std::string key = "queue.counters";
    json list = json::array();
    const auto& rows = s.rows(key);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (auto ok = known_keys(rows[i], entry(key, i), {"id", "name", "fields"}); !ok) return RJ::failure(ok.error());
        json c = json::object();
        put_text(c, rows[i], "id");
        put_text(c, rows[i], "name");
        if (rows[i].count("fields")) c["fields"] = split_commas(value(rows[i], "fields"));
        list.push_back(c);
    }
    return list;
}

RJ groups_json(const Settings& s) {
    const std::string key = "queue.priority_groups";
    json list = json::array();
    const auto& rows = s.rows(key);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (auto ok = known_keys(rows[i], entry(key, i), {"code", "vi", "en"}); !ok) return RJ::failure(ok.error());
        json g = json::object();
        for (const char* k : {"code", "vi", "en"}) put_text(g, rows[i], k);
        list.push_back(g);
    }
    return list;
}

// "tickets.fields[2].procedures[0].id" -> "queue.fields entry 3.procedures entry 1.id", also
// inside the message ("must be the id of a field in tickets.fields").
std::string toml_key_names(const std::string& error) {
    auto replace_all = [](std::string text, const std::string& from, const std::string& to) {
        for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
            text.replace(pos, from.size(), to);
        return text;
    };
    std::string out = replace_all(error, "tickets.utc_offset_minutes", "clock.utc_offset_minutes");
    out = replace_all(out, "tickets.", "queue.");
    static const std::regex index(R"(\[(\d{1,9})\])");  // at most 9 digits: stoul cannot overflow
    std::string renamed;
    auto begin = std::sregex_iterator(out.begin(), out.end(), index);
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        renamed += out.substr(last, static_cast<std::size_t>(it->position()) - last);
        renamed += " entry " + std::to_string(std::stoul((*it)[1].str()) + 1);
        last = static_cast<std::size_t>(it->position() + it->length());
    }
    return renamed + out.substr(last);
}

}  // namespace

std::vector<SettingRow> default_field_rows() {
    std::vector<SettingRow> rows;
    for (const auto& f : queue::default_fields())
        rows.push_back({{"id", f.id},
                        {"vi", f.name_vi},
                        {"en", f.name_en},
                        {"prefix", f.prefix},
                        {"range", std::to_string(f.range_start) + "-" + std::to_string(f.range_end)},
                        {"daily_limit", std::to_string(f.daily_limit)}});
    return rows;
}

std::vector<SettingRow> default_counter_rows() {
    std::vector<SettingRow> rows;
    for (const auto& c : queue::default_queue_settings().counters) {
        std::string fields;
        for (const auto& f : c.fields) fields += (fields.empty() ? "" : ", ") + f;
        rows.push_back({{"id", c.id}, {"name", c.name}, {"fields", fields}});
    }
    return rows;
}

std::vector<SettingRow> default_priority_group_rows() {
    std::vector<SettingRow> rows;
    for (const auto& g : queue::default_priority_groups())
        rows.push_back({{"code", g.code}, {"vi", g.name_vi}, {"en", g.name_en}});
    return rows;
}

void add_queue_setting_specs(SettingSpecs& s) {
    s.push_back({"queue.opening_hours", default_opening_hours_text(),
                 "When the dispenser gives tickets, local time: groups separated by \";\", each days (Mon Tue Wed Thu "
                 "Fri Sat Sun or T2...T7 CN; a range like Mon-Fri) then HH:MM-HH:MM intervals separated by \",\", "
                 "e.g. \"Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30\". Days not named are closed."});
    s.push_back({"queue.closed_dates", std::vector<std::string>{},
                 "Local dates \"YYYY-MM-DD\" when the office is closed all day (holidays)."});
    s.push_back({"queue.policy.mode", std::string("interleave"),
                 "Who is called next: \"strict\" (every priority ticket before any normal one) or \"interleave\" "
                 "(after normal_per_priority normal calls a counter takes a priority ticket if one waits)."});
    s.push_back({"queue.policy.normal_per_priority", std::int64_t{3},
                 "With interleave: normal tickets a counter calls before it owes a priority one.", 1, 50});
    s.push_back({"queue.policy.ageing_minutes", std::int64_t{60},
                 "A ticket waiting this long is called before every younger one, so nobody waits for ever behind "
                 "priority tickets. 0 = off.",
                 0, 1440});
    s.push_back({"queue.fields", default_field_rows(),
                 "Fields (lĩnh vực) the dispenser offers. id: stored on tickets, never reused; vi/en: button labels; "
                 "prefix: up to 4 characters before the number (\"A\" -> A001); range: \"FIRST-LAST\" numbers of a "
                 "day (past LAST: hết số); daily_limit: tickets a day, \"0\" = only the range."});
    s.push_back({"queue.procedures", std::vector<SettingRow>{},
                 "Procedures (thủ tục) the dispenser offers inside a field, optional. field: the id of a field in "
                 "queue.fields; id, vi, en. None: the dispenser asks for the field only."});
    s.push_back({"queue.counters", default_counter_rows(),
                 "Counters (quầy). id: as on the board (\"3A\"); name: shown and spoken (default \"Quầy số \" + id); "
                 "fields: ids from queue.fields it calls from, separated by commas."});
    s.push_back({"queue.priority_groups", default_priority_group_rows(),
                 "Priority groups offered at the dispenser. code: stored on tickets; vi/en: labels. Write "
                 "priority_groups = [] under [queue] for no priority."});
}

const SettingSpecs& queue_file_specs() {
    static const SettingSpecs specs = [] {
        SettingSpecs s;
        s.push_back({"clock.utc_offset_minutes", std::int64_t{420},
                     "Offset from UTC of the opening hours and ticket days, in minutes (Viet Nam: 420 = UTC+7).", -720,
                     840});
        add_queue_setting_specs(s);
        return s;
    }();
    return specs;
}

std::string default_opening_hours_text() { return queue::opening_hours_text(queue::default_opening_hours()); }

Result<json> tickets_json_from_settings(const Settings& s) {
    auto hours = queue::parse_opening_hours_text(s.text("queue.opening_hours"));
    if (!hours) return RJ::failure("queue.opening_hours: " + hours.error());
    json week = json::object();
    const char* day_keys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    for (std::size_t d = 0; d < 7; ++d) {
        json list = json::array();
        for (const auto& i : hours->by_weekday[d])
            list.push_back(queue::minute_text(i.open_minute) + "-" + queue::minute_text(i.close_minute));
        week[day_keys[d]] = list;
    }
    auto fields = fields_json(s);
    if (!fields) return fields;
    // Checked here because in TOML the default counters are always there to be read.
    if (!s.is_default("queue.fields") && s.is_default("queue.counters"))
        return RJ::failure("queue.counters: must be written when queue.fields is (the default counters serve the "
                           "default fields)");
    auto counters = counters_json(s);
    if (!counters) return counters;
    auto groups = groups_json(s);
    if (!groups) return groups;
    return json{{"utc_offset_minutes", s.integer("clock.utc_offset_minutes")},
                {"policy",
                 {{"mode", s.text("queue.policy.mode")},
                  {"normal_per_priority", s.integer("queue.policy.normal_per_priority")},
                  {"ageing_minutes", s.integer("queue.policy.ageing_minutes")}}},
                {"opening_hours", week},
                {"closed_dates", s.list("queue.closed_dates")},
                {"priority_groups", groups.value()},
                {"fields", fields.value()},
                {"counters", counters.value()}};
}

Result<queue::QueueSettings> queue_settings_from_settings(const Settings& settings) {
    using R = Result<queue::QueueSettings>;
    auto tickets = tickets_json_from_settings(settings);
    if (!tickets) return R::failure(tickets.error());
    auto checked = queue::QueueSettings::from_json(tickets.value());
    if (!checked) return R::failure(toml_key_names(checked.error()));
    return checked;
}

}  // namespace motcua::queue
