// The lobby board's screens: a TV read from across the lobby, so numbers are very large, text is
// white or amber on dark blue, and nothing that matters is small. They draw the model; the board
// takes no input, so they return no intents.
#pragma once
#include <imgui.h>

#include <string>

#include "kiosk/i18n.hpp"
#include "kiosk/roles/board/board_model.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"

namespace motcua::kiosk {

struct BoardScreenContext {
    const BoardModel& model;
    const Texts& texts;
    const Theme& theme;
    ImVec2 size;               // the full display
    bool voice_problem = false;  // calls cannot be heard: staff must see it
    const std::string& text(const std::string& key) const { return texts.get(Language::Vi, key); }
};

// Colours of the board (a TV, often in a bright lobby: dark background, light large text).
struct BoardColors {
    static constexpr ImU32 kBackground = IM_COL32(0x0B, 0x1F, 0x3A, 0xFF);
    static constexpr ImU32 kBand = IM_COL32(0x05, 0x12, 0x26, 0xFF);
    static constexpr ImU32 kPanel = IM_COL32(0x12, 0x3A, 0x6B, 0xFF);
    static constexpr ImU32 kRow = IM_COL32(0x10, 0x2E, 0x55, 0xFF);
    static constexpr ImU32 kText = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
    static constexpr ImU32 kMuted = IM_COL32(0xC5, 0xD3, 0xE6, 0xFF);
    static constexpr ImU32 kAmber = IM_COL32(0xFF, 0xC1, 0x07, 0xFF);
    static constexpr ImU32 kOnAmber = IM_COL32(0x10, 0x14, 0x1A, 0xFF);
    static constexpr ImU32 kProblem = IM_COL32(0x8B, 0x1A, 0x1A, 0xFF);
};

// Draws the header (site name, date, clock); returns its bottom edge.
float draw_board_header(const BoardScreenContext& ctx);
void draw_calls_screen(const BoardScreenContext& ctx);
void draw_board_problem_screen(const BoardScreenContext& ctx);

// Text in `font` scaled to `size` pixels (the numerals font carries only digits, capital letters
// and a few signs: anything else falls back to the bold headline font).
ImFont* number_font(const Theme& theme, const std::string& text);
ImVec2 text_size(ImFont* font, float size, const std::string& text);
// Shrinks `size` until the text fits `width`.
float fitting_size(ImFont* font, float size, const std::string& text, float width);

// One full-screen frame: between ImGui::NewFrame() and ImGui::Render().
void draw_board_frame(const BoardScreenContext& ctx);

}  // namespace motcua::kiosk
