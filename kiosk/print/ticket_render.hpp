// A queue ticket drawn as a 1-bit raster for an ESC/POS thermal printer (203 dpi): 384 dots wide
// on 58 mm paper, 576 on 80 mm. The same image is what the dispenser shows on screen.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "kiosk/print/bitmap.hpp"

namespace motcua::print {

enum class Paper { mm58, mm80 };
int paper_width_dots(Paper paper);            // 384 or 576
Result<Paper> paper_from_mm(std::int64_t mm);  // 58 or 80

struct TicketContent {
    std::string site_name;         // "Trung tâm Phục vụ hành chính công xã An Phú"
    std::string field_name;        // "Lĩnh vực Hộ tịch"
    std::string number;            // "A012", printed large
    std::string priority_label;    // empty when not a priority ticket, e.g. "Người cao tuổi"
    std::int64_t issued_unix_ms = 0;
    int utc_offset_minutes = 420;
    int people_ahead = 0;
    std::optional<int> wait_minutes;  // an estimate from today's service times; none: not printed
    std::string qr_payload;           // encode_ticket_ref(...)
    std::string footer;               // a short line, e.g. "Quý khách vui lòng chờ đến khi số được gọi"
};

struct TicketFonts {
    std::string regular;  // TTF path; see kiosk::find_font for the usual fallbacks
    std::string bold;
};

class FontRaster;

// Keeps the fonts open and their glyphs drawn between tickets (the dispenser holds one).
class TicketRenderer {
public:
    static Result<TicketRenderer> open(const TicketFonts& fonts);  // fails when a font cannot be read
    // Fails (rather than print something unreadable) when a character has no glyph in the font,
    // text is not precomposed (NFC), or the QR code cannot have modules of at least 4 dots.
    Result<Bitmap> render(const TicketContent& content, Paper paper);

private:
    std::shared_ptr<FontRaster> regular_, bold_;
};

// One ticket with fonts opened for it: TicketRenderer::open then render.
Result<Bitmap> render_ticket(const TicketContent& content, Paper paper, const TicketFonts& fonts);

// The words printed for the estimate, e.g. "khoảng 15 phút" (always said as an estimate).
std::string wait_estimate_words(int minutes);

}  // namespace motcua::print
