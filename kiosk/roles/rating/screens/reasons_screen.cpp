#include <cmath>

#include "kiosk/roles/rating/screens/rating_screens.hpp"

namespace motcua::kiosk {

namespace {
void draw_reason(const ScreenContext& ctx, const RatingReason& reason, ImVec2 min, ImVec2 max, RatingFrame& out) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool selected = ctx.model.reason_selected(reason.code);
    auto state = touch_area("reasons." + reason.code, min, max, out.targets);
    if (state.clicked) out.intents.emplace_back(intent::ToggleReason{reason.code});
    const float rounding = t.px(16);
    ImU32 fill = selected ? Theme::kSelected : Theme::kWhite;
    if (state.held) fill = selected ? IM_COL32(0x0A, 0x36, 0x7A, 0xFF) : IM_COL32(0xD5, 0xDB, 0xE2, 0xFF);
    dl->AddRectFilled(min, max, fill, rounding);
    dl->AddRect(min, max, selected ? Theme::kSelected : Theme::kBorder, rounding, 0, t.px(3));

    // Tick box: empty square, or a white box with a blue check when chosen.
    const float box = t.px(52);
    ImVec2 box_min(min.x + t.px(20), (min.y + max.y - box) / 2);
    ImVec2 box_max(box_min.x + box, box_min.y + box);
    if (selected) {
        dl->AddRectFilled(box_min, box_max, Theme::kWhite, t.px(8));
        draw_check(dl, ImVec2(box_min.x + box / 2, box_min.y + box / 2), box, Theme::kSelected);
    } else {
        dl->AddRect(box_min, box_max, Theme::kBorder, t.px(8), 0, t.px(4));
    }

    const std::string& label = ctx.model.language == Language::Vi ? reason.label_vi : reason.label_en;
    ImVec2 text_min(box_max.x + t.px(20), min.y + t.px(6)), text_max(max.x - t.px(16), max.y - t.px(6));
    ImFont* font = t.body;
    if (wrapped_height(font, label, text_max.x - text_min.x) > text_max.y - text_min.y) font = t.small;
    // Left-aligned lines, centred vertically.
    auto lines = wrap_lines(font, label, text_max.x - text_min.x);
    float y = (text_min.y + text_max.y - static_cast<float>(lines.size()) * font->FontSize) / 2;
    for (auto& line : lines) {
        dl->AddText(font, font->FontSize, ImVec2(text_min.x, std::floor(y)), selected ? Theme::kWhite : Theme::kText,
                    line.c_str());
        y += font->FontSize;
    }
}
}  // namespace

void draw_reasons_screen(const ScreenContext& ctx, RatingFrame& out) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float margin = t.px(40);
    draw_language_switch(ctx, out);

    float top = t.px(24);
    const float title_left = margin, title_right = ctx.size.x - t.px(300);
    const std::string& title = ctx.text("reasons.title");
    auto lines = wrap_lines(t.label, title, title_right - title_left);
    for (auto& line : lines) {
        dl->AddText(t.label, t.label->FontSize, ImVec2(title_left, top), Theme::kText, line.c_str());
        top += t.label->FontSize;
    }
    dl->AddText(t.body, t.body->FontSize, ImVec2(title_left, top + t.px(4)), Theme::kMutedText,
                ctx.text("reasons.hint").c_str());
    top += t.px(4) + t.body->FontSize + t.px(20);

    // Bottom bar: Back | Skip | Send rating
    const float bar_h = t.px(100);
    const float bar_top = ctx.size.y - margin * 0.6f - bar_h;
    const float gap = t.px(24);
    const float side_w = t.px(280);
    ImVec2 back_min(margin, bar_top), back_max(margin + side_w, bar_top + bar_h);
    ImVec2 skip_min(back_max.x + gap, bar_top), skip_max(skip_min.x + side_w, bar_top + bar_h);
    ImVec2 send_min(skip_max.x + gap, bar_top), send_max(ctx.size.x - margin, bar_top + bar_h);
    if (text_button("reasons.back", ctx.text("reasons.back"), t.label, back_min, back_max, 0, ButtonStyle::Secondary,
                    t.scale, out.targets).clicked)
        out.intents.emplace_back(intent::Back{});
    if (text_button("reasons.skip", ctx.text("reasons.skip"), t.label, skip_min, skip_max, 0, ButtonStyle::Secondary,
                    t.scale, out.targets).clicked)
        out.intents.emplace_back(intent::SkipReasons{});
    if (text_button("reasons.submit", ctx.text("reasons.submit"), t.label, send_min, send_max, Theme::kPositive,
                    ButtonStyle::Primary, t.scale, out.targets).clicked)
        out.intents.emplace_back(intent::SubmitReasons{});

    // Reasons in two columns, as tall as the space allows (capped so few reasons stay tidy).
    const auto& reasons = ctx.model.scale.reasons;
    if (reasons.empty()) return;
    const int columns = reasons.size() > 4 ? 2 : 1;
    const int rows = static_cast<int>((reasons.size() + static_cast<size_t>(columns) - 1) / static_cast<size_t>(columns));
    const float cell_gap = t.px(16);
    const float area_h = bar_top - t.px(24) - top;
    const float cell_h = std::min(t.px(140), (area_h - static_cast<float>(rows - 1) * cell_gap) / static_cast<float>(rows));
    const float cell_w = (ctx.size.x - 2 * margin - static_cast<float>(columns - 1) * gap) / static_cast<float>(columns);
    for (size_t i = 0; i < reasons.size(); ++i) {
        int col = static_cast<int>(i) / rows, row = static_cast<int>(i) % rows;  // fill down the columns
        ImVec2 min(margin + static_cast<float>(col) * (cell_w + gap), top + static_cast<float>(row) * (cell_h + cell_gap));
        draw_reason(ctx, reasons[i], min, ImVec2(min.x + cell_w, min.y + cell_h), out);
    }
}

}  // namespace motcua::kiosk
