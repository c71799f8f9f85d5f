// What the benches report of a list of timings: median, 99th percentile (nearest rank on the
// sorted list, index q * (n - 1)), the largest and the mean, in the unit the timings are in.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

namespace motcua::bench {

struct LatencyStats {
    double p50 = 0, p99 = 0, max = 0, mean = 0;
};

inline LatencyStats summarize(std::vector<double> timings) {
    if (timings.empty()) return {};
    std::sort(timings.begin(), timings.end());
    double sum = 0;
    for (double v : timings) sum += v;
    auto at = [&](double q) { return timings[static_cast<std::size_t>(q * static_cast<double>(timings.size() - 1))]; };
    return {at(0.50), at(0.99), timings.back(), sum / static_cast<double>(timings.size())};
}

// Milliseconds of the steady clock since `start`.
inline double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace motcua::bench
