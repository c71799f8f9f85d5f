// Every motcua-server setting, declared once: config/server.toml is generated from this table.
#pragma once
#include <string>

#include "core/event.hpp"  // json
#include "core/result.hpp"
#include "core/settings.hpp"

namespace motcua::server {

const SettingSpecs& server_settings();

// Plain HTTP carries device tokens in clear text, so it is only allowed where nothing
// but this machine can listen in.
bool is_loopback_address(const std::string& address);

// [[queue.officers]] checked as a whole at start: officer ids unique across all sites (they are
// never reused), a name, a PIN hash that decodes. Errors name the entry ("queue.officers entry 2...").
Status check_server_officers(const std::vector<SettingRow>& rows);

// The configuration's "officers" for one site's kiosks: the rows for that site and those with no
// site, without the site key (docs/protocol.md). The rows must have passed check_server_officers.
json site_officers_json(const std::vector<SettingRow>& rows, const std::string& site_id);
// Officer id -> name from queue.officers rows, for reports (ids are unique across sites).
std::map<std::string, std::string> officer_names(const std::vector<SettingRow>& rows);

}  // namespace motcua::server
