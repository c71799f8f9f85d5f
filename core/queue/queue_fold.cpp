#include <algorithm>

#include "core/clock.hpp"
#include "core/queue/queue_state.hpp"

namespace motcua::queue {

std::string_view status_name(TicketStatus status) {
    switch (status) {
        case TicketStatus::waiting:
            return "waiting";
        case TicketStatus::called:
            return "called";
        case TicketStatus::serving:
            return "serving";
        case TicketStatus::served:
            return "served";
        case TicketStatus::no_show:
            return "no_show";
        case TicketStatus::cancelled:
            return "cancelled";
    }
    return "unknown";
}

bool is_open(TicketStatus status) {
    return status == TicketStatus::waiting || status == TicketStatus::called || status == TicketStatus::serving;
}

const Ticket* QueueState::ticket(const std::string& id) const {
    auto it = tickets.find(id);
    return it == tickets.end() ? nullptr : &it->second;
}

const CounterState* QueueState::counter(const std::string& id) const {
    auto it = counters.find(id);
    return it == counters.end() ? nullptr : &it->second;
}

std::vector<const Ticket*> QueueState::waiting(const std::string& field, const std::string& on_day) const {
    std::vector<const Ticket*> out;
    for (const auto& [id, t] : tickets)
        if (t.status == TicketStatus::waiting && t.field == field && t.day == on_day) out.push_back(&t);
    std::sort(out.begin(), out.end(), [](const Ticket* a, const Ticket* b) { return a->order < b->order; });
    return out;
}

std::vector<const Ticket*> QueueState::open_before(const std::string& on_day) const {
    std::vector<const Ticket*> out;
    for (const auto& [id, t] : tickets)
        if (is_open(t.status) && t.day < on_day) out.push_back(&t);
    return out;
}

namespace {

std::string text(const json& data, const char* key) {
    auto it = data.find(key);
    return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool flag(const json& data, const char* key) {
    auto it = data.find(key);
    return it != data.end() && it->is_boolean() && it->get<bool>();
}

void free_counter(QueueState& s, const Ticket& t) {
    auto it = s.counters.find(t.counter);
    if (it != s.counters.end() && it->second.current_ticket == t.id) it->second.current_ticket.clear();
}

// A new day: numbering restarts and every counter owes a priority call again. Finished tickets of
// earlier days are history (they stay in the event store) and leave the state; open ones stay
// until their day_closed cancellation.
void start_day(QueueState& s, const std::string& day) {
    s.day = day;
    s.last_number.clear();
    s.issued_on_day.clear();
    s.samples.clear();
    for (auto& [id, counter] : s.counters) counter.normals_since_priority = kPriorityOwed;
    std::erase_if(s.tickets,
                  [&](const auto& entry) { return entry.second.day < day && !is_open(entry.second.status); });
}

bool issued(QueueState& s, const json& d, std::int64_t at_ms) {
    Ticket t;
    t.id = text(d, "ticket");
    t.day = text(d, "day");
    t.field = text(d, "field");
    t.prefix = text(d, "prefix");
    t.display = text(d, "display");
    auto number = d.find("number");
    if (t.id.empty() || t.day.empty() || t.field.empty() || number == d.end() || !number->is_number_integer())
        return false;
    if (s.tickets.count(t.id)) return false;  // the same ticket twice: the first one stands
    auto n = number->get<std::int64_t>();
    if (n < 0 || n > 99999) return false;  // the settings' bounds: no range goes further
    t.number = static_cast<int>(n);
    t.procedure = text(d, "procedure");
    t.priority = text(d, "priority");
    t.issuer_kind = text(d, "issuer_kind");
    t.issuer = text(d, "issuer");
    t.issued_ms = t.place_ms = at_ms;
    t.order = s.next_order++;
    if (t.day > s.day) start_day(s, t.day);
    if (t.day == s.day) {
        int& last = s.last_number[t.field][t.prefix];
        last = std::max(last, t.number);
        ++s.issued_on_day[t.field];
    }
    s.tickets.emplace(t.id, std::move(t));
    return true;
}

bool counter_event(QueueState& s, std::string_view type, const json& d) {
    std::string counter = text(d, "counter");
    if (counter.empty()) return false;
    CounterState& c = s.counters[counter];
    if (type == event_type::kCounterPaused)
        c.paused = true;
    else if (type == event_type::kCounterResumed)
        c.paused = false;
    else if (type == event_type::kOfficerSignedIn)
        c.officer = text(d, "officer");
    else if (type == event_type::kOfficerSignedOut)
        c.officer.clear();
    return true;
}

bool ticket_event(QueueState& s, std::string_view type, const json& d, std::int64_t at_ms) {
    auto found = s.tickets.find(text(d, "ticket"));
    if (found == s.tickets.end()) return false;
    Ticket& t = found->second;
    std::string counter = text(d, "counter");
    std::string officer = text(d, "officer");

    if (type == event_type::kTicketCalled) {
        if (t.status != TicketStatus::waiting || counter.empty()) return false;
        t.status = TicketStatus::called;
        t.counter = counter;
        t.officer = officer;
        t.target_counter.clear();
        t.called_ms = at_ms;
        CounterState& c = s.counters[counter];
        c.current_ticket = t.id;
        c.normals_since_priority = t.priority.empty() ? std::min(c.normals_since_priority + 1, kPriorityOwed) : 0;
    } else if (type == event_type::kTicketRecalled) {
        if (t.status != TicketStatus::called) return false;
        ++t.recalls;
    } else if (type == event_type::kTicketServing) {
        // From a call, or straight from the queue for a citizen issued a ticket at the counter.
        if ((t.status != TicketStatus::called && t.status != TicketStatus::waiting) || counter.empty()) return false;
        if (t.status == TicketStatus::waiting) t.target_counter.clear();
        t.status = TicketStatus::serving;
        t.counter = counter;
        t.officer = officer;
        t.serving_ms = at_ms;
        s.counters[counter].current_ticket = t.id;
    } else if (type == event_type::kTicketServed) {
        if (t.status != TicketStatus::serving && t.status != TicketStatus::called) return false;
        std::int64_t started = t.status == TicketStatus::serving ? t.serving_ms : t.called_ms;
        t.status = TicketStatus::served;
        t.finished_ms = at_ms;
        t.dossier_codes.clear();
        if (auto codes = d.find("dossier_codes"); codes != d.end() && codes->is_array())
            for (const auto& code : *codes)
                if (code.is_string()) t.dossier_codes.push_back(code.get<std::string>());
        if (t.day == s.day && at_ms >= started) s.samples.push_back({t.field, at_ms - started});
        free_counter(s, t);
    } else if (type == event_type::kTicketNoShow) {
        if (t.status != TicketStatus::called) return false;
        free_counter(s, t);
        ++t.no_shows;
        if (flag(d, "requeue")) {
            t.status = TicketStatus::waiting;
            t.place_ms = at_ms;
            t.order = s.next_order++;
        } else {
            t.status = TicketStatus::no_show;
            t.finished_ms = at_ms;
        }
    } else if (type == event_type::kTicketTransferred) {
        if (t.status != TicketStatus::called && t.status != TicketStatus::serving) return false;
        std::string to_field = text(d, "to_field"), to_counter = text(d, "to_counter");
        if (to_field.empty() && to_counter.empty()) return false;
        free_counter(s, t);
        ++t.transfers;
        t.status = TicketStatus::waiting;  // keeps `order`: its place by original issue
        if (!to_field.empty()) t.field = to_field;
        t.target_counter = to_counter;
    } else if (type == event_type::kTicketCancelled) {
        if (!is_open(t.status)) return false;
        free_counter(s, t);
        t.status = TicketStatus::cancelled;
        t.cancel_reason = text(d, "reason");
        t.finished_ms = at_ms;
    } else {
        return false;
    }
    return true;
}

}  // namespace

bool apply(QueueState& state, const Event& event) {
    const std::string_view type = event.type;
    if (!event.data.is_object()) return false;
    if (type == event_type::kCounterPaused || type == event_type::kCounterResumed ||
        type == event_type::kOfficerSignedIn || type == event_type::kOfficerSignedOut)
        return counter_event(state, type, event.data);
    if (type.substr(0, 7) != "ticket.") return false;  // ratings, alarms, types this build does not know
    std::int64_t at_ms = 0;
    if (!clock::parse_rfc3339(event.at, at_ms)) return false;
    if (type == event_type::kTicketIssued) return issued(state, event.data, at_ms);
    return ticket_event(state, type, event.data, at_ms);
}

}  // namespace motcua::queue
