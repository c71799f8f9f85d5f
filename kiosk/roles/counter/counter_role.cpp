#include "kiosk/roles/counter/counter_role.hpp"

#include <iostream>

#include "kiosk/roles/counter/screens/counter_screens.hpp"

namespace motcua::kiosk {

std::string CounterRole::view() const {
    const CounterModel& m = controller_.model();
    std::string name = counter_screen_name(m.screen);
    if (m.screen == CounterScreen::Console && m.dialog != CounterDialog::None)
        name += std::string("_") + counter_dialog_name(m.dialog);
    return name;
}

HitTargets CounterRole::frame(const Theme& theme, ImVec2 /*size*/, std::int64_t now_ms, bool& changed) {
    CounterFrame out = draw_counter_frame(controller_.model(), texts_, theme);
    changed = !out.intents.empty() && controller_.apply_all(out.intents, now_ms);
    report();
    return std::move(out.targets);
}

bool CounterRole::text_input(std::string_view utf8, std::int64_t now_ms) {
    bool changed = controller_.text_input(utf8, now_ms);
    report();
    return changed;
}

bool CounterRole::key(Key key, std::int64_t now_ms) {
    bool changed = false;
    switch (key) {
        case Key::Enter: changed = controller_.enter(now_ms); break;
        case Key::Backspace: changed = controller_.backspace(); break;
        case Key::Escape: changed = controller_.escape(); break;
        case Key::Tab: changed = controller_.tab(); break;
        case Key::StaffScreen: break;  // the IT screen's, taken before the role
    }
    report();
    return changed;
}

// Typed text is wanted on every screen but out of service: a scanner may type at any time.
bool CounterRole::wants_text_input() const { return controller_.model().screen != CounterScreen::OutOfService; }

bool CounterRole::tick(std::int64_t now_ms) {
    bool changed = controller_.tick(now_ms);
    report();
    return changed;
}

void CounterRole::report() {
    for (const std::string& line : controller_.take_log()) std::cerr << "motcua-kiosk: counter: " << line << "\n";
    const CounterModel& m = controller_.model();
    if (m.screen == CounterScreen::OutOfService && !reported_out_of_service_) {
        reported_out_of_service_ = true;
        std::cerr << "motcua-kiosk: counter console out of service: " << m.out_of_service_reason << "\n";
    }
}

}  // namespace motcua::kiosk
