#include "kiosk/print/text_raster.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>

namespace motcua::print {

struct FontRaster::Impl {
    FT_Library library = nullptr;
    FT_Face face = nullptr;
    int current_size = 0;
    ~Impl() {
        if (face) FT_Done_Face(face);
        if (library) FT_Done_FreeType(library);
    }
    void size(int px) {
        if (px != current_size) {
            FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(px));
            current_size = px;
        }
    }
};

std::vector<char32_t> utf8_code_points(const std::string& s) {
    std::vector<char32_t> out;
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
        if (extra < 0 || i + static_cast<std::size_t>(extra) >= s.size()) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        char32_t cp = extra == 0 ? c : (c & (0x3F >> extra));
        bool ok = true;
        for (int k = 1; k <= extra; ++k) {
            auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            if ((cc & 0xC0) != 0x80) { ok = false; break; }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (!ok) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += static_cast<std::size_t>(extra) + 1;
    }
    return out;
}

Result<std::shared_ptr<FontRaster>> FontRaster::open(const std::string& ttf_path) {
    using R = Result<std::shared_ptr<FontRaster>>;
    std::shared_ptr<FontRaster> font(new FontRaster());
    font->impl_ = std::make_unique<Impl>();
    if (FT_Init_FreeType(&font->impl_->library)) return R::failure("cannot start FreeType");
    if (FT_New_Face(font->impl_->library, ttf_path.c_str(), 0, &font->impl_->face))
        return R::failure("cannot read the font " + ttf_path);
    return font;
}

FontRaster::~FontRaster() = default;

int FontRaster::text_width(const std::string& utf8, int pixel_size) {
    impl_->size(pixel_size);
    long width = 0;
    for (char32_t cp : utf8_code_points(utf8)) {
        if (FT_Load_Char(impl_->face, cp, FT_LOAD_DEFAULT)) continue;
        width += impl_->face->glyph->advance.x;
    }
    return static_cast<int>((width + 63) >> 6);
}

int FontRaster::line_height(int pixel_size) {
    impl_->size(pixel_size);
    return static_cast<int>((impl_->face->size->metrics.height + 63) >> 6);
}

int FontRaster::draw_line(Bitmap& bitmap, int left, int top, const std::string& utf8, int pixel_size, bool black) {
    impl_->size(pixel_size);
    FT_Face face = impl_->face;
    // The line's top is the font's ascender (it includes room for marks over capitals: Ấ, Ệ).
    int baseline = top + static_cast<int>((face->size->metrics.ascender + 63) >> 6);
    long pen_x = static_cast<long>(left) << 6;
    for (char32_t cp : utf8_code_points(utf8)) {
        if (FT_Get_Char_Index(face, cp) == 0 && cp != ' ' &&
            std::find(missing_.begin(), missing_.end(), cp) == missing_.end())
            missing_.push_back(cp);
        if (FT_Load_Char(face, cp, FT_LOAD_RENDER)) continue;
        const FT_GlyphSlot g = face->glyph;
        const FT_Bitmap& bm = g->bitmap;
        int x0 = static_cast<int>(pen_x >> 6) + g->bitmap_left, y0 = baseline - g->bitmap_top;
        for (unsigned row = 0; row < bm.rows; ++row)
            for (unsigned col = 0; col < bm.width; ++col) {
                // Anti-aliased coverage cut at half: crisper edges on a thermal head than hinted mono.
                unsigned char v = bm.buffer[static_cast<long>(row) * bm.pitch + col];
                if (v >= 128) bitmap.set(x0 + static_cast<int>(col), y0 + static_cast<int>(row), black);
            }
        pen_x += g->advance.x;
    }
    return line_height(pixel_size);
}

std::vector<std::string> wrap_text(FontRaster& font, const std::string& utf8, int pixel_size, int max_width) {
    std::vector<std::string> words;
    std::string word;
    for (char c : utf8) {
        if (c == ' ' || c == '\n') {
            if (!word.empty()) words.push_back(word);
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(word);

    std::vector<std::string> lines;
    std::string line;
    auto push_word = [&](const std::string& w) {
        std::string candidate = line.empty() ? w : line + " " + w;
        if (font.text_width(candidate, pixel_size) <= max_width) {
            line = candidate;
            return;
        }
        if (!line.empty()) lines.push_back(line);
        line.clear();
        if (font.text_width(w, pixel_size) <= max_width) {
            line = w;
            return;
        }
        // One word wider than the paper: break it between code points.
        std::string piece;
        std::size_t i = 0;
        while (i < w.size()) {
            std::size_t len = 1;
            while (i + len < w.size() && (static_cast<unsigned char>(w[i + len]) & 0xC0) == 0x80) ++len;
            std::string next = piece + w.substr(i, len);
            if (!piece.empty() && font.text_width(next, pixel_size) > max_width) {
                lines.push_back(piece);
                piece = w.substr(i, len);
            } else {
                piece = next;
            }
            i += len;
        }
        line = piece;
    };
    for (auto& w : words) push_word(w);
    if (!line.empty()) lines.push_back(line);
    return lines;
}

}  // namespace motcua::print
