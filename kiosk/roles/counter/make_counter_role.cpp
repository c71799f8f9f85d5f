#include "kiosk/roles/counter/make_counter_role.hpp"

#include <iostream>

#include "kiosk/site_queue.hpp"
#include "kiosk/roles/counter/counter_role.hpp"

namespace motcua::kiosk {

Result<RoleInstance> make_counter_role(const RoleResources& r) {
    auto config = site_queue(r.settings, "counter", std::cerr);
    if (!config) return Result<RoleInstance>::failure(config.error());
    CounterConfig counter;
    counter.counter = r.settings.text("device.counter");
    counter.officers = config.value().officers;
    counter.site_name = config.value().site_name;
    std::cerr << "motcua-kiosk: counter: officers from " << config.value().officers_source << "\n";
    if (counter.officers.empty())
        std::cerr << "motcua-kiosk: counter: no officers are configured (queue.officers): nobody can sign in\n";
    RoleInstance instance;
    std::unique_ptr<CounterController> controller;
    if (r.store) {
        controller = std::make_unique<CounterController>(std::move(counter), config.value().queue, *r.store, r.now_ms);
    } else {
        controller = std::make_unique<CounterController>(std::move(counter), r.store_error);
        instance.out_of_service_ms = r.settings.integer("ui.out_of_service_seconds") * 1000;
    }
    instance.role = std::make_unique<CounterRole>(std::move(controller), r.texts);
    return instance;
}

}  // namespace motcua::kiosk
