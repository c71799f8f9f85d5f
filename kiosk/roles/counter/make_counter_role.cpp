#include "kiosk/roles/counter/make_counter_role.hpp"

#include <iostream>

#include "kiosk/site_queue.hpp"
#include "kiosk/roles/counter/counter_role.hpp"

namespace motcua::kiosk {

Result<RoleInstance> make_counter_role(const RoleResources& r) {
    auto site = SiteQueue::open(r.settings, "counter", std::cerr, r.store);
    if (!site) return Result<RoleInstance>::failure(site.error());
    const QueueConfig* config = &site->current();
    CounterConfig counter;
    counter.counter = r.settings.text("device.counter");
    counter.officers = config->officers;
    counter.site_name = config->site_name;
    counter.site_id = config->site_id;  // the one the dispenser prints in the QR
    std::cerr << "motcua-kiosk: counter: officers from " << config->officers_source << "\n";
    if (counter.officers.empty())
        std::cerr << "motcua-kiosk: counter: no officers are configured (queue.officers): nobody can sign in\n";
    RoleInstance instance;
    std::unique_ptr<CounterController> controller;
    if (r.store) {
        controller = std::make_unique<CounterController>(std::move(counter), config->queue, *r.store, r.now_ms);
        controller->follow(std::move(site.value()), r.now_ms);
    } else {
        controller = std::make_unique<CounterController>(std::move(counter), r.store_error);
        instance.out_of_service_ms = r.settings.integer("ui.out_of_service_seconds") * 1000;
    }
    instance.role = std::make_unique<CounterRole>(std::move(controller), r.texts);
    return instance;
}

}  // namespace motcua::kiosk
