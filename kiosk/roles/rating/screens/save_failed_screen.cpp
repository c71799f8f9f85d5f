#include "kiosk/roles/rating/screens/rating_screens.hpp"

namespace motcua::kiosk {

void draw_save_failed_screen(const ScreenContext& ctx, RatingFrame& out) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float cx = ctx.size.x / 2;
    const float radius = t.px(90);
    const float bar_h = t.px(100), button_w = t.px(340), gap = t.px(40);
    const float bar_top = ctx.size.y - t.px(40) - bar_h;
    // Badge and message as one block, centred above the buttons.
    ImVec2 badge = draw_message_block(
        ctx, {Theme::kWarning, radius, ctx.text("save_failed.title"), Theme::kWarning, ctx.text("save_failed.body")},
        0.f, bar_top);
    // An exclamation mark: a rounded bar and a dot.
    dl->AddRectFilled(ImVec2(cx - radius * 0.11f, badge.y - radius * 0.6f), ImVec2(cx + radius * 0.11f, badge.y + radius * 0.18f),
                      Theme::kWhite, radius * 0.1f);
    dl->AddCircleFilled(ImVec2(cx, badge.y + radius * 0.48f), radius * 0.13f, Theme::kWhite, 24);

    ImVec2 back_min(cx - gap / 2 - button_w, bar_top), back_max(cx - gap / 2, bar_top + bar_h);
    ImVec2 retry_min(cx + gap / 2, bar_top), retry_max(cx + gap / 2 + button_w, bar_top + bar_h);
    if (text_button("save_failed.back", ctx.text("save_failed.back"), t.label, back_min, back_max, 0,
                    ButtonStyle::Secondary, t.scale, out.targets).clicked)
        out.intents.emplace_back(intent::Back{});
    if (text_button("save_failed.retry", ctx.text("save_failed.retry"), t.label, retry_min, retry_max,
                    Theme::kSelected, ButtonStyle::Primary, t.scale, out.targets).clicked)
        out.intents.emplace_back(intent::RetrySave{});
}

}  // namespace motcua::kiosk
