#pragma once
#include "core/settings.hpp"

namespace motcua::sync {

// Every motcua-sync setting, declared once; config/sync.toml is generated from this table.
const SettingSpecs& sync_settings();

}  // namespace motcua::sync
