#include "kiosk/screens/screens.hpp"

namespace motcua::kiosk {

float draw_language_switch(const ScreenContext& ctx, FrameOutput& out) {
    const Theme& t = ctx.theme;
    const std::string& label = ctx.text("language.switch");
    float text_w = t.body->CalcTextSizeA(t.body->FontSize, FLT_MAX, 0, label.c_str()).x;
    ImVec2 max(ctx.size.x - t.px(20), t.px(20) + t.px(76));
    ImVec2 min(max.x - text_w - t.px(64), t.px(20));
    auto state = text_button("language", label, t.body, min, max, 0, ButtonStyle::Secondary, t.scale, out);
    if (state.clicked) out.intents.emplace_back(intent::ToggleLanguage{});
    return max.y;
}

FrameOutput draw_frame(const KioskModel& model, const Texts& texts, const Theme& theme) {
    FrameOutput out;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse |
                                       ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushFont(theme.small);
    ImGui::Begin("motcua-kiosk", nullptr, flags);
    ScreenContext ctx{model, texts, theme, viewport->Size};
    switch (model.screen) {
        case Screen::Rating: draw_rating_screen(ctx, out); break;
        case Screen::Reasons: draw_reasons_screen(ctx, out); break;
        case Screen::Thanks: draw_thanks_screen(ctx, out); break;
        case Screen::SaveFailed: draw_save_failed_screen(ctx, out); break;
        case Screen::OutOfService: draw_out_of_service_screen(ctx, out); break;
    }
    ImGui::End();
    ImGui::PopFont();
    return out;
}

}  // namespace motcua::kiosk
