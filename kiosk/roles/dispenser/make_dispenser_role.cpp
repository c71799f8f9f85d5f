// Builds the dispenser from the kiosk's settings: the one place the queue settings are chosen.
#include "kiosk/roles/dispenser/make_dispenser_role.hpp"

#include <iostream>

#include "kiosk/site_queue.hpp"
#include "kiosk/roles/dispenser/dispenser_role.hpp"

namespace motcua::kiosk::dispenser {

Result<DispenserConfig> config_from_settings(const Settings& s) {
    DispenserConfig c;
    c.dispenser_id = s.text("dispenser.id");
    c.site_id = s.text("dispenser.site_id");
    c.ticket_ms = s.integer("dispenser.ticket_seconds") * 1000;
    c.idle_ms = s.integer("ui.idle_seconds") * 1000;
    auto language = parse_language(s.text("ui.language"));
    if (!language) return Result<DispenserConfig>::failure("ui.language: must be \"vi\" or \"en\"");
    c.start_language = *language;
    c.printer_target = s.text("printer.target");
    c.printer_timeout_ms = static_cast<int>(s.integer("printer.timeout_ms"));
    auto paper = print::paper_from_mm(s.integer("printer.paper_mm"));
    if (!paper) return Result<DispenserConfig>::failure("printer.paper_mm: " + paper.error());
    c.paper = paper.value();
    c.fonts = {s.text("ui.font_file"), s.text("ui.font_bold_file")};
    if (c.dispenser_id.empty()) return Result<DispenserConfig>::failure("dispenser.id is empty");
    if (c.site_id.empty()) return Result<DispenserConfig>::failure("dispenser.site_id is empty");
    return c;
}

Result<RoleInstance> make_dispenser_role(const RoleResources& r) {
    auto config = config_from_settings(r.settings);
    if (!config) return Result<RoleInstance>::failure(config.error());
    RoleInstance instance;
    std::unique_ptr<DispenserController> controller;
    if (r.store) {
        auto queue = SiteQueue::open(r.settings, "dispenser", std::cerr, r.store);
        if (!queue) return Result<RoleInstance>::failure(queue.error());
        const QueueConfig& start = queue->current();
        config.value().site_name = start.site_name;
        config.value().site_id = start.site_id;  // the counter checks it in the QR
        auto opened = DispenserController::open(config.value(), *r.store, start.queue, r.now_ms);
        if (!opened) return Result<RoleInstance>::failure(opened.error());
        controller = std::move(opened.value());
        controller->follow(std::move(queue.value()), r.now_ms);
    } else {
        controller = std::make_unique<DispenserController>(config.value(), r.store_error, r.now_ms);
        instance.out_of_service_ms = r.settings.integer("ui.out_of_service_seconds") * 1000;
    }
    instance.role = std::make_unique<DispenserRole>(std::move(controller), r.texts);
    return instance;
}

}  // namespace motcua::kiosk::dispenser
