#include "kiosk/it/it_overlay_role.hpp"

#include <algorithm>
#include <exception>
#include <iostream>
#include <sstream>

#include "core/clock.hpp"
#include "kiosk/it/it_screens.hpp"
#include "kiosk/kiosk_settings.hpp"
#include "kiosk/print/print_test_command.hpp"

namespace motcua::kiosk {

namespace {
ItConfig with_wall_clock(ItConfig config) {
    if (!config.wall_clock) config.wall_clock = clock::unix_ms_now;
    return config;
}
}  // namespace

ItOverlayRole::ItOverlayRole(std::unique_ptr<Role> inner, ItConfig config, MarkConfig mark, EventStore* store)
    : inner_(std::move(inner)),
      panel_(with_wall_clock(config), store),
      mark_config_(std::move(mark)),
      store_(store),
      wall_clock_(with_wall_clock(config).wall_clock) {
    // The IT screen's earlier choice of start language, kept in the database, over ui.language.
    if (inner_->start_language() && store_) {
        try {
            if (auto chosen = store_->meta(meta_key::kStartLanguage); chosen)
                if (auto language = parse_language(*chosen); language) (void)inner_->set_start_language(*language);
        } catch (const std::exception&) {
            // An unreadable database: the role shows its own problem screen; ui.language stays.
        }
    }
    panel_.show_start_language(inner_->start_language());
}

std::string ItOverlayRole::view() const {
    switch (panel_.model().screen) {
        case ItScreen::Closed: break;
        case ItScreen::Disabled: return "it_disabled";
        case ItScreen::Pin: return "it_pin";
        case ItScreen::Status: return "it_status";
        case ItScreen::EnrolCode: return "it_enrol";
    }
    return inner_->view();
}

HitTargets ItOverlayRole::frame(const Theme& theme, ImVec2 size, std::int64_t now_ms, bool& changed) {
    const float corner = theme.px(kCornerSize);
    if (!panel_.is_open() && ImGui::IsMouseClicked(0)) {
        ImVec2 at = ImGui::GetIO().MouseClickedPos[0];
        if (at.x >= 0 && at.y >= 0 && at.x < corner && at.y < corner && panel_.corner_tap(now_ms)) changed = true;
    }
    if (panel_.is_open()) {
        begin_full_screen_window(theme.body);
        auto out = draw_it_screen(panel_.model(), theme, size);
        end_full_screen_window();
        for (const auto& intent : out.intents) changed = apply(intent, now_ms) || changed;
        return out.targets;
    }
    HitTargets targets = inner_->frame(theme, size, now_ms, changed);
    draw_delivery_mark(mark_, theme, size, targets);
    targets["it.corner"] = Rect{0, 0, corner, corner};
    return targets;
}

bool ItOverlayRole::apply(const ItIntent& intent, std::int64_t now_ms) {
    switch (intent.action) {
        case ItAction::PinKey: return panel_.pin_key(intent.key, now_ms);
        case ItAction::PinBackspace: return panel_.pin_backspace(now_ms);
        case ItAction::PinSubmit: return panel_.pin_submit(now_ms);
        case ItAction::Close: return panel_.close();
        case ItAction::Refresh: return panel_.refresh(now_ms);
        case ItAction::ShowEnrol: return panel_.show_enrol(now_ms);
        case ItAction::EnrolKey: return panel_.enrol_key(intent.key, now_ms);
        case ItAction::EnrolBackspace: return panel_.enrol_backspace(now_ms);
        case ItAction::EnrolSubmit: return panel_.enrol_submit(now_ms);
        case ItAction::EnrolCancel: return panel_.cancel_enrol(now_ms);
        case ItAction::PrintTest: return panel_.print_test(now_ms);
        case ItAction::Restart: return panel_.restart();
        case ItAction::StartLanguage:
            if (!panel_.choose_start_language(intent.language, now_ms)) return false;
            if (panel_.model().start_language) (void)inner_->set_start_language(*panel_.model().start_language);
            return true;
    }
    return false;
}

void ItOverlayRole::note_input(std::int64_t now_ms) {
    if (panel_.is_open()) panel_.note_input(now_ms);
    else inner_->note_input(now_ms);
}

bool ItOverlayRole::text_input(std::string_view utf8, std::int64_t now_ms) {
    if (!panel_.is_open()) return inner_->text_input(utf8, now_ms);
    bool changed = false;
    for (char c : utf8) {
        if (panel_.model().screen == ItScreen::Pin) changed = panel_.pin_key(c, now_ms) || changed;
        else if (panel_.model().screen == ItScreen::EnrolCode) changed = panel_.enrol_key(c, now_ms) || changed;
    }
    return changed;
}

bool ItOverlayRole::key(Key key, std::int64_t now_ms) {
    if (key == Key::StaffScreen) return panel_.open(now_ms);
    if (!panel_.is_open()) return inner_->key(key, now_ms);
    const ItScreen screen = panel_.model().screen;
    switch (key) {
        case Key::Escape:
            return screen == ItScreen::EnrolCode ? panel_.cancel_enrol(now_ms) : panel_.close();
        case Key::Enter:
            return screen == ItScreen::Pin ? panel_.pin_submit(now_ms)
                   : screen == ItScreen::EnrolCode ? panel_.enrol_submit(now_ms)
                                                   : false;
        case Key::Backspace:
            return screen == ItScreen::Pin ? panel_.pin_backspace(now_ms) : panel_.enrol_backspace(now_ms);
        case Key::Tab:
        case Key::StaffScreen: return false;
    }
    return false;
}

bool ItOverlayRole::wants_text_input() const {
    if (!panel_.is_open()) return inner_->wants_text_input();
    return panel_.model().screen == ItScreen::Pin || panel_.model().screen == ItScreen::EnrolCode;
}

bool ItOverlayRole::refresh_mark(std::int64_t now_ms) {
    next_mark_check_ms_ = now_ms + mark_config_.check_every_ms;
    if (!store_) return false;  // the role's out-of-service screen says enough
    DeliveryMark before = mark_;
    auto sync_settings = load_sync_settings(mark_config_.sync_config_path);
    if (!sync_settings) {
        std::cerr << "motcua-kiosk: the delivery mark cannot read the motcua-sync settings: " << sync_settings.error()
                  << "\n";
        return false;
    }
    auto inputs = read_mark_inputs(*store_, sync_settings.value());
    if (!inputs) {
        std::cerr << "motcua-kiosk: the delivery mark cannot be checked: " << inputs.error() << "\n";
        return false;
    }
    mark_ = delivery_mark(inputs.value(), mark_config_.threshold_ms, wall_clock_());
    return mark_ != before;
}

bool ItOverlayRole::tick(std::int64_t now_ms) {
    bool changed = inner_->tick(now_ms);  // the role's timers run while the IT screen is open
    bool was_open = panel_.is_open();
    changed = panel_.tick(now_ms) || changed;
    if (was_open && !panel_.is_open()) next_mark_check_ms_ = 0;  // after an enrolment: show the new state now
    if (now_ms >= next_mark_check_ms_) changed = refresh_mark(now_ms) || changed;
    return changed;
}

std::optional<std::int64_t> ItOverlayRole::next_deadline_ms() const {
    std::optional<std::int64_t> deadline = inner_->next_deadline_ms();
    auto take = [&](std::optional<std::int64_t> d) {
        if (d && (!deadline || *d < *deadline)) deadline = d;
    };
    take(panel_.next_deadline_ms());
    take(next_mark_check_ms_);
    return deadline;
}

std::unique_ptr<Role> with_it_screen(std::unique_ptr<Role> role, const RoleResources& r) {
    ItConfig config;
    config.pin_hash = r.settings.text("it.pin_hash");
    config.idle_ms = r.settings.integer("it.idle_seconds") * 1000;
    config.role_name = std::string(role->name());
    config.sync_config_path = r.settings.text("it.sync_config");
    if (role->name() == "dispenser") {
        print::PrintTestOptions p;
        p.target = r.settings.text("printer.target");
        p.paper_mm = r.settings.integer("printer.paper_mm");
        p.timeout_ms = static_cast<int>(r.settings.integer("printer.timeout_ms"));
        p.utc_offset_minutes = static_cast<int>(r.settings.integer("clock.utc_offset_minutes"));
        p.fonts = {find_font(r.settings.text("ui.font_file"), false), find_font(r.settings.text("ui.font_bold_file"), true)};
        // The same test slip as motcua-kiosk --print-test; its report (English, as on the command
        // line) is shown under the Vietnamese result.
        config.print_test = [p](std::string& details) {
            if (p.target == "none") {  // run_print_test would succeed without printing anything
                details = "Máy in đang tắt (printer.target = none): không gửi gì tới máy in.";
                return 1;
            }
            std::ostringstream report;
            int code = print::run_print_test(p, report);
            details = report.str();
            while (!details.empty() && details.back() == '\n') details.pop_back();
            std::replace(details.begin(), details.end(), '\n', ';');  // one paragraph on screen
            return code;
        };
    }
    MarkConfig mark;
    mark.threshold_ms = r.settings.integer("it.undelivered_mark_hours") * 3600 * 1000;
    mark.sync_config_path = config.sync_config_path;
    return std::make_unique<ItOverlayRole>(std::move(role), std::move(config), mark, r.store);
}

}  // namespace motcua::kiosk
