#include "kiosk/roles/counter/make_counter_role.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "kiosk/queue_config.hpp"
#include "kiosk/roles/counter/counter_role.hpp"

namespace motcua::kiosk {

namespace {

// The server's configuration as motcua-sync saved it, when there is a readable, valid one.
std::optional<PulledConfig> read_pulled_config(const std::string& path) {
    if (path.empty()) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream bytes;
    bytes << in.rdbuf();
    auto parsed = parse_kiosk_config(bytes.str());
    if (!parsed) {
        std::cerr << "motcua-kiosk: counter: not using the server configuration in " << path << ": " << parsed.error()
                  << "\n";
        return std::nullopt;
    }
    return std::move(parsed.value());
}

}  // namespace

Result<RoleInstance> make_counter_role(const RoleResources& r) {
    auto pulled = read_pulled_config(r.settings.text("device.config_cache"));
    auto config = queue_config(r.settings, pulled ? &*pulled : nullptr);
    if (!config) return Result<RoleInstance>::failure(config.error());
    CounterConfig counter;
    counter.counter = r.settings.text("device.counter");
    counter.officers = config.value().officers;
    counter.site_name = config.value().site_name;
    std::cerr << "motcua-kiosk: counter: queue from " << config.value().queue_source << ", officers from "
              << config.value().officers_source << "\n";
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
