#include "kiosk/site_queue.hpp"

#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

namespace motcua::kiosk {

Result<QueueConfig> site_queue(const Settings& settings, std::string_view role, std::ostream& log) {
    std::optional<PulledConfig> pulled;
    if (const std::string& path = settings.text("device.config_cache"); !path.empty()) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream bytes;
        if (in && bytes << in.rdbuf()) {
            auto parsed = parse_kiosk_config(bytes.str());
            if (parsed) pulled = std::move(parsed.value());
            else log << "motcua-kiosk: " << role << ": the server configuration in " << path
                     << " is not used: " << parsed.error() << "\n";
        }
    }
    auto queue = queue_config(settings, pulled ? &*pulled : nullptr);
    if (!queue) return queue;
    queue->queue.utc_offset_minutes = static_cast<int>(settings.integer("clock.utc_offset_minutes"));
    log << "motcua-kiosk: " << role << ": queue from " << queue->queue_source << "\n";
    for (const auto& warning : queue->warnings) log << "motcua-kiosk: " << role << ": " << warning << "\n";
    return queue;
}

}  // namespace motcua::kiosk
