#include "kiosk/roles/rating/screens/rating_screens.hpp"

namespace motcua::kiosk {

// Shown when the event database cannot be used: the kiosk must not thank anyone for a rating
// it cannot keep. The citizen is sent to the counter; IT staff get the reason in small print.
void draw_out_of_service_screen(const ScreenContext& ctx, RatingFrame& out) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float side = t.px(60);
    const float radius = t.px(80);
    const float top = draw_language_switch(ctx, out);
    const std::string detail = ctx.text("out_of_service.detail") + " " + ctx.model.last_error;
    const float detail_h = wrapped_height(t.small, detail, ctx.size.x - 2 * side);
    const float detail_top = ctx.size.y - t.px(30) - detail_h;
    // A "no entry" sign: a grey disc with a white bar, calm rather than alarming.
    ImVec2 badge = draw_message_block(ctx,
                                      {Theme::kNeutralButton, radius, ctx.text("out_of_service.title"), Theme::kText,
                                       ctx.text("out_of_service.body")},
                                      top, detail_top - t.px(10));
    dl->AddRectFilled(ImVec2(badge.x - radius * 0.6f, badge.y - radius * 0.14f),
                      ImVec2(badge.x + radius * 0.6f, badge.y + radius * 0.14f), Theme::kWhite, radius * 0.08f);
    draw_centered_text(dl, t.small, detail, ImVec2(side, detail_top), ImVec2(ctx.size.x - side, detail_top + detail_h),
                       Theme::kMutedText);
}

}  // namespace motcua::kiosk
