// The queue a queue role (dispenser, counter, board) starts with: the server's pulled
// configuration (device.config_cache) where it sets the queue, else the kiosk's TOML. Read once,
// at start: a newer pulled configuration's queue is used after the role restarts.
#pragma once
#include <iosfwd>
#include <string_view>

#include "core/settings.hpp"
#include "kiosk/queue_config.hpp"

namespace motcua::kiosk {

// A pulled configuration that cannot be used is logged (naming `role`) and the TOML is used.
// Fails when the queue settings that are needed are wrong (the key named).
Result<QueueConfig> site_queue(const Settings& settings, std::string_view role, std::ostream& log);

}  // namespace motcua::kiosk
