#include "core/vn_format.hpp"

namespace motcua::vn {

std::string count(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    int group = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (group == 3) {
            out.insert(out.begin(), '.');
            group = 0;
        }
        out.insert(out.begin(), *it);
        ++group;
    }
    return n < 0 ? "-" + out : out;
}

std::string percent(std::int64_t part, std::int64_t total) {
    if (total <= 0) return "0%";
    // Integer rounding to hundredths of a percent, half up: no float surprises.
    std::int64_t hundredths = (part * 20000 + total) / (2 * total);
    std::string out = count(hundredths / 100);
    int frac = static_cast<int>(hundredths % 100);
    if (frac != 0) {
        out += ',';
        out += static_cast<char>('0' + frac / 10);
        if (frac % 10) out += static_cast<char>('0' + frac % 10);
    }
    return out + "%";
}

}  // namespace motcua::vn
