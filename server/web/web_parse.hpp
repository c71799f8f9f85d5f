// What the dashboard reads from a browser's request besides form fields: the session cookie,
// dates from the period picker, the Origin of a POST. Pure functions over outside bytes (fuzzed:
// tests/fuzz/fuzz_targets.hpp, dashboard_request_text).
#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::server::web {

// The value of cookie `name` in a Cookie header ("a=1; motcua_session=xyz"), "" when absent.
std::string cookie_value(std::string_view cookie_header, std::string_view name);

struct CivilDay {
    int y = 0, m = 0, d = 0;
    auto operator<=>(const CivilDay&) const = default;
};
CivilDay add_days(CivilDay day, int n);
// yyyy-mm-dd as <input type="date"> sends it, years 2000..2200; nothing for anything else or a
// day that does not exist (31/02).
std::optional<CivilDay> parse_iso_date(std::string_view text);

// A POST is ours when it carries no Origin (older browsers, curl) or one naming this host; a
// page elsewhere posting into a signed-in browser is refused before its CSRF token is even read.
bool origin_matches_host(std::string_view origin, std::string_view host);

}  // namespace motcua::server::web
