// The rating role's screens. Each reads the model and texts, draws with ImGui, and reports the
// citizen's intents and its buttons' positions in RatingFrame. No state, no storage.
#pragma once
#include "kiosk/i18n.hpp"
#include "kiosk/roles/rating/rating_model.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/roles/rating/rating_intents.hpp"
#include "kiosk/widgets.hpp"

namespace motcua::kiosk {

using RatingFrame = FrameOutput<Intent>;

struct ScreenContext {
    const RatingModel& model;
    const Texts& texts;
    const Theme& theme;
    ImVec2 size;  // the full display
    const std::string& text(const std::string& key) const { return texts.get(model.language, key); }
};

void draw_rating_screen(const ScreenContext& ctx, RatingFrame& out);
void draw_reasons_screen(const ScreenContext& ctx, RatingFrame& out);
void draw_thanks_screen(const ScreenContext& ctx, RatingFrame& out);
void draw_save_failed_screen(const ScreenContext& ctx, RatingFrame& out);
void draw_out_of_service_screen(const ScreenContext& ctx, RatingFrame& out);
// A round badge over a title and a body, centred between `top` and `bottom`: the layout of
// the thank-you-less screens (save failed, out of service). Returns the badge's centre; the
// caller draws the symbol inside it.
struct MessageBlock {
    ImU32 badge_color;
    float badge_radius;
    const std::string& title;
    ImU32 title_color;
    const std::string& body;
};
ImVec2 draw_message_block(const ScreenContext& ctx, const MessageBlock& block, float top, float bottom);

// The small VI / EN switch in the top-right corner; returns its bottom edge.
float draw_language_switch(const ScreenContext& ctx, RatingFrame& out);

// One full-screen frame: between ImGui::NewFrame() and ImGui::Render().
RatingFrame draw_frame(const RatingModel& model, const Texts& texts, const Theme& theme);

}  // namespace motcua::kiosk
