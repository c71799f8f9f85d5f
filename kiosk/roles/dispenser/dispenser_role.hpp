// The ticket dispenser as a Role: the DispenserController and its screens. Drawing the ticket
// screen tells the controller the citizen has their number (the ghost rule).
#pragma once
#include <memory>

#include "kiosk/i18n.hpp"
#include "kiosk/role.hpp"
#include "kiosk/roles/dispenser/dispenser_controller.hpp"

namespace motcua::kiosk::dispenser {

class DispenserRole final : public Role {
public:
    DispenserRole(std::unique_ptr<DispenserController> controller, const Texts& texts)
        : controller_(std::move(controller)), texts_(texts) {}

    std::string_view name() const override { return "dispenser"; }
    std::string view() const override;
    HitTargets frame(const Theme& theme, ImVec2 size, std::int64_t now_ms, bool& changed) override;
    void note_input(std::int64_t now_ms) override { controller_->note_input(now_ms); }
    bool tick(std::int64_t now_ms) override { return controller_->tick(now_ms); }
    std::optional<Language> start_language() const override { return controller_->config().start_language; }
    bool set_start_language(Language language) override { return controller_->set_start_language(language); }
    std::optional<std::int64_t> next_deadline_ms() const override { return controller_->next_deadline_ms(); }
    int run_demo(RoleDriver& driver, std::ostream& log) override;

    DispenserController& controller() { return *controller_; }

private:
    std::unique_ptr<DispenserController> controller_;
    const Texts& texts_;
};

}  // namespace motcua::kiosk::dispenser
