#include <cstdio>

#include "kiosk/roles/board/screens/board_screens.hpp"

namespace motcua::kiosk {

ImFont* number_font(const Theme& theme, const std::string& text) {
    if (!theme.numerals) return theme.headline;
    for (unsigned char c : text)
        if (c < 0x20 || c > 0x5A) return theme.headline;  // the numerals font's range
    return theme.numerals;
}

ImVec2 text_size(ImFont* font, float size, const std::string& text) {
    return font->CalcTextSizeA(size, FLT_MAX, 0, text.c_str());
}

float fitting_size(ImFont* font, float size, const std::string& text, float width) {
    const float w = text_size(font, size, text).x;
    return w > width && w > 0 ? size * width / w : size;
}

float draw_board_header(const BoardScreenContext& ctx) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float h = ctx.size.y * 0.11f;
    const float pad = ctx.size.x * 0.025f;
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(ctx.size.x, h), BoardColors::kBand);
    const BoardModel& m = ctx.model;
    char clock[8];
    std::snprintf(clock, sizeof clock, "%02d:%02d", (m.minute / 60) % 24, m.minute % 60);
    const float clock_size = h * 0.78f;
    const ImVec2 clock_wh = text_size(t.headline, clock_size, clock);
    const float clock_x = ctx.size.x - pad - clock_wh.x;
    dl->AddText(t.headline, clock_size, ImVec2(clock_x, (h - clock_wh.y) / 2), BoardColors::kAmber, clock);
    // "Thứ Ba, 24/11/2026" left of the clock.
    std::string date = ctx.text("board.weekday." + std::to_string(m.weekday));
    if (m.day.size() == 10) date += ", " + m.day.substr(8, 2) + "/" + m.day.substr(5, 2) + "/" + m.day.substr(0, 4);
    const float date_size = h * 0.4f;
    const ImVec2 date_wh = text_size(t.body, date_size, date);
    const float date_x = clock_x - pad - date_wh.x;
    dl->AddText(t.body, date_size, ImVec2(date_x, (h - date_wh.y) / 2), BoardColors::kText, date.c_str());
    if (!m.site_name.empty()) {
        const float room = date_x - 2 * pad;
        const float size = fitting_size(t.label, h * 0.46f, m.site_name, room);
        const ImVec2 wh = text_size(t.label, size, m.site_name);
        dl->AddText(t.label, size, ImVec2(pad, (h - wh.y) / 2), BoardColors::kText, m.site_name.c_str());
    }
    return h;
}

void draw_board_frame(const BoardScreenContext& ctx) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse |
                                       ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoInputs;
    ImGui::Begin("motcua-board", nullptr, flags);
    if (ctx.model.screen == BoardScreen::Problem)
        draw_board_problem_screen(ctx);
    else
        draw_calls_screen(ctx);
    ImGui::End();
}

}  // namespace motcua::kiosk
