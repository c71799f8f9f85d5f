// Screen texts by key ("rating.title"), one JSON file per language under assets/i18n/.
// Lookup falls back to Vietnamese, then to the key itself, so a missing English text
// never leaves a blank button.
#pragma once
#include <map>
#include <string>

#include "core/result.hpp"
#include "kiosk/language.hpp"

namespace motcua::kiosk {

class Texts {
public:
    Texts() = default;
    // Reads DIR/i18n/vi.json (required) and DIR/i18n/en.json (optional), then each role's own
    // DIR/i18n/<name>.vi.json and <name>.en.json (optional), in name order; later keys win.
    static Result<Texts> load(const std::string& assets_dir);
    // Parses one language's JSON object of strings and adds them; names the bad entry on error.
    Status add_language(Language language, const std::string& json_text, const std::string& source);

    const std::string& get(Language language, const std::string& key) const;
    const char* c(Language language, const std::string& key) const { return get(language, key).c_str(); }

private:
    std::map<Language, std::map<std::string, std::string>> table_;
    mutable std::map<std::string, std::string> missing_;  // keys echoed back; owned here so c() stays valid
};

}  // namespace motcua::kiosk
