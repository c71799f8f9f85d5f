// Fonts and colours for a kiosk read from a metre away by people with poor eyesight.
// Sizes scale with the display; all fonts carry the Vietnamese glyph ranges.
#pragma once
#include <imgui.h>

#include <string>

#include "core/result.hpp"

namespace motcua::kiosk {

struct Theme {
    float scale = 1.0f;         // 1.0 at 1280x800
    ImFont* small = nullptr;    // ~30 px: language switch
    ImFont* body = nullptr;     // ~40 px: hints, reason labels
    ImFont* label = nullptr;    // ~52 px bold: titles, rating buttons
    ImFont* headline = nullptr; // ~80 px bold: "Cảm ơn Quý khách!"
    // ~150 px bold, only space to 'Z' (digits, capital letters, signs): ticket numbers and counter
    // ids read from across a lobby. Few glyphs, so the atlas stays small.
    ImFont* numerals = nullptr;
    std::string font_file, bold_font_file, warning;
    int atlas_width = 0, atlas_height = 0;  // the font texture: watch it on small devices

    float px(float base) const { return base * scale; }

    static constexpr ImU32 kBackground = IM_COL32(0xF4, 0xF6, 0xF8, 0xFF);
    static constexpr ImU32 kText = IM_COL32(0x15, 0x1A, 0x21, 0xFF);
    static constexpr ImU32 kMutedText = IM_COL32(0x3C, 0x45, 0x50, 0xFF);
    static constexpr ImU32 kWhite = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
    static constexpr ImU32 kBorder = IM_COL32(0x5A, 0x64, 0x70, 0xFF);
    static constexpr ImU32 kSelected = IM_COL32(0x0D, 0x47, 0xA1, 0xFF);
    static constexpr ImU32 kPositive = IM_COL32(0x1B, 0x7F, 0x3B, 0xFF);
    static constexpr ImU32 kNeutralButton = IM_COL32(0x45, 0x4F, 0x5B, 0xFF);
    static constexpr ImU32 kWarning = IM_COL32(0xB2, 0x1F, 0x1F, 0xFF);
};

// Builds the font atlas for a display of the given size into the current ImGui context
// (FreeType rasteriser: half the atlas of stb at these sizes) and sets the style.
Result<Theme> build_theme(float display_width, float display_height, const std::string& font_file,
                          const std::string& bold_font_file);

ImU32 rgb(unsigned rrggbb, float brightness = 1.0f);

}  // namespace motcua::kiosk
