// Opening hours as people write them in a settings file:
//     "Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30"
// Groups separated by ";", each a day or day range (Mon Tue Wed Thu Fri Sat Sun, or T2 ... T7 and
// CN as Vietnamese write them, any case; "Mon-Fri", "Mon,Wed") then one or more "HH:MM-HH:MM"
// intervals separated by ",". A day not named is closed; "" = closed every day.
#pragma once
#include <string>
#include <string_view>

#include "core/queue/queue_settings.hpp"
#include "core/result.hpp"

namespace motcua::queue {

// The week's intervals (closed_dates left empty). A failure says what is wrong and quotes the
// part of the text at fault, without naming the setting (the caller adds its key).
Result<OpeningHours> parse_opening_hours_text(std::string_view text);

// The inverse, days with the same hours grouped: default_opening_hours() gives
// "Mon-Fri 07:30-11:30,13:30-17:00".
std::string opening_hours_text(const OpeningHours& hours);

}  // namespace motcua::queue
