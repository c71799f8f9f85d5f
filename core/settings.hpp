// Settings declared once: key, type (from the default's type), default and help text.
// The same table loads TOML files, checks them, and writes the documented sample files.
#pragma once
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace motcua {

using SettingRow = std::map<std::string, std::string>;  // one [[table]] entry, string fields
using SettingValue =
    std::variant<std::string, std::int64_t, bool, std::vector<std::string>, std::vector<SettingRow>>;

struct SettingSpec {
    std::string key;  // dotted: "server.url"
    SettingValue default_value;
    std::string help;
    std::int64_t min = std::numeric_limits<std::int64_t>::min();
    std::int64_t max = std::numeric_limits<std::int64_t>::max();
};

using SettingSpecs = std::vector<SettingSpec>;

class Settings {
public:
    explicit Settings(const SettingSpecs& specs);  // every key at its default

    // Errors read "FILE:LINE:COL: KEY: what is wrong". A missing file is an error too.
    static Result<Settings> load_file(const std::string& path, const SettingSpecs& specs);
    static Result<Settings> parse(const std::string& text, const std::string& source, const SettingSpecs& specs);

    const std::string& text(const std::string& key) const;
    std::int64_t integer(const std::string& key) const;
    bool boolean(const std::string& key) const;
    const std::vector<std::string>& list(const std::string& key) const;
    const std::vector<SettingRow>& rows(const std::string& key) const;
    void set(const std::string& key, SettingValue value);
    bool is_default(const std::string& key) const;

    // A commented TOML file with every key at its default: config/*.toml are made from this.
    static std::string documented_toml(const SettingSpecs& specs, const std::string& title);

private:
    const SettingValue& get(const std::string& key) const;
    std::map<std::string, SettingValue> values_;
    std::map<std::string, bool> explicit_;
};

}  // namespace motcua
