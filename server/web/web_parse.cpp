#include "server/web/web_parse.hpp"

#include <ctime>

namespace motcua::server::web {

std::string cookie_value(std::string_view header, std::string_view name) {
    std::size_t pos = 0;
    while (pos < header.size()) {
        std::size_t end = header.find(';', pos);
        if (end == std::string_view::npos) end = header.size();
        std::string_view item = header.substr(pos, end - pos);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        if (item.size() > name.size() && item.substr(0, name.size()) == name && item[name.size()] == '=')
            return std::string(item.substr(name.size() + 1));
        pos = end + 1;
    }
    return "";
}

CivilDay add_days(CivilDay day, int n) {
    tm t{};
    t.tm_year = day.y - 1900;
    t.tm_mon = day.m - 1;
    t.tm_mday = day.d + n;
    t.tm_hour = 12;
    time_t s = timegm(&t);
    tm out{};
    gmtime_r(&s, &out);
    return {out.tm_year + 1900, out.tm_mon + 1, out.tm_mday};
}

std::optional<CivilDay> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[static_cast<std::size_t>(i)] < '0' || text[static_cast<std::size_t>(i)] > '9') return std::nullopt;
    auto number = [&](std::size_t from, std::size_t count) {
        int v = 0;
        for (std::size_t i = from; i < from + count; ++i) v = v * 10 + (text[i] - '0');
        return v;
    };
    CivilDay d{number(0, 4), number(5, 2), number(8, 2)};
    if (d.y < 2000 || d.y > 2200 || d.m < 1 || d.m > 12 || d.d < 1 || d.d > 31 || add_days(d, 0) != d)
        return std::nullopt;
    return d;
}

bool origin_matches_host(std::string_view origin, std::string_view host) {
    if (origin.empty()) return true;
    for (std::string_view scheme : {"http://", "https://"})
        if (origin.size() == scheme.size() + host.size() && origin.substr(0, scheme.size()) == scheme &&
            origin.substr(scheme.size()) == host)
            return true;
    return false;
}

}  // namespace motcua::server::web
