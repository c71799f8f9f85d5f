// Builds the counter staff console from the kiosk's settings: the queue settings and officers
// (kiosk/queue_config.hpp: the server's pulled configuration where it sets them, else the TOML)
// and the counter id (device.counter, else the id written at enrolment).
#pragma once
#include "kiosk/roles/role_factory.hpp"

namespace motcua::kiosk {

Result<RoleInstance> make_counter_role(const RoleResources& resources);

}  // namespace motcua::kiosk
