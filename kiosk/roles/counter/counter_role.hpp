// The counter staff console as a Role: the CounterController and the counter screens, with the
// log lines a person reading the journal needs (sign-ins, refusals, database errors).
#pragma once
#include <memory>

#include "kiosk/i18n.hpp"
#include "kiosk/role.hpp"
#include "kiosk/roles/counter/counter_controller.hpp"

namespace motcua::kiosk {

class CounterRole final : public Role {
public:
    CounterRole(CounterController& controller, const Texts& texts) : controller_(controller), texts_(texts) {}
    CounterRole(std::unique_ptr<CounterController> controller, const Texts& texts)
        : owned_(std::move(controller)), controller_(*owned_), texts_(texts) {}

    std::string_view name() const override { return "counter"; }
    std::string view() const override;
    HitTargets frame(const Theme& theme, ImVec2 size, std::int64_t now_ms, bool& changed) override;
    void note_input(std::int64_t /*now_ms*/) override {}
    bool text_input(std::string_view utf8, std::int64_t now_ms) override;
    bool key(Key key, std::int64_t now_ms) override;
    bool wants_text_input() const override;
    bool tick(std::int64_t now_ms) override;
    std::optional<std::int64_t> next_deadline_ms() const override { return controller_.next_deadline_ms(); }
    int run_demo(RoleDriver& driver, std::ostream& log) override;

    const CounterController& controller() const { return controller_; }
    // Who the demo signs in as (tests). Without them the demo shows the sign-in screen only: no
    // PIN is known to the program, and none is made up.
    void set_demo_credentials(std::string officer, std::string pin) {
        demo_officer_ = std::move(officer);
        demo_pin_ = std::move(pin);
    }

private:
    void report();

    std::unique_ptr<CounterController> owned_;
    CounterController& controller_;
    const Texts& texts_;
    bool reported_out_of_service_ = false;
    std::string demo_officer_, demo_pin_;
};

}  // namespace motcua::kiosk
