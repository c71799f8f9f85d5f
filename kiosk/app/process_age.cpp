#include "kiosk/app/process_age.hpp"

#include <time.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace motcua::kiosk {

std::optional<std::int64_t> process_age_ms() {
    std::ifstream in("/proc/self/stat");
    std::string stat;
    if (!std::getline(in, stat)) return std::nullopt;
    // Field 2 (the command name) may hold spaces: count fields after its closing parenthesis.
    auto close = stat.rfind(')');
    if (close == std::string::npos) return std::nullopt;
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i)
        if (i == 22) {
            long ticks_per_s = sysconf(_SC_CLK_TCK);
            timespec boot{};
            if (ticks_per_s <= 0 || clock_gettime(CLOCK_BOOTTIME, &boot) != 0) return std::nullopt;
            std::int64_t started_ms = std::stoll(field) * 1000 / ticks_per_s;
            std::int64_t now_ms = static_cast<std::int64_t>(boot.tv_sec) * 1000 + boot.tv_nsec / 1000000;
            return now_ms - started_ms;
        }
    return std::nullopt;
}

}  // namespace motcua::kiosk
