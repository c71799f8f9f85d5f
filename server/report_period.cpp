#include "server/report_period.hpp"

#include <charconv>

#include "server/report_texts.hpp"

namespace motcua::server {

namespace {

// A whole number of 1 to `max_digits` digits, nothing else.
std::optional<int> number(std::string_view text, std::size_t max_digits) {
    if (text.empty() || text.size() > max_digits) return std::nullopt;
    int v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return v;
}

std::optional<ReportPeriod> make(ReportPeriod::Kind kind, std::optional<int> n, std::optional<int> year) {
    int most = kind == ReportPeriod::Kind::Month ? 12 : 4;
    if (!n || !year || *n < 1 || *n > most || *year < 2000 || *year > 2200) return std::nullopt;
    return ReportPeriod{kind, *year, *n};
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

int days_in_month(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::string ReportPeriod::from_date() const { return "01/" + two(first_month()) + "/" + std::to_string(year); }

std::string ReportPeriod::to_date() const {
    return two(days_in_month(year, last_month())) + "/" + two(last_month()) + "/" + std::to_string(year);
}

std::string ReportPeriod::title() const {
    static constexpr const char* kRoman[] = {"I", "II", "III", "IV"};
    std::string year_text = report_text("formal.year") + " " + std::to_string(year);
    if (kind == Kind::Month) return report_text("formal.month") + " " + std::to_string(number) + " " + year_text;
    return report_text("formal.quarter") + " " + kRoman[number - 1] + " " + year_text;
}

std::string ReportPeriod::key() const {
    return std::to_string(year) + (kind == Kind::Month ? "-" + two(number) : "-q" + std::to_string(number));
}

std::optional<ReportPeriod> parse_report_month(std::string_view text) {
    if (auto slash = text.find('/'); slash != std::string_view::npos)
        return make(ReportPeriod::Kind::Month, number(text.substr(0, slash), 2), number(text.substr(slash + 1), 4));
    if (text.size() == 7 && text[4] == '-')
        return make(ReportPeriod::Kind::Month, number(text.substr(5), 2), number(text.substr(0, 4), 4));
    return std::nullopt;
}

std::optional<ReportPeriod> parse_report_quarter(std::string_view text) {
    auto slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    return make(ReportPeriod::Kind::Quarter, number(text.substr(0, slash), 1), number(text.substr(slash + 1), 4));
}

}  // namespace motcua::server
