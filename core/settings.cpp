#include "core/settings.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <toml++/toml.h>

namespace motcua {

Settings::Settings(const SettingSpecs& specs) {
    for (const auto& s : specs) values_[s.key] = s.default_value;
}

namespace {

std::string where(const std::string& source, const toml::source_region& r, const std::string& key) {
    std::ostringstream out;
    out << source;
    if (r.begin.line) out << ':' << r.begin.line << ':' << r.begin.column;
    out << ": " << key << ": ";
    return out.str();
}

const char* type_name(const SettingValue& v) {
    switch (v.index()) {
        case 0: return "a text string in quotes";
        case 1: return "a whole number";
        case 2: return "true or false";
        case 3: return "a list of text strings";
        default: return "a list of tables ([[...]])";
    }
}

// Converts one TOML node to the declared type of the spec, or explains why not.
std::optional<std::string> convert(const toml::node& node, const SettingSpec& spec, SettingValue& out) {
    switch (spec.default_value.index()) {
        case 0:
            if (auto v = node.value<std::string>(); v && node.is_string()) { out = *v; return std::nullopt; }
            break;
        case 1:
            if (node.is_integer()) {
                auto v = *node.value<std::int64_t>();
                if (v < spec.min || v > spec.max)
                    return "must be between " + std::to_string(spec.min) + " and " + std::to_string(spec.max) +
                           ", got " + std::to_string(v);
                out = v;
                return std::nullopt;
            }
            break;
        case 2:
            if (node.is_boolean()) { out = *node.value<bool>(); return std::nullopt; }
            break;
        case 3:
            if (auto* arr = node.as_array()) {
                std::vector<std::string> items;
                for (auto& item : *arr) {
                    if (!item.is_string()) return "every item must be a text string in quotes";
                    items.push_back(*item.value<std::string>());
                }
                out = items;
                return std::nullopt;
            }
            break;
        default:
            if (auto* arr = node.as_array()) {
                std::vector<SettingRow> rows;
                for (auto& item : *arr) {
                    auto* table = item.as_table();
                    if (!table) return "every item must be a table";
                    SettingRow row;
                    for (auto& [k, v] : *table) {
                        if (!v.is_string()) return "field '" + std::string(k.str()) + "' must be a text string";
                        row[std::string(k.str())] = *v.value<std::string>();
                    }
                    rows.push_back(row);
                }
                out = rows;
                return std::nullopt;
            }
            break;
    }
    return std::string("must be ") + type_name(spec.default_value);
}

void flatten(const toml::table& table, const std::string& prefix,
             std::vector<std::pair<std::string, const toml::node*>>& out) {
    for (auto& [k, v] : table) {
        std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        if (auto* sub = v.as_table()) flatten(*sub, key, out);
        else out.emplace_back(key, &v);
    }
}

}  // namespace

Result<Settings> Settings::parse(const std::string& text, const std::string& source, const SettingSpecs& specs) {
    Settings settings(specs);
    toml::table root;
    try {
        root = toml::parse(text, source);
    } catch (const toml::parse_error& e) {
        std::ostringstream out;
        out << source << ':' << e.source().begin.line << ':' << e.source().begin.column << ": not valid TOML: "
            << e.description();
        return Result<Settings>::failure(out.str());
    }
    std::vector<std::pair<std::string, const toml::node*>> entries;
    flatten(root, "", entries);
    for (auto& [key, node] : entries) {
        const SettingSpec* spec = nullptr;
        for (auto& s : specs)
            if (s.key == key) spec = &s;
        if (!spec) return Result<Settings>::failure(where(source, node->source(), key) + "unknown setting (misspelt?)");
        SettingValue value;
        if (auto problem = convert(*node, *spec, value))
            return Result<Settings>::failure(where(source, node->source(), key) + *problem);
        settings.values_[key] = std::move(value);
        settings.explicit_[key] = true;
    }
    return settings;
}

Result<Settings> Settings::load_file(const std::string& path, const SettingSpecs& specs) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Result<Settings>::failure(path + ": cannot open the settings file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return parse(buffer.str(), path, specs);
}

const SettingValue& Settings::get(const std::string& key) const {
    auto it = values_.find(key);
    if (it == values_.end()) throw std::logic_error("setting '" + key + "' was never declared");
    return it->second;
}

const std::string& Settings::text(const std::string& key) const { return std::get<std::string>(get(key)); }
std::int64_t Settings::integer(const std::string& key) const { return std::get<std::int64_t>(get(key)); }
bool Settings::boolean(const std::string& key) const { return std::get<bool>(get(key)); }
const std::vector<std::string>& Settings::list(const std::string& key) const {
    return std::get<std::vector<std::string>>(get(key));
}
const std::vector<SettingRow>& Settings::rows(const std::string& key) const {
    return std::get<std::vector<SettingRow>>(get(key));
}
void Settings::set(const std::string& key, SettingValue value) {
    if (get(key).index() != value.index()) throw std::logic_error("setting '" + key + "' set with the wrong type");
    values_[key] = std::move(value);
    explicit_[key] = true;
}
bool Settings::is_default(const std::string& key) const { return !explicit_.count(key); }

namespace {
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out + "\"";
}
}  // namespace

std::string Settings::documented_toml(const SettingSpecs& specs, const std::string& title) {
    std::ostringstream out;
    out << "# " << title << "\n# Every key is optional; the value shown is the default.\n";
    std::string section;
    std::vector<const SettingSpec*> tables;
    for (auto& s : specs) {
        if (s.default_value.index() == 4) { tables.push_back(&s); continue; }
        auto dot = s.key.rfind('.');
        std::string sec = dot == std::string::npos ? "" : s.key.substr(0, dot);
        std::string name = dot == std::string::npos ? s.key : s.key.substr(dot + 1);
        if (sec != section) {
            out << "\n[" << sec << "]\n";
            section = sec;
        }
        out << "\n# " << s.help << "\n" << name << " = ";
        std::visit(
            [&](auto&& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::string>) out << quoted(v);
                else if constexpr (std::is_same_v<T, std::int64_t>) out << v;
                else if constexpr (std::is_same_v<T, bool>) out << (v ? "true" : "false");
                else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                    out << "[";
                    for (size_t i = 0; i < v.size(); ++i) out << (i ? ", " : "") << quoted(v[i]);
                    out << "]";
                }
            },
            s.default_value);
        out << "\n";
    }
    for (auto* s : tables) {
        out << "\n# " << s->help << "\n";
        for (auto& row : std::get<std::vector<SettingRow>>(s->default_value)) {
            out << "[[" << s->key << "]]\n";
            for (auto& [k, v] : row) out << k << " = " << quoted(v) << "\n";
        }
    }
    return out.str();
}

}  // namespace motcua
