#include "kiosk/it/it_screens.hpp"

#include <algorithm>
#include <cstring>

namespace motcua::kiosk {

namespace {

constexpr ImU32 kPanelText = Theme::kText;

void title(ImDrawList* dl, const Theme& t, const std::string& text, float y) {
    dl->AddText(t.label, t.label->FontSize, ImVec2(t.px(40), y), kPanelText, text.c_str());
}

void close_button(const Theme& t, ImVec2 size, HitTargets& targets, std::vector<ItIntent>& out) {
    ImVec2 max(size.x - t.px(30), t.px(30) + t.px(70));
    ImVec2 min(max.x - t.px(170), t.px(30));
    if (text_button("it.close", "Đóng", t.body, min, max, Theme::kNeutralButton, ButtonStyle::Secondary, t.scale, targets)
            .clicked)
        out.push_back({ItAction::Close});
}

// Left-aligned wrapped text from `pos`; returns the y after it.
float paragraph(ImDrawList* dl, ImFont* font, const std::string& text, ImVec2 pos, float width, ImU32 color) {
    for (const auto& line : wrap_lines(font, text, width)) {
        dl->AddText(font, font->FontSize, pos, color, line.c_str());
        pos.y += font->FontSize * 1.15f;
    }
    return pos.y;
}

void draw_pin(const ItModel& m, const Theme& t, ImVec2 size, HitTargets& targets, std::vector<ItIntent>& out) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    title(dl, t, "Màn hình kỹ thuật", t.px(36));
    dl->AddText(t.body, t.body->FontSize, ImVec2(t.px(40), t.px(110)), Theme::kMutedText,
                "Nhập mã PIN của cán bộ kỹ thuật");
    // The typed digits as dots, in a box.
    ImVec2 box_min(t.px(40), t.px(180)), box_max(t.px(560), t.px(260));
    dl->AddRectFilled(box_min, box_max, Theme::kWhite, t.px(12));
    dl->AddRect(box_min, box_max, Theme::kBorder, t.px(12), 0, t.px(3));
    for (size_t i = 0; i < m.pin.size(); ++i)
        dl->AddCircleFilled(ImVec2(box_min.x + t.px(40) + static_cast<float>(i) * t.px(40), (box_min.y + box_max.y) / 2),
                            t.px(11), Theme::kText, 20);
    if (!m.pin_message.empty())
        paragraph(dl, t.body, m.pin_message, ImVec2(t.px(40), t.px(290)), t.px(540), Theme::kWarning);
    // A phone-style keypad on the right.
    const char* keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"};
    float kw = t.px(150), kh = t.px(110), gap = t.px(16);
    float x0 = size.x - t.px(40) - 3 * kw - 2 * gap, y0 = t.px(150);
    for (int i = 0; i < 12; ++i) {
        ImVec2 min(x0 + static_cast<float>(i % 3) * (kw + gap), y0 + static_cast<float>(i / 3) * (kh + gap));
        ImVec2 max(min.x + kw, min.y + kh);
        std::string k = keys[i];
        std::string target = k == "⌫" ? "it.pin.back" : k == "OK" ? "it.pin.ok" : "it.pin." + k;
        bool primary = k == "OK";
        // "⌫" is not in every font: write the word.
        std::string label = k == "⌫" ? "Xoá" : k;
        ImFont* font = k == "⌫" || primary ? t.label : t.headline;  // digits big, words smaller
        if (text_button(target, label, font, min, max,
                        primary ? Theme::kSelected : Theme::kNeutralButton,
                        primary ? ButtonStyle::Primary : ButtonStyle::Secondary, t.scale, targets)
                .clicked) {
            if (k == "⌫") out.push_back({ItAction::PinBackspace});
            else if (k == "OK") out.push_back({ItAction::PinSubmit});
            else out.push_back({ItAction::PinKey, k[0]});
        }
    }
    close_button(t, size, targets, out);
}

void draw_disabled(const ItModel& m, const Theme& t, ImVec2 size, HitTargets& targets, std::vector<ItIntent>& out) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    title(dl, t, "Màn hình kỹ thuật", t.px(36));
    paragraph(dl, t.body, m.disabled_reason, ImVec2(t.px(40), t.px(160)), size.x - t.px(80), Theme::kText);
    close_button(t, size, targets, out);
}

void draw_result_line(const ItModel& m, const Theme& t, ImDrawList* dl, float y, float width) {
    if (m.busy) paragraph(dl, t.body, m.busy_words, ImVec2(t.px(40), y), width, Theme::kSelected);
    else if (!m.result_message.empty())
        paragraph(dl, t.small, m.result_message, ImVec2(t.px(40), y), width, m.result_ok ? Theme::kPositive : Theme::kWarning);
}

void draw_status(const ItModel& m, const Theme& t, ImVec2 size, HitTargets& targets, std::vector<ItIntent>& out) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    title(dl, t, "Tình trạng máy", t.px(30));
    float y = t.px(110);
    const float label_w = t.px(330), value_x = t.px(40) + label_w, value_w = size.x - value_x - t.px(40);
    if (!m.status_problem.empty()) {
        y = paragraph(dl, t.small, m.status_problem, ImVec2(t.px(40), y), size.x - t.px(80), Theme::kWarning);
    } else {
        for (const auto& row : m.status.rows) {
            dl->AddText(t.small, t.small->FontSize, ImVec2(t.px(40), y), Theme::kMutedText, row.label.c_str());
            float next = paragraph(dl, t.small, row.value, ImVec2(value_x, y), value_w,
                                   row.alert ? Theme::kWarning : Theme::kText);
            y = std::max(next, y + t.small->FontSize * 1.15f) + t.px(6);
        }
    }
    // The citizen screen's start language, for roles that have two.
    if (m.start_language) {
        y += t.px(8);
        const float lh = t.px(64), lw = t.px(230);
        dl->AddText(t.small, t.small->FontSize, ImVec2(t.px(40), y + (lh - t.small->FontSize) / 2), Theme::kMutedText,
                    "Ngôn ngữ khi bắt đầu");
        struct L { const char* target; const char* label; Language language; };
        const L choices[] = {{"it.lang.vi", "Tiếng Việt", Language::Vi}, {"it.lang.en", "English", Language::En}};
        float x = value_x;
        for (const auto& c : choices) {
            ImVec2 min(x, y), max(x + lw, y + lh);
            const bool chosen = *m.start_language == c.language;
            if (m.busy) {
                dl->AddRectFilled(min, max, IM_COL32(0xD5, 0xDB, 0xE2, 0xFF), t.px(14));
                draw_centered_text(dl, t.body, c.label, min, max, Theme::kMutedText);
            } else if (text_button(c.target, c.label, t.body, min, max, chosen ? Theme::kSelected : Theme::kNeutralButton,
                                   chosen ? ButtonStyle::Primary : ButtonStyle::Secondary, t.scale, targets)
                           .clicked &&
                       !chosen) {
                out.push_back({ItAction::StartLanguage, 0, c.language});
            }
            x += lw + t.px(16);
        }
        y += lh + t.px(6);
    }
    // Actions along the bottom.
    float bh = t.px(84), by = size.y - t.px(30) - bh, gap = t.px(16);
    draw_result_line(m, t, dl, std::min(y + t.px(6), by - t.px(80)), size.x - t.px(80));
    struct B { const char* target; const char* label; ItAction action; bool shown; };
    const B buttons[] = {
        {"it.enrol", "Đăng ký máy", ItAction::ShowEnrol, true},
        {"it.print_test", "In thử", ItAction::PrintTest, m.can_print_test},
        {"it.refresh", "Cập nhật", ItAction::Refresh, true},
        {"it.restart", "Khởi động lại", ItAction::Restart, true},
    };
    int shown = 0;
    for (const auto& b : buttons) shown += b.shown ? 1 : 0;
    float bw = (size.x - t.px(80) - gap * static_cast<float>(shown - 1)) / static_cast<float>(shown);
    float x = t.px(40);
    for (const auto& b : buttons) {
        if (!b.shown) continue;
        if (m.busy) {  // drawn, not pressable, while an action runs
            dl->AddRectFilled(ImVec2(x, by), ImVec2(x + bw, by + bh), IM_COL32(0xD5, 0xDB, 0xE2, 0xFF), t.px(18));
            draw_centered_text(dl, t.body, b.label, ImVec2(x, by), ImVec2(x + bw, by + bh), Theme::kMutedText);
        } else if (text_button(b.target, b.label, t.body, ImVec2(x, by), ImVec2(x + bw, by + bh), Theme::kSelected,
                               ButtonStyle::Secondary, t.scale, targets)
                       .clicked) {
            out.push_back({b.action});
        }
        x += bw + gap;
    }
    close_button(t, size, targets, out);
}

void draw_enrol(const ItModel& m, const Theme& t, ImVec2 size, HitTargets& targets, std::vector<ItIntent>& out) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    title(dl, t, "Đăng ký máy với máy chủ", t.px(30));
    dl->AddText(t.small, t.small->FontSize, ImVec2(t.px(40), t.px(100)), Theme::kMutedText,
                "Nhập mã đăng ký một lần do máy chủ cấp (motcua-server enroll-code create)");
    ImVec2 box_min(t.px(40), t.px(150)), box_max(t.px(700), t.px(230));
    dl->AddRectFilled(box_min, box_max, Theme::kWhite, t.px(12));
    dl->AddRect(box_min, box_max, Theme::kBorder, t.px(12), 0, t.px(3));
    dl->AddText(t.label, t.label->FontSize, ImVec2(box_min.x + t.px(20), box_min.y + t.px(12)), Theme::kText,
                m.enrol_code.c_str());
    // The code's own alphabet, 8 keys a row, then erase.
    const char* alphabet = ItPanel::kCodeAlphabet;
    const int per_row = 11;
    float kw = (size.x - t.px(80) - t.px(10) * (per_row - 1)) / per_row, kh = t.px(80), gap = t.px(10);
    float y0 = t.px(260);
    const int n = static_cast<int>(std::strlen(alphabet));
    for (int i = 0; i <= n; ++i) {
        ImVec2 min(t.px(40) + static_cast<float>(i % per_row) * (kw + gap), y0 + static_cast<float>(i / per_row) * (kh + gap));
        ImVec2 max(min.x + kw, min.y + kh);
        if (m.busy) break;
        if (i == n) {
            if (text_button("it.key.back", "Xoá", t.body, min, max, Theme::kNeutralButton, ButtonStyle::Secondary, t.scale,
                            targets)
                    .clicked)
                out.push_back({ItAction::EnrolBackspace});
            break;
        }
        std::string k(1, alphabet[i]);
        if (text_button("it.key." + k, k, t.label, min, max, Theme::kNeutralButton, ButtonStyle::Secondary, t.scale,
                        targets)
                .clicked)
            out.push_back({ItAction::EnrolKey, alphabet[i]});
    }
    float bh = t.px(84), by = size.y - t.px(30) - bh;
    draw_result_line(m, t, dl, by - t.px(80), size.x - t.px(80));
    if (!m.busy) {
        float bw = t.px(300);
        if (text_button("it.enrol.submit", "Đăng ký", t.label, ImVec2(size.x - t.px(40) - bw, by),
                        ImVec2(size.x - t.px(40), by + bh), Theme::kSelected, ButtonStyle::Primary, t.scale, targets)
                .clicked)
            out.push_back({ItAction::EnrolSubmit});
        if (text_button("it.enrol.cancel", "Quay lại", t.body, ImVec2(t.px(40), by), ImVec2(t.px(40) + bw, by + bh),
                        Theme::kNeutralButton, ButtonStyle::Secondary, t.scale, targets)
                .clicked)
            out.push_back({ItAction::EnrolCancel});
    }
}

}  // namespace

FrameOutput<ItIntent> draw_it_screen(const ItModel& m, const Theme& t, ImVec2 size) {
    FrameOutput<ItIntent> out;
    switch (m.screen) {
        case ItScreen::Closed: break;
        case ItScreen::Disabled: draw_disabled(m, t, size, out.targets, out.intents); break;
        case ItScreen::Pin: draw_pin(m, t, size, out.targets, out.intents); break;
        case ItScreen::Status: draw_status(m, t, size, out.targets, out.intents); break;
        case ItScreen::EnrolCode: draw_enrol(m, t, size, out.targets, out.intents); break;
    }
    return out;
}

void draw_delivery_mark(DeliveryMark mark, const Theme& t, ImVec2 size, HitTargets& targets) {
    if (mark == DeliveryMark::None) return;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const char* code = mark_code(mark);
    ImFont* font = t.small;
    float fs = font->FontSize * 0.8f;  // smaller than any text a citizen is meant to read
    ImVec2 text_size = font->CalcTextSizeA(fs, FLT_MAX, 0.0f, code);
    float r = t.px(5);
    ImVec2 pos(t.px(8), size.y - t.px(8) - text_size.y);  // below the dispenser's Back button
    ImU32 grey = IM_COL32(0x8A, 0x93, 0x9E, 0xFF);
    dl->AddCircleFilled(ImVec2(pos.x + r, pos.y + text_size.y / 2), r, grey, 12);
    dl->AddText(font, fs, ImVec2(pos.x + 3 * r, pos.y), grey, code);
    targets["it.mark"] = Rect{pos.x, pos.y, 3 * r + text_size.x, text_size.y};
}

}  // namespace motcua::kiosk
