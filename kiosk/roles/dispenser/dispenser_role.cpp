#include "kiosk/roles/dispenser/dispenser_role.hpp"

#include <chrono>
#include <ostream>
#include <thread>

#include "kiosk/roles/dispenser/screens/dispenser_screens.hpp"

namespace motcua::kiosk::dispenser {

std::string DispenserRole::view() const {
    const DispenserModel& m = controller_->model();
    std::string name = screen_name(m.screen);
    if (m.screen == Screen::Ticket && m.ticket) {
        if (m.ticket->print == PrintState::Failed) name += "_not_printed";
        if (m.ticket->print == PrintState::Printing) name += "_printing";
    }
    if (m.screen == Screen::Fields)
        for (const auto& f : m.fields)
            if (f.sold_out) {
                name += "_sold_out";
                break;
            }
    if (m.language != Language::Vi) name += std::string("_") + language_code(m.language);
    return name;
}

HitTargets DispenserRole::frame(const Theme& theme, ImVec2 /*size*/, std::int64_t now_ms, bool& changed) {
    DispenserFrame out = draw_frame(controller_->model(), texts_, theme);
    // This frame put the ticket in front of the citizen (it is presented right after).
    controller_->mark_ticket_drawn();
    changed = !out.intents.empty() && controller_->apply_all(out.intents, now_ms);
    return std::move(out.targets);
}

int DispenserRole::run_demo(RoleDriver& driver, std::ostream& log) {
    driver.settle();
    const DispenserModel& m = controller_->model();
    if (m.screen != Screen::Fields) {
        log << "demo: the dispenser shows the " << screen_name(m.screen) << " screen (outside opening hours?)\n";
        return m.screen == Screen::Closed ? 0 : 1;
    }
    auto must_tap = [&](const std::string& target) {
        if (driver.tap(target)) return true;
        log << "demo: no button '" << target << "' on the " << screen_name(m.screen) << " screen\n";
        return false;
    };
    if (!must_tap("language") || !must_tap("language")) return 1;
    std::string first;
    for (const auto& f : m.fields)
        if (!f.sold_out) {
            first = f.id;
            break;
        }
    if (first.empty() || !must_tap("field." + first)) return 1;
    while (m.screen == Screen::Procedures && !m.procedures.empty())
        if (!must_tap("procedure." + m.procedures.front().id)) return 1;
    if (m.screen == Screen::Priority && !m.priority_groups.empty()) {
        if (!must_tap("priority." + m.priority_groups.front().id)) return 1;
    } else if (m.screen == Screen::Priority && !must_tap("priority.none")) {
        return 1;
    }
    if (m.screen != Screen::Ticket || !m.ticket) {
        log << "demo: no ticket: " << m.last_error << "\n";
        return 1;
    }
    log << "demo: ticket " << m.ticket->number << " issued, " << m.ticket->people_ahead << " ahead\n";
    // Let the print finish (bounded by printer.timeout_ms) so the screenshot says what happened.
    for (int i = 0; i < 2000 && controller_->printing(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    driver.advance_clock(60);
    driver.settle();
    driver.screenshot("ticket_final");
    if (!must_tap("done")) return 1;
    log << "demo: " << m.issued_count << " ticket(s) issued, " << m.alarms_written << " printer alarm(s)\n";
    return 0;
}

}  // namespace motcua::kiosk::dispenser
