// What the rating screen shows, as plain data. The controller changes it; screens only read it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/rating.hpp"
#include "kiosk/language.hpp"

namespace motcua::kiosk {

// OutOfService: the event database cannot be used, so no rating can be promised.
enum class Screen { Rating, Reasons, Thanks, SaveFailed, OutOfService };

inline const char* screen_name(Screen s) {
    switch (s) {
        case Screen::Rating: return "rating";
        case Screen::Reasons: return "reasons";
        case Screen::Thanks: return "thanks";
        case Screen::SaveFailed: return "save_failed";
        case Screen::OutOfService: return "out_of_service";
    }
    return "unknown";
}

// A rating chosen by the citizen and not yet saved (reasons screen, or a failed save).
struct PendingRating {
    int score = 0;
    std::vector<std::string> reasons;  // codes, in the scale's order
};

struct RatingModel {
    // What is on screen comes from one configuration at a time: the server's (config_version > 0)
    // or the kiosk's own settings (config_version 0). The controller swaps all of it at once.
    RatingScale scale;
    std::int64_t config_version = 0;
    std::string site_name;     // empty: not shown (no server configuration)
    std::string counter_name;  // empty: not shown
    // Why the newest server configuration is not on screen (empty when there is no problem).
    std::string config_problem;
    Screen screen = Screen::Rating;
    Language language = Language::Vi;
    std::optional<PendingRating> pending;
    // Timers, in the controller's milliseconds (monotonic in the app, anything in tests).
    std::int64_t last_input_ms = 0;
    std::int64_t screen_since_ms = 0;
    std::optional<std::int64_t> thanks_until_ms;
    // Saved ratings this run and the last save error, for the log and the tests.
    std::int64_t saved_count = 0;
    std::string last_error;

    bool reason_selected(const std::string& code) const {
        if (!pending) return false;
        for (auto& r : pending->reasons)
            if (r == code) return true;
        return false;
    }
};

}  // namespace motcua::kiosk
