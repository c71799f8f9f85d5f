// How long this process has existed, for start-up measurements from inside: from the kernel's
// start time of the process (/proc/self/stat, in clock ticks, 10 ms on Debian's kernels), so
// exec and dynamic loading are counted too.
#pragma once
#include <cstdint>
#include <optional>

namespace motcua::kiosk {

std::optional<std::int64_t> process_age_ms();

}  // namespace motcua::kiosk
