// `motcua-kiosk --role board`: the board's controller, voice and role from the kiosk's settings.
#pragma once
#include "core/result.hpp"
#include "kiosk/roles/role_factory.hpp"

namespace motcua::kiosk {

Result<RoleInstance> make_board_role(const RoleResources& resources);

}  // namespace motcua::kiosk
