#include <algorithm>
#include <cmath>

#include "kiosk/face_icon.hpp"
#include "kiosk/roles/rating/screens/rating_screens.hpp"

namespace motcua::kiosk {

namespace {
float text_width(ImFont* font, const std::string& text) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.c_str()).x;
}

// Cuts whole UTF-8 characters off the end until the text and "…" fit.
std::string fit_with_ellipsis(ImFont* font, std::string text, float width) {
    if (text_width(font, text) <= width) return text;
    while (!text.empty()) {
        do text.pop_back();
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80);
        if (!text.empty()) text.pop_back();  // the lead byte of the character whose tail went
        std::string shown = text;
        while (!shown.empty() && shown.back() == ' ') shown.pop_back();  // "tỉnh…", not "tỉnh …"
        if (text_width(font, shown + "…") <= width) return shown + "…";
    }
    return text;
}

// "Quầy số 3A   Trung tâm Phục vụ hành chính công xã An Phú" in the top-left corner, left of the
// language switch, from the server's configuration: the citizen sees which counter they rate.
void draw_place_line(const ScreenContext& ctx, float right, float center_y) {
    const Theme& t = ctx.theme;
    const RatingModel& m = ctx.model;
    if (m.counter_name.empty() && m.site_name.empty()) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float x = t.px(40);
    if (!m.counter_name.empty()) {
        std::string counter = fit_with_ellipsis(t.body, m.counter_name, right - x);
        dl->AddText(t.body, t.body->FontSize, ImVec2(x, std::floor(center_y - t.body->FontSize / 2)), Theme::kText,
                    counter.c_str());
        x += text_width(t.body, counter) + t.px(24);
    }
    if (!m.site_name.empty() && right - x > t.px(120)) {
        std::string site = fit_with_ellipsis(t.small, m.site_name, right - x);
        // Baselines level with the counter name's.
        float y = center_y - t.body->FontSize / 2 + (t.body->Ascent - t.small->Ascent);
        dl->AddText(t.small, t.small->FontSize, ImVec2(x, std::floor(y)), Theme::kMutedText, site.c_str());
    }
}
// "Số A012 · Lĩnh vực Đất đai · Cán bộ Nguyễn Văn An" on a blue band: the citizen sees which
// finished ticket they rate. Returns the band's bottom edge (`top` when there is no ticket).
float draw_ticket_line(const ScreenContext& ctx, float top) {
    const Theme& t = ctx.theme;
    if (!ctx.model.ticket) return top;
    const TicketToRate& ticket = *ctx.model.ticket;
    std::string line = ctx.text("rating.ticket.number") + " " + ticket.ticket.display;
    if (!ticket.field_name.empty()) line += "  ·  " + ctx.text("rating.ticket.field") + " " + ticket.field_name;
    if (!ticket.officer_name.empty()) line += "  ·  " + ctx.text("rating.ticket.officer") + " " + ticket.officer_name;
    const float margin = t.px(40), pad = t.px(14);
    const float width = ctx.size.x - 2 * margin - 2 * pad;
    // Bold and large when it fits, else the body size, cut with "…" only as a last resort.
    ImFont* font = text_width(t.label, line) <= width ? t.label : t.body;
    line = fit_with_ellipsis(font, line, width);
    const float bottom = top + font->FontSize + 2 * pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(margin, top), ImVec2(ctx.size.x - margin, bottom), Theme::kSelected, t.px(18));
    draw_centered_text(dl, font, line, ImVec2(margin + pad, top + pad), ImVec2(ctx.size.x - margin - pad, bottom - pad),
                       Theme::kWhite);
    return bottom;
}
}  // namespace

void draw_rating_screen(const ScreenContext& ctx, RatingFrame& out) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float margin = t.px(40);
    const float switch_bottom = draw_language_switch(ctx, out);
    const float switch_left = out.targets.count("language") ? out.targets.at("language").x : ctx.size.x - t.px(260);
    draw_place_line(ctx, switch_left - t.px(32), (t.px(20) + switch_bottom) / 2);

    // Title, centred and wrapped; kept clear of the language switch.
    const std::string& title = ctx.text("rating.title");
    const float title_w = ctx.size.x - 2 * t.px(260);
    float title_h = wrapped_height(t.label, title, title_w);
    float title_top = switch_bottom + t.px(12);
    if (wrapped_height(t.label, title, ctx.size.x - 2 * margin) <= t.label->FontSize) {
        title_top = t.px(100);  // fits on one line between margins: no clash with the switch below it
        title_h = t.label->FontSize;
        draw_centered_text(dl, t.label, title, ImVec2(margin, title_top), ImVec2(ctx.size.x - margin, title_top + title_h),
                           Theme::kText);
    } else {
        draw_centered_text(dl, t.label, title, ImVec2(t.px(260), title_top), ImVec2(ctx.size.x - t.px(260), title_top + title_h),
                           Theme::kText);
    }
    float hint_top = title_top + title_h + t.px(8);
    if (ctx.model.ticket) hint_top = draw_ticket_line(ctx, hint_top + t.px(8)) + t.px(12);
    draw_centered_text(dl, t.body, ctx.text("rating.hint"), ImVec2(margin, hint_top),
                       ImVec2(ctx.size.x - margin, hint_top + t.body->FontSize), Theme::kMutedText);

    // One big coloured button per level, side by side.
    const auto& levels = ctx.model.scale.levels;
    const float n = static_cast<float>(levels.size());
    const float gap = t.px(32);
    const float top = hint_top + t.body->FontSize + t.px(28);
    const float bottom = ctx.size.y - margin;
    const float width = (ctx.size.x - 2 * margin - (n - 1) * gap) / n;
    const float pad = t.px(20), label_gap = t.px(24);
    const float label_w = width - 2 * pad;
    auto label_of = [&](const RatingLevel& level) -> const std::string& {
        return ctx.model.language == Language::Vi ? level.label_vi : level.label_en;
    };
    // The tallest label sets the layout of every button, so the faces line up.
    float label_h = 0;
    for (const auto& level : levels) label_h = std::max(label_h, wrapped_height(t.label, label_of(level), label_w));
    float x = margin;
    for (const auto& level : levels) {
        ImVec2 min(x, top), max(x + width, bottom);
        auto state = touch_area("rating." + std::to_string(level.score), min, max, out.targets);
        if (state.clicked) out.intents.emplace_back(intent::Rate{level.score});
        ImU32 fill = rgb(level.color, state.held ? 0.75f : 1.0f);
        dl->AddRectFilled(ImVec2(min.x, min.y + t.px(6)), ImVec2(max.x, max.y + t.px(6)), IM_COL32(0, 0, 0, 40), t.px(28));
        dl->AddRectFilled(min, max, fill, t.px(28));
        // Face and label as one group, centred in the button.
        const std::string& label = label_of(level);
        const float radius = std::min(width * 0.34f, (max.y - min.y - 2 * pad - label_gap - label_h) / 2);
        const float group_top = min.y + (max.y - min.y - (2 * radius + label_gap + label_h)) / 2;
        ImVec2 face_center(min.x + width / 2, group_top + radius);
        draw_face(dl, face_center, radius, level.face, Theme::kWhite, fill);
        const float label_top = group_top + 2 * radius + label_gap;
        draw_centered_text(dl, t.label, label, ImVec2(min.x + pad, label_top), ImVec2(max.x - pad, label_top + label_h),
                           Theme::kWhite);
        x += width + gap;
    }
}

}  // namespace motcua::kiosk
