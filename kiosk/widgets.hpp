// Drawing helpers shared by the screens: big touch buttons that record where they are
// (so tests and the demo can tap them), and centred, word-wrapped text.
#pragma once
#include <imgui.h>

#include <map>
#include <string>
#include <vector>


namespace motcua::kiosk {

struct Theme;

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    float center_x() const { return x + w / 2; }
    float center_y() const { return y + h / 2; }
};
using HitTargets = std::map<std::string, Rect>;  // "rating.1", "reasons.submit", "language", ...

// What one frame of a role's screens produced: what the person asked for (the role's own intent
// type) and where the buttons are (for taps by tests, the demo and xdotool).
template <class IntentT>
struct FrameOutput {
    std::vector<IntentT> intents;
    HitTargets targets;
};

struct ButtonState {
    bool clicked = false;  // released over the button this frame
    bool held = false;     // finger down on it now: draw it pressed
};

// An invisible ImGui button over [min, max] named `target`; drawing is left to the caller.
ButtonState touch_area(const std::string& target, ImVec2 min, ImVec2 max, HitTargets& targets);

// Splits text into lines no wider than `width` (breaking at spaces; a long word stays whole).
std::vector<std::string> wrap_lines(ImFont* font, const std::string& text, float width);
// Draws wrapped lines centred horizontally in [min.x, max.x] and vertically in [min.y, max.y].
void draw_centered_text(ImDrawList* dl, ImFont* font, const std::string& text, ImVec2 min, ImVec2 max, ImU32 color);
float wrapped_height(ImFont* font, const std::string& text, float width);
// A strip along the bottom of a `size` window for staff walking past (a printer or configuration
// problem): `text` in the small font, white on the warning colour, `padding` above and below in
// all. Returns the strip's top: the screen is laid out above it.
float draw_staff_banner(const std::string& text, const Theme& t, ImVec2 size, float padding);

// The full-screen, undecorated window every role's frame draws in, with `font` pushed; returns
// its size. Close it with end_full_screen_window().
ImVec2 begin_full_screen_window(ImFont* font);
void end_full_screen_window();

// A filled rounded button with a centred label; returns its state.
enum class ButtonStyle { Primary, Secondary };
ButtonState text_button(const std::string& target, const std::string& label, ImFont* font, ImVec2 min, ImVec2 max,
                        ImU32 fill, ButtonStyle style, float scale, HitTargets& targets);

// A thick white check mark centred in a box of the given size.
void draw_check(ImDrawList* dl, ImVec2 center, float size, ImU32 color);

}  // namespace motcua::kiosk
