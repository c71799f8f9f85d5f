#include <algorithm>

#include "kiosk/face_icon.hpp"
#include "kiosk/screens/screens.hpp"

namespace motcua::kiosk {

void draw_rating_screen(const ScreenContext& ctx, FrameOutput& out) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float margin = t.px(40);
    const float switch_bottom = draw_language_switch(ctx, out);

    // Title, centred and wrapped; kept clear of the language switch.
    const std::string& title = ctx.text("rating.title");
    const float title_w = ctx.size.x - 2 * t.px(260);
    float title_h = wrapped_height(t.label, title, title_w);
    float title_top = switch_bottom + t.px(12);
    if (wrapped_height(t.label, title, ctx.size.x - 2 * margin) <= t.label->FontSize) {
        title_top = t.px(100);  // fits on one line between margins: no clash with the switch below it
        title_h = t.label->FontSize;
        draw_centered_text(dl, t.label, title, ImVec2(margin, title_top), ImVec2(ctx.size.x - margin, title_top + title_h),
                           Theme::kText);
    } else {
        draw_centered_text(dl, t.label, title, ImVec2(t.px(260), title_top), ImVec2(ctx.size.x - t.px(260), title_top + title_h),
                           Theme::kText);
    }
    float hint_top = title_top + title_h + t.px(8);
    draw_centered_text(dl, t.body, ctx.text("rating.hint"), ImVec2(margin, hint_top),
                       ImVec2(ctx.size.x - margin, hint_top + t.body->FontSize), Theme::kMutedText);

    // One big coloured button per level, side by side.
    const auto& levels = ctx.model.scale.levels;
    const float n = static_cast<float>(levels.size());
    const float gap = t.px(32);
    const float top = hint_top + t.body->FontSize + t.px(28);
    const float bottom = ctx.size.y - margin;
    const float width = (ctx.size.x - 2 * margin - (n - 1) * gap) / n;
    const float pad = t.px(20), label_gap = t.px(24);
    const float label_w = width - 2 * pad;
    auto label_of = [&](const RatingLevel& level) -> const std::string& {
        return ctx.model.language == Language::Vi ? level.label_vi : level.label_en;
    };
    // The tallest label sets the layout of every button, so the faces line up.
    float label_h = 0;
    for (const auto& level : levels) label_h = std::max(label_h, wrapped_height(t.label, label_of(level), label_w));
    float x = margin;
    for (const auto& level : levels) {
        ImVec2 min(x, top), max(x + width, bottom);
        auto state = touch_area("rating." + std::to_string(level.score), min, max, out);
        if (state.clicked) out.intents.emplace_back(intent::Rate{level.score});
        ImU32 fill = rgb(level.color, state.held ? 0.75f : 1.0f);
        dl->AddRectFilled(ImVec2(min.x, min.y + t.px(6)), ImVec2(max.x, max.y + t.px(6)), IM_COL32(0, 0, 0, 40), t.px(28));
        dl->AddRectFilled(min, max, fill, t.px(28));
        // Face and label as one group, centred in the button.
        const std::string& label = label_of(level);
        const float radius = std::min(width * 0.34f, (max.y - min.y - 2 * pad - label_gap - label_h) / 2);
        const float group_top = min.y + (max.y - min.y - (2 * radius + label_gap + label_h)) / 2;
        ImVec2 face_center(min.x + width / 2, group_top + radius);
        draw_face(dl, face_center, radius, level.face, Theme::kWhite, fill);
        const float label_top = group_top + 2 * radius + label_gap;
        draw_centered_text(dl, t.label, label, ImVec2(min.x + pad, label_top), ImVec2(max.x - pad, label_top + label_h),
                           Theme::kWhite);
        x += width + gap;
    }
}

}  // namespace motcua::kiosk
