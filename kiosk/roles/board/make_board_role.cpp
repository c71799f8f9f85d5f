#include "kiosk/roles/board/make_board_role.hpp"

#include <iostream>

#include "kiosk/site_queue.hpp"
#include "kiosk/roles/board/board_role.hpp"

namespace motcua::kiosk {

Result<RoleInstance> make_board_role(const RoleResources& r) {
    BoardConfig config;
    auto site = SiteQueue::open(r.settings, "board", std::cerr, r.store);
    if (!site) return Result<RoleInstance>::failure(site.error());
    config.queue = site->current().queue;
    config.site_name = site->current().site_name;
    config.highlight_ms = r.settings.integer("board.highlight_seconds") * 1000;
    RoleInstance instance;
    std::unique_ptr<BoardController> controller;
    if (r.store) {
        controller = std::make_unique<BoardController>(std::move(config), *r.store, r.now_ms);
        controller->follow(std::move(site.value()), r.now_ms);
    } else {
        // No stale or empty queue shown as live: the board says it cannot read the queue, and the
        // kiosk exits after a while so that the service manager restarts it.
        controller = std::make_unique<BoardController>(std::move(config), r.store_error, r.now_ms);
        instance.out_of_service_ms = r.settings.integer("ui.out_of_service_seconds") * 1000;
    }
    instance.role = std::make_unique<BoardRole>(std::move(controller), make_announcer_voice(r.settings, std::cerr),
                                                r.texts, std::cout);
    return instance;
}

}  // namespace motcua::kiosk
