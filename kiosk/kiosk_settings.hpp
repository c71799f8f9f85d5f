// Every setting of motcua-kiosk, declared once with its default and help text.
// config/kiosk.toml is generated from this table (motcua-kiosk --print-default-config).
#pragma once
#include <optional>
#include <string>

#include "core/rating.hpp"
#include "core/result.hpp"
#include "core/settings.hpp"

namespace motcua::kiosk {

const SettingSpecs& kiosk_settings();
std::string default_config_toml();

// The folder of the running program (from /proc/self/exe); empty if it cannot be read.
std::string program_directory();

// The assets directory to use: ui.assets_dir if set, else <program_dir>/../share/motcua/assets
// (/usr/share/motcua/assets for /usr/bin; the build tree's share/ links to the source assets/),
// else /usr/share/motcua/assets. Empty if none has i18n/vi.json.
std::string find_assets_dir(const Settings& settings, const std::string& program_dir = program_directory());

// The first font file that exists among the setting and its fallbacks; empty if none.
std::string find_font(const std::string& preferred, bool bold);

}  // namespace motcua::kiosk
