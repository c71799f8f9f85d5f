// Text drawn into a 1-bit Bitmap through FreeType with the kiosk's own TTF font, because most
// thermal printers have no Vietnamese code page. Text must be UTF-8 in NFC (precomposed letters
// such as "ệ", as the settings and texts are kept): glyphs are placed one after the other, with
// no shaping, so a separate combining mark would not sit on its letter (render_ticket refuses it).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "kiosk/print/bitmap.hpp"

namespace motcua::print {

class FontRaster {
public:
    static Result<std::shared_ptr<FontRaster>> open(const std::string& ttf_path);
    ~FontRaster();
    FontRaster(const FontRaster&) = delete;
    FontRaster& operator=(const FontRaster&) = delete;

    int text_width(const std::string& utf8, int pixel_size);
    int line_height(int pixel_size);  // baseline to baseline, with room for Vietnamese stacked marks
    // Draws one line with its top at `top` (black dots, or white ones on a black bar); returns
    // the line height.
    int draw_line(Bitmap& bitmap, int left, int top, const std::string& utf8, int pixel_size, bool black = true);
    // Code points the font has no glyph for (drawn as the font's empty box): callers report them.
    const std::vector<char32_t>& missing_glyphs() const { return missing_; }
    void forget_missing_glyphs() { missing_.clear(); }

private:
    FontRaster() = default;
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::vector<char32_t> missing_;
};

// Breaks text into lines no wider than max_width at spaces; a word wider than a line is broken
// between letters, so nothing is cut off the paper.
std::vector<std::string> wrap_text(FontRaster& font, const std::string& utf8, int pixel_size, int max_width);

std::vector<char32_t> utf8_code_points(const std::string& utf8);  // invalid bytes become U+FFFD

}  // namespace motcua::print
