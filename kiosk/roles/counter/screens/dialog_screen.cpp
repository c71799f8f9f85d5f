#include <algorithm>

#include "kiosk/roles/counter/screens/counter_screens.hpp"

namespace motcua::kiosk {

namespace {

// A column of choice buttons under a heading; returns the index pressed, or -1.
int choice_column(const CounterContext& ctx, CounterFrame& out, const std::string& heading, const std::string& prefix,
                  const std::vector<Choice>& choices, ImVec2 min, float width, float bottom,
                  const std::string& selected = "\x01") {
    const Theme& t = ctx.theme;
    draw_text(ctx, t.small, heading, min.x, min.y + t.px(18), Theme::kMutedText);
    int pressed = -1;
    float y = min.y + t.px(44);
    const float h = t.px(54), gap = t.px(8);
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (y + h > bottom) break;
        const ImU32 fill = choices[i].id == selected ? Theme::kSelected : Theme::kWhite;
        if (console_button(ctx, out, prefix + choices[i].id, choices[i].name, ImVec2(min.x, y), ImVec2(min.x + width, y + h),
                           true, fill))
            pressed = static_cast<int>(i);
        y += h + gap;
    }
    return pressed;
}

}  // namespace

void draw_counter_dialog(const CounterContext& ctx, CounterFrame& out) {
    using namespace counter_intent;
    const Theme& t = ctx.theme;
    const CounterModel& m = ctx.model;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ctx.size, IM_COL32(0x10, 0x18, 0x20, 0xA0));
    const ImVec2 min(t.px(120), t.px(60)), max(ctx.size.x - t.px(120), ctx.size.y - t.px(60));
    dl->AddRectFilled(min, max, Theme::kBackground, t.px(18));
    const std::string number = m.current ? m.current->display : std::string();
    const float inner = min.x + t.px(40), inner_w = max.x - min.x - t.px(80);
    const float close_top = max.y - t.px(96);
    auto title = [&](const std::string& text) {
        draw_centered_text(dl, t.label, text, ImVec2(inner, min.y + t.px(20)), ImVec2(inner + inner_w, min.y + t.px(90)),
                           Theme::kText);
    };

    switch (m.dialog) {
        case CounterDialog::NoShow: {
            title(ctx.format("counter.no_show.title", number));
            const float y = min.y + t.px(140), h = t.px(110);
            if (console_button(ctx, out, "no_show.requeue", ctx.text("counter.no_show.requeue"), ImVec2(inner, y),
                               ImVec2(inner + inner_w, y + h), true, Theme::kSelected, t.body))
                out.intents.emplace_back(NoShow{true});
            if (console_button(ctx, out, "no_show.drop", ctx.text("counter.no_show.drop"), ImVec2(inner, y + h + t.px(24)),
                               ImVec2(inner + inner_w, y + 2 * h + t.px(24)), true, Theme::kNeutralButton, t.body))
                out.intents.emplace_back(NoShow{false});
            break;
        }
        case CounterDialog::Transfer: {
            title(ctx.format("counter.transfer.title", number));
            const float col_w = (inner_w - t.px(40)) / 2, top = min.y + t.px(100);
            int f = choice_column(ctx, out, ctx.text("counter.transfer.to_field"), "transfer.field.", m.transfer_fields,
                                  ImVec2(inner, top), col_w, close_top - t.px(12));
            if (f >= 0) out.intents.emplace_back(TransferToField{m.transfer_fields[static_cast<std::size_t>(f)].id});
            int c = choice_column(ctx, out, ctx.text("counter.transfer.to_counter"), "transfer.counter.",
                                  m.transfer_counters, ImVec2(inner + col_w + t.px(40), top), col_w, close_top - t.px(12));
            if (c >= 0) out.intents.emplace_back(TransferToCounter{m.transfer_counters[static_cast<std::size_t>(c)].id});
            break;
        }
        case CounterDialog::WalkIn: {
            title(ctx.text("counter.walk_in.title"));
            const float col_w = (inner_w - t.px(40)) / 2, top = min.y + t.px(100);
            std::vector<Choice> groups = {{"", ctx.text("counter.walk_in.normal")}};
            groups.insert(groups.end(), m.priority_groups.begin(), m.priority_groups.end());
            int g = choice_column(ctx, out, ctx.text("counter.walk_in.priority"), "walk_in.priority.", groups,
                                  ImVec2(inner, top), col_w, close_top - t.px(12), m.walk_in_priority);
            if (g >= 0) out.intents.emplace_back(ChooseWalkInPriority{groups[static_cast<std::size_t>(g)].id});
            int f = choice_column(ctx, out, ctx.text("counter.walk_in.field"), "walk_in.field.", m.walk_in_fields,
                                  ImVec2(inner + col_w + t.px(40), top), col_w, close_top - t.px(12));
            if (f >= 0) out.intents.emplace_back(WalkIn{m.walk_in_fields[static_cast<std::size_t>(f)].id});
            break;
        }
        case CounterDialog::None: break;
    }
    const float cw = t.px(260);
    if (console_button(ctx, out, "dialog.close", ctx.text("counter.dialog.close"),
                       ImVec2((min.x + max.x - cw) / 2, close_top), ImVec2((min.x + max.x + cw) / 2, close_top + t.px(72)),
                       true, Theme::kWhite, t.body))
        out.intents.emplace_back(CloseDialog{});
}

}  // namespace motcua::kiosk
