// The period of a formal report: a calendar month or quarter, as a leader names it
// ("10/2026", "4/2026" for the fourth quarter) and as the dashboard's month picker sends it
// ("2026-10"). Outside bytes: fuzzed (tests/fuzz/fuzz_targets.hpp, report_period_text).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace motcua::server {

struct ReportPeriod {
    enum class Kind { Month, Quarter };
    Kind kind = Kind::Month;
    int year = 0;
    int number = 0;  // month 1..12 or quarter 1..4
    int first_month() const { return kind == Kind::Month ? number : (number - 1) * 3 + 1; }
    int last_month() const { return kind == Kind::Month ? number : number * 3; }
    std::string from_date() const;  // "01/10/2026", local, inclusive
    std::string to_date() const;    // "31/12/2026", inclusive
    std::string title() const;      // "Tháng 10 năm 2026", "Quý IV năm 2026"
    std::string key() const;        // "2026-10", "2026-q4" (file names)
};

// "MM/YYYY" or "M/YYYY" (CLI), or "YYYY-MM" (an <input type="month">); years 2000..2200.
std::optional<ReportPeriod> parse_report_month(std::string_view text);
// "Q/YYYY", 1..4, years 2000..2200.
std::optional<ReportPeriod> parse_report_quarter(std::string_view text);

}  // namespace motcua::server
