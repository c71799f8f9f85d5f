#include "core/officers.hpp"

#include <algorithm>

#include "core/pin_hash.hpp"

namespace motcua {

namespace {

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// "1, 3A" -> {"1", "3A"}; an empty item ("1,,2") is an error, as it is surely a typo.
Result<std::vector<std::string>> split_ids(const std::string& text, const std::string& where) {
    std::vector<std::string> out;
    if (trim(text).empty()) return out;
    std::size_t start = 0;
    while (true) {
        auto comma = text.find(',', start);
        std::string item = trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (item.empty()) return Result<std::vector<std::string>>::failure(where + ": an empty id between commas");
        out.push_back(item);
        if (comma == std::string::npos) return out;
        start = comma + 1;
    }
}

// The checks both sources share, on one officer and against those before it.
Status check_officer(const Officer& o, const std::vector<Officer>& before, const std::string& where) {
    if (o.id.empty()) return Status::failure(where + ".id: must not be empty");
    if (o.name.empty()) return Status::failure(where + ".name: must not be empty");
    if (find_officer(before, o.id)) return Status::failure(where + ".id: \"" + o.id + "\" is listed twice");
    if (auto decoded = decode_pin_hash(o.pin_hash); !decoded)
        return Status::failure(where + ".pin_hash: " + decoded.error());
    return Status::success();
}

}  // namespace

bool Officer::may_sign_in_at(const std::string& counter_id) const {
    return counters.empty() || std::find(counters.begin(), counters.end(), counter_id) != counters.end();
}

const Officer* find_officer(const std::vector<Officer>& officers, const std::string& id) {
    auto it = std::find_if(officers.begin(), officers.end(), [&](const Officer& o) { return o.id == id; });
    return it == officers.end() ? nullptr : &*it;
}

Result<std::vector<Officer>> officers_from_rows(const std::vector<SettingRow>& rows, const std::string& where) {
    using R = Result<std::vector<Officer>>;
    std::vector<Officer> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::string at = where + " entry " + std::to_string(i + 1);
        const SettingRow& row = rows[i];
        for (const auto& [key, value] : row)
            if (key != "id" && key != "name" && key != "pin_hash" && key != "counters")
                return R::failure(at + ": unknown key \"" + key + "\" (id, name, pin_hash, counters)");
        auto text = [&](const char* key) {
            auto it = row.find(key);
            return it == row.end() ? std::string() : it->second;
        };
        Officer o{trim(text("id")), trim(text("name")), trim(text("pin_hash")), {}};
        auto counters = split_ids(text("counters"), at + ".counters");
        if (!counters) return R::failure(counters.error());
        o.counters = counters.value();
        if (auto ok = check_officer(o, out, at); !ok) return R::failure(ok.error());
        out.push_back(std::move(o));
    }
    return out;
}

Result<std::vector<Officer>> officers_from_json(const json& list, const std::string& where) {
    using R = Result<std::vector<Officer>>;
    if (!list.is_array()) return R::failure(where + ": must be a list");
    std::vector<Officer> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string at = where + "[" + std::to_string(i) + "]";
        const json& item = list[i];
        if (!item.is_object()) return R::failure(at + ": must be an object");
        Officer o;
        const std::pair<const char*, std::string*> texts[] = {{"id", &o.id}, {"name", &o.name}, {"pin_hash", &o.pin_hash}};
        for (auto [key, target] : texts) {
            auto it = item.find(key);
            if (it == item.end() || !it->is_string()) return R::failure(at + "." + key + ": must be a string");
            *target = it->get<std::string>();
        }
        if (auto c = item.find("counters"); c != item.end()) {
            if (!c->is_array()) return R::failure(at + ".counters: must be a list of counter ids");
            for (const json& id : *c) {
                if (!id.is_string() || id.get<std::string>().empty())
                    return R::failure(at + ".counters: must be a list of counter ids");
                o.counters.push_back(id.get<std::string>());
            }
        }
        if (auto ok = check_officer(o, out, at); !ok) return R::failure(ok.error());
        out.push_back(std::move(o));
    }
    return out;
}

json officers_to_json(const std::vector<Officer>& officers) {
    json list = json::array();
    for (const Officer& o : officers)
        list.push_back({{"id", o.id}, {"name", o.name}, {"pin_hash", o.pin_hash}, {"counters", o.counters}});
    return list;
}

}  // namespace motcua
