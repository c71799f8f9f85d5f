#include "core/ticket_ref.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <vector>

#include "core/uuid.hpp"

namespace motcua {

namespace {

constexpr std::string_view kPrefix = "TN1";
constexpr char kSeparator = 'K';
constexpr char kUuidMarker = 'V';
constexpr std::string_view kSymbols = "0123456789BCFGHJ";  // 16 symbols: one per hex digit
constexpr std::size_t kMaxFieldBytes = 64;

std::uint16_t crc16_ccitt(std::string_view bytes) {
    std::uint16_t crc = 0xFFFF;
    for (unsigned char c : bytes) {
        crc = static_cast<std::uint16_t>(crc ^ (c << 8));
        for (int i = 0; i < 8; ++i)
            crc = static_cast<std::uint16_t>((crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1);
    }
    return crc;
}

int symbol_value(char c) {
    auto pos = kSymbols.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

std::string bytes_to_symbols(std::string_view bytes) {
    std::string out;
    for (unsigned char c : bytes) {
        out += kSymbols[c >> 4];
        out += kSymbols[c & 0x0F];
    }
    return out;
}

Result<std::string> symbols_to_bytes(std::string_view symbols, const char* field) {
    if (symbols.empty() || symbols.size() % 2 != 0 || symbols.size() > 2 * kMaxFieldBytes)
        return Result<std::string>::failure(std::string("the ") + field + " field has a wrong length");
    std::string out;
    for (std::size_t i = 0; i < symbols.size(); i += 2) {
        int hi = symbol_value(symbols[i]), lo = symbol_value(symbols[i + 1]);
        if (hi < 0 || lo < 0) return Result<std::string>::failure(std::string("the ") + field + " field has a wrong character");
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

std::string encode_ticket_id(const std::string& id) {
    if (!looks_like_uuid(id))  // lower-case hex only, so it round-trips exactly
        return bytes_to_symbols(id);
    std::string out(1, kUuidMarker);
    for (char c : id) {
        if (c == '-') continue;
        int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'a' + 10;
        out += kSymbols[static_cast<std::size_t>(v)];
    }
    return out;
}

Result<std::string> decode_ticket_id(std::string_view text) {
    if (text.empty() || text[0] != kUuidMarker) return symbols_to_bytes(text, "ticket id");
    text.remove_prefix(1);
    if (text.size() != 32) return Result<std::string>::failure("the ticket id field has a wrong length");
    static constexpr std::string_view kHex = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        int v = symbol_value(text[i]);
        if (v < 0) return Result<std::string>::failure("the ticket id field has a wrong character");
        if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
        out += kHex[static_cast<std::size_t>(v)];
    }
    return out;
}

bool leap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

bool valid_date(int y, int m, int d) {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
    int max = days[static_cast<std::size_t>(m - 1)] + (m == 2 && leap(y) ? 1 : 0);
    return d <= max;
}

// "yyyy-mm-dd" -> "yymmdd", empty if not a real day in 2000..2099.
std::string compact_day(const std::string& day) {
    if (day.size() != 10 || day[4] != '-' || day[7] != '-') return {};
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(day[i]))) return {};
    int y = std::stoi(day.substr(0, 4)), m = std::stoi(day.substr(5, 2)), d = std::stoi(day.substr(8, 2));
    if (!valid_date(y, m, d)) return {};
    return day.substr(2, 2) + day.substr(5, 2) + day.substr(8, 2);
}

std::vector<std::string_view> split(std::string_view text, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        auto pos = text.find(sep, start);
        parts.push_back(text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
        if (pos == std::string_view::npos) return parts;
        start = pos + 1;
    }
}

std::string four_symbols(std::uint16_t v) {
    std::string out;
    for (int shift = 12; shift >= 0; shift -= 4) out += kSymbols[(v >> shift) & 0x0F];
    return out;
}

}  // namespace

Result<std::string> encode_ticket_ref(const TicketRef& ref) {
    using R = Result<std::string>;
    if (ref.site_id.empty() || ref.number.empty() || ref.ticket_id.empty())
        return R::failure("a ticket reference needs a site id, a number and a ticket id");
    if (ref.site_id.size() > kMaxFieldBytes || ref.number.size() > kMaxFieldBytes || ref.ticket_id.size() > kMaxFieldBytes)
        return R::failure("a ticket reference field is longer than 64 bytes");
    std::string day = compact_day(ref.day);
    if (day.empty()) return R::failure("the ticket's day \"" + ref.day + "\" is not a date yyyy-mm-dd in 2000..2099");
    std::string body = std::string(kPrefix) + kSeparator + bytes_to_symbols(ref.site_id) + kSeparator + day +
                       kSeparator + bytes_to_symbols(ref.number) + kSeparator + encode_ticket_id(ref.ticket_id) +
                       kSeparator;
    return body + four_symbols(crc16_ccitt(body));
}

Result<TicketRef> parse_ticket_ref(std::string_view text) {
    using R = Result<TicketRef>;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    if (text.size() > 512) return R::failure("too long to be a ticket reference");
    std::string upper;
    for (char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper.rfind("TN", 0) != 0) return R::failure("not a ticket reference (it does not start with TN)");
    if (upper.size() < 3 || upper[2] != '0' + kTicketRefVersion)
        return R::failure("a ticket reference of another version (this program reads version 1)");
    auto parts = split(upper, kSeparator);
    if (parts.size() != 6) return R::failure("a damaged ticket reference (wrong number of fields)");
    std::string_view check = parts[5];
    std::string_view body = std::string_view(upper).substr(0, upper.size() - check.size());
    if (check != four_symbols(crc16_ccitt(body)))
        return R::failure("a damaged or mistyped ticket reference (check symbols do not match)");
    TicketRef ref;
    auto site = symbols_to_bytes(parts[1], "site");
    if (!site) return R::failure(site.error());
    ref.site_id = site.value();
    std::string_view day = parts[2];
    if (day.size() != 6) return R::failure("the day field has a wrong length");
    for (char c : day)
        if (!std::isdigit(static_cast<unsigned char>(c))) return R::failure("the day field has a wrong character");
    ref.day = "20" + std::string(day.substr(0, 2)) + "-" + std::string(day.substr(2, 2)) + "-" + std::string(day.substr(4, 2));
    if (compact_day(ref.day).empty()) return R::failure("the day field is not a real date");
    auto number = symbols_to_bytes(parts[3], "number");
    if (!number) return R::failure(number.error());
    ref.number = number.value();
    auto id = decode_ticket_id(parts[4]);
    if (!id) return R::failure(id.error());
    ref.ticket_id = id.value();
    return ref;
}

}  // namespace motcua
