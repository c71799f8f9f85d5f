// The ticket as the citizen sees it: the big number, the field, people ahead and the estimated
// wait on the left; the QR code (the same reference as printed) on the right; what happened to
// the paper at the bottom. When the printer failed this screen IS the ticket: it says so.
#include <algorithm>
#include <cmath>

#include "kiosk/print/ticket_render.hpp"
#include "kiosk/roles/dispenser/screens/dispenser_screens.hpp"

namespace motcua::kiosk::dispenser {

namespace {
void draw_qr(const ShownTicket& ticket, ImVec2 min, float side) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(min, ImVec2(min.x + side, min.y + side), Theme::kWhite);
    if (ticket.qr_size <= 0) return;
    const int quiet = 4;  // modules of white around the code, as scanners expect
    const float module = std::floor(side / static_cast<float>(ticket.qr_size + 2 * quiet));
    const float offset = std::floor((side - module * static_cast<float>(ticket.qr_size)) / 2);
    for (int y = 0; y < ticket.qr_size; ++y)
        for (int x = 0; x < ticket.qr_size; ++x)
            if (ticket.qr_modules[static_cast<std::size_t>(y * ticket.qr_size + x)])
                dl->AddRectFilled(ImVec2(min.x + offset + static_cast<float>(x) * module, min.y + offset + static_cast<float>(y) * module),
                                  ImVec2(min.x + offset + static_cast<float>(x + 1) * module,
                                         min.y + offset + static_cast<float>(y + 1) * module),
                                  IM_COL32(0, 0, 0, 0xFF));
}

std::string wait_words(const ScreenContext& ctx, int minutes) {
    if (ctx.model.language == Language::Vi) return print::wait_estimate_words(minutes);
    minutes = std::max(1, minutes);
    if (minutes < 60) return "about " + std::to_string(minutes) + " min";
    return "about " + std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
}
}  // namespace

void draw_ticket_screen(const ScreenContext& ctx, DispenserFrame& out) {
    if (!ctx.model.ticket) return;
    const ShownTicket& ticket = *ctx.model.ticket;
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float switch_bottom = draw_language_switch(ctx, out);
    (void)switch_bottom;
    const float qr_side = std::min(t.px(400), ctx.bottom - t.px(280));
    const float qr_x = ctx.size.x - t.px(40) - qr_side;
    const float left = t.px(60), right = qr_x - t.px(40);
    ImVec2 center_top(left, t.px(40));

    // The number: the largest thing on the screen, readable from a step back.
    float y = t.px(30);
    draw_centered_text(dl, t.label, ctx.text("dispenser.ticket.title"), ImVec2(left, y), ImVec2(right, y + t.label->FontSize),
                       Theme::kText);
    y += t.label->FontSize + t.px(10);
    const float number_size = t.headline->FontSize * 2.2f;
    const ImVec2 number_w = t.headline->CalcTextSizeA(number_size, FLT_MAX, 0, ticket.number.c_str());
    dl->AddText(t.headline, number_size, ImVec2(std::floor(left + (right - left - number_w.x) / 2), y), Theme::kSelected,
                ticket.number.c_str());
    y += number_w.y + t.px(10);
    std::string field = ctx.pick(ticket.field_name_vi, ticket.field_name_en);
    const std::string procedure = ctx.pick(ticket.procedure_vi, ticket.procedure_en);
    if (!procedure.empty()) field += " – " + procedure;
    const float field_h = wrapped_height(t.label, field, right - left);
    draw_centered_text(dl, t.label, field, ImVec2(left, y), ImVec2(right, y + field_h), Theme::kText);
    y += field_h + t.px(8);
    const std::string priority = ctx.pick(ticket.priority_vi, ticket.priority_en);
    if (!priority.empty()) {
        const std::string line = ctx.text("dispenser.ticket.priority") + " " + priority;
        draw_centered_text(dl, t.body, line, ImVec2(left, y), ImVec2(right, y + t.body->FontSize), IM_COL32(0x6A, 0x1B, 0x9A, 0xFF));
        y += t.body->FontSize + t.px(8);
    }
    y += t.px(12);
    const std::string ahead = ticket.people_ahead == 0 ? ctx.text("dispenser.ticket.next")
                                                       : fill(ctx.text("dispenser.ticket.ahead"), std::to_string(ticket.people_ahead));
    draw_centered_text(dl, t.body, ahead, ImVec2(left, y), ImVec2(right, y + t.body->FontSize), Theme::kText);
    y += t.body->FontSize + t.px(8);
    const std::string wait = ticket.wait_minutes ? fill(ctx.text("dispenser.ticket.wait"), wait_words(ctx, *ticket.wait_minutes))
                                                 : ctx.text("dispenser.ticket.no_estimate");
    const float wait_h = wrapped_height(t.body, wait, right - left);
    draw_centered_text(dl, t.body, wait, ImVec2(left, y), ImVec2(right, y + wait_h), Theme::kMutedText);

    // The QR code with its caption.
    const float qr_top = t.px(110);
    draw_qr(ticket, ImVec2(qr_x, qr_top), qr_side);
    dl->AddRect(ImVec2(qr_x, qr_top), ImVec2(qr_x + qr_side, qr_top + qr_side), Theme::kBorder, 0, 0, t.px(2));
    draw_centered_text(dl, t.small, ctx.text("dispenser.ticket.qr"), ImVec2(qr_x, qr_top + qr_side + t.px(6)),
                       ImVec2(qr_x + qr_side, qr_top + qr_side + t.px(6) + t.small->FontSize), Theme::kMutedText);

    // What happened to the paper, and the "Xong" button.
    const char* key = "dispenser.ticket.screen_only";
    ImU32 color = Theme::kText;
    switch (ticket.print) {
        case PrintState::NotConfigured: key = "dispenser.ticket.screen_only"; break;
        case PrintState::Printing: key = "dispenser.ticket.printing"; break;
        case PrintState::Printed: key = "dispenser.ticket.printed"; color = Theme::kPositive; break;
        case PrintState::Failed: key = "dispenser.ticket.not_printed"; color = Theme::kWarning; break;
    }
    const float button_w = t.px(260);
    const float status_bottom = ctx.bottom - t.px(24);
    const std::string& status = ctx.text(key);
    const float status_h = wrapped_height(t.label, status, ctx.size.x - button_w - t.px(140));
    const float status_top = status_bottom - std::max(status_h, t.px(110));
    draw_centered_text(dl, t.label, status, ImVec2(t.px(40), status_top),
                       ImVec2(ctx.size.x - button_w - t.px(100), status_bottom), color);
    ImVec2 bmin(ctx.size.x - t.px(40) - button_w, status_bottom - t.px(110)), bmax(ctx.size.x - t.px(40), status_bottom);
    if (text_button("done", ctx.text("dispenser.done"), t.label, bmin, bmax, Theme::kSelected, ButtonStyle::Primary, t.scale,
                    out.targets)
            .clicked)
        out.intents.emplace_back(intent::Done{});
    (void)center_top;
}

}  // namespace motcua::kiosk::dispenser
