#include "core/queue/dossier_code.hpp"

namespace motcua::queue {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alnum(char c) { return is_digit(c) || is_upper(c); }

bool all(std::string_view s, bool (*pred)(char)) {
    for (char c : s)
        if (!pred(c)) return false;
    return true;
}

}  // namespace

std::optional<std::string> normalise_dossier_code(std::string_view text) {
    while (!text.empty() &&
           (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
        text.remove_suffix(1);
    std::string code(text);
    for (char& c : code)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');

    // Agency part "VVV.ZZ.YY.MXX", then "-YYMMDD-XXXX".
    std::size_t dash1 = code.find('-');
    if (dash1 == std::string::npos) return std::nullopt;
    std::size_t dash2 = code.find('-', dash1 + 1);
    if (dash2 == std::string::npos || code.find('-', dash2 + 1) != std::string::npos) return std::nullopt;
    std::string_view agency = std::string_view(code).substr(0, dash1);
    std::string_view date = std::string_view(code).substr(dash1 + 1, dash2 - dash1 - 1);
    std::string_view serial = std::string_view(code).substr(dash2 + 1);

    if (agency.size() != 13 || agency[3] != '.' || agency[6] != '.' || agency[9] != '.') return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 4u, 5u, 7u, 8u, 10u, 11u, 12u})
        if (!is_alnum(agency[i])) return std::nullopt;
    if (!is_upper(agency[10])) return std::nullopt;  // M

    if (date.size() != 6 || !all(date, is_digit)) return std::nullopt;
    int month = (date[2] - '0') * 10 + (date[3] - '0');
    int day = (date[4] - '0') * 10 + (date[5] - '0');
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;

    if (serial.size() < 4 || serial.size() > 6 || !all(serial, is_digit)) return std::nullopt;
    return code;
}

}  // namespace motcua::queue
