// The IT screen's ImGui screens: they draw the ItModel and return intents (kiosk/it/it_panel.hpp
// applies them), and the discreet delivery mark drawn over a role's screen.
#pragma once
#include <string>

#include "kiosk/it/it_panel.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"

namespace motcua::kiosk {

enum class ItAction {
    PinKey, PinBackspace, PinSubmit, Close, Refresh, ShowEnrol, EnrolKey, EnrolBackspace, EnrolSubmit, EnrolCancel,
    PrintTest, Restart, StartLanguage
};
struct ItIntent {
    ItAction action;
    char key = 0;  // PinKey, EnrolKey
    Language language = Language::Vi;  // StartLanguage
};

// Draws the open IT screen full-screen (between NewFrame and Render).
FrameOutput<ItIntent> draw_it_screen(const ItModel& model, const Theme& theme, ImVec2 size);

// The mark in the bottom left corner: a small grey dot and the code ("S1", "S2"), nothing a
// citizen reads as an error. Adds the hit target "it.mark" (tests look for it; tapping it does nothing).
void draw_delivery_mark(DeliveryMark mark, const Theme& theme, ImVec2 size, HitTargets& targets);

}  // namespace motcua::kiosk
