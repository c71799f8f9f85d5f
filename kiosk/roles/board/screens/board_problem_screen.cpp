#include "kiosk/roles/board/screens/board_screens.hpp"

namespace motcua::kiosk {

// The queue cannot be read: no stale numbers shown as if they were live. Citizens are told to
// listen at the counters; IT staff get the reason in smaller print.
void draw_board_problem_screen(const BoardScreenContext& ctx) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ctx.size, BoardColors::kProblem);
    const float top = draw_board_header(ctx);
    const float side = ctx.size.x * 0.06f;
    const float width = ctx.size.x - 2 * side;
    const std::string& title = ctx.text("board.problem.title");
    const std::string& body = ctx.text("board.problem.body");
    const std::string detail = ctx.text("board.problem.detail") + " " + ctx.model.problem;
    const float title_h = wrapped_height(t.headline, title, width);
    const float body_h = wrapped_height(t.label, body, width);
    const float detail_h = wrapped_height(t.small, detail, width);
    const float gap = ctx.size.y * 0.04f;
    const float block = title_h + gap + body_h;
    const float detail_top = ctx.size.y - gap - detail_h;
    float y = top + (detail_top - top - block) / 2;
    draw_centered_text(dl, t.headline, title, ImVec2(side, y), ImVec2(ctx.size.x - side, y + title_h), BoardColors::kText);
    y += title_h + gap;
    draw_centered_text(dl, t.label, body, ImVec2(side, y), ImVec2(ctx.size.x - side, y + body_h), BoardColors::kText);
    draw_centered_text(dl, t.small, detail, ImVec2(side, detail_top), ImVec2(ctx.size.x - side, detail_top + detail_h),
                       BoardColors::kMuted);
}

}  // namespace motcua::kiosk
