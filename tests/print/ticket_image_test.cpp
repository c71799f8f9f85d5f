// Tickets rendered for 58 and 80 mm paper, encoded as ESC/POS, decoded back from the bytes and
// read by a real QR scanner program (zbarimg), as a counter's scanner would read the paper.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/ticket_ref.hpp"
#include "kiosk/print/escpos.hpp"
#include "kiosk/print/print_test_command.hpp"
#include "kiosk/print/text_raster.hpp"
#include "kiosk/print/ticket_render.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::print;

namespace {

const TicketFonts kFonts{"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                         "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"};
constexpr std::int64_t kIssuedAt = 1795482900000;  // 2026-11-24 08:15 in Viet Nam

TicketRef sample_ref() { return {"xa-an-phu", "2026-11-24", "A012", "0194f3a2-7c1e-7b2a-9d4e-5f6a7b8c9d0e"}; }

TicketContent sample_content() {
    TicketContent t = sample_ticket(kIssuedAt, 420);
    t.qr_payload = encode_ticket_ref(sample_ref()).value();
    return t;
}

// What zbarimg reads from a PNG (its stderr, with a harmless dbus warning, is dropped); empty
// when it found no code.
std::string scan_qr(const std::string& png) {
    auto r = test::run({"/bin/sh", "-c", "zbarimg --quiet --raw \"$0\" 2>/dev/null", png}, std::chrono::seconds(30));
    return r.exit_code == 0 ? test::chomp(r.output) : std::string();
}

// The decoded image's first and last rows with any black dot: the content's vertical extent.
int black_rows(const Bitmap& b) {
    int rows = 0;
    for (int y = 0; y < b.height; ++y)
        for (int x = 0; x < b.width; ++x)
            if (b.at(x, y)) {
                ++rows;
                break;
            }
    return rows;
}

}  // namespace

TEST_CASE("print: a 58 mm ticket decodes from its ESC/POS bytes to 384 dots and its QR scans") {
    test::TempDir dir;
    auto ticket = render_ticket(sample_content(), Paper::mm58, kFonts);
    REQUIRE(ticket.ok());
    auto decoded = decode_ticket(encode_ticket(ticket.value()));
    REQUIRE(decoded.ok());
    CHECK(decoded->width == 384);
    // Taller than the paper is wide, shorter than a hand: 48 mm x 90..200 mm.
    CHECK(decoded->height > 720);
    CHECK(decoded->height < 1600);
    CHECK(decoded.value() == ticket.value());
    REQUIRE(write_png(decoded.value(), dir.file("ticket58.png")).ok());
    std::string payload = scan_qr(dir.file("ticket58.png"));
    CHECK(payload == encode_ticket_ref(sample_ref()).value());
    auto parsed = parse_ticket_ref(payload);
    REQUIRE(parsed.ok());
    CHECK(parsed.value() == sample_ref());
}

TEST_CASE("print: an 80 mm ticket decodes to 576 dots and its QR scans back to the same ticket") {
    test::TempDir dir;
    auto ticket = render_ticket(sample_content(), Paper::mm80, kFonts);
    REQUIRE(ticket.ok());
    std::string bytes = encode_ticket(ticket.value());
    auto decoded = decode_ticket(bytes);
    REQUIRE(decoded.ok());
    CHECK(decoded->width == 576);
    CHECK(decoded->height > 900);
    CHECK(decoded->height < 2400);
    REQUIRE(write_png(decoded.value(), dir.file("ticket80.png")).ok());
    auto parsed = parse_ticket_ref(scan_qr(dir.file("ticket80.png")));
    REQUIRE(parsed.ok());
    CHECK(parsed.value() == sample_ref());
}

TEST_CASE("print: the raster goes in bands of at most 255 rows and ends with a feed and a partial cut") {
    auto ticket = render_ticket(sample_content(), Paper::mm58, kFonts);
    REQUIRE(ticket.ok());
    std::string bytes = encode_ticket(ticket.value());
    REQUIRE(bytes.substr(0, 2) == "\x1B@");
    CHECK(bytes.substr(bytes.size() - 6) == std::string("\x1B" "d\x04\x1DV\x01", 6));
    int bands = 0;
    for (std::size_t i = 2; i + 8 <= bytes.size() && bytes.compare(i, 3, "\x1Dv0") == 0;) {
        int row_bytes = static_cast<unsigned char>(bytes[i + 4]) | (static_cast<unsigned char>(bytes[i + 5]) << 8);
        int rows = static_cast<unsigned char>(bytes[i + 6]);
        CHECK(bytes[i + 7] == 0);  // yH: never needed
        CHECK(row_bytes == 48);
        CHECK(rows <= 255);
        i += 8 + static_cast<std::size_t>(row_bytes * rows);
        ++bands;
    }
    CHECK(bands == (ticket->height + 254) / 255);
}

TEST_CASE("print: a long site name wraps onto more lines instead of running off the paper") {
    TicketContent shortname = sample_content();
    shortname.site_name = "Xã An Phú";
    TicketContent longname = sample_content();
    longname.site_name =
        "Trung tâm Phục vụ hành chính công xã An Phú, huyện Châu Thành, tỉnh An Giang – điểm tiếp nhận số 2";
    auto a = render_ticket(shortname, Paper::mm58, kFonts);
    auto b = render_ticket(longname, Paper::mm58, kFonts);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    auto font = FontRaster::open(kFonts.bold);
    REQUIRE(font.ok());
    auto lines = wrap_text(**font, longname.site_name, 24, 384 - 16);
    CHECK(lines.size() >= 3);
    for (auto& line : lines) CHECK((*font)->text_width(line, 24) <= 384 - 16);
    CHECK(b->height >= a->height + 2 * (*font)->line_height(24));
    // Nothing drawn in the outermost columns: the text stayed inside the margins.
    for (int y = 0; y < b->height; ++y) {
        CHECK_FALSE(b->at(0, y));
        CHECK_FALSE(b->at(383, y));
    }
}

TEST_CASE("print: a ticket without a priority or an estimate leaves those lines out") {
    TicketContent full = sample_content();
    TicketContent plain = sample_content();
    plain.priority_label.clear();
    plain.wait_minutes.reset();
    auto a = render_ticket(full, Paper::mm58, kFonts);
    auto b = render_ticket(plain, Paper::mm58, kFonts);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(black_rows(b.value()) < black_rows(a.value()));
}

TEST_CASE("print: a QR too dense for 4-dot modules on 58 mm is refused rather than printed unreadable") {
    // Bytes 0xBC write as the letters "GC": no digit runs for the QR's compact numeric mode.
    const std::string letters(64, static_cast<char>(0xBC));
    TicketRef huge{letters, "2026-11-24", letters, letters};
    TicketContent t = sample_content();
    t.qr_payload = encode_ticket_ref(huge).value();
    auto narrow = render_ticket(t, Paper::mm58, kFonts);
    REQUIRE_FALSE(narrow.ok());
    CHECK(narrow.error().find("4 dots per module") != std::string::npos);
}

TEST_CASE("print: text the font cannot draw is refused rather than printed as boxes") {
    TicketContent t = sample_content();
    t.field_name = "Hộ tịch \xE2\x98\x83";  // U+2603 snowman: not in Noto Sans
    auto r = render_ticket(t, Paper::mm58, kFonts);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("U+2603") != std::string::npos);
}

TEST_CASE("print: decomposed Vietnamese is refused because its accents would print beside the letters") {
    TicketContent t = sample_content();
    t.field_name = "Ti\xCC\xA3" "ch";  // "Tịch" typed as i + U+0323 COMBINING DOT BELOW
    auto r = render_ticket(t, Paper::mm58, kFonts);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("NFC") != std::string::npos);
}

TEST_CASE("print: a missing font file is a clear error") {
    auto r = render_ticket(sample_content(), Paper::mm58, {"/nonexistent/font.ttf", kFonts.bold});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("/nonexistent/font.ttf") != std::string::npos);
}

TEST_CASE("print: the decoder refuses bytes that are not a whole ticket") {
    auto ticket = render_ticket(sample_content(), Paper::mm58, kFonts);
    REQUIRE(ticket.ok());
    std::string bytes = encode_ticket(ticket.value());
    CHECK_FALSE(decode_ticket(bytes.substr(0, bytes.size() / 2)).ok());  // cut short
    CHECK_FALSE(decode_ticket(bytes.substr(0, bytes.size() - 3)).ok());  // no cut
    CHECK_FALSE(decode_ticket("hello").ok());
}

TEST_CASE("print: the waiting time is said as an estimate in Vietnamese") {
    CHECK(wait_estimate_words(15) == "khoảng 15 phút");
    CHECK(wait_estimate_words(60) == "khoảng 1 giờ");
    CHECK(wait_estimate_words(95) == "khoảng 1 giờ 35 phút");
}
