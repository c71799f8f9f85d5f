#include "kiosk/roles/rating/screens/rating_screens.hpp"

namespace motcua::kiosk {

void draw_thanks_screen(const ScreenContext& ctx, RatingFrame& /*out*/) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float cx = ctx.size.x / 2;
    const float radius = t.px(120);
    const std::string& body = ctx.text("thanks.body");
    const float body_h = wrapped_height(t.body, body, ctx.size.x - t.px(160));
    const float block_h = 2 * radius + t.px(36) + t.headline->FontSize + t.px(24) + body_h;
    ImVec2 badge(cx, (ctx.size.y - block_h) / 2 + radius);
    dl->AddCircleFilled(badge, radius, Theme::kPositive, 96);
    draw_check(dl, badge, radius * 1.3f, Theme::kWhite);
    float y = badge.y + radius + t.px(36);
    draw_centered_text(dl, t.headline, ctx.text("thanks.title"), ImVec2(t.px(40), y),
                       ImVec2(ctx.size.x - t.px(40), y + t.headline->FontSize), Theme::kPositive);
    y += t.headline->FontSize + t.px(24);
    draw_centered_text(dl, t.body, body, ImVec2(t.px(80), y), ImVec2(ctx.size.x - t.px(80), y + body_h), Theme::kText);
}

}  // namespace motcua::kiosk
