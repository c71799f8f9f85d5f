// The citizen's questions: which field, which procedure, priority or not. Big buttons in a grid,
// one tap each; a field with "hết số" is drawn grey with the words and takes no tap.
#include <algorithm>
#include <cmath>

#include "kiosk/roles/dispenser/screens/dispenser_screens.hpp"

namespace motcua::kiosk::dispenser {

namespace {
constexpr ImU32 kFieldColor = IM_COL32(0x0D, 0x47, 0xA1, 0xFF);
constexpr ImU32 kSoldOutColor = IM_COL32(0xC9, 0xCF, 0xD6, 0xFF);

struct GridItem {
    std::string target;
    std::string label;
    std::string note;  // a second line, e.g. "Hết số"
    bool enabled = true;
    ImU32 color = kFieldColor;
};

// Returns the index of the tapped item, or -1.
int draw_grid(const ScreenContext& ctx, const std::vector<GridItem>& items, float top, float bottom, DispenserFrame& out) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int n = static_cast<int>(items.size());
    if (n == 0) return -1;
    const int cols = n <= 3 ? 1 : n <= 10 ? 2 : 3;
    const int rows = (n + cols - 1) / cols;
    const float side = t.px(40), gap = t.px(24);
    const float w = (ctx.size.x - 2 * side - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols);
    const float h = std::min(t.px(200), (bottom - top - static_cast<float>(rows - 1) * gap) / static_cast<float>(rows));
    int clicked = -1;
    for (int i = 0; i < n; ++i) {
        const GridItem& item = items[static_cast<std::size_t>(i)];
        const float x = side + static_cast<float>(i % cols) * (w + gap);
        const float y = top + static_cast<float>(i / cols) * (h + gap);
        ImVec2 min(x, y), max(x + w, y + h);
        const float pad = t.px(20);
        if (!item.enabled) {
            dl->AddRectFilled(min, max, kSoldOutColor, t.px(18));
            const float note_h = t.body->FontSize;
            const float label_h = wrapped_height(t.body, item.label, w - 2 * pad);
            const float block = label_h + t.px(6) + note_h;
            const float ly = y + (h - block) / 2;
            draw_centered_text(dl, t.body, item.label, ImVec2(x + pad, ly), ImVec2(max.x - pad, ly + label_h),
                               Theme::kMutedText);
            draw_centered_text(dl, t.label, item.note, ImVec2(x + pad, ly + label_h + t.px(6)),
                               ImVec2(max.x - pad, ly + label_h + t.px(6) + note_h), Theme::kWarning);
            continue;
        }
        if (text_button(item.target, item.label, t.label, min, max, item.color, ButtonStyle::Primary, t.scale, out.targets)
                .clicked)
            clicked = i;
    }
    return clicked;
}
}  // namespace

void draw_fields_screen(const ScreenContext& ctx, DispenserFrame& out) {
    const Theme& t = ctx.theme;
    const float switch_bottom = draw_language_switch(ctx, out);
    const float title_bottom = draw_title(ctx, ctx.text("dispenser.fields.title"), t.px(30));
    std::vector<GridItem> items;
    bool any_sold_out = false;
    for (const auto& f : ctx.model.fields) {
        items.push_back({"field." + f.id, ctx.pick(f.name_vi, f.name_en), ctx.text("dispenser.sold_out"), !f.sold_out});
        any_sold_out = any_sold_out || f.sold_out;
    }
    float bottom = ctx.bottom - t.px(30);
    if (any_sold_out) {
        const std::string& note = ctx.text("dispenser.sold_out.note");
        const float note_h = wrapped_height(t.body, note, ctx.size.x - t.px(80));
        bottom -= note_h + t.px(16);
        draw_centered_text(ImGui::GetWindowDrawList(), t.body, note, ImVec2(t.px(40), bottom + t.px(16)),
                           ImVec2(ctx.size.x - t.px(40), bottom + t.px(16) + note_h), Theme::kWarning);
    }
    const float top = std::max(switch_bottom, title_bottom) + t.px(28);
    int i = draw_grid(ctx, items, top, bottom, out);
    if (i >= 0) out.intents.emplace_back(intent::PickField{ctx.model.fields[static_cast<std::size_t>(i)].id});
}

void draw_procedures_screen(const ScreenContext& ctx, DispenserFrame& out) {
    const Theme& t = ctx.theme;
    const float switch_bottom = draw_language_switch(ctx, out);
    const float title_bottom = draw_title(ctx, ctx.text("dispenser.procedures.title"), t.px(30));
    std::vector<GridItem> items;
    for (const auto& p : ctx.model.procedures) items.push_back({"procedure." + p.id, ctx.pick(p.name_vi, p.name_en), "", true});
    int i = draw_grid(ctx, items, std::max(switch_bottom, title_bottom) + t.px(28), ctx.bottom - t.px(140), out);
    if (i >= 0) out.intents.emplace_back(intent::PickProcedure{ctx.model.procedures[static_cast<std::size_t>(i)].id});
    draw_back_button(ctx, out);
}

// "Không" comes first, full width and green: most citizens are not priority, and a wrong
// "yes" by an elderly person fumbling the screen would jump the queue.
void draw_priority_screen(const ScreenContext& ctx, DispenserFrame& out) {
    const Theme& t = ctx.theme;
    const float switch_bottom = draw_language_switch(ctx, out);
    float top = std::max(switch_bottom, draw_title(ctx, ctx.text("dispenser.priority.title"), t.px(30))) + t.px(12);
    const std::string& hint = ctx.text("dispenser.priority.hint");
    const float hint_h = wrapped_height(t.body, hint, ctx.size.x - t.px(80));
    draw_centered_text(ImGui::GetWindowDrawList(), t.body, hint, ImVec2(t.px(40), top),
                       ImVec2(ctx.size.x - t.px(40), top + hint_h), Theme::kMutedText);
    top += hint_h + t.px(24);
    ImVec2 min(t.px(40), top), max(ctx.size.x - t.px(40), top + t.px(130));
    if (text_button("priority.none", ctx.text("dispenser.priority.no"), t.headline, min, max, Theme::kPositive,
                    ButtonStyle::Primary, t.scale, out.targets)
            .clicked)
        out.intents.emplace_back(intent::PickPriority{""});
    std::vector<GridItem> items;
    for (const auto& g : ctx.model.priority_groups)
        items.push_back({"priority." + g.id, ctx.pick(g.name_vi, g.name_en), "", true, IM_COL32(0x6A, 0x1B, 0x9A, 0xFF)});
    int i = draw_grid(ctx, items, max.y + t.px(28), ctx.bottom - t.px(140), out);
    if (i >= 0) out.intents.emplace_back(intent::PickPriority{ctx.model.priority_groups[static_cast<std::size_t>(i)].id});
    draw_back_button(ctx, out);
}

}  // namespace motcua::kiosk::dispenser
