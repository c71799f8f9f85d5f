// The counter staff console's screens: sign-in, the console, its dialogs (no-show, transfer,
// walk-in) and out of service. Each reads the model and texts, draws with ImGui and returns the
// officer's intents and its buttons' positions. A button that cannot act now is drawn greyed
// and has no hit target: visible, never hidden, and a tap on it does nothing.
// There is no rating control here: staff cannot rate (issue 6).
#pragma once
#include <string>

#include "kiosk/i18n.hpp"
#include "kiosk/roles/counter/counter_intents.hpp"
#include "kiosk/roles/counter/counter_model.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"

namespace motcua::kiosk {

using CounterFrame = FrameOutput<counter_intent::Intent>;

struct CounterContext {
    const CounterModel& model;
    const Texts& texts;
    const Theme& theme;
    ImVec2 size;
    bool interactive = true;  // false: drawn under a dialog, nothing pressable
    const std::string& text(const std::string& key) const { return texts.get(Language::Vi, key); }
    // The text with "{0}" replaced by `arg`.
    std::string format(const std::string& key, const std::string& arg) const;
};

// A rounded button; when `enabled` is false it is drawn greyed and cannot be pressed.
bool console_button(const CounterContext& ctx, CounterFrame& out, const std::string& target, const std::string& label,
                    ImVec2 min, ImVec2 max, bool enabled, ImU32 fill, ImFont* font = nullptr);
// Left-aligned text, vertically centred on `center_y`.
void draw_text(const CounterContext& ctx, ImFont* font, const std::string& text, float x, float center_y, ImU32 color);
// The message line (refusals in red) in [min, max].
void draw_message(const CounterContext& ctx, ImVec2 min, ImVec2 max);
std::string clock_text(std::int64_t unix_ms, int utc_offset_minutes);  // "08:05"

void draw_sign_in_screen(const CounterContext& ctx, CounterFrame& out);
void draw_console_screen(const CounterContext& ctx, CounterFrame& out);
void draw_counter_dialog(const CounterContext& ctx, CounterFrame& out);
void draw_counter_out_of_service(const CounterContext& ctx, CounterFrame& out);

// One full-screen frame: between ImGui::NewFrame() and ImGui::Render().
CounterFrame draw_counter_frame(const CounterModel& model, const Texts& texts, const Theme& theme);

}  // namespace motcua::kiosk
