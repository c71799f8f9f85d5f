// Every motcua-server setting, declared once: config/server.toml is generated from this table.
#pragma once
#include <string>

#include "core/settings.hpp"

namespace motcua::server {

const SettingSpecs& server_settings();

// Plain HTTP carries device tokens in clear text, so it is only allowed where nothing
// but this machine can listen in.
bool is_loopback_address(const std::string& address);

}  // namespace motcua::server
