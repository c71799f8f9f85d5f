#include "kiosk/roles/counter/screens/counter_screens.hpp"

namespace motcua::kiosk {

namespace {

// A text box the officer taps to type into; the focused one has a thick blue border.
bool input_box(const CounterContext& ctx, CounterFrame& out, const std::string& target, const std::string& label,
               const std::string& shown, bool focused, ImVec2 min, ImVec2 max) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    draw_text(ctx, t.small, label, min.x, min.y - t.px(26), Theme::kMutedText);
    ButtonState state = touch_area(target, min, max, out.targets);
    dl->AddRectFilled(min, max, Theme::kWhite, t.px(10));
    dl->AddRect(min, max, focused ? Theme::kSelected : Theme::kBorder, t.px(10), 0, focused ? t.px(5) : t.px(2));
    std::string text = shown + (focused ? "|" : "");
    draw_text(ctx, t.label, text, min.x + t.px(20), (min.y + max.y) / 2, Theme::kText);
    return state.clicked;
}

}  // namespace

void draw_sign_in_screen(const CounterContext& ctx, CounterFrame& out) {
    using namespace counter_intent;
    const Theme& t = ctx.theme;
    const CounterModel& m = ctx.model;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float W = ctx.size.x;
    draw_centered_text(dl, t.label, ctx.format("counter.signin.title", m.counter_name), ImVec2(t.px(40), t.px(28)),
                       ImVec2(W - t.px(40), t.px(96)), Theme::kText);
    draw_centered_text(dl, t.small, m.site_name, ImVec2(t.px(40), t.px(100)), ImVec2(W - t.px(40), t.px(140)),
                       Theme::kMutedText);

    // Left: the two fields and the sign-in button.
    const float left = W / 2 - t.px(520), right = W / 2 - t.px(40);
    std::string dots;  // the PIN is never shown
    for (std::size_t i = 0; i < m.pin.size(); ++i) dots += "•";
    if (input_box(ctx, out, "signin.officer", ctx.text("counter.signin.officer"), m.officer_code,
                  m.focus == SignInFocus::Officer, ImVec2(left, t.px(220)), ImVec2(right, t.px(300))))
        out.intents.emplace_back(FocusOfficer{});
    if (input_box(ctx, out, "signin.pin", ctx.text("counter.signin.pin"), dots, m.focus == SignInFocus::Pin,
                  ImVec2(left, t.px(370)), ImVec2(right, t.px(450))))
        out.intents.emplace_back(FocusPin{});
    if (console_button(ctx, out, "signin.submit", ctx.text("counter.signin.submit"), ImVec2(left, t.px(490)),
                       ImVec2(right, t.px(570)), true, Theme::kSelected, t.body))
        out.intents.emplace_back(SubmitSignIn{});
    draw_centered_text(dl, t.small, ctx.text("counter.signin.hint"), ImVec2(left, t.px(580)), ImVec2(right, t.px(660)),
                       Theme::kMutedText);

    // Right: a keypad for touch screens, typing into the focused field.
    const float kx = W / 2 + t.px(60), ky = t.px(190), bw = t.px(130), bh = t.px(96), gap = t.px(14);
    const char* keys = "123456789";
    for (int i = 0; i < 9; ++i) {
        ImVec2 min(kx + static_cast<float>(i % 3) * (bw + gap), ky + static_cast<float>(i / 3) * (bh + gap));
        std::string digit(1, keys[i]);
        if (console_button(ctx, out, "keypad." + digit, digit, min, ImVec2(min.x + bw, min.y + bh), true, Theme::kWhite,
                           t.label))
            out.intents.emplace_back(KeypadDigit{keys[i]});
    }
    const float row4 = ky + 3 * (bh + gap);
    if (console_button(ctx, out, "keypad.backspace", ctx.text("counter.keypad.backspace"), ImVec2(kx, row4),
                       ImVec2(kx + bw, row4 + bh), true, Theme::kWhite, t.body))
        out.intents.emplace_back(KeypadBackspace{});
    if (console_button(ctx, out, "keypad.0", "0", ImVec2(kx + bw + gap, row4), ImVec2(kx + 2 * bw + gap, row4 + bh), true,
                       Theme::kWhite, t.label))
        out.intents.emplace_back(KeypadDigit{'0'});
    const bool on_code = m.focus == SignInFocus::Officer;
    if (console_button(ctx, out, "keypad.next", ctx.text(on_code ? "counter.keypad.next" : "counter.keypad.code"),
                       ImVec2(kx + 2 * (bw + gap), row4), ImVec2(kx + 3 * bw + 2 * gap, row4 + bh), true, Theme::kWhite,
                       t.small))
        out.intents.emplace_back(on_code ? Intent{FocusPin{}} : Intent{FocusOfficer{}});

    draw_message(ctx, ImVec2(t.px(60), ctx.size.y - t.px(110)), ImVec2(W - t.px(60), ctx.size.y - t.px(36)));
}

}  // namespace motcua::kiosk
