#pragma once
#include "kiosk/roles/dispenser/dispenser_controller.hpp"
#include "kiosk/roles/role_factory.hpp"

namespace motcua::kiosk::dispenser {

// Names the bad setting.
Result<DispenserConfig> config_from_settings(const Settings& settings);
Result<RoleInstance> make_dispenser_role(const RoleResources& resources);

}  // namespace motcua::kiosk::dispenser
