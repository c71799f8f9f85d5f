// Who is next, how many are ahead, and how long that may take: read-only questions on a
// QueueState under the site's policy. The authority uses pick_next to call; the dispenser and
// the board use people_ahead and estimate_wait to tell citizens.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/queue/queue_settings.hpp"
#include "core/queue/queue_state.hpp"

namespace motcua::queue {

// The queue's day at `now_ms`: the local day, or the newest day a ticket was issued on if that is
// later. A kiosk clock set back (rural kiosks drift, then meet NTP) must not reopen a day whose
// numbers are already given out.
std::string queue_day(const QueueState& state, const QueueSettings& settings, std::int64_t now_ms);

// Waiting tickets of `day` a counter may call: those of the fields it serves that were not sent to
// another counter, and those transferred to it, in place order.
std::vector<const Ticket*> callable_by(const QueueState& state, const QueueSettings& settings,
                                       const std::string& counter, const std::string& day);

// The ticket the policy calls next from `line` (in place order), or nullptr when it is empty.
//  1. Ageing: a ticket that has waited `ageing_minutes` or more is called first, oldest place first,
//     so no one waits for ever behind a stream of priority tickets.
//  2. strict: the first priority ticket, else the first ticket.
//     interleave: after `normal_per_priority` normal calls at this counter the first priority
//     ticket; otherwise the first normal ticket; a priority one when no normal one waits.
const Ticket* pick_next(const std::vector<const Ticket*>& line, const Policy& policy, int normals_since_priority,
                        std::int64_t now_ms);

// The day's tickets that have been called, latest call first (the board's "last calls").
std::vector<const Ticket*> latest_calls(const QueueState& state, const std::string& day, std::size_t how_many);

// How many of the field's waiting tickets would be called before a ticket taken now (priority
// group code, or empty), replaying the policy at one counter that owes a priority call. With several
// counters and new arrivals the real order can differ: it is a count for the citizen, not a promise.
int people_ahead_of_new(const QueueState& state, const QueueSettings& settings, const std::string& field,
                        const std::string& priority, std::int64_t now_ms);
// The same for a waiting ticket; -1 when the ticket is not waiting today.
int people_ahead_of(const QueueState& state, const QueueSettings& settings, const std::string& ticket_id,
                    std::int64_t now_ms);

enum class EstimateBasis {
    none,        // no service finished today, or no open counter serves the field: no estimate
    field,       // today's services of this field
    all_fields,  // the field has none yet: today's services of every field
};

struct WaitEstimate {
    int people_ahead = 0;
    EstimateBasis basis = EstimateBasis::none;
    int samples = 0;        // services the median rests on
    int open_counters = 0;  // serving the field, not paused, an officer signed in
    std::int64_t median_service_ms = 0;
    std::optional<std::int64_t> wait_ms;  // median × people ahead ÷ open counters
};

// For a ticket taken now in `field`: an estimate from today's service times, said with what it rests on.
WaitEstimate estimate_wait(const QueueState& state, const QueueSettings& settings, const std::string& field,
                           const std::string& priority, std::int64_t now_ms);

}  // namespace motcua::queue
