#include "core/natural_order.hpp"

namespace motcua {

namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

bool natural_less(std::string_view a, std::string_view b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (is_digit(a[i]) && is_digit(b[j])) {
            // Compare the two numbers by value without converting (they may be longer than any integer):
            // skip leading zeros, then the longer run is larger, then the first differing digit decides.
            std::size_t i0 = i, j0 = j;
            while (i < a.size() && a[i] == '0') ++i;
            while (j < b.size() && b[j] == '0') ++j;
            std::size_t si = i, sj = j;
            while (i < a.size() && is_digit(a[i])) ++i;
            while (j < b.size() && is_digit(b[j])) ++j;
            std::string_view na = a.substr(si, i - si), nb = b.substr(sj, j - sj);
            if (na.size() != nb.size()) return na.size() < nb.size();
            if (na != nb) return na < nb;
            if ((i - i0) != (j - j0)) return (i - i0) < (j - j0);  // "2" before "02": a stable, total order
            continue;
        }
        if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
        ++i;
        ++j;
    }
    return (a.size() - i) < (b.size() - j);
}

}  // namespace motcua
