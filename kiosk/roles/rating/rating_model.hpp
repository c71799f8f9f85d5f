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

// A ticket finished at this screen's counter (its `ticket.served` event), as the rating screen
// shows it and the rating event records it.
struct ServedTicket {
    std::string ticket_id;  // "<day>/<field>/<display>"
    std::string display;    // "A012"
    std::string field;      // the field it was served in (the rating's `service`)
    std::string counter;
    std::string officer;
    std::vector<std::string> dossier_codes;
    std::int64_t served_unix_ms = 0;  // the event's `at` (wall clock of the machine that served it)
    std::int64_t seq = 0;

    bool operator==(const ServedTicket&) const = default;
};

// The served ticket the rating screen asks about, with the words of its line on screen.
struct TicketToRate {
    ServedTicket ticket;
    std::string field_name;    // "Đất đai"; the field id when the settings do not name it
    std::string officer_name;  // the officer's display name; the id when not known
    std::int64_t until_ms = 0;  // then the screen goes back to the plain rating (not rated)
};

// A rating chosen by the citizen and not yet saved (reasons screen, or a failed save).
struct PendingRating {
    int score = 0;
    std::vector<std::string> reasons;  // codes, in the scale's order
    // The served ticket on screen when the citizen chose; none: a rating without a ticket.
    std::optional<TicketToRate> ticket;
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
    // The served ticket the rating screen now asks about; none: the plain rating screen.
    std::optional<TicketToRate> ticket;
    // Timers, in the controller's milliseconds (monotonic in the app, anything in tests).
    std::int64_t last_input_ms = 0;
    std::int64_t screen_since_ms = 0;
    std::optional<std::int64_t> thanks_until_ms;
    // Saved ratings this run and the last save error, for the log and the tests.
    std::int64_t saved_count = 0;
    // Served tickets that were not rated: the time ran out, or the next finish replaced them.
    std::int64_t tickets_timed_out = 0;
    std::int64_t tickets_replaced = 0;
    std::string last_unrated;  // the display number of the last such ticket, for the log
    // Why finished tickets cannot open the rating screen (no counter id, a database read error);
    // empty when they can. The plain rating screen keeps working either way.
    std::string ticket_problem;
    std::string last_error;

    bool reason_selected(const std::string& code) const {
        if (!pending) return false;
        for (auto& r : pending->reasons)
            if (r == code) return true;
        return false;
    }
};

}  // namespace motcua::kiosk
