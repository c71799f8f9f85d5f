// Screens that say why there is no ticket: closed (with the hours), refused (hết số since the
// start screen was drawn, a database error: nothing was issued), out of service.
#include "kiosk/roles/dispenser/screens/dispenser_screens.hpp"

namespace motcua::kiosk::dispenser {

void draw_closed_screen(const ScreenContext& ctx, DispenserFrame& out) {
    const float top = draw_language_switch(ctx, out);
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::string& title = ctx.text("dispenser.closed.title");
    const auto& hours = ctx.model.language == Language::Vi ? ctx.model.hours_vi : ctx.model.hours_en;
    const float line_h = t.label->FontSize + t.px(8);
    const float block = t.headline->FontSize + t.px(40) + t.body->FontSize + t.px(24) + line_h * static_cast<float>(hours.size());
    float y = top + (ctx.bottom - top - block) / 2;
    draw_centered_text(dl, t.headline, title, ImVec2(0, y), ImVec2(ctx.size.x, y + t.headline->FontSize), Theme::kWarning);
    y += t.headline->FontSize + t.px(40);
    draw_centered_text(dl, t.body, ctx.text("dispenser.closed.body"), ImVec2(0, y), ImVec2(ctx.size.x, y + t.body->FontSize),
                       Theme::kText);
    y += t.body->FontSize + t.px(24);
    for (const auto& line : hours) {
        draw_centered_text(dl, t.label, line, ImVec2(0, y), ImVec2(ctx.size.x, y + t.label->FontSize), Theme::kText);
        y += line_h;
    }
}

void draw_refused_screen(const ScreenContext& ctx, DispenserFrame& out) {
    const Theme& t = ctx.theme;
    const float top = draw_language_switch(ctx, out);
    std::string key = ctx.model.refusal_key;
    if (key != "dispenser.refused.no_numbers_left" && key != "dispenser.refused.database") key = "dispenser.refused.other";
    draw_message(ctx, ctx.text("dispenser.refused.title"), Theme::kWarning, ctx.text(key), top, ctx.bottom - t.px(140));
    ImVec2 min(ctx.size.x / 2 - t.px(160), ctx.bottom - t.px(130)), max(ctx.size.x / 2 + t.px(160), ctx.bottom - t.px(30));
    if (text_button("done", ctx.text("dispenser.back"), t.label, min, max, Theme::kSelected, ButtonStyle::Primary, t.scale,
                    out.targets)
            .clicked)
        out.intents.emplace_back(intent::Done{});
}

void draw_out_of_service_screen(const ScreenContext& ctx, DispenserFrame& /*out*/) {
    draw_message(ctx, ctx.text("dispenser.out_of_service.title"), Theme::kText, ctx.text("dispenser.out_of_service.body"),
                 ctx.theme.px(40), ctx.bottom);
}

}  // namespace motcua::kiosk::dispenser
