#include "core/pulled_config.hpp"

#include <algorithm>

#include "core/event.hpp"  // json

namespace motcua {

namespace {
using R = Result<PulledConfig>;

// A scale or reason row: the server sends string fields (as in its TOML); whole numbers and
// booleans are accepted too, as their text, for servers that write them as JSON types.
Result<SettingRow> row_from_json(const json& j, const std::string& where) {
    if (!j.is_object()) return Result<SettingRow>::failure(where + " is not an object");
    SettingRow row;
    for (auto& [key, value] : j.items()) {
        if (value.is_string()) row[key] = value.get<std::string>();
        else if (value.is_number_integer()) row[key] = std::to_string(value.get<std::int64_t>());
        else if (value.is_boolean()) row[key] = value.get<bool>() ? "true" : "false";
        else return Result<SettingRow>::failure(where + " field '" + key + "' is not text");
    }
    return row;
}

Result<std::vector<SettingRow>> rows_from_json(const json& parent, const char* key, const std::string& where) {
    using RR = Result<std::vector<SettingRow>>;
    auto it = parent.find(key);
    if (it == parent.end() || !it->is_array()) return RR::failure(where + " is missing or not a list");
    std::vector<SettingRow> rows;
    int index = 0;
    for (auto& entry : *it) {
        auto row = row_from_json(entry, where + " entry " + std::to_string(++index));
        if (!row) return RR::failure(row.error());
        rows.push_back(std::move(row.value()));
    }
    return rows;
}

std::string text_field(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

std::string PulledConfig::counter_name(const std::string& counter_id) const {
    for (auto& c : counters)
        if (c.id == counter_id) return c.name;
    return {};
}

Result<PulledConfig> parse_pulled_config(std::string_view bytes) {
    json j = json::parse(bytes, nullptr, false);  // also refuses ill-formed UTF-8
    if (j.is_discarded()) return R::failure("not valid JSON (truncated or damaged file?)");
    if (!j.is_object()) return R::failure("not a JSON object");
    PulledConfig config;
    auto version = j.find("version");
    if (version == j.end() || !version->is_number_integer() || version->get<std::int64_t>() < 1)
        return R::failure("\"version\" is missing or not a whole number from 1");
    config.version = version->get<std::int64_t>();

    auto site = j.find("site");
    if (site == j.end() || !site->is_object()) return R::failure("\"site\" is missing or not an object");
    config.site_id = text_field(*site, "id");
    config.site_name = text_field(*site, "name");
    if (config.site_id.empty() || config.site_name.empty()) return R::failure("\"site\" needs a text \"id\" and \"name\"");

    auto counters = j.find("counters");
    if (counters == j.end() || !counters->is_array()) return R::failure("\"counters\" is missing or not a list");
    for (auto& c : *counters) {
        CounterName counter{c.is_object() ? text_field(c, "id") : "", c.is_object() ? text_field(c, "name") : ""};
        if (counter.id.empty() || counter.name.empty())
            return R::failure("\"counters\": every entry needs a text \"id\" and \"name\"");
        config.counters.push_back(std::move(counter));
    }

    auto rating = j.find("rating");
    if (rating == j.end() || !rating->is_object()) return R::failure("\"rating\" is missing or not an object");
    auto levels = rows_from_json(*rating, "scale", "rating.scale");
    if (!levels) return R::failure(levels.error());
    auto reasons = rows_from_json(*rating, "reasons", "rating.reasons");
    if (!reasons) return R::failure(reasons.error());
    auto scale = rating_scale_from_rows(levels.value(), reasons.value());
    if (!scale) return R::failure(scale.error());
    config.scale = std::move(scale.value());

    if (auto tickets = j.find("tickets"); tickets != j.end()) {
        if (!tickets->is_object()) return R::failure("tickets: must be an object");
        if (!tickets->empty()) config.tickets_json = tickets->dump();
    }
    if (auto officers = j.find("officers"); officers != j.end()) {
        auto list = officers_from_json(*officers, "officers");
        if (!list) return R::failure(list.error());
        config.officers = std::move(list.value());
    }
    return config;
}

std::int64_t pulled_config_version_hint(std::string_view bytes) {
    json j = json::parse(bytes, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return 0;
    auto version = j.find("version");
    if (version == j.end() || !version->is_number_integer()) return 0;
    return std::max<std::int64_t>(0, version->get<std::int64_t>());
}

}  // namespace motcua
