// What a queue command gives back: event drafts to commit in order, or a refusal with a reason
// code (for the screen to word in Vietnamese) and plain English words (for logs).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/event.hpp"

namespace motcua::queue {

// An event before it is committed: EventStore::append(type, data) gives it its id, seq and time.
struct EventDraft {
    std::string type;
    json data = json::object();

    bool operator==(const EventDraft&) const = default;
};

namespace refusal {
inline constexpr std::string_view kClosed = "closed";                  // outside opening hours
inline constexpr std::string_view kNoNumbersLeft = "no_numbers_left";  // "hết số": daily limit or range used up
inline constexpr std::string_view kUnknownField = "unknown_field";
inline constexpr std::string_view kUnknownProcedure = "unknown_procedure";
inline constexpr std::string_view kUnknownPriority = "unknown_priority";
inline constexpr std::string_view kUnknownCounter = "unknown_counter";
inline constexpr std::string_view kNotSignedIn = "not_signed_in";  // the officer is not the one signed in here
inline constexpr std::string_view kCounterPaused = "counter_paused";
inline constexpr std::string_view kNotPaused = "not_paused";
inline constexpr std::string_view kCounterBusy = "counter_busy";  // a ticket is still called or served here
inline constexpr std::string_view kNothingWaiting = "nothing_waiting";
inline constexpr std::string_view kNoCurrentTicket = "no_current_ticket";
inline constexpr std::string_view kWrongStatus = "wrong_status";  // e.g. a no-show for a ticket being served
inline constexpr std::string_view kTicketNotFound = "ticket_not_found";
inline constexpr std::string_view kNotThisCounter = "not_this_counter";  // a field this counter does not serve
inline constexpr std::string_view kBadDestination = "bad_destination";
inline constexpr std::string_view kInvalidDossierCode = "invalid_dossier_code";
inline constexpr std::string_view kMissingValue = "missing_value";  // an empty officer, reason...
}  // namespace refusal

struct Refusal {
    std::string code;     // one of refusal::
    std::string message;  // plain English, for logs and staff
};

class [[nodiscard]] CommandResult {
public:
    static CommandResult accepted(std::vector<EventDraft> drafts) {
        CommandResult r;
        r.drafts_ = std::move(drafts);
        return r;
    }
    static CommandResult refused(std::string_view code, std::string message) {
        CommandResult r;
        r.refusal_ = {std::string(code), std::move(message)};
        return r;
    }
    bool ok() const { return refusal_.code.empty(); }
    explicit operator bool() const { return ok(); }
    // In commit order: first any day_closed cancellations of earlier days, then the command's own.
    const std::vector<EventDraft>& drafts() const { return drafts_; }
    const Refusal& refusal() const { return refusal_; }
    // The ticket the command acted on (issued, called, finished...), empty for counter commands.
    std::string ticket() const {
        if (drafts_.empty()) return {};
        auto it = drafts_.back().data.find("ticket");
        return it != drafts_.back().data.end() && it->is_string() ? it->get<std::string>() : std::string();
    }

private:
    CommandResult() = default;
    std::vector<EventDraft> drafts_;
    Refusal refusal_;
};

}  // namespace motcua::queue
