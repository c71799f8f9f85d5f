#include <algorithm>

#include "kiosk/screens/screens.hpp"

namespace motcua::kiosk {

// Shown when the event database cannot be used: the kiosk must not thank anyone for a rating
// it cannot keep. The citizen is sent to the counter; IT staff get the reason in small print.
void draw_out_of_service_screen(const ScreenContext& ctx, FrameOutput& out) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float cx = ctx.size.x / 2;
    const float side = t.px(60);
    const float radius = t.px(80);
    const float top = draw_language_switch(ctx, out);
    const std::string& title = ctx.text("out_of_service.title");
    const std::string& body = ctx.text("out_of_service.body");
    const std::string detail = ctx.text("out_of_service.detail") + " " + ctx.model.last_error;
    const float width = ctx.size.x - 2 * side;
    const float title_h = wrapped_height(t.label, title, width);
    const float body_h = wrapped_height(t.label, body, width);
    const float detail_h = wrapped_height(t.small, detail, width);
    const float block_h = 2 * radius + t.px(32) + title_h + t.px(20) + body_h;
    ImVec2 badge(cx, std::max(top + t.px(20), (ctx.size.y - detail_h - t.px(40) - block_h) / 2) + radius);
    // A "no entry" sign: a grey disc with a white bar, calm rather than alarming.
    dl->AddCircleFilled(badge, radius, Theme::kNeutralButton, 96);
    dl->AddRectFilled(ImVec2(cx - radius * 0.6f, badge.y - radius * 0.14f), ImVec2(cx + radius * 0.6f, badge.y + radius * 0.14f),
                      Theme::kWhite, radius * 0.08f);

    float y = badge.y + radius + t.px(32);
    draw_centered_text(dl, t.label, title, ImVec2(side, y), ImVec2(ctx.size.x - side, y + title_h), Theme::kText);
    y += title_h + t.px(20);
    draw_centered_text(dl, t.label, body, ImVec2(side, y), ImVec2(ctx.size.x - side, y + body_h), Theme::kText);
    const float detail_top = ctx.size.y - t.px(30) - detail_h;
    draw_centered_text(dl, t.small, detail, ImVec2(side, detail_top), ImVec2(ctx.size.x - side, detail_top + detail_h),
                       Theme::kMutedText);
}

}  // namespace motcua::kiosk
