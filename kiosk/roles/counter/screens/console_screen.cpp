#include <algorithm>

#include "kiosk/roles/counter/screens/counter_screens.hpp"

namespace motcua::kiosk {

namespace {

std::string minutes_since(std::int64_t now_ms, std::int64_t then_ms) {
    if (then_ms <= 0 || now_ms < then_ms) return "0'";
    return std::to_string((now_ms - then_ms) / 60000) + "'";
}

const std::string& status_text(const CounterContext& ctx, const std::string& status) {
    return ctx.text("counter.status." + status);
}

// The ticket called or served here: big number, field, priority, status and times.
void draw_current(const CounterContext& ctx, ImVec2 min, ImVec2 max) {
    const Theme& t = ctx.theme;
    const CounterModel& m = ctx.model;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(min, max, Theme::kWhite, t.px(14));
    dl->AddRect(min, max, IM_COL32(0xC4, 0xCA, 0xD1, 0xFF), t.px(14), 0, t.px(2));
    draw_text(ctx, t.small, ctx.text("counter.current"), min.x + t.px(24), min.y + t.px(28), Theme::kMutedText);
    if (!m.current) {
        draw_centered_text(dl, t.body, ctx.text(m.paused ? "counter.paused_banner" : "counter.no_current"),
                           ImVec2(min.x + t.px(24), min.y + t.px(50)), ImVec2(max.x - t.px(24), max.y - t.px(10)),
                           m.paused ? Theme::kWarning : Theme::kMutedText);
        return;
    }
    const TicketLine& c = *m.current;
    const ImU32 accent = c.status == "serving" ? Theme::kPositive : Theme::kSelected;
    draw_text(ctx, t.headline, c.display, min.x + t.px(24), min.y + t.px(110), accent);
    const float x = min.x + t.px(330);
    draw_text(ctx, t.body, c.field_name, x, min.y + t.px(70), Theme::kText);
    std::string status = status_text(ctx, c.status);
    if (c.recalls > 0) status += " · " + ctx.format("counter.recalls", std::to_string(c.recalls));
    draw_text(ctx, t.small, status, x, min.y + t.px(122), accent);
    std::string times = ctx.format("counter.time.called", clock_text(c.called_ms, m.utc_offset_minutes));
    if (c.serving_ms > 0) times += "   " + ctx.format("counter.time.serving", clock_text(c.serving_ms, m.utc_offset_minutes));
    draw_text(ctx, t.small, times, x, min.y + t.px(164), Theme::kMutedText);
    if (!c.priority_name.empty()) {
        std::string p = ctx.format("counter.priority", c.priority_name);
        float w = t.small->CalcTextSizeA(t.small->FontSize, FLT_MAX, 0, p.c_str()).x;
        ImVec2 pmin(min.x + t.px(24), max.y - t.px(52)), pmax(pmin.x + w + t.px(24), max.y - t.px(12));
        dl->AddRectFilled(pmin, pmax, rgb(0xB26A00), t.px(8));
        draw_text(ctx, t.small, p, pmin.x + t.px(12), (pmin.y + pmax.y) / 2, Theme::kWhite);
    }
}

// The entry box (typed or scanned ticket number, dossier codes) and the codes kept for this ticket.
void draw_entry(const CounterContext& ctx, CounterFrame& out, ImVec2 min, ImVec2 max) {
    using namespace counter_intent;
    const Theme& t = ctx.theme;
    const CounterModel& m = ctx.model;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float box_right = max.x - t.px(420);
    const float box_bottom = min.y + t.px(60);
    dl->AddRectFilled(min, ImVec2(box_right, box_bottom), Theme::kWhite, t.px(10));
    dl->AddRect(min, ImVec2(box_right, box_bottom), Theme::kSelected, t.px(10), 0, t.px(3));
    ImGui::PushClipRect(ImVec2(min.x + t.px(8), min.y), ImVec2(box_right - t.px(8), box_bottom), true);
    if (m.entry.empty()) {
        draw_text(ctx, t.small, ctx.text("counter.entry.placeholder"), min.x + t.px(16), (min.y + box_bottom) / 2,
                  IM_COL32(0x8A, 0x93, 0x9E, 0xFF));
    } else {
        // A scanned reference is longer than the box: its end, where the typing is, stays in view.
        const std::string shown = m.entry + "|";
        const float w = t.small->CalcTextSizeA(t.small->FontSize, FLT_MAX, 0, shown.c_str()).x;
        const float x = std::min(min.x + t.px(16), box_right - t.px(16) - w);
        draw_text(ctx, t.small, shown, x, (min.y + box_bottom) / 2, Theme::kText);
    }
    ImGui::PopClipRect();
    const bool has_entry = !m.entry.empty();
    const float bx = box_right + t.px(12), bw = t.px(198);
    if (console_button(ctx, out, "counter.call_entered", ctx.text("counter.button.call_entered"), ImVec2(bx, min.y),
                       ImVec2(bx + bw, box_bottom), has_entry && m.actions.call_specific, Theme::kSelected))
        out.intents.emplace_back(CallEntered{});
    if (console_button(ctx, out, "counter.add_dossier", ctx.text("counter.button.add_dossier"),
                       ImVec2(bx + bw + t.px(10), min.y), ImVec2(max.x, box_bottom), has_entry && m.current.has_value(),
                       Theme::kSelected))
        out.intents.emplace_back(AddDossierCode{});

    // Dossier codes of the current ticket, each removable.
    float x = min.x, y = box_bottom + t.px(10);
    if (m.current) {
        std::string label = m.dossier_codes.empty() ? ctx.text("counter.dossier.none") : ctx.text("counter.dossier.label");
        draw_text(ctx, t.small, label, x, y + t.px(22), Theme::kMutedText);
        x += t.small->CalcTextSizeA(t.small->FontSize, FLT_MAX, 0, label.c_str()).x + t.px(12);
    }
    std::size_t shown = 0;
    const float first_chip_x = x;
    for (const std::string& code : m.dossier_codes) {
        std::string chip = code + "  ×";
        float w = t.small->CalcTextSizeA(t.small->FontSize, FLT_MAX, 0, chip.c_str()).x + t.px(24);
        if (x + w > max.x) {  // next row, under the first chip
            x = first_chip_x;
            y += t.px(52);
        }
        if (y + t.px(44) > max.y) {
            draw_text(ctx, t.small, ctx.format("counter.dossier.more", std::to_string(m.dossier_codes.size() - shown)),
                      max.x - t.px(60), y - t.px(52) + t.px(22), Theme::kMutedText);
            break;
        }
        ++shown;
        if (console_button(ctx, out, "dossier.remove." + code, chip, ImVec2(x, y), ImVec2(x + w, y + t.px(44)), true,
                           Theme::kWhite))
            out.intents.emplace_back(RemoveDossierCode{code});
        x += w + t.px(10);
    }
}

// Waiting tickets this counter may call, in the order they wait.
void draw_waiting(const CounterContext& ctx, ImVec2 min, ImVec2 max) {
    const Theme& t = ctx.theme;
    const CounterModel& m = ctx.model;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(min, max, Theme::kWhite, t.px(14));
    dl->AddRect(min, max, IM_COL32(0xC4, 0xCA, 0xD1, 0xFF), t.px(14), 0, t.px(2));
    draw_text(ctx, t.body, ctx.format("counter.waiting_title", std::to_string(m.waiting.size())), min.x + t.px(20),
              min.y + t.px(34), Theme::kText);
    std::string fields;
    for (const std::string& f : m.served_fields) fields += (fields.empty() ? "" : ", ") + f;
    draw_text(ctx, t.small, fields, min.x + t.px(20), min.y + t.px(76), Theme::kMutedText);
    const float row_h = t.px(46);
    float y = min.y + t.px(104);
    const float bottom = max.y - t.px(50);
    const float col_wait = max.x - t.px(80);
    dl->AddLine(ImVec2(min.x + t.px(12), y - t.px(4)), ImVec2(max.x - t.px(12), y - t.px(4)), rgb(0xC4CAD1), t.px(2));
    std::size_t shown = 0;
    for (const TicketLine& line : m.waiting) {
        if (y + row_h > bottom) break;
        if (shown % 2 == 1) dl->AddRectFilled(ImVec2(min.x + t.px(6), y), ImVec2(max.x - t.px(6), y + row_h), rgb(0xF0F3F6));
        const float cy = y + row_h / 2;
        draw_text(ctx, t.body, line.display, min.x + t.px(20), cy, Theme::kText);
        float x = min.x + t.px(140);
        if (!line.priority_name.empty()) {  // a badge, not only a colour
            const std::string& badge = ctx.text("counter.priority_badge");
            float w = t.small->CalcTextSizeA(t.small->FontSize, FLT_MAX, 0, badge.c_str()).x + t.px(16);
            dl->AddRectFilled(ImVec2(x, cy - t.px(17)), ImVec2(x + w, cy + t.px(17)), rgb(0xB26A00), t.px(6));
            draw_text(ctx, t.small, badge, x + t.px(8), cy, Theme::kWhite);
            x += w + t.px(8);
        }
        if (line.transferred_here) {
            draw_text(ctx, t.small, "→", x, cy, Theme::kSelected);
            x += t.px(30);
        }
        const std::string& what = line.priority_name.empty() ? line.field_name : line.priority_name;
        ImGui::PushClipRect(ImVec2(x, y), ImVec2(col_wait - t.px(8), y + row_h), true);
        draw_text(ctx, t.small, what, x, cy, line.priority_name.empty() ? Theme::kMutedText : rgb(0x8A4F00));
        ImGui::PopClipRect();
        draw_text(ctx, t.small, minutes_since(m.wall_now_ms, line.issued_ms), col_wait, cy, Theme::kText);
        y += row_h;
        ++shown;
    }
    if (m.waiting.empty())
        draw_centered_text(dl, t.small, ctx.text("counter.waiting_empty"), ImVec2(min.x + t.px(20), y),
                           ImVec2(max.x - t.px(20), y + t.px(80)), Theme::kMutedText);
    if (shown < m.waiting.size())
        draw_text(ctx, t.small, ctx.format("counter.waiting_more", std::to_string(m.waiting.size() - shown)),
                  min.x + t.px(20), max.y - t.px(28), Theme::kMutedText);
    draw_text(ctx, t.small,
              ctx.format("counter.counts", std::to_string(m.served_today)) + "   " +
                  ctx.format("counter.counts_no_show", std::to_string(m.no_show_today)),
              shown < m.waiting.size() ? max.x - t.px(250) : min.x + t.px(20), max.y - t.px(28), Theme::kMutedText);
}

}  // namespace

void draw_console_screen(const CounterContext& ctx, CounterFrame& out) {
    using namespace counter_intent;
    const Theme& t = ctx.theme;
    const CounterModel& m = ctx.model;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float W = ctx.size.x, H = ctx.size.y;
    const float pad = t.px(20);

    // Top bar: counter, officer, pause state, sign out.
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(W, t.px(72)), m.paused ? Theme::kWarning : rgb(0x1F2933));
    std::string head = m.counter_name + "  ·  " + m.officer_name;
    if (m.paused) head += "  ·  " + ctx.text("counter.paused_short");
    draw_text(ctx, t.body, head, pad, t.px(36), Theme::kWhite);
    if (console_button(ctx, out, "counter.sign_out", ctx.text("counter.button.sign_out"),
                       ImVec2(W - pad - t.px(200), t.px(10)), ImVec2(W - pad, t.px(62)), m.actions.sign_out,
                       Theme::kWhite))
        out.intents.emplace_back(SignOut{});

    const float left_w = W * 0.62f;
    const float top = t.px(86);
    draw_current(ctx, ImVec2(pad, top), ImVec2(left_w, top + t.px(220)));
    // Under the buttons: the entry box and the dossier codes, down to the message line.
    draw_entry(ctx, out, ImVec2(pad, top + t.px(416)), ImVec2(left_w, H - pad - t.px(82)));
    draw_waiting(ctx, ImVec2(left_w + pad, top), ImVec2(W - pad, H - pad));

    // The actions, three to a row.
    const CounterActions& a = m.actions;
    struct Action {
        const char* target;
        std::string label;
        bool enabled;
        ImU32 fill;
        Intent intent;
    };
    const Action actions[] = {
        {"counter.call_next", ctx.text("counter.button.call_next"), a.call_next, Theme::kSelected, CallNext{}},
        {"counter.recall", ctx.text("counter.button.recall"), a.recall, Theme::kSelected, Recall{}},
        {"counter.start", ctx.text("counter.button.start"), a.start, Theme::kPositive, StartServing{}},
        {"counter.finish", ctx.text("counter.button.finish"), a.finish, Theme::kPositive, Finish{}},
        {"counter.no_show", ctx.text("counter.button.no_show"), a.no_show, Theme::kNeutralButton, AskNoShow{}},
        {"counter.transfer", ctx.text("counter.button.transfer"), a.transfer, Theme::kNeutralButton, AskTransfer{}},
        m.paused ? Action{"counter.resume", ctx.text("counter.button.resume"), a.resume, Theme::kWarning, Resume{}}
                 : Action{"counter.pause", ctx.text("counter.button.pause"), a.pause, Theme::kNeutralButton, Pause{}},
        {"counter.walk_in", ctx.text("counter.button.walk_in"), a.walk_in, Theme::kNeutralButton, AskWalkIn{}},
    };
    const float grid_top = top + t.px(232), gap = t.px(12);
    const float bw = (left_w - pad - 3 * gap) / 4, bh = t.px(80);
    for (std::size_t i = 0; i < std::size(actions); ++i) {
        const float x = pad + static_cast<float>(i % 4) * (bw + gap);
        const float y = grid_top + static_cast<float>(i / 4) * (bh + gap);
        const Action& act = actions[i];
        if (console_button(ctx, out, act.target, act.label, ImVec2(x, y), ImVec2(x + bw, y + bh), act.enabled, act.fill))
            out.intents.push_back(act.intent);
    }
    draw_message(ctx, ImVec2(pad, H - pad - t.px(70)), ImVec2(left_w, H - pad));
}

}  // namespace motcua::kiosk
