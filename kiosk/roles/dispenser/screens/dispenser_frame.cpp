#include <algorithm>

#include "kiosk/roles/dispenser/screens/dispenser_screens.hpp"

namespace motcua::kiosk::dispenser {

std::string fill(const std::string& text, const std::string& value) {
    std::string out = text;
    auto at = out.find("{n}");
    if (at != std::string::npos) out.replace(at, 3, value);
    return out;
}

float draw_language_switch(const ScreenContext& ctx, DispenserFrame& out) {
    const Theme& t = ctx.theme;
    const std::string& label = ctx.text("language.switch");
    float text_w = t.small->CalcTextSizeA(t.small->FontSize, FLT_MAX, 0, label.c_str()).x;
    ImVec2 max(ctx.size.x - t.px(20), t.px(20) + t.px(64));
    ImVec2 min(max.x - text_w - t.px(56), t.px(20));
    auto state = text_button("language", label, t.small, min, max, 0, ButtonStyle::Secondary, t.scale, out.targets);
    if (state.clicked) out.intents.emplace_back(intent::ToggleLanguage{});
    return max.y;
}

float draw_title(const ScreenContext& ctx, const std::string& title, float top) {
    const Theme& t = ctx.theme;
    const float side = t.px(40);
    const float h = wrapped_height(t.label, title, ctx.size.x - 2 * t.px(240));
    draw_centered_text(ImGui::GetWindowDrawList(), t.label, title, ImVec2(t.px(240), top),
                       ImVec2(ctx.size.x - t.px(240), top + h), Theme::kText);
    (void)side;
    return top + h;
}

void draw_back_button(const ScreenContext& ctx, DispenserFrame& out) {
    const Theme& t = ctx.theme;
    ImVec2 min(t.px(40), ctx.bottom - t.px(110)), max(t.px(360), ctx.bottom - t.px(20));
    if (text_button("back", ctx.text("dispenser.back"), t.label, min, max, 0, ButtonStyle::Secondary, t.scale,
                    out.targets)
            .clicked)
        out.intents.emplace_back(intent::Back{});
}

void draw_message(const ScreenContext& ctx, const std::string& title, ImU32 title_color, const std::string& body,
                  float top, float bottom) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float side = t.px(80);
    const float width = ctx.size.x - 2 * side;
    const float title_h = wrapped_height(t.headline, title, width);
    const float body_h = wrapped_height(t.label, body, width);
    float y = std::max(top, top + (bottom - top - (title_h + t.px(40) + body_h)) / 2);
    draw_centered_text(dl, t.headline, title, ImVec2(side, y), ImVec2(ctx.size.x - side, y + title_h), title_color);
    y += title_h + t.px(40);
    draw_centered_text(dl, t.label, body, ImVec2(side, y), ImVec2(ctx.size.x - side, y + body_h), Theme::kText);
}

namespace {
// For staff walking past: the printer or the server's configuration needs a person. Small, at the
// bottom, on every screen.
float draw_problem_banner(const DispenserModel& model, const Texts& texts, const Theme& t, ImVec2 size) {
    if (model.printer_problem_vi.empty() && model.config_problem.empty()) return size.y;
    std::string text;
    if (!model.printer_problem_vi.empty())
        text = texts.get(Language::Vi, "dispenser.printer_banner") + " " + model.printer_problem_vi;
    if (!model.config_problem.empty())
        text += (text.empty() ? "" : "  ·  ") + texts.get(Language::Vi, "dispenser.config_banner");
    return draw_staff_banner(text, t, size, t.px(20));
}
}  // namespace

DispenserFrame draw_frame(const DispenserModel& model, const Texts& texts, const Theme& theme) {
    DispenserFrame out;
    const ImVec2 size = begin_full_screen_window(theme.small);
    const float bottom = draw_problem_banner(model, texts, theme, size);
    ScreenContext ctx{model, texts, theme, size, bottom};
    switch (model.screen) {
        case Screen::Fields: draw_fields_screen(ctx, out); break;
        case Screen::Procedures: draw_procedures_screen(ctx, out); break;
        case Screen::Priority: draw_priority_screen(ctx, out); break;
        case Screen::Ticket: draw_ticket_screen(ctx, out); break;
        case Screen::Closed: draw_closed_screen(ctx, out); break;
        case Screen::Refused: draw_refused_screen(ctx, out); break;
        case Screen::OutOfService: draw_out_of_service_screen(ctx, out); break;
    }
    end_full_screen_window();
    return out;
}

}  // namespace motcua::kiosk::dispenser
