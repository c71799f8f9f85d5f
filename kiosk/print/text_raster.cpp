#include "kiosk/print/text_raster.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <map>
#include <utility>

namespace motcua::print {

struct FontRaster::Impl {
    FT_Library library = nullptr;
    FT_Face face = nullptr;
    int current_size = 0;
    // Glyphs by (pixel size, code point), already cut to 1 bit: hinting a glyph costs far more
    // than copying it, and a ticket repeats a few dozen glyphs at a few sizes.
    struct Glyph {
        long advance = 0;  // 26.6 fixed point
        int left = 0, top = 0, width = 0, rows = 0;
        std::vector<std::uint8_t> dots;
        bool loaded = false;
    };
    std::map<std::pair<int, char32_t>, Glyph> glyphs;
    ~Impl() {
        if (face) FT_Done_Face(face);
        if (library) FT_Done_FreeType(library);
    }
    const Glyph& glyph(int px, char32_t cp) {
        auto [it, fresh] = glyphs.try_emplace({px, cp});
        Glyph& g = it->second;
        if (!fresh) return g;
        size(px);
        if (FT_Load_Char(face, cp, FT_LOAD_RENDER)) return g;
        const FT_GlyphSlot slot = face->glyph;
        const FT_Bitmap& bm = slot->bitmap;
        g.loaded = true;
        g.advance = slot->advance.x;
        g.left = slot->bitmap_left;
        g.top = slot->bitmap_top;
        g.width = static_cast<int>(bm.width);
        g.rows = static_cast<int>(bm.rows);
        g.dots.resize(static_cast<std::size_t>(g.width) * static_cast<std::size_t>(g.rows));
        for (int row = 0; row < g.rows; ++row)
            for (int col = 0; col < g.width; ++col)
                // Anti-aliased coverage cut at half: crisper edges on a thermal head than hinted mono.
                g.dots[static_cast<std::size_t>(row * g.width + col)] =
                    bm.buffer[static_cast<long>(row) * bm.pitch + col] >= 128 ? 1 : 0;
        return g;
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
    long width = 0;
    for (char32_t cp : utf8_code_points(utf8)) width += impl_->glyph(pixel_size, cp).advance;
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
        const auto& g = impl_->glyph(pixel_size, cp);
        if (!g.loaded) continue;
        int x0 = static_cast<int>(pen_x >> 6) + g.left, y0 = baseline - g.top;
        for (int row = 0; row < g.rows; ++row)
            for (int col = 0; col < g.width; ++col)
                if (g.dots[static_cast<std::size_t>(row * g.width + col)]) bitmap.set(x0 + col, y0 + row, black);
        pen_x += g.advance;
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
