#include "kiosk/roles/rating/rating_role.hpp"

#include <iostream>

#include "kiosk/roles/rating/screens/rating_screens.hpp"

namespace motcua::kiosk {

std::string RatingRole::view() const {
    const RatingModel& model = controller_.model();
    std::string name = screen_name(model.screen);
    if (model.language != Language::Vi) name += std::string("_") + language_code(model.language);
    return name;
}

HitTargets RatingRole::frame(const Theme& theme, ImVec2 /*size*/, std::int64_t now_ms, bool& changed) {
    RatingFrame out = draw_frame(controller_.model(), texts_, theme);
    changed = !out.intents.empty() && controller_.apply_all(out.intents, now_ms);
    report_changes();
    return std::move(out.targets);
}

bool RatingRole::tick(std::int64_t now_ms) {
    bool changed = controller_.tick(now_ms);
    report_changes();
    return changed;
}

// A failed save, the configuration the screen uses, and why a newer one is refused go to the log
// once each (the problem is also in the database for staff, see RatingController).
void RatingRole::report_changes() {
    const RatingModel& model = controller_.model();
    if (model.screen == Screen::SaveFailed && model.last_error != reported_error_)
        std::cerr << "motcua-kiosk: rating NOT saved: " << model.last_error << "\n";
    reported_error_ = model.last_error;
    if (model.config_version != reported_config_version_) {
        reported_config_version_ = model.config_version;
        if (model.config_version > 0)
            std::cerr << "motcua-kiosk: showing the server's configuration version " << model.config_version << "\n";
        else if (!controller_.config().pulled_config_path.empty() && model.config_problem.empty())
            std::cerr << "motcua-kiosk: no server configuration in " << controller_.config().pulled_config_path
                      << " yet; showing the rating scale of the kiosk's own settings\n";
    }
    if (model.ticket_problem != reported_ticket_problem_) {
        reported_ticket_problem_ = model.ticket_problem;
        if (!model.ticket_problem.empty()) std::cerr << "motcua-kiosk: " << model.ticket_problem << "\n";
    }
    const std::string on_screen = model.ticket ? model.ticket->ticket.ticket_id : std::string();
    if (on_screen != reported_ticket_) {
        reported_ticket_ = on_screen;
        if (model.ticket)
            std::cerr << "motcua-kiosk: asking for a rating of ticket " << model.ticket->ticket.display << " ("
                      << on_screen << "), finished at counter " << model.ticket->ticket.counter << "\n";
    }
    if (std::int64_t unrated = model.tickets_timed_out + model.tickets_replaced; unrated != reported_unrated_) {
        reported_unrated_ = unrated;
        std::cerr << "motcua-kiosk: ticket " << model.last_unrated << " was not rated (" << model.tickets_timed_out
                  << " timed out and " << model.tickets_replaced << " replaced by a newer finished ticket so far)\n";
    }
    if (model.config_problem != reported_config_problem_) {
        reported_config_problem_ = model.config_problem;
        if (!model.config_problem.empty()) std::cerr << "motcua-kiosk: " << model.config_problem << "\n";
    }
}

int RatingRole::run_demo(RoleDriver& driver, std::ostream& log) {
    driver.settle();
    auto must_tap = [&](const std::string& target) {
        if (driver.tap(target)) return true;
        log << "demo: no button '" << target << "' on the " << screen_name(controller_.model().screen) << " screen\n";
        return false;
    };
    // English, and back.
    if (!must_tap("language") || !must_tap("language")) return 1;
    const auto scale = controller_.model().scale;
    bool reasons_shown = false;
    for (const auto& level : scale.levels) {
        if (!must_tap("rating." + std::to_string(level.score))) return 1;
        if (controller_.model().screen == Screen::Reasons) {
            if (!reasons_shown) {  // once: the English variant and back
                reasons_shown = true;
                if (!must_tap("language") || !must_tap("language")) return 1;
            }
            if (!scale.reasons.empty()) {
                if (!must_tap("reasons." + scale.reasons.front().code)) return 1;
                driver.screenshot("reasons_selected");
            }
            if (!must_tap("reasons.submit")) return 1;
        }
        if (controller_.model().screen != Screen::Thanks) {
            log << "demo: rating " << level.score << " was not saved: " << controller_.model().last_error << "\n";
            return 1;
        }
        log << "demo: rated " << level.score << " (" << level.label_en << "), saved\n";
        driver.advance_clock(controller_.config().thanks_ms);
        driver.settle();
        if (controller_.model().screen != Screen::Rating) {
            log << "demo: the thank-you screen did not time out\n";
            return 1;
        }
    }
    log << "demo: " << controller_.model().saved_count << " ratings saved\n";
    return 0;
}

}  // namespace motcua::kiosk
