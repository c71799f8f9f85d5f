#include "core/queue/opening_hours_text.hpp"

#include <algorithm>
#include <cctype>

#include "core/queue/local_day.hpp"

namespace motcua::queue {

namespace {

using R = Result<OpeningHours>;

const std::array<const char*, 7> kDayNames{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
const std::array<const char*, 7> kDayNamesVi{"T2", "T3", "T4", "T5", "T6", "T7", "CN"};

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool same_letters(std::string_view a, const char* b) {
    std::string_view bv(b);
    if (a.size() != bv.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(bv[i])))
            return false;
    return true;
}

int day_index(std::string_view name) {
    for (int d = 0; d < 7; ++d)
        if (same_letters(name, kDayNames[static_cast<std::size_t>(d)]) ||
            same_letters(name, kDayNamesVi[static_cast<std::size_t>(d)]))
            return d;
    return -1;
}

std::string quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// "HH:MM" -> minutes, -1 if not that shape or out of the day (24:00 allowed as a closing time).
int read_time(std::string_view t) {
    if (t.size() != 5 || t[2] != ':') return -1;
    for (std::size_t i : {0u, 1u, 3u, 4u})
        if (!std::isdigit(static_cast<unsigned char>(t[i]))) return -1;
    int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
    if (m > 59 || h * 60 + m > 24 * 60) return -1;
    return h * 60 + m;
}

// "Mon-Fri,Sun" -> the days, marking them in `days`.
Status read_days(std::string_view spec, std::array<bool, 7>& days) {
    std::size_t start = 0;
    while (start <= spec.size()) {
        auto comma = spec.find(',', start);
        std::string_view item = spec.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        auto dash = item.find('-');
        int first = day_index(item.substr(0, dash));
        int last = dash == std::string_view::npos ? first : day_index(item.substr(dash + 1));
        if (first < 0 || last < 0)
            return Status::failure(quote(item) +
                                   " is not a day or day range (Mon Tue Wed Thu Fri Sat Sun, or T2…T7 and CN; e.g. Mon-Fri)");
        if (first > last) return Status::failure(quote(item) + ": a day range runs forward from Mon to Sun");
        for (int d = first; d <= last; ++d) {
            if (days[static_cast<std::size_t>(d)])
                return Status::failure(std::string(kDayNames[static_cast<std::size_t>(d)]) + " is given twice");
            days[static_cast<std::size_t>(d)] = true;
        }
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return Status::success();
}

Result<std::vector<OpeningInterval>> read_intervals(std::string_view spec) {
    using RI = Result<std::vector<OpeningInterval>>;
    std::vector<OpeningInterval> out;
    std::size_t start = 0;
    while (true) {
        auto comma = spec.find(',', start);
        std::string_view item = trim(spec.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        auto dash = item.find('-');
        int open = dash == std::string_view::npos ? -1 : read_time(item.substr(0, dash));
        int close = dash == std::string_view::npos ? -1 : read_time(item.substr(dash + 1));
        if (open < 0 || close < 0 || open >= close)
            return RI::failure(quote(item) + " must read HH:MM-HH:MM with the opening before the closing");
        if (!out.empty() && open < out.back().close_minute)
            return RI::failure(quote(item) + " must start after the interval before it closes");
        out.push_back({open, close});
        if (comma == std::string_view::npos) return out;
        start = comma + 1;
    }
}

}  // namespace

Result<OpeningHours> parse_opening_hours_text(std::string_view text) {
    OpeningHours hours;
    std::array<bool, 7> seen{};
    std::size_t start = 0;
    while (start <= text.size()) {
        auto semicolon = text.find(';', start);
        std::string_view group =
            trim(text.substr(start, semicolon == std::string_view::npos ? std::string_view::npos : semicolon - start));
        start = semicolon == std::string_view::npos ? text.size() + 1 : semicolon + 1;
        if (group.empty()) continue;  // "" or a trailing ";"
        auto space = std::find_if(group.begin(), group.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
        std::string_view day_spec = group.substr(0, static_cast<std::size_t>(space - group.begin()));
        std::string_view times = trim(group.substr(day_spec.size()));
        if (times.empty()) return R::failure(quote(group) + ": the days need hours after them, e.g. \"Mon-Fri 07:30-11:30\"");
        std::array<bool, 7> days{};
        if (auto ok = read_days(day_spec, days); !ok) return R::failure(ok.error());
        auto intervals = read_intervals(times);
        if (!intervals) return R::failure(intervals.error());
        for (std::size_t d = 0; d < 7; ++d) {
            if (!days[d]) continue;
            if (seen[d]) return R::failure(std::string(kDayNames[d]) + " is given twice");
            seen[d] = true;
            hours.by_weekday[d] = intervals.value();
        }
    }
    return hours;
}

std::string opening_hours_text(const OpeningHours& hours) {
    auto intervals_text = [](const std::vector<OpeningInterval>& list) {
        std::string out;
        for (const auto& i : list) out += (out.empty() ? "" : ",") + minute_text(i.open_minute) + "-" + minute_text(i.close_minute);
        return out;
    };
    std::string out;
    std::size_t d = 0;
    while (d < 7) {
        if (hours.by_weekday[d].empty()) { ++d; continue; }
        std::size_t last = d;
        while (last + 1 < 7 && hours.by_weekday[last + 1] == hours.by_weekday[d]) ++last;
        out += (out.empty() ? "" : "; ") + std::string(kDayNames[d]) + (last > d ? std::string("-") + kDayNames[last] : "") +
               " " + intervals_text(hours.by_weekday[d]);
        d = last + 1;
    }
    return out;
}

}  // namespace motcua::queue
