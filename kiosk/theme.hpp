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
    // ids read from across a lobby. Only for roles that ask (the board): it doubles the font
    // texture, and building and uploading it was a sixth of every role's time to first frame.
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

// 1.0 at 1280x800; the smaller of the two ratios, never under 0.5.
float theme_scale(float display_width, float display_height);
// True when two scales give every font the same pixel size (so one atlas serves both).
bool same_font_sizes(float scale_a, float scale_b);

struct FontRequest {
    float scale = 1.0f;
    std::string font_file, bold_font_file;  // tried first; Noto Sans, then DejaVu Sans otherwise
    bool large_numerals = false;            // Theme::numerals
};

// Loads and rasterises the fonts into `atlas` (FreeType: half the atlas of stb at these sizes).
// Touches no ImGui context, so it may run on a worker thread while the window is being created;
// the returned Theme's fonts live in `atlas`.
Result<Theme> build_theme_fonts(ImFontAtlas& atlas, const FontRequest& request);
// The kiosk's colours and spacing, into the current ImGui context's style.
void apply_theme_style();

ImU32 rgb(unsigned rrggbb, float brightness = 1.0f);

}  // namespace motcua::kiosk
