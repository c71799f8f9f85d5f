#include "kiosk/voice/call_phrase.hpp"

#include <cstdint>
#include <optional>

namespace motcua::voice {

namespace {

constexpr std::string_view kInvite = "moi_cong_dan_co_so_thu_tu";
constexpr std::string_view kToCounter = "den_quay_so";

// Letter names as a Vietnamese announcer spells them. Telex spellings name the letters with
// marks (aw = Ă, aa = Â, dd = Đ, ee = Ê, oo = Ô, ow = Ơ, uw = Ư), as Vietnamese keyboards type them.
struct Letter {
    char32_t upper;
    char32_t lower;
    std::string_view clip;
};
constexpr Letter kLetters[] = {
    {U'A', U'a', "letter_a"},       {U'Ă', U'ă', "letter_aw"},     {U'Â', U'â', "letter_aa"},
    {U'B', U'b', "letter_b"},       {U'C', U'c', "letter_c"},      {U'D', U'd', "letter_d"},
    {U'Đ', U'đ', "letter_dd"},      {U'E', U'e', "letter_e"},      {U'Ê', U'ê', "letter_ee"},
    {U'F', U'f', "letter_f"},       {U'G', U'g', "letter_g"},      {U'H', U'h', "letter_h"},
    {U'I', U'i', "letter_i"},       {U'J', U'j', "letter_j"},      {U'K', U'k', "letter_k"},
    {U'L', U'l', "letter_l"},       {U'M', U'm', "letter_m"},      {U'N', U'n', "letter_n"},
    {U'O', U'o', "letter_o"},       {U'Ô', U'ô', "letter_oo"},     {U'Ơ', U'ơ', "letter_ow"},
    {U'P', U'p', "letter_p"},       {U'Q', U'q', "letter_q"},      {U'R', U'r', "letter_r"},
    {U'S', U's', "letter_s"},       {U'T', U't', "letter_t"},      {U'U', U'u', "letter_u"},
    {U'Ư', U'ư', "letter_uw"},      {U'V', U'v', "letter_v"},      {U'W', U'w', "letter_w"},
    {U'X', U'x', "letter_x"},       {U'Y', U'y', "letter_y"},      {U'Z', U'z', "letter_z"},
};

constexpr std::string_view kDigits[] = {"digit_0", "digit_1", "digit_2", "digit_3", "digit_4",
                                        "digit_5", "digit_6", "digit_7", "digit_8", "digit_9"};

// Decodes one UTF-8 character at `pos` and advances past it; invalid bytes decode as U+FFFD.
char32_t next_char(std::string_view s, size_t& pos) {
    auto byte = [&](size_t i) { return static_cast<std::uint8_t>(s[i]); };
    std::uint8_t b = byte(pos);
    int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
    if (extra < 0 || pos + static_cast<size_t>(extra) >= s.size()) {
        ++pos;
        return U'\uFFFD';
    }
    char32_t c = extra == 0 ? b : static_cast<char32_t>(b & (0x3F >> extra));
    for (int i = 1; i <= extra; ++i) {
        std::uint8_t cont = byte(pos + static_cast<size_t>(i));
        if ((cont & 0xC0) != 0x80) {
            ++pos;
            return U'\uFFFD';
        }
        c = (c << 6) | (cont & 0x3F);
    }
    pos += static_cast<size_t>(extra) + 1;
    return c;
}

std::optional<std::string_view> letter_clip(char32_t c) {
    for (const auto& l : kLetters)
        if (c == l.upper || c == l.lower) return l.clip;
    return std::nullopt;
}

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// 10..99 as spoken: "mười", "mười lăm", "hai mươi", "hai mươi mốt", "hai mươi lăm".
void add_number(int n, std::vector<std::string>& out) {
    int tens = n / 10, units = n % 10;
    if (tens == 1) {
        out.emplace_back("number_10");
    } else {
        out.emplace_back(kDigits[tens]);
        out.emplace_back("number_tens");
    }
    if (units == 0) return;
    if (units == 1 && tens >= 2) out.emplace_back("number_1_after_tens");
    else if (units == 5) out.emplace_back("number_5_after_tens");
    else out.emplace_back(kDigits[units]);
}

void add_chars(std::string_view s, bool digit_runs_as_numbers, std::vector<std::string>& out) {
    size_t pos = 0;
    while (pos < s.size()) {
        size_t start = pos;
        char32_t c = next_char(s, pos);
        if (is_digit(c)) {
            size_t end = start;
            while (end < s.size() && is_digit(static_cast<unsigned char>(s[end]))) ++end;
            std::string_view run = s.substr(start, end - start);
            if (digit_runs_as_numbers && run.size() <= 2 && run[0] != '0') {
                int n = 0;
                for (char d : run) n = n * 10 + (d - '0');
                if (n < 10) out.emplace_back(kDigits[n]);
                else add_number(n, out);
            } else {
                for (char d : run) out.emplace_back(kDigits[d - '0']);
            }
            pos = end;
        } else if (auto clip = letter_clip(c)) {
            out.emplace_back(*clip);
        }
    }
}

}  // namespace

const std::vector<ClipSpec>& clip_specs() {
    static const std::vector<ClipSpec> specs = [] {  // immutable table, built once
        // Words as espeak-ng's Northern voice needs them: J is said "gi" (/zi/), but espeak-ng reads
        // "gi" alone as a bare consonant, so it is given "di", which Northern speech says the same.
        std::vector<ClipSpec> s = {
            {kChimeClip, ""},
            {kInvite, "Mời công dân có số thứ tự"},
            {kToCounter, "đến quầy số"},
            {"digit_0", "không"}, {"digit_1", "một"}, {"digit_2", "hai"}, {"digit_3", "ba"},
            {"digit_4", "bốn"},   {"digit_5", "năm"}, {"digit_6", "sáu"}, {"digit_7", "bảy"},
            {"digit_8", "tám"},   {"digit_9", "chín"},
            {"number_10", "mười"}, {"number_tens", "mươi"}, {"number_1_after_tens", "mốt"},
            {"number_5_after_tens", "lăm"},
            {"letter_a", "a"},       {"letter_aw", "á"},     {"letter_aa", "ớ"},     {"letter_b", "bê"},
            {"letter_c", "xê"},      {"letter_d", "dê"},     {"letter_dd", "đê"},    {"letter_e", "e"},
            {"letter_ee", "ê"},      {"letter_f", "ép"},     {"letter_g", "giê"},    {"letter_h", "hát"},
            {"letter_i", "i"},       {"letter_j", "di"},     {"letter_k", "ca"},     {"letter_l", "e lờ"},
            {"letter_m", "em mờ"},   {"letter_n", "en nờ"},  {"letter_o", "o"},      {"letter_oo", "ô"},
            {"letter_ow", "ơ"},      {"letter_p", "pê"},     {"letter_q", "quy"},    {"letter_r", "e rờ"},
            {"letter_s", "ét xì"},   {"letter_t", "tê"},     {"letter_u", "u"},      {"letter_uw", "ư"},
            {"letter_v", "vê"},      {"letter_w", "vê kép"}, {"letter_x", "ích xì"}, {"letter_y", "i dài"},
            {"letter_z", "dét"},
        };
        return s;
    }();
    return specs;
}

CallPhrase call_phrase(std::string_view ticket, std::string_view counter) {
    CallPhrase p;
    p.ticket = std::string(ticket);
    p.counter = std::string(counter);
    p.clips.emplace_back(kChimeClip);
    p.clips.emplace_back(kInvite);
    add_chars(ticket, false, p.clips);
    p.clips.emplace_back(kToCounter);
    add_chars(counter, true, p.clips);
    p.text = "Mời công dân có số thứ tự " + p.ticket + " đến quầy số " + p.counter;
    return p;
}

}  // namespace motcua::voice
