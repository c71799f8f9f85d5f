// Every word a report prints, in one table with Vietnamese and English (report_texts.cpp), so
// report code holds keys, never sentences.
#pragma once
#include <string>
#include <string_view>

namespace motcua::server {

enum class ReportLang { Vi, En };

// "vi" (default) or "en"; anything else is Vietnamese.
ReportLang report_lang(std::string_view code);
std::string_view report_lang_code(ReportLang lang);
// The text for `key`; an unknown key gives the key itself, so a missing entry shows, not crashes.
std::string report_text(std::string_view key, ReportLang lang = ReportLang::Vi);

}  // namespace motcua::server
