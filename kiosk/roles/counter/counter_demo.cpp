// CounterRole::run_demo: the officer's day in a few taps, a screenshot of each screen.
#include <cstdlib>
#include <ostream>

#include "kiosk/roles/counter/counter_role.hpp"

namespace motcua::kiosk {

int CounterRole::run_demo(RoleDriver& driver, std::ostream& log) {
    driver.settle();
    const CounterModel& m = controller_.model();
    if (m.screen == CounterScreen::OutOfService) {
        log << "demo: the counter console is out of service: " << m.out_of_service_reason << "\n";
        return 1;
    }
    auto tap = [&](const std::string& target) {
        if (driver.tap(target)) return true;
        log << "demo: no button '" << target << "' on the " << view() << " screen\n";
        return false;
    };
    auto failed = [&](const std::string& what) {
        log << "demo: " << what << " (message " << m.message.key << " " << m.message.arg << ")\n";
        return 1;
    };
    // The window saves one screenshot per view (sign_in, console, ...); the others are named here.
    // Credentials: set by a test, or MOTCUA_DEMO_OFFICER / MOTCUA_DEMO_PIN (read by --demo only,
    // which writes to a throwaway database unless --db and --screenshot-dir are both given).
    if (demo_officer_.empty()) {
        const char* officer = std::getenv("MOTCUA_DEMO_OFFICER");
        const char* pin = std::getenv("MOTCUA_DEMO_PIN");
        if (officer && pin) set_demo_credentials(officer, pin);
    }
    if (demo_officer_.empty()) {
        log << "demo: no officer code and PIN given (MOTCUA_DEMO_OFFICER, MOTCUA_DEMO_PIN): the demo stops at the "
               "sign-in screen\n";
        return 0;
    }
    // A wrong PIN first, typed as on a keyboard, then the right one on the keypad.
    driver.type_text(demo_officer_);
    driver.press_key(Key::Tab);
    driver.type_text("0000");
    driver.press_key(Key::Enter);
    driver.screenshot("sign_in_wrong_pin");
    if (!tap("signin.pin")) return 1;
    for (char digit : demo_pin_)
        if (!tap(std::string("keypad.") + digit)) return 1;
    if (!tap("signin.submit") || m.screen != CounterScreen::Console) return failed("sign-in failed");
    if (!tap("counter.call_next") || !m.current) return failed("call next failed");
    driver.screenshot("console_called");
    if (!tap("counter.start")) return 1;
    driver.type_text("000.00.14.H12-210315-0001");
    driver.press_key(Key::Enter);
    driver.type_text("000.00.14.H12-210315-0002");
    if (!tap("counter.add_dossier") || m.dossier_codes.size() != 2) return failed("dossier codes not kept");
    driver.screenshot("serving_dossier");
    if (!tap("counter.finish") || m.current) return failed("finish failed");
    if (!m.actions.call_next) {
        log << "demo: nothing else waits: transfer, no-show and walk-in not shown\n";
    } else {
        if (!tap("counter.call_next") || !tap("counter.transfer")) return 1;
        driver.screenshot("transfer_dialog");
        if (m.transfer_fields.empty() || !tap("transfer.field." + m.transfer_fields.front().id))
            return failed("transfer failed");
        if (m.actions.call_next) {
            if (!tap("counter.call_next") || !tap("counter.no_show")) return 1;
            driver.screenshot("no_show_dialog");
            if (!tap("no_show.requeue")) return 1;
        }
    }
    if (!tap("counter.walk_in")) return 1;
    driver.screenshot("walk_in_dialog");
    if (!tap("dialog.close") || !tap("counter.pause") || !m.paused) return failed("pause failed");
    driver.screenshot("paused");
    if (!tap("counter.resume") || !tap("counter.sign_out") || m.screen != CounterScreen::SignIn)
        return failed("sign-out failed");
    log << "demo: signed in, called, served with 2 dossier codes, paused, signed out\n";
    return 0;
}

}  // namespace motcua::kiosk
