// The citizen's rating screen as a Role: the RatingController and the rating screens, with the
// log lines a person reading the journal needs (which configuration is on screen, a failed save).
#pragma once
#include <memory>

#include "kiosk/i18n.hpp"
#include "kiosk/role.hpp"
#include "kiosk/roles/rating/rating_controller.hpp"

namespace motcua::kiosk {

class RatingRole final : public Role {
public:
    RatingRole(RatingController& controller, const Texts& texts) : controller_(controller), texts_(texts) {}
    // Owning the controller (what motcua-kiosk runs).
    RatingRole(std::unique_ptr<RatingController> controller, const Texts& texts)
        : owned_(std::move(controller)), controller_(*owned_), texts_(texts) {}

    std::string_view name() const override { return "rating"; }
    std::string view() const override;
    HitTargets frame(const Theme& theme, ImVec2 size, std::int64_t now_ms, bool& changed) override;
    void note_input(std::int64_t now_ms) override { controller_.note_input(now_ms); }
    bool tick(std::int64_t now_ms) override;
    std::optional<Language> start_language() const override { return controller_.config().start_language; }
    bool set_start_language(Language language) override { return controller_.set_start_language(language); }
    std::optional<std::int64_t> next_deadline_ms() const override { return controller_.next_deadline_ms(); }
    int run_demo(RoleDriver& driver, std::ostream& log) override;

    const RatingController& controller() const { return controller_; }

private:
    void report_changes();

    std::unique_ptr<RatingController> owned_;
    RatingController& controller_;
    const Texts& texts_;
    std::string reported_error_;
    std::int64_t reported_config_version_ = -1;
    std::string reported_config_problem_;
    std::string reported_ticket_problem_;
    std::string reported_ticket_;  // ticket id on screen, as last logged
    std::int64_t reported_unrated_ = 0;
};

}  // namespace motcua::kiosk
