#include "kiosk/roles/board/make_board_role.hpp"

#include <iostream>

#include "core/queue/queue_settings.hpp"
#include "kiosk/roles/board/board_role.hpp"

namespace motcua::kiosk {

Result<RoleInstance> make_board_role(const RoleResources& r) {
    BoardConfig config;
    // The one place the board's queue settings come from (the staffcfg work replaces it with the
    // kiosk's TOML and the pulled configuration).
    config.queue = queue::default_queue_settings();
    config.queue.utc_offset_minutes = static_cast<int>(r.settings.integer("clock.utc_offset_minutes"));
    config.site_name = r.settings.text("board.site_name");
    config.highlight_ms = r.settings.integer("board.highlight_seconds") * 1000;
    RoleInstance instance;
    std::unique_ptr<BoardController> controller;
    if (r.store) {
        controller = std::make_unique<BoardController>(std::move(config), *r.store, r.now_ms);
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
