#include <cmath>

#include "core/queue/local_day.hpp"
#include "kiosk/roles/counter/screens/counter_screens.hpp"

namespace motcua::kiosk {

std::string CounterContext::format(const std::string& key, const std::string& arg) const {
    std::string s = text(key);
    if (auto at = s.find("{0}"); at != std::string::npos) s.replace(at, 3, arg);
    return s;
}

std::string clock_text(std::int64_t unix_ms, int utc_offset_minutes) {
    if (unix_ms <= 0) return "--:--";
    return queue::minute_text(queue::local_moment(unix_ms, utc_offset_minutes).minute);
}

bool console_button(const CounterContext& ctx, CounterFrame& out, const std::string& target, const std::string& label,
                    ImVec2 min, ImVec2 max, bool enabled, ImU32 fill, ImFont* font) {
    const Theme& t = ctx.theme;
    if (!font) font = t.small;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (enabled) {
        ButtonState state;
        if (ctx.interactive) state = touch_area(target, min, max, out.targets);
        if (fill == Theme::kWhite) {
            dl->AddRectFilled(min, max, state.held ? IM_COL32(0xD5, 0xDB, 0xE2, 0xFF) : Theme::kWhite, t.px(14));
            dl->AddRect(min, max, Theme::kBorder, t.px(14), 0, t.px(3));
        } else {
            dl->AddRectFilled(min, max, state.held ? rgb(0x0B3A80) : fill, t.px(14));
        }
        draw_centered_text(dl, font, label, ImVec2(min.x + t.px(8), min.y), ImVec2(max.x - t.px(8), max.y),
                           fill == Theme::kWhite ? Theme::kText : Theme::kWhite);
        return state.clicked;
    }
    dl->AddRectFilled(min, max, IM_COL32(0xE3, 0xE6, 0xEA, 0xFF), t.px(14));
    dl->AddRect(min, max, IM_COL32(0xC4, 0xCA, 0xD1, 0xFF), t.px(14), 0, t.px(2));
    draw_centered_text(dl, font, label, ImVec2(min.x + t.px(8), min.y), ImVec2(max.x - t.px(8), max.y),
                       IM_COL32(0x8A, 0x93, 0x9E, 0xFF));
    return false;
}

void draw_text(const CounterContext& ctx, ImFont* font, const std::string& text, float x, float center_y, ImU32 color) {
    (void)ctx;
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize, ImVec2(x, std::floor(center_y - font->FontSize / 2)),
                                        color, text.c_str());
}

void draw_message(const CounterContext& ctx, ImVec2 min, ImVec2 max) {
    const CounterMessage& m = ctx.model.message;
    if (m.key.empty()) return;
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 fill = m.error ? IM_COL32(0xFD, 0xEC, 0xEC, 0xFF) : IM_COL32(0xE7, 0xF4, 0xEA, 0xFF);
    ImU32 ink = m.error ? Theme::kWarning : Theme::kPositive;
    dl->AddRectFilled(min, max, fill, t.px(10));
    dl->AddRectFilled(min, ImVec2(min.x + t.px(8), max.y), ink, t.px(4));
    draw_centered_text(dl, t.small, ctx.format(m.key, m.arg), ImVec2(min.x + t.px(24), min.y),
                       ImVec2(max.x - t.px(16), max.y), ink);
}

void draw_counter_out_of_service(const CounterContext& ctx, CounterFrame& /*out*/) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float side = t.px(80);
    draw_centered_text(dl, t.label, ctx.text("counter.oos.title"), ImVec2(side, t.px(200)),
                       ImVec2(ctx.size.x - side, t.px(320)), Theme::kWarning);
    draw_centered_text(dl, t.body, ctx.format(ctx.model.out_of_service_key, ctx.model.counter_id),
                       ImVec2(side, t.px(340)), ImVec2(ctx.size.x - side, t.px(520)), Theme::kText);
    draw_centered_text(dl, t.small, ctx.model.out_of_service_reason, ImVec2(side, t.px(540)),
                       ImVec2(ctx.size.x - side, t.px(680)), Theme::kMutedText);
}

// For staff: the server's newest configuration is not used here. Returns the banner's top.
static float draw_config_banner(const CounterModel& model, const Texts& texts, const Theme& t, ImVec2 size) {
    if (model.config_problem_key.empty()) return size.y;
    std::string text = texts.get(Language::Vi, model.config_problem_key);
    if (auto at = text.find("{0}"); at != std::string::npos) text.replace(at, 3, model.counter_id);
    return draw_staff_banner(text, t, size, t.px(12));
}

CounterFrame draw_counter_frame(const CounterModel& model, const Texts& texts, const Theme& theme) {
    CounterFrame out;
    const ImVec2 size = begin_full_screen_window(theme.small);
    const float bottom = draw_config_banner(model, texts, theme, size);
    CounterContext ctx{model, texts, theme, ImVec2(size.x, bottom)};
    switch (model.screen) {
        case CounterScreen::SignIn: draw_sign_in_screen(ctx, out); break;
        case CounterScreen::Console:
            if (model.dialog == CounterDialog::None) {
                draw_console_screen(ctx, out);
            } else {
                // The console stays visible under the question, its buttons not pressable.
                CounterContext under = ctx;
                under.interactive = false;
                draw_console_screen(under, out);
                draw_counter_dialog(ctx, out);
            }
            break;
        case CounterScreen::OutOfService: draw_counter_out_of_service(ctx, out); break;
    }
    end_full_screen_window();
    return out;
}

}  // namespace motcua::kiosk
