#include <algorithm>

#include "kiosk/roles/board/screens/board_screens.hpp"

namespace motcua::kiosk {

namespace {

void draw_text_centered(ImDrawList* dl, ImFont* font, float size, const std::string& text, float cx, float cy,
                        ImU32 color) {
    const ImVec2 wh = text_size(font, size, text);
    dl->AddText(font, size, ImVec2(cx - wh.x / 2, cy - wh.y / 2), color, text.c_str());
}

// The newest call, very large: "A012" over "QUẦY 3A". Blinks amber while it is new.
void draw_newest_call(const BoardScreenContext& ctx, ImVec2 min, ImVec2 max) {
    const Theme& t = ctx.theme;
    const BoardModel& m = ctx.model;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = max.x - min.x, h = max.y - min.y;
    const float title_h = h * 0.12f;
    draw_text_centered(dl, t.label, title_h * 0.9f, ctx.text("board.title"), (min.x + max.x) / 2, min.y + title_h / 2,
                       BoardColors::kAmber);
    const ImVec2 box_min(min.x, min.y + title_h + h * 0.02f);
    const float text_h = h * 0.16f;
    const ImVec2 box_max(max.x, max.y - text_h);
    const bool lit = m.highlight && m.blink_on;
    dl->AddRectFilled(box_min, box_max, lit ? BoardColors::kAmber : BoardColors::kPanel, h * 0.03f);
    if (m.highlight) dl->AddRect(box_min, box_max, BoardColors::kAmber, h * 0.03f, 0, h * 0.012f);
    const float cx = (box_min.x + box_max.x) / 2;
    const float box_h = box_max.y - box_min.y;
    if (m.recent.empty()) {
        const float size = fitting_size(t.label, box_h * 0.14f, ctx.text("board.none_yet"), w * 0.9f);
        draw_text_centered(dl, t.label, size, ctx.text("board.none_yet"), cx, box_min.y + box_h / 2, BoardColors::kMuted);
        return;
    }
    const BoardCall& call = m.recent.front();
    const ImU32 ink = lit ? BoardColors::kOnAmber : BoardColors::kText;
    ImFont* nf = number_font(t, call.ticket);
    const float number_size = fitting_size(nf, box_h * 0.52f, call.ticket, w * 0.9f);
    draw_text_centered(dl, nf, number_size, call.ticket, cx, box_min.y + box_h * 0.34f, ink);
    // "QUẦY" in the bold font, the counter's id in the numerals font, on one line.
    const std::string word = ctx.text("board.counter_word") + " ";
    ImFont* cf = number_font(t, call.counter);
    float counter_size = box_h * 0.3f;
    float word_size = counter_size * 0.62f;
    float line_w = text_size(t.headline, word_size, word).x + text_size(cf, counter_size, call.counter).x;
    if (line_w > w * 0.9f) {
        counter_size *= w * 0.9f / line_w;
        word_size *= w * 0.9f / line_w;
        line_w = w * 0.9f;
    }
    const float base_y = box_min.y + box_h * 0.78f;
    const ImVec2 word_wh = text_size(t.headline, word_size, word);
    const ImVec2 counter_wh = text_size(cf, counter_size, call.counter);
    float x = cx - line_w / 2;
    dl->AddText(t.headline, word_size, ImVec2(x, base_y - word_wh.y / 2), lit ? ink : BoardColors::kMuted, word.c_str());
    x += word_wh.x;
    dl->AddText(cf, counter_size, ImVec2(x, base_y - counter_wh.y / 2), lit ? ink : BoardColors::kAmber,
                call.counter.c_str());
    if (call.recall) {
        const std::string& tag = ctx.text("board.recall");
        const float size = box_h * 0.08f;
        const ImVec2 wh = text_size(t.label, size, tag);
        const ImVec2 tag_min(box_max.x - wh.x - box_h * 0.08f, box_min.y + box_h * 0.03f);
        dl->AddRectFilled(tag_min, ImVec2(box_max.x - box_h * 0.03f, tag_min.y + wh.y + box_h * 0.02f),
                          lit ? BoardColors::kOnAmber : BoardColors::kAmber, box_h * 0.02f);
        dl->AddText(t.label, size, ImVec2(tag_min.x + box_h * 0.025f, tag_min.y + box_h * 0.01f),
                    lit ? BoardColors::kAmber : BoardColors::kOnAmber, tag.c_str());
    }
    // The spoken words, for those who cannot hear them.
    const float words_size = text_h * 0.42f;
    auto lines = wrap_lines(t.body, call.text, w);
    float y = box_max.y + (text_h - words_size * static_cast<float>(std::min<size_t>(lines.size(), 2))) / 2;
    for (size_t i = 0; i < lines.size() && i < 2; ++i, y += words_size)
        draw_text_centered(dl, t.body, fitting_size(t.body, words_size, lines[i], w), lines[i], cx, y + words_size / 2,
                           BoardColors::kText);
}

// The calls before the newest one: SỐ → QUẦY rows.
void draw_recent_calls(const BoardScreenContext& ctx, ImVec2 min, ImVec2 max) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = max.x - min.x, h = max.y - min.y;
    const float title_h = h * 0.12f;
    draw_text_centered(dl, t.label, title_h * 0.9f, ctx.text("board.recent"), (min.x + max.x) / 2, min.y + title_h / 2,
                       BoardColors::kAmber);
    const float head_h = h * 0.08f;
    const float split = min.x + w * 0.58f;
    float y = min.y + title_h + h * 0.02f;
    draw_text_centered(dl, t.body, head_h * 0.8f, ctx.text("board.number"), (min.x + split) / 2, y + head_h / 2,
                       BoardColors::kMuted);
    draw_text_centered(dl, t.body, head_h * 0.8f, ctx.text("board.counter"), (split + max.x) / 2, y + head_h / 2,
                       BoardColors::kMuted);
    y += head_h;
    const auto& recent = ctx.model.recent;
    constexpr size_t rows = 5;  // BoardConfig::recent_count (6) minus the newest call, drawn large
    const float row_h = (max.y - y) / static_cast<float>(rows);
    for (size_t i = 0; i < rows; ++i) {
        const float top = y + static_cast<float>(i) * row_h;
        dl->AddRectFilled(ImVec2(min.x, top + row_h * 0.05f), ImVec2(max.x, top + row_h * 0.95f),
                          i % 2 ? BoardColors::kBackground : BoardColors::kRow, row_h * 0.1f);
        if (i + 1 >= recent.size()) continue;
        const BoardCall& call = recent[i + 1];
        ImFont* nf = number_font(t, call.ticket);
        ImFont* cf = number_font(t, call.counter);
        const float size = row_h * 0.82f;
        draw_text_centered(dl, nf, fitting_size(nf, size, call.ticket, split - min.x - w * 0.04f), call.ticket,
                           (min.x + split) / 2, top + row_h / 2, BoardColors::kText);
        draw_text_centered(dl, cf, fitting_size(cf, size, call.counter, max.x - split - w * 0.04f), call.counter,
                           (split + max.x) / 2, top + row_h / 2, BoardColors::kAmber);
    }
}

// Today's waiting tickets per field: the prefix letter, the count, the field's name.
void draw_waiting(const BoardScreenContext& ctx, ImVec2 min, ImVec2 max) {
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(min, max, BoardColors::kBand);
    const auto& fields = ctx.model.waiting;
    const float h = max.y - min.y;
    const float pad = ctx.size.x * 0.025f;
    const std::string& label = ctx.text("board.waiting");
    const float label_size = h * 0.24f;
    const ImVec2 label_wh = text_size(t.label, label_size, label);
    dl->AddText(t.label, label_size, ImVec2(min.x + pad, min.y + (h - label_wh.y) / 2), BoardColors::kAmber,
                label.c_str());
    if (fields.empty()) return;
    const float left = min.x + 2 * pad + label_wh.x;
    const float chip_w = (max.x - pad - left) / static_cast<float>(fields.size());
    for (size_t i = 0; i < fields.size(); ++i) {
        const FieldWaiting& f = fields[i];
        const float x = left + static_cast<float>(i) * chip_w;
        const float row1 = min.y + h * 0.34f;
        const float r = h * 0.2f;
        dl->AddCircleFilled(ImVec2(x + r + chip_w * 0.04f, row1), r, BoardColors::kPanel, 48);
        ImFont* pf = number_font(t, f.prefix);
        draw_text_centered(dl, pf, r * 1.5f, f.prefix, x + r + chip_w * 0.04f, row1, BoardColors::kText);
        const std::string count = std::to_string(f.waiting);
        ImFont* nf = number_font(t, count);
        const float count_size = fitting_size(nf, h * 0.5f, count, chip_w - 2 * r - chip_w * 0.14f);
        const ImVec2 cwh = text_size(nf, count_size, count);
        dl->AddText(nf, count_size, ImVec2(x + 2 * r + chip_w * 0.1f, row1 - cwh.y / 2), BoardColors::kText,
                    count.c_str());
        // The name, in at most two lines under the count.
        const float name_size = h * 0.15f;
        auto lines = wrap_lines(t.small, f.name, chip_w * 0.94f);
        if (lines.size() > 2) {  // a long name: two lines, the second one ending in "…"
            lines.resize(2);
            lines[1] += "\u2026";
        }
        float y = min.y + h * 0.62f;
        for (size_t l = 0; l < lines.size() && l < 2; ++l, y += name_size * 1.05f) {
            const float size = fitting_size(t.small, name_size, lines[l], chip_w * 0.94f);
            dl->AddText(t.small, size, ImVec2(x + chip_w * 0.03f, y), BoardColors::kMuted, lines[l].c_str());
        }
    }
}

}  // namespace

void draw_calls_screen(const BoardScreenContext& ctx) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ctx.size, BoardColors::kBackground);
    const float top = draw_board_header(ctx);
    const float pad = ctx.size.x * 0.025f;
    const float footer_h = ctx.size.y * 0.2f;
    const float bottom = ctx.size.y - footer_h;
    const float split = ctx.size.x * 0.57f;
    draw_newest_call(ctx, ImVec2(pad, top + pad * 0.6f), ImVec2(split - pad / 2, bottom - pad * 0.4f));
    draw_recent_calls(ctx, ImVec2(split + pad / 2, top + pad * 0.6f), ImVec2(ctx.size.x - pad, bottom - pad * 0.4f));
    draw_waiting(ctx, ImVec2(0, bottom), ctx.size);
    if (ctx.voice_problem) {
        // Staff must know the calls are not heard; small, in the corner of the waiting band.
        const std::string& note = ctx.text("board.voice_problem");
        const ImVec2 wh = text_size(ctx.theme.small, ctx.theme.small->FontSize * 0.8f, note);
        dl->AddText(ctx.theme.small, ctx.theme.small->FontSize * 0.8f,
                    ImVec2(ctx.size.x - pad - wh.x, ctx.size.y - wh.y - pad * 0.2f), BoardColors::kAmber, note.c_str());
    }
}

}  // namespace motcua::kiosk
