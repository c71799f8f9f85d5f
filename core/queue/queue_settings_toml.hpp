// The queue's settings in the kiosk's TOML file ([queue], [queue.policy], [[queue.fields]],
// [[queue.procedures]], [[queue.counters]], [[queue.priority_groups]]) turned into the config's
// `tickets` object, so that QueueSettings::from_json stays the one checker of a queue. The table
// entries are declared in add_queue_setting_specs; their defaults are default_queue_settings().
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/queue/queue_settings.hpp"
#include "core/result.hpp"
#include "core/settings.hpp"

namespace motcua::queue {

// The [queue] settings a kiosk's file and a server's per-site queue file share (opening hours,
// closed dates, policy, fields, procedures, counters, priority groups), declared once.
void add_queue_setting_specs(SettingSpecs& specs);
// A per-site queue file on the server: those settings and clock.utc_offset_minutes.
const SettingSpecs& queue_file_specs();

// default_queue_settings() as TOML rows, for the settings table's defaults.
std::vector<SettingRow> default_field_rows();
std::vector<SettingRow> default_counter_rows();
std::vector<SettingRow> default_priority_group_rows();
std::string default_opening_hours_text();

// The `tickets` object the settings describe. Errors name the TOML key, e.g.
// "queue.opening_hours: \"13:30-1700\" must read HH:MM-HH:MM ..." or
// "queue.fields entry 3.range: must read FIRST-LAST, e.g. \"1-999\"".
Result<nlohmann::json> tickets_json_from_settings(const Settings& settings);

// tickets_json_from_settings checked by QueueSettings::from_json; its errors are renamed to the
// TOML keys ("tickets.fields[2].prefix" -> "queue.fields entry 3.prefix").
Result<queue::QueueSettings> queue_settings_from_settings(const Settings& settings);

}  // namespace motcua::queue
