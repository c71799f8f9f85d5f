#include "kiosk/roles/role_factory.hpp"

#include <iostream>

#include "core/queue/queue_settings.hpp"
#include "kiosk/site_queue.hpp"
#include "kiosk/roles/dispenser/make_dispenser_role.hpp"
#include "kiosk/roles/board/make_board_role.hpp"
#include "kiosk/roles/counter/make_counter_role.hpp"
#include "kiosk/roles/rating/rating_role.hpp"

namespace motcua::kiosk {

namespace {

Result<RoleInstance> make_rating(const RoleResources& r) {
    auto config = RatingConfig::from_settings(r.settings);
    if (!config) return Result<RoleInstance>::failure(config.error());
    // The names on a served ticket's line. A queue the settings get wrong must not stop the rating
    // screen: the line then names the default fields and officers by id (and the log says why).
    auto queue = site_queue(r.settings, "rating", std::cerr);
    if (!queue) std::cerr << "motcua-kiosk: rating: the queue settings are not used: " << queue.error() << "\n";
    for (const auto& field : queue ? queue->queue.fields : queue::default_queue_settings().fields)
        config->field_names[field.id] = field.name_vi;
    if (queue)
        for (const auto& officer : queue->officers) config->officer_names[officer.id] = officer.name;
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
    static const std::vector<std::string_view> names = {"rating", "dispenser", "counter", "board"};
    return names;
}

Result<RoleInstance> make_role(std::string_view name, const RoleResources& resources) {
    if (name == "rating") return make_rating(resources);
    if (name == "dispenser") return dispenser::make_dispenser_role(resources);
    if (name == "board") return make_board_role(resources);
    if (name == "counter") return make_counter_role(resources);
    return Result<RoleInstance>::failure("unknown role \"" + std::string(name) + "\"");
}

}  // namespace motcua::kiosk
