// The languages every role's screens are written in: Vietnamese first, English for visitors.
#pragma once
#include <optional>
#include <string>

namespace motcua::kiosk {

enum class Language { Vi, En };

inline const char* language_code(Language l) { return l == Language::Vi ? "vi" : "en"; }
inline std::optional<Language> parse_language(const std::string& code) {
    if (code == "vi") return Language::Vi;
    if (code == "en") return Language::En;
    return std::nullopt;
}

}  // namespace motcua::kiosk
