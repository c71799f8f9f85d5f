// The dispenser's screens. Each reads the model and texts, draws with ImGui, and reports the
// citizen's intents and its buttons' positions. No state, no storage.
#pragma once
#include <string>

#include "kiosk/i18n.hpp"
#include "kiosk/roles/dispenser/dispenser_intents.hpp"
#include "kiosk/roles/dispenser/dispenser_model.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"

namespace motcua::kiosk::dispenser {

using DispenserFrame = FrameOutput<Intent>;

struct ScreenContext {
    const DispenserModel& model;
    const Texts& texts;
    const Theme& theme;
    ImVec2 size;
    float bottom;  // above the printer banner, when one is shown
    const std::string& text(const std::string& key) const { return texts.get(model.language, key); }
    const std::string& pick(const std::string& vi, const std::string& en) const {
        return model.language == Language::Vi || en.empty() ? vi : en;
    }
};

void draw_fields_screen(const ScreenContext& ctx, DispenserFrame& out);
void draw_procedures_screen(const ScreenContext& ctx, DispenserFrame& out);
void draw_priority_screen(const ScreenContext& ctx, DispenserFrame& out);
void draw_ticket_screen(const ScreenContext& ctx, DispenserFrame& out);
void draw_closed_screen(const ScreenContext& ctx, DispenserFrame& out);
void draw_refused_screen(const ScreenContext& ctx, DispenserFrame& out);
void draw_out_of_service_screen(const ScreenContext& ctx, DispenserFrame& out);

// Shared pieces: the VI / EN switch (returns its bottom edge), a title line under it, and the
// "Quay lại" button in the bottom-left corner.
float draw_language_switch(const ScreenContext& ctx, DispenserFrame& out);
float draw_title(const ScreenContext& ctx, const std::string& title, float top);
void draw_back_button(const ScreenContext& ctx, DispenserFrame& out);
// A title and body centred on the screen (closed, refused, out of service).
void draw_message(const ScreenContext& ctx, const std::string& title, ImU32 title_color, const std::string& body,
                  float top, float bottom);
// Text with "{n}" replaced.
std::string fill(const std::string& text, const std::string& value);

// One full-screen frame: between ImGui::NewFrame() and ImGui::Render().
DispenserFrame draw_frame(const DispenserModel& model, const Texts& texts, const Theme& theme);

}  // namespace motcua::kiosk::dispenser
