// Which roles motcua-kiosk can run, and how each is built from the settings and the database.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/event_store.hpp"
#include "core/result.hpp"
#include "core/settings.hpp"
#include "kiosk/i18n.hpp"
#include "kiosk/role.hpp"

namespace motcua::kiosk {

struct RoleResources {
    const Settings& settings;
    EventStore* store = nullptr;  // null: the database cannot be used (why: store_error)
    std::string store_error;
    const Texts& texts;
    std::int64_t now_ms = 0;  // the window's clock (SDL ticks) at start
};

struct RoleInstance {
    std::unique_ptr<Role> role;
    // > 0: the role cannot work (no database) and shows why; the kiosk exits with code 1 after
    // this long so the service manager restarts it and it tries again.
    std::int64_t out_of_service_ms = 0;
};

// "rating" (the default), "dispenser", "counter", "board".
const std::vector<std::string_view>& role_names();
// Fails with words for the log when a setting the role needs is wrong.
Result<RoleInstance> make_role(std::string_view name, const RoleResources& resources);

}  // namespace motcua::kiosk
