// Names people number by hand ("Quầy 2", "Quầy 10", "q2", "q10") sorted as they count them:
// runs of digits compare by value, so Quầy 2 comes before Quầy 10.
#pragma once
#include <string_view>

namespace motcua {

bool natural_less(std::string_view a, std::string_view b);

}  // namespace motcua
