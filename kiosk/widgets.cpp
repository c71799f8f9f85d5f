#include "kiosk/widgets.hpp"

#include <cmath>

#include "kiosk/theme.hpp"

namespace motcua::kiosk {

ButtonState touch_area(const std::string& target, ImVec2 min, ImVec2 max, HitTargets& targets) {
    targets[target] = Rect{min.x, min.y, max.x - min.x, max.y - min.y};
    ImGui::SetCursorScreenPos(min);
    ButtonState state;
    state.clicked = ImGui::InvisibleButton(target.c_str(), ImVec2(max.x - min.x, max.y - min.y));
    state.held = ImGui::IsItemActive() && ImGui::IsItemHovered();
    return state;
}

ImVec2 begin_full_screen_window(ImFont* font) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse |
                                       ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushFont(font);
    ImGui::Begin("motcua-kiosk", nullptr, flags);
    return viewport->Size;
}

void end_full_screen_window() {
    ImGui::End();
    ImGui::PopFont();
}

namespace {
std::vector<std::string> greedy_lines(ImFont* font, const std::string& text, float width) {
    std::vector<std::string> lines;
    std::string line;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t space = text.find(' ', pos);
        if (space == std::string::npos) space = text.size();
        std::string word = text.substr(pos, space - pos);
        std::string candidate = line.empty() ? word : line + " " + word;
        float w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, candidate.c_str()).x;
        if (w <= width || line.empty()) {
            line = candidate;
        } else {
            lines.push_back(line);
            line = word;
        }
        pos = space + 1;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}
}  // namespace

// Greedy wrapping leaves a lone word on the last line ("...công / khai"); use the narrowest
// width that keeps the same number of lines, so the lines come out even.
std::vector<std::string> wrap_lines(ImFont* font, const std::string& text, float width) {
    auto lines = greedy_lines(font, text, width);
    if (lines.size() < 2) return lines;
    float lo = width / static_cast<float>(lines.size()) * 0.8f, hi = width;
    for (int i = 0; i < 12; ++i) {
        float mid = (lo + hi) / 2;
        if (greedy_lines(font, text, mid).size() == lines.size()) hi = mid;
        else lo = mid;
    }
    return greedy_lines(font, text, hi);
}

float wrapped_height(ImFont* font, const std::string& text, float width) {
    return static_cast<float>(wrap_lines(font, text, width).size()) * font->FontSize;
}

float draw_staff_banner(const std::string& text, const Theme& t, ImVec2 size, float padding) {
    const float h = wrapped_height(t.small, text, size.x - t.px(80)) + padding;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, size.y - h), size, Theme::kWarning);
    draw_centered_text(dl, t.small, text, ImVec2(t.px(40), size.y - h), ImVec2(size.x - t.px(40), size.y), Theme::kWhite);
    return size.y - h;
}

void draw_centered_text(ImDrawList* dl, ImFont* font, const std::string& text, ImVec2 min, ImVec2 max, ImU32 color) {
    auto lines = wrap_lines(font, text, max.x - min.x);
    float total = static_cast<float>(lines.size()) * font->FontSize;
    float y = min.y + (max.y - min.y - total) / 2;
    for (auto& line : lines) {
        float w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, line.c_str()).x;
        dl->AddText(font, font->FontSize, ImVec2(std::floor(min.x + (max.x - min.x - w) / 2), std::floor(y)), color,
                    line.c_str());
        y += font->FontSize;
    }
}

ButtonState text_button(const std::string& target, const std::string& label, ImFont* font, ImVec2 min, ImVec2 max,
                        ImU32 fill, ButtonStyle style, float scale, HitTargets& targets) {
    ButtonState state = touch_area(target, min, max, targets);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float rounding = 18 * scale;
    if (style == ButtonStyle::Primary) {
        ImU32 color = fill;
        if (state.held) {
            ImVec4 c = ImGui::ColorConvertU32ToFloat4(fill);
            color = ImGui::ColorConvertFloat4ToU32(ImVec4(c.x * 0.75f, c.y * 0.75f, c.z * 0.75f, 1));
        }
        dl->AddRectFilled(min, max, color, rounding);
        draw_centered_text(dl, font, label, ImVec2(min.x + 12 * scale, min.y), ImVec2(max.x - 12 * scale, max.y),
                           Theme::kWhite);
    } else {
        dl->AddRectFilled(min, max, state.held ? IM_COL32(0xD5, 0xDB, 0xE2, 0xFF) : Theme::kWhite, rounding);
        dl->AddRect(min, max, Theme::kBorder, rounding, 0, 3 * scale);
        draw_centered_text(dl, font, label, ImVec2(min.x + 12 * scale, min.y), ImVec2(max.x - 12 * scale, max.y),
                           Theme::kText);
    }
    return state;
}

void draw_check(ImDrawList* dl, ImVec2 c, float size, ImU32 color) {
    ImVec2 points[3] = {ImVec2(c.x - size * 0.36f, c.y + size * 0.02f), ImVec2(c.x - size * 0.1f, c.y + size * 0.28f),
                        ImVec2(c.x + size * 0.38f, c.y - size * 0.26f)};
    dl->AddPolyline(points, 3, color, 0, size * 0.13f);
    // Round the joint and ends so the thick stroke does not look broken.
    for (auto& p : points) dl->AddCircleFilled(p, size * 0.065f, color, 16);
}

}  // namespace motcua::kiosk
