// The queue's authority: turns a person's command into validated event drafts against the current
// state. One machine applies commands one at a time (today the kiosk, tomorrow the site's queue host,
// docs site-lan): commit the drafts in order, fold each committed event into the state with apply(),
// and only then take the next command. That order is what gives two counters calling at the same
// moment two different tickets. QueueHost (queue_host.hpp) does exactly that.
//
// Pure: no clock, no storage. `now_ms` is the caller's wall clock in Unix milliseconds.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/queue/queue_command.hpp"
#include "core/queue/queue_settings.hpp"
#include "core/queue/queue_state.hpp"

namespace motcua::queue {

inline constexpr std::string_view kIssuerDispenser = "dispenser";
inline constexpr std::string_view kIssuerCounter = "counter";
inline constexpr std::string_view kReasonDayClosed = "day_closed";

struct IssueRequest {
    std::string field;
    std::string procedure;  // optional: one of the field's procedures
    std::string priority;   // optional: a priority group code
    std::string issuer;     // the dispenser's id (a walk-in's issuer is its counter)
};

// Where a transferred ticket goes: a field, a counter, or a field at a given counter.
struct Destination {
    std::string field;
    std::string counter;
};

class QueueAuthority {
public:
    // Both are read at each command; the caller keeps `state` folded up to date.
    QueueAuthority(const QueueSettings& settings, const QueueState& state) : settings_(settings), state_(state) {}
    // It keeps references: temporaries would dangle.
    QueueAuthority(QueueSettings&&, const QueueState&) = delete;
    QueueAuthority(const QueueSettings&, QueueState&&) = delete;

    // A ticket from the dispenser: refused outside opening hours ("closed") and past the field's
    // daily limit or range ("no_numbers_left", hết số).
    CommandResult issue(const IssueRequest& request, std::int64_t now_ms) const;
    // A citizen at the counter with no ticket: issued by the counter and served at once (no call:
    // the citizen is already there). Opening hours are not checked: the officer is serving.
    CommandResult walk_in(const std::string& counter, const std::string& officer, const IssueRequest& request,
                          std::int64_t now_ms) const;

    CommandResult call_next(const std::string& counter, const std::string& officer, std::int64_t now_ms) const;
    // `ref` is a ticket id or its number as printed ("A012"), typed or scanned.
    CommandResult call_specific(const std::string& counter, const std::string& officer, const std::string& ref,
                                std::int64_t now_ms) const;
    CommandResult recall(const std::string& counter, const std::string& officer, std::int64_t now_ms) const;
    CommandResult start_serving(const std::string& counter, const std::string& officer, std::int64_t now_ms) const;
    // Dossier codes are checked (dossier_code.hpp) and stored normalised.
    CommandResult finish(const std::string& counter, const std::string& officer,
                         const std::vector<std::string>& dossier_codes, std::int64_t now_ms) const;
    // The called citizen did not come. With `requeue` the ticket goes back to the END of its field's
    // queue: at its original place the next call would pick the same absent citizen again. A counter
    // can still call it at once by number when the citizen turns up.
    CommandResult no_show(const std::string& counter, const std::string& officer, bool requeue,
                          std::int64_t now_ms) const;
    // The counter's current ticket waits again elsewhere, at its place by original issue.
    CommandResult transfer(const std::string& counter, const std::string& officer, const Destination& to,
                           std::int64_t now_ms) const;
    // A waiting ticket that should not be called, e.g. one the citizen never received.
    CommandResult cancel(const std::string& ticket_id, const std::string& reason, std::int64_t now_ms) const;

    CommandResult pause(const std::string& counter, const std::string& officer, std::int64_t now_ms) const;
    CommandResult resume(const std::string& counter, const std::string& officer, std::int64_t now_ms) const;
    // PIN checks belong to the console; this records who serves at the counter (ratings name them).
    CommandResult sign_in(const std::string& counter, const std::string& officer, std::int64_t now_ms) const;
    CommandResult sign_out(const std::string& counter, const std::string& officer, std::int64_t now_ms) const;

    // ticket.cancelled (reason day_closed) for every ticket of an earlier local day still open.
    // Every accepted command starts with these; a host may also commit them at midnight.
    std::vector<EventDraft> close_previous_days(std::int64_t now_ms) const;

    // Within the opening hours of its weekday, and not on a closed date.
    bool is_open_at(std::int64_t now_ms) const;

private:
    std::string today(std::int64_t now_ms) const;
    CommandResult accept(std::int64_t now_ms, std::vector<EventDraft> own) const;
    // A refusal unless the counter exists and `officer` is the one signed in there.
    std::optional<CommandResult> refuse_unless_signed_in(const std::string& counter, const std::string& officer) const;
    const Ticket* current_ticket(const std::string& counter, std::int64_t now_ms) const;
    // The ticket.issued draft, or a refusal.
    CommandResult issue_draft(const IssueRequest& request, std::string_view issuer_kind, const std::string& issuer,
                              std::int64_t now_ms) const;
    EventDraft call_draft(const Ticket& t, const std::string& counter, const std::string& officer,
                          std::string_view how) const;
    // Recall and start serving: an event about the ticket this counter has called and not yet
    // begun to serve, or a refusal.
    CommandResult act_on_called_ticket(std::string_view type, const std::string& counter, const std::string& officer,
                                       std::int64_t now_ms) const;

    const QueueSettings& settings_;
    const QueueState& state_;
};

// The fields every ticket event carries, so a replica needs nothing but the events.
json ticket_data(const Ticket& t);

}  // namespace motcua::queue
