#include <algorithm>

#include "kiosk/roles/rating/screens/rating_screens.hpp"

namespace motcua::kiosk {

float draw_language_switch(const ScreenContext& ctx, RatingFrame& out) {
    const Theme& t = ctx.theme;
    const std::string& label = ctx.text("language.switch");
    float text_w = t.body->CalcTextSizeA(t.body->FontSize, FLT_MAX, 0, label.c_str()).x;
    ImVec2 max(ctx.size.x - t.px(20), t.px(20) + t.px(76));
    ImVec2 min(max.x - text_w - t.px(64), t.px(20));
    auto state = text_button("language", label, t.body, min, max, 0, ButtonStyle::Secondary, t.scale, out.targets);
    if (state.clicked) out.intents.emplace_back(intent::ToggleLanguage{});
    return max.y;
}

ImVec2 draw_message_block(const ScreenContext& ctx, const MessageBlock& block, float top, float bottom) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float side = t.px(60);
    const float width = ctx.size.x - 2 * side;
    const float radius = block.badge_radius;
    const float title_h = wrapped_height(t.label, block.title, width);
    const float body_h = wrapped_height(t.label, block.body, width);
    const float block_h = 2 * radius + t.px(32) + title_h + t.px(20) + body_h;
    ImVec2 badge(ctx.size.x / 2, std::max(top + t.px(20), top + (bottom - top - block_h) / 2) + radius);
    dl->AddCircleFilled(badge, radius, block.badge_color, 96);
    float y = badge.y + radius + t.px(32);
    draw_centered_text(dl, t.label, block.title, ImVec2(side, y), ImVec2(ctx.size.x - side, y + title_h), block.title_color);
    y += title_h + t.px(20);
    draw_centered_text(dl, t.label, block.body, ImVec2(side, y), ImVec2(ctx.size.x - side, y + body_h), Theme::kText);
    return badge;
}

RatingFrame draw_frame(const RatingModel& model, const Texts& texts, const Theme& theme) {
    RatingFrame out;
    const ImVec2 size = begin_full_screen_window(theme.small);
    ScreenContext ctx{model, texts, theme, size};
    switch (model.screen) {
        case Screen::Rating: draw_rating_screen(ctx, out); break;
        case Screen::Reasons: draw_reasons_screen(ctx, out); break;
        case Screen::Thanks: draw_thanks_screen(ctx, out); break;
        case Screen::SaveFailed: draw_save_failed_screen(ctx, out); break;
        case Screen::OutOfService: draw_out_of_service_screen(ctx, out); break;
    }
    end_full_screen_window();
    return out;
}

}  // namespace motcua::kiosk
