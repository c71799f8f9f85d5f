// The queue as every machine sees it: a pure fold over the queue events of docs/protocol.md.
// The same events in the same order give the same state on any machine, so a dispenser, a counter
// console and the lobby board draw one queue. No clock is read here: time comes from the events.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.hpp"

namespace motcua::queue {

enum class TicketStatus { waiting, called, serving, served, no_show, cancelled };
std::string_view status_name(TicketStatus status);
bool is_open(TicketStatus status);  // waiting, called or serving: still needs a person

struct Ticket {
    std::string id;         // "<day>/<field>/<display>", unique per site
    std::string day;        // local day of issue, "YYYY-MM-DD"
    std::string field;      // where it waits now (a transfer changes it)
    std::string procedure;  // optional
    std::string prefix;
    int number = 0;
    std::string display;      // "A012"
    std::string priority;     // priority group code, empty for a normal ticket
    std::string issuer_kind;  // "dispenser" or "counter"
    std::string issuer;       // the dispenser's or counter's id
    std::int64_t issued_ms = 0;
    // Its place in the waiting line: the order of issue, kept through transfers; a no-show put back
    // in the queue gets a new place at the end. An order, not a time: a kiosk clock set back must
    // not move a ticket ahead of the ones issued before it.
    std::int64_t order = 0;
    std::int64_t place_ms = 0;  // when it took that place, for ageing: the issue or the no-show time
    TicketStatus status = TicketStatus::waiting;
    std::string counter;  // called, serving or served at
    std::string officer;
    std::string target_counter;  // transferred to a counter: only that counter may call it
    int recalls = 0;
    int no_shows = 0;
    int transfers = 0;
    std::int64_t called_ms = 0;
    std::int64_t serving_ms = 0;
    std::int64_t finished_ms = 0;
    std::vector<std::string> dossier_codes;
    std::string cancel_reason;

    bool operator==(const Ticket&) const = default;
};

// A counter that has not called a priority ticket yet owes one: at the start of the day a waiting
// priority citizen is called first.
inline constexpr int kPriorityOwed = 1'000'000;

struct CounterState {
    std::string officer;  // signed in, empty when nobody is
    bool paused = false;
    std::string current_ticket;  // called or serving here, empty when free
    int normals_since_priority = kPriorityOwed;

    bool operator==(const CounterState&) const = default;
};

struct ServiceSample {
    std::string field;
    std::int64_t duration_ms = 0;  // from the start of service (or the call, if never started) to served

    bool operator==(const ServiceSample&) const = default;
};

struct QueueState {
    std::string day;                        // the newest local day a ticket was issued on
    std::map<std::string, Ticket> tickets;  // the day's tickets, and older ones still open
    std::map<std::string, CounterState> counters;
    // Highest number issued on `day`, per field and prefix (a prefix per issuer keeps ranges apart).
    std::map<std::string, std::map<std::string, int>> last_number;
    std::map<std::string, int> issued_on_day;  // per field, on `day`
    std::vector<ServiceSample> samples;        // services finished on `day`
    std::int64_t next_order = 1;

    bool operator==(const QueueState&) const = default;

    const Ticket* ticket(const std::string& id) const;
    const CounterState* counter(const std::string& id) const;
    // The field's waiting tickets of `day`, in their place order.
    std::vector<const Ticket*> waiting(const std::string& field, const std::string& day) const;
    // Open tickets of days before `day`: the ones the day's first command closes.
    std::vector<const Ticket*> open_before(const std::string& day) const;
};

// Folds one committed event into the state. Returns false when the event changes nothing: an
// unknown type, data that does not fit, or a move the ticket's status does not allow (a replica
// may see such events, e.g. a duplicate, and must not be thrown off by them).
bool apply(QueueState& state, const Event& event);

}  // namespace motcua::queue
