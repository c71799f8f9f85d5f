// The `tickets` object of the config: outside bytes, so every value is checked for its type and
// range, and an error names the key as the file spells it ("tickets.fields[2].prefix").
#include <algorithm>
#include <set>

#include "core/queue/local_day.hpp"
#include "core/queue/queue_settings.hpp"

namespace motcua::queue {

using nlohmann::json;

namespace {

const std::array<const char*, 7> kWeekdayKeys{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// Collects the first error; every reader returns false once one is found.
struct Reader {
    std::string error;

    bool fail(const std::string& key, const std::string& what) {
        if (error.empty()) error = key + ": " + what;
        return false;
    }
    bool text(const json& obj, const char* name, const std::string& key, std::string& out, bool required = false) {
        auto it = obj.find(name);
        if (it == obj.end()) return required ? fail(key + "." + name, "is missing") : true;
        if (!it->is_string()) return fail(key + "." + name, "must be a string");
        out = it->get<std::string>();
        return true;
    }
    bool integer(const json& obj, const char* name, const std::string& key, int& out, int min, int max) {
        auto it = obj.find(name);
        if (it == obj.end()) return true;
        if (!it->is_number_integer()) return fail(key + "." + name, "must be an integer");
        auto v = it->get<std::int64_t>();
        if (v < min || v > max)
            return fail(key + "." + name, "must be between " + std::to_string(min) + " and " + std::to_string(max));
        out = static_cast<int>(v);
        return true;
    }
    const json* array(const json& obj, const char* name, const std::string& key) {
        auto it = obj.find(name);
        if (it == obj.end()) return nullptr;
        if (!it->is_array()) {
            fail(key + "." + name, "must be a list");
            return nullptr;
        }
        return &*it;
    }
    bool object_at(const json& item, const std::string& key) {
        return item.is_object() ? true : fail(key, "must be an object");
    }
};

std::string at(const std::string& key, std::size_t i) { return key + "[" + std::to_string(i) + "]"; }

// "07:30-11:30"
bool parse_interval(const std::string& text, OpeningInterval& out) {
    int h1 = 0, m1 = 0, h2 = 0, m2 = 0;
    auto two = [&](std::size_t pos, int& v) {
        if (pos + 2 > text.size() || !isdigit(static_cast<unsigned char>(text[pos])) ||
            !isdigit(static_cast<unsigned char>(text[pos + 1])))
            return false;
        v = (text[pos] - '0') * 10 + (text[pos + 1] - '0');
        return true;
    };
    if (text.size() != 11 || text[2] != ':' || text[5] != '-' || text[8] != ':') return false;
    if (!two(0, h1) || !two(3, m1) || !two(6, h2) || !two(9, m2)) return false;
    if (h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59) return false;
    out.open_minute = h1 * 60 + m1;
    out.close_minute = h2 * 60 + m2;
    return out.open_minute < out.close_minute && out.close_minute <= 24 * 60;
}

bool read_policy(Reader& r, const json& obj, Policy& policy) {
    const std::string key = "tickets.policy";
    if (!r.object_at(obj, key)) return false;
    std::string mode = policy.mode == PolicyMode::strict ? "strict" : "interleave";
    if (!r.text(obj, "mode", key, mode)) return false;
    if (mode == "strict")
        policy.mode = PolicyMode::strict;
    else if (mode == "interleave")
        policy.mode = PolicyMode::interleave;
    else
        return r.fail(key + ".mode", "must be \"strict\" or \"interleave\"");
    return r.integer(obj, "normal_per_priority", key, policy.normal_per_priority, 1, 50) &&
           r.integer(obj, "ageing_minutes", key, policy.ageing_minutes, 0, 24 * 60);
}

bool read_hours(Reader& r, const json& obj, OpeningHours& hours) {
    const std::string key = "tickets.opening_hours";
    if (!r.object_at(obj, key)) return false;
    for (std::size_t day = 0; day < 7; ++day) {
        const json* list = r.array(obj, kWeekdayKeys[day], key);
        if (!r.error.empty()) return false;
        if (!list) continue;
        std::vector<OpeningInterval> intervals;
        for (std::size_t i = 0; i < list->size(); ++i) {
            std::string item_key = at(key + "." + kWeekdayKeys[day], i);
            OpeningInterval interval;
            if (!(*list)[i].is_string() || !parse_interval((*list)[i].get<std::string>(), interval))
                return r.fail(item_key, "must read \"HH:MM-HH:MM\" with the opening before the closing");
            intervals.push_back(interval);
        }
        hours.by_weekday[day] = intervals;
    }
    return true;
}

bool read_closed_dates(Reader& r, const json& obj, OpeningHours& hours) {
    const json* list = r.array(obj, "closed_dates", "tickets");
    if (!list) return r.error.empty();
    hours.closed_dates.clear();
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& item = (*list)[i];
        if (!item.is_string() || !is_valid_day(item.get<std::string>()))
            return r.fail(at("tickets.closed_dates", i), "must be a date \"YYYY-MM-DD\"");
        hours.closed_dates.push_back(item.get<std::string>());
    }
    return true;
}

bool read_groups(Reader& r, const json& list, std::vector<PriorityGroup>& groups) {
    groups.clear();
    std::set<std::string> codes;
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string key = at("tickets.priority_groups", i);
        PriorityGroup g;
        if (!r.object_at(list[i], key) || !r.text(list[i], "code", key, g.code, true) ||
            !r.text(list[i], "vi", key, g.name_vi, true) || !r.text(list[i], "en", key, g.name_en))
            return false;
        if (g.code.empty()) return r.fail(key + ".code", "must not be empty");
        if (!codes.insert(g.code).second) return r.fail(key + ".code", "\"" + g.code + "\" is listed twice");
        groups.push_back(g);
    }
    return true;
}

bool read_procedures(Reader& r, const json& list, const std::string& field_key, std::vector<Procedure>& out) {
    std::set<std::string> ids;
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string key = at(field_key + ".procedures", i);
        Procedure p;
        if (!r.object_at(list[i], key) || !r.text(list[i], "id", key, p.id, true) ||
            !r.text(list[i], "vi", key, p.name_vi, true) || !r.text(list[i], "en", key, p.name_en))
            return false;
        if (p.id.empty()) return r.fail(key + ".id", "must not be empty");
        if (!ids.insert(p.id).second) return r.fail(key + ".id", "\"" + p.id + "\" is listed twice");
        out.push_back(p);
    }
    return true;
}

bool read_field(Reader& r, const json& item, const std::string& key, Field& f) {
    if (!r.object_at(item, key) || !r.text(item, "id", key, f.id, true) || !r.text(item, "vi", key, f.name_vi, true) ||
        !r.text(item, "en", key, f.name_en) || !r.text(item, "prefix", key, f.prefix) ||
        !r.integer(item, "daily_limit", key, f.daily_limit, 0, 99999))
        return false;
    if (f.id.empty()) return r.fail(key + ".id", "must not be empty");
    if (f.prefix.size() > 4) return r.fail(key + ".prefix", "must be at most 4 characters");
    if (auto range = item.find("range"); range != item.end()) {
        if (!range->is_array() || range->size() != 2 || !(*range)[0].is_number_integer() ||
            !(*range)[1].is_number_integer())
            return r.fail(key + ".range", "must be [first, last], two integers");
        auto first = (*range)[0].get<std::int64_t>(), last = (*range)[1].get<std::int64_t>();
        if (first < 0 || last > 99999) return r.fail(key + ".range", "numbers must be between 0 and 99999");
        if (first > last)
            return r.fail(key + ".range", "first " + std::to_string(first) + " is after last " + std::to_string(last));
        f.range_start = static_cast<int>(first);
        f.range_end = static_cast<int>(last);
    }
    if (const json* procs = r.array(item, "procedures", key)) return read_procedures(r, *procs, key, f.procedures);
    return r.error.empty();
}

bool read_fields(Reader& r, const json& list, std::vector<Field>& fields) {
    fields.clear();
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string key = at("tickets.fields", i);
        Field f;
        if (!read_field(r, list[i], key, f)) return false;
        for (const Field& other : fields) {
            if (other.id == f.id) return r.fail(key + ".id", "\"" + f.id + "\" is listed twice");
            // Two fields may share a prefix only with ranges apart, or their tickets would look alike.
            if (other.prefix == f.prefix && f.range_start <= other.range_end && other.range_start <= f.range_end)
                return r.fail(key + ".range", "overlaps the range of field \"" + other.id + "\" with the same prefix");
        }
        fields.push_back(f);
    }
    if (fields.empty()) return r.fail("tickets.fields", "must list at least one field");
    return true;
}

bool read_counters(Reader& r, const json& list, const std::vector<Field>& fields, std::vector<Counter>& counters) {
    counters.clear();
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string key = at("tickets.counters", i);
        Counter c;
        if (!r.object_at(list[i], key) || !r.text(list[i], "id", key, c.id, true) ||
            !r.text(list[i], "name", key, c.name))
            return false;
        if (c.id.empty()) return r.fail(key + ".id", "must not be empty");
        if (c.name.empty()) c.name = "Quầy số " + c.id;
        const json* served = r.array(list[i], "fields", key);
        if (!served) return r.error.empty() ? r.fail(key + ".fields", "is missing") : false;
        for (std::size_t j = 0; j < served->size(); ++j) {
            const json& id = (*served)[j];
            bool known = id.is_string() && std::any_of(fields.begin(), fields.end(),
                                                       [&](const Field& f) { return f.id == id.get<std::string>(); });
            if (!known) return r.fail(at(key + ".fields", j), "must be the id of a field in tickets.fields");
            c.fields.push_back(id.get<std::string>());
        }
        for (const Counter& other : counters)
            if (other.id == c.id) return r.fail(key + ".id", "\"" + c.id + "\" is listed twice");
        counters.push_back(c);
    }
    return true;
}

}  // namespace

Result<QueueSettings> QueueSettings::from_json(const json& tickets) {
    QueueSettings s = default_queue_settings();
    Reader r;
    if (!tickets.is_object()) return Result<QueueSettings>::failure("tickets: must be an object");
    r.integer(tickets, "utc_offset_minutes", "tickets", s.utc_offset_minutes, -12 * 60, 14 * 60);
    if (r.error.empty()) {
        if (auto p = tickets.find("policy"); p != tickets.end()) read_policy(r, *p, s.policy);
    }
    if (r.error.empty()) {
        if (auto h = tickets.find("opening_hours"); h != tickets.end()) read_hours(r, *h, s.opening_hours);
    }
    if (r.error.empty()) read_closed_dates(r, tickets, s.opening_hours);
    if (r.error.empty()) {
        if (const json* groups = r.array(tickets, "priority_groups", "tickets"))
            read_groups(r, *groups, s.priority_groups);
    }
    bool fields_given = false;
    if (r.error.empty()) {
        if (const json* fields = r.array(tickets, "fields", "tickets")) {
            fields_given = true;
            read_fields(r, *fields, s.fields);
        }
    }
    if (r.error.empty()) {
        if (const json* counters = r.array(tickets, "counters", "tickets"))
            read_counters(r, *counters, s.fields, s.counters);
        else if (fields_given && r.error.empty())
            r.fail("tickets.counters",
                   "must be given with tickets.fields (the default counters serve the default fields)");
    }
    if (!r.error.empty()) return Result<QueueSettings>::failure(r.error);
    return s;
}

json QueueSettings::to_json() const {
    json hours = json::object();
    for (std::size_t day = 0; day < 7; ++day) {
        json list = json::array();
        for (const auto& i : opening_hours.by_weekday[day])
            list.push_back(minute_text(i.open_minute) + "-" + minute_text(i.close_minute));
        hours[kWeekdayKeys[day]] = list;
    }
    json groups = json::array();
    for (const auto& g : priority_groups) groups.push_back({{"code", g.code}, {"vi", g.name_vi}, {"en", g.name_en}});
    json field_list = json::array();
    for (const auto& f : fields) {
        json procs = json::array();
        for (const auto& p : f.procedures) procs.push_back({{"id", p.id}, {"vi", p.name_vi}, {"en", p.name_en}});
        field_list.push_back({{"id", f.id},
                              {"vi", f.name_vi},
                              {"en", f.name_en},
                              {"prefix", f.prefix},
                              {"range", {f.range_start, f.range_end}},
                              {"daily_limit", f.daily_limit},
                              {"procedures", procs}});
    }
    json counter_list = json::array();
    for (const auto& c : counters) counter_list.push_back({{"id", c.id}, {"name", c.name}, {"fields", c.fields}});
    return {{"utc_offset_minutes", utc_offset_minutes},
            {"policy",
             {{"mode", policy.mode == PolicyMode::strict ? "strict" : "interleave"},
              {"normal_per_priority", policy.normal_per_priority},
              {"ageing_minutes", policy.ageing_minutes}}},
            {"opening_hours", hours},
            {"closed_dates", opening_hours.closed_dates},
            {"priority_groups", groups},
            {"fields", field_list},
            {"counters", counter_list}};
}

}  // namespace motcua::queue
