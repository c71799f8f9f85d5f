#include "kiosk/print/ticket_render.hpp"

#include <qrencode.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "core/vn_format.hpp"
#include "kiosk/print/text_raster.hpp"

namespace motcua::print {

int paper_width_dots(Paper paper) { return paper == Paper::mm58 ? 384 : 576; }

Result<Paper> paper_from_mm(std::int64_t mm) {
    if (mm == 58) return Paper::mm58;
    if (mm == 80) return Paper::mm80;
    return Result<Paper>::failure("paper width must be 58 or 80 mm, not " + std::to_string(mm));
}

std::string wait_estimate_words(int minutes) {
    if (minutes < 1) minutes = 1;
    if (minutes < 60) return "khoảng " + std::to_string(minutes) + " phút";
    std::string words = "khoảng " + std::to_string(minutes / 60) + " giờ";
    if (minutes % 60) words += " " + std::to_string(minutes % 60) + " phút";
    return words;
}

namespace {

// Lays out the ticket top to bottom on a bitmap that grows as lines are added.
class Layout {
public:
    Layout(int width, FontRaster& regular, FontRaster& bold)
        : page_(width, 0), regular_(regular), bold_(bold), margin_(width / 48) {
        page_.dots.reserve(static_cast<std::size_t>(width) * 2048);  // room for a long ticket: no copying as it grows
    }

    int width() const { return page_.width; }
    int content_width() const { return page_.width - 2 * margin_; }
    void space(int dots) { y_ += dots; }

    void centred(const std::string& text, int px, bool is_bold) {
        FontRaster& font = is_bold ? bold_ : regular_;
        for (auto& line : wrap_text(font, text, px, content_width())) {
            int h = font.line_height(px);
            page_.grow_to_height(y_ + h);
            int w = font.text_width(line, px);
            y_ += font.draw_line(page_, (page_.width - w) / 2, y_, line, px);
        }
    }

    // White text on a black bar across the paper: the priority label must not be missed.
    void banner(const std::string& text, int px) {
        auto lines = wrap_text(bold_, text, px, content_width() - 2 * margin_);
        int h = bold_.line_height(px);
        int pad = px / 5;
        page_.grow_to_height(y_ + static_cast<int>(lines.size()) * h + 2 * pad);
        page_.fill_rect(margin_, y_, content_width(), static_cast<int>(lines.size()) * h + 2 * pad);
        y_ += pad;
        for (auto& line : lines) {
            int w = bold_.text_width(line, px);
            y_ += bold_.draw_line(page_, (page_.width - w) / 2, y_, line, px, false);
        }
        y_ += pad;
    }

    // The number, as large as fits: it is read from a metre away. Digits and Latin capitals have
    // no marks above and nothing below the baseline, so the space around it is measured from
    // the dots drawn rather than from the font's line height (which leaves room for both).
    void big_number(const std::string& number, int max_px) {
        int px = max_px;
        while (px > 24 && bold_.text_width(number, px) > content_width()) px -= 4;
        int line = bold_.line_height(px);
        Bitmap scratch(page_.width, line);
        bold_.draw_line(scratch, (page_.width - bold_.text_width(number, px)) / 2, 0, number, px);
        int first = line, last = -1;
        for (int y = 0; y < line; ++y)
            for (int x = 0; x < scratch.width; ++x)
                if (scratch.at(x, y)) {
                    first = std::min(first, y);
                    last = y;
                    break;
                }
        if (last < 0) return;
        int h = last - first + 1;
        page_.grow_to_height(y_ + h);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < scratch.width; ++x)
                if (scratch.at(x, first + y)) page_.set(x, y_ + y);
        y_ += h;
    }

    void rule() {
        page_.grow_to_height(y_ + 2);
        page_.fill_rect(margin_, y_, content_width(), 2);
        y_ += 2;
    }

    Status qr(const std::string& payload) {
        if (payload.empty()) return Status::failure("the ticket has no QR payload");
        std::unique_ptr<QRcode, void (*)(QRcode*)> code(QRcode_encodeString(payload.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                       QRcode_free);
        if (!code) return Status::failure("cannot make a QR code of \"" + payload + "\"");
        constexpr int kQuietModules = 4;  // the white border a scanner needs around the code
        // Modules of 4 to 7 dots (0.5 to 0.9 mm at 203 dpi): big enough for a counter scanner and
        // a phone, small enough to leave the paper for the number.
        int modules = code->width + 2 * kQuietModules;
        int module = std::min(7, (page_.width * 3 / 4) / modules);
        if (module < 4)
            return Status::failure("the QR code of " + std::to_string(code->width) +
                                   " modules does not fit the paper at 4 dots per module");
        int size = code->width * module;
        int left = (page_.width - size) / 2, top = y_ + kQuietModules * module;
        page_.grow_to_height(y_ + modules * module);
        for (int r = 0; r < code->width; ++r)
            for (int c = 0; c < code->width; ++c)
                if (code->data[r * code->width + c] & 1) page_.fill_rect(left + c * module, top + r * module, module, module);
        y_ += modules * module;
        return Status::success();
    }

    Bitmap finish(int bottom_margin) {
        page_.grow_to_height(y_ + bottom_margin);
        return std::move(page_);
    }

private:
    Bitmap page_;
    FontRaster& regular_;
    FontRaster& bold_;
    int margin_;
    int y_ = 0;
};

std::string code_points_text(const std::vector<char32_t>& cps) {
    std::string out;
    for (char32_t cp : cps) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%sU+%04X", out.empty() ? "" : " ", static_cast<unsigned>(cp));
        out += buf;
    }
    return out;
}

// Decomposed text (a letter followed by a combining accent) would print the accent beside the
// letter, not on it: Vietnamese must arrive precomposed (NFC).
std::optional<char32_t> first_combining_mark(const TicketContent& c) {
    for (const std::string* text : {&c.site_name, &c.field_name, &c.number, &c.priority_label, &c.footer})
        for (char32_t cp : utf8_code_points(*text))
            if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
                (cp >= 0x20D0 && cp <= 0x20FF))
                return cp;
    return std::nullopt;
}

}  // namespace

Result<TicketRenderer> TicketRenderer::open(const TicketFonts& fonts) {
    auto regular = FontRaster::open(fonts.regular);
    if (!regular) return Result<TicketRenderer>::failure(regular.error());
    auto bold = FontRaster::open(fonts.bold);
    if (!bold) return Result<TicketRenderer>::failure(bold.error());
    TicketRenderer renderer;
    renderer.regular_ = regular.value();
    renderer.bold_ = bold.value();
    return renderer;
}

Result<Bitmap> render_ticket(const TicketContent& content, Paper paper, const TicketFonts& fonts) {
    auto renderer = TicketRenderer::open(fonts);
    if (!renderer) return Result<Bitmap>::failure(renderer.error());
    return renderer->render(content, paper);
}

Result<Bitmap> TicketRenderer::render(const TicketContent& content, Paper paper) {
    if (auto mark = first_combining_mark(content))
        return Result<Bitmap>::failure("the ticket text has a separate combining mark " + code_points_text({*mark}) +
                                       ": it must be precomposed Unicode (NFC)");
    regular_->forget_missing_glyphs();
    bold_->forget_missing_glyphs();
    FontRaster* regular = regular_.get();  // named as the layout below uses them
    FontRaster* bold = bold_.get();

    int width = paper_width_dots(paper);
    auto px = [width](int at58) { return at58 * width / 384; };  // sizes scale with the paper
    Layout page(width, *regular, *bold);
    page.space(px(10));
    page.centred(content.site_name, px(24), true);
    page.space(px(2));
    page.centred(content.field_name, px(24), false);
    page.space(px(8));
    page.rule();
    page.space(px(8));
    page.centred("SỐ THỨ TỰ", px(22), false);
    page.space(px(10));
    page.big_number(content.number, px(150));
    page.space(px(10));
    if (!content.priority_label.empty()) {
        page.space(px(4));
        page.banner("ƯU TIÊN: " + content.priority_label, px(24));
    }
    page.space(px(10));
    // A no-break space keeps the count on the line of its words when the line has to wrap.
    page.centred("Số người chờ trước:\u00A0" + std::to_string(content.people_ahead), px(24), false);
    if (content.wait_minutes) {
        page.centred("Thời gian chờ ước tính:", px(22), false);
        page.centred(wait_estimate_words(*content.wait_minutes), px(24), true);
    }
    page.space(px(4));
    if (auto qr = page.qr(content.qr_payload); !qr) return Result<Bitmap>::failure(qr.error());
    page.centred("Lấy số lúc " + vn::date_time(content.issued_unix_ms, content.utc_offset_minutes), px(22), false);
    if (!content.footer.empty()) {
        page.space(px(4));
        page.centred(content.footer, px(20), false);
    }
    Bitmap ticket = page.finish(px(16));

    std::vector<char32_t> missing = regular->missing_glyphs();
    for (char32_t cp : bold->missing_glyphs())
        if (std::find(missing.begin(), missing.end(), cp) == missing.end()) missing.push_back(cp);
    if (!missing.empty())
        return Result<Bitmap>::failure("the ticket font has no glyph for " + code_points_text(missing) +
                                       " (text must be precomposed Unicode, NFC)");
    return ticket;
}

}  // namespace motcua::print
