#include "kiosk/theme.hpp"

#include <imgui_freetype.h>

#include <algorithm>
#include <cmath>

#include "kiosk/kiosk_settings.hpp"

namespace motcua::kiosk {

ImU32 rgb(unsigned rrggbb, float brightness) {
    auto channel = [&](unsigned shift) {
        float v = static_cast<float>((rrggbb >> shift) & 0xFFu) * brightness;
        return static_cast<int>(std::clamp(v, 0.0f, 255.0f));
    };
    return IM_COL32(channel(16), channel(8), channel(0), 0xFF);
}

namespace {
// ImGui's Vietnamese ranges (GetGlyphRangesVietnamese in 1.86), plus the punctuation that site and
// counter names from the server's configuration use ("–", "“ ”", "…"); without it they show as "?".
// Static storage: ImGui reads the ranges for as long as the fonts live.
constexpr ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF, 0x0102, 0x0103, 0x0110, 0x0111, 0x0128, 0x0129, 0x0168, 0x0169,
    0x01A0, 0x01A1, 0x01AF, 0x01B0, 0x1EA0, 0x1EF9, 0x2010, 0x2027, 0,
};
constexpr ImWchar kNumeralRanges[] = {0x0020, 0x005A, 0};
}  // namespace

float theme_scale(float display_width, float display_height) {
    return std::max(0.5f, std::min(display_width / 1280.0f, display_height / 800.0f));
}

namespace {
// The fonts' sizes at scale 1, named once: the atlas is built from them and same_font_sizes
// compares them.
constexpr float kSmallPx = 30, kBodyPx = 40, kLabelPx = 52, kHeadlinePx = 80, kNumeralsPx = 150;
constexpr float kFontSizes[] = {kSmallPx, kBodyPx, kLabelPx, kHeadlinePx, kNumeralsPx};
float font_px(float scale, float size) { return std::round(size * scale); }
}  // namespace

bool same_font_sizes(float scale_a, float scale_b) {
    for (float size : kFontSizes)
        if (font_px(scale_a, size) != font_px(scale_b, size)) return false;
    return true;
}

Result<Theme> build_theme_fonts(ImFontAtlas& atlas, const FontRequest& request) {
    Theme theme;
    theme.scale = request.scale;
    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.TexDesiredWidth = 2048;
    theme.font_file = find_font(request.font_file, false);
    theme.bold_font_file = find_font(request.bold_font_file, true);
    if (theme.font_file.empty() || theme.bold_font_file.empty())
        return Result<Theme>::failure("no font with Vietnamese glyphs found (tried " + request.font_file + ", " +
                                      request.bold_font_file + ", Noto Sans and DejaVu Sans)");
    if (theme.font_file != request.font_file || theme.bold_font_file != request.bold_font_file)
        theme.warning = "font not found, using " + theme.font_file + " and " + theme.bold_font_file;
    ImFontConfig config;
    config.OversampleH = 1;  // FreeType hints well; oversampling would only grow the atlas
    config.OversampleV = 1;
    auto add = [&](const std::string& file, float size, const ImWchar* ranges = kGlyphRanges) {
        return atlas.AddFontFromFileTTF(file.c_str(), font_px(theme.scale, size), &config, ranges);
    };
    theme.body = add(theme.font_file, kBodyPx);  // first font = ImGui's default
    theme.small = add(theme.font_file, kSmallPx);
    theme.label = add(theme.bold_font_file, kLabelPx);
    theme.headline = add(theme.bold_font_file, kHeadlinePx);
    if (request.large_numerals) theme.numerals = add(theme.bold_font_file, kNumeralsPx, kNumeralRanges);
    if (!theme.small || !theme.body || !theme.label || !theme.headline ||
        (request.large_numerals && !theme.numerals) || !atlas.Build())
        return Result<Theme>::failure("cannot load the fonts " + theme.font_file + " / " + theme.bold_font_file);
    theme.atlas_width = atlas.TexWidth;
    theme.atlas_height = atlas.TexHeight;
    return theme;
}

void apply_theme_style() {
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowBorderSize = 0;
    style.WindowPadding = ImVec2(0, 0);
    style.WindowRounding = 0;
    style.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(Theme::kBackground);
    style.Colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(Theme::kText);
}

}  // namespace motcua::kiosk
