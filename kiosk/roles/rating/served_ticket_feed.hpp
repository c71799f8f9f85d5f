// The two facts the citizen screen at a counter needs from the shared kiosk database: which
// tickets were finished (`ticket.served`) at its counter, and which tickets already have a rating.
// A light fold of only those two event types, read from the events every process committed, so a
// restart knows the same as the running process ("one rating per ticket" holds across restarts).
// No SDL, no ImGui.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/event_store.hpp"
#include "kiosk/roles/rating/rating_model.hpp"

namespace motcua::kiosk {

class ServedTicketFeed {
public:
    // `counter`: the counter whose finished tickets are wanted (empty: none are).
    explicit ServedTicketFeed(std::string counter) : counter_(std::move(counter)) {}

    // Folds the events committed since the last call. Returns the tickets served at the counter
    // among them, oldest first, leaving out any already rated. Fails only on a database error.
    Result<std::vector<ServedTicket>> catch_up(EventStore& store);

    // A rating.submitted with this ticket_id is in the database (or was just written by us).
    bool rated(const std::string& ticket_id) const { return rated_.count(ticket_id) > 0; }
    void mark_rated(const std::string& ticket_id) { rated_.insert(ticket_id); }
    const std::string& counter() const { return counter_; }
    std::int64_t folded_seq() const { return folded_seq_; }
    // The newest ticket.served at the counter seen so far, rated or not (0: none).
    std::int64_t last_served_seq() const { return last_served_seq_; }

private:
    std::string counter_;
    std::int64_t folded_seq_ = 0;
    std::int64_t last_served_seq_ = 0;
    std::set<std::string> rated_;  // every rated ticket id (a few bytes per rating)
};

}  // namespace motcua::kiosk
