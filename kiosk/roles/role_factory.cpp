#include "kiosk/roles/role_factory.hpp"

#include "kiosk/roles/counter/make_counter_role.hpp"
#include "kiosk/roles/rating/rating_role.hpp"

namespace motcua::kiosk {

namespace {

Result<RoleInstance> make_rating(const RoleResources& r) {
    auto config = RatingConfig::from_settings(r.settings);
    if (!config) return Result<RoleInstance>::failure(config.error());
    RoleInstance instance;
    std::unique_ptr<RatingController> controller;
    if (r.store) {
        controller = std::make_unique<RatingController>(config.value(), *r.store, r.now_ms);
    } else {
        // Without a usable database no rating can be kept: say so on screen (not a black screen).
        controller = std::make_unique<RatingController>(config.value(), r.store_error, r.now_ms);
        instance.out_of_service_ms = r.settings.integer("ui.out_of_service_seconds") * 1000;
    }
    instance.role = std::make_unique<RatingRole>(std::move(controller), r.texts);
    return instance;
}

}  // namespace

const std::vector<std::string_view>& role_names() {
    static const std::vector<std::string_view> names = {"rating", "counter"};
    return names;
}

Result<RoleInstance> make_role(std::string_view name, const RoleResources& resources) {
    if (name == "rating") return make_rating(resources);
    if (name == "counter") return make_counter_role(resources);
    return Result<RoleInstance>::failure("unknown role \"" + std::string(name) + "\"");
}

}  // namespace motcua::kiosk
