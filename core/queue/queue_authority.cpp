#include "core/queue/queue_authority.hpp"

#include <algorithm>

#include "core/queue/dossier_code.hpp"
#include "core/queue/local_day.hpp"
#include "core/queue/queue_order.hpp"

namespace motcua::queue {

json ticket_data(const Ticket& t) {
    return {{"ticket", t.id},
            {"day", t.day},
            {"field", t.field},
            {"prefix", t.prefix},
            {"number", t.number},
            {"display", t.display},
            {"priority", t.priority.empty() ? json(nullptr) : json(t.priority)},
            {"procedure", t.procedure.empty() ? json(nullptr) : json(t.procedure)}};
}

namespace {

CommandResult refuse(std::string_view code, std::string message) {
    return CommandResult::refused(code, std::move(message));
}

EventDraft counter_draft(std::string_view type, const std::string& counter, const std::string& officer) {
    return {std::string(type), {{"counter", counter}, {"officer", officer}}};
}

EventDraft ticket_draft(std::string_view type, const Ticket& t, const std::string& counter,
                        const std::string& officer) {
    json data = ticket_data(t);
    data["counter"] = counter;
    data["officer"] = officer;
    return {std::string(type), data};
}

}  // namespace

std::string QueueAuthority::today(std::int64_t now_ms) const { return queue_day(state_, settings_, now_ms); }

bool QueueAuthority::is_open_at(std::int64_t now_ms) const {
    LocalMoment m = local_moment(now_ms, settings_.utc_offset_minutes);
    const auto& closed = settings_.opening_hours.closed_dates;
    if (std::find(closed.begin(), closed.end(), m.day) != closed.end()) return false;
    for (const auto& interval : settings_.opening_hours.by_weekday[static_cast<std::size_t>(m.weekday)])
        if (m.minute >= interval.open_minute && m.minute < interval.close_minute) return true;
    return false;
}

std::vector<EventDraft> QueueAuthority::close_previous_days(std::int64_t now_ms) const {
    std::vector<EventDraft> drafts;
    for (const Ticket* t : state_.open_before(today(now_ms))) {
        json data = ticket_data(*t);
        data["reason"] = kReasonDayClosed;
        data["status_before"] = status_name(t->status);
        data["counter"] = t->counter.empty() ? json(nullptr) : json(t->counter);
        drafts.push_back({std::string(event_type::kTicketCancelled), data});
    }
    return drafts;
}

CommandResult QueueAuthority::accept(std::int64_t now_ms, std::vector<EventDraft> own) const {
    std::vector<EventDraft> drafts = close_previous_days(now_ms);
    drafts.insert(drafts.end(), own.begin(), own.end());
    return CommandResult::accepted(std::move(drafts));
}

std::optional<CommandResult> QueueAuthority::refuse_unless_signed_in(const std::string& counter,
                                                                     const std::string& officer) const {
    if (!settings_.counter(counter))
        return refuse(refusal::kUnknownCounter, "counter \"" + counter + "\" is not in the queue settings");
    const CounterState* c = state_.counter(counter);
    if (officer.empty() || !c || c->officer != officer)
        return refuse(refusal::kNotSignedIn, "officer \"" + officer + "\" is not signed in at counter " + counter);
    return std::nullopt;
}

// The ticket called or served at the counter today; yesterday's is being closed as day_closed.
const Ticket* QueueAuthority::current_ticket(const std::string& counter, std::int64_t now_ms) const {
    const CounterState* c = state_.counter(counter);
    if (!c || c->current_ticket.empty()) return nullptr;
    const Ticket* t = state_.ticket(c->current_ticket);
    return t && is_open(t->status) && t->day == today(now_ms) ? t : nullptr;
}

CommandResult QueueAuthority::issue_draft(const IssueRequest& request, std::string_view issuer_kind,
                                          const std::string& issuer, std::int64_t now_ms) const {
    const Field* field = settings_.field(request.field);
    if (!field) return refuse(refusal::kUnknownField, "field \"" + request.field + "\" is not in the queue settings");
    if (!request.procedure.empty() && std::none_of(field->procedures.begin(), field->procedures.end(),
                                                   [&](const Procedure& p) { return p.id == request.procedure; }))
        return refuse(refusal::kUnknownProcedure,
                      "procedure \"" + request.procedure + "\" is not one of field " + field->id);
    if (!request.priority.empty() && !settings_.priority_group(request.priority))
        return refuse(refusal::kUnknownPriority, "priority group \"" + request.priority + "\" is not in the settings");

    const std::string day = today(now_ms);
    const bool same_day = state_.day == day;
    int issued = 0, last = field->range_start - 1;
    if (same_day) {
        if (auto it = state_.issued_on_day.find(field->id); it != state_.issued_on_day.end()) issued = it->second;
        if (auto f = state_.last_number.find(field->id); f != state_.last_number.end())
            if (auto p = f->second.find(field->prefix); p != f->second.end()) last = std::max(last, p->second);
    }
    if (field->daily_limit > 0 && issued >= field->daily_limit)
        return refuse(refusal::kNoNumbersLeft, "field " + field->id + " has issued its daily limit of " +
                                                   std::to_string(field->daily_limit) + " tickets");
    if (last >= field->range_end)
        return refuse(refusal::kNoNumbersLeft, "field " + field->id + " has used its numbers up to " +
                                                   display_number(field->prefix, field->range_end, field->range_end));
    Ticket t;
    t.day = day;
    t.field = field->id;
    t.prefix = field->prefix;
    t.number = last + 1;
    t.display = display_number(field->prefix, t.number, field->range_end);
    t.id = day + "/" + field->id + "/" + t.display;
    t.priority = request.priority;
    t.procedure = request.procedure;
    json data = ticket_data(t);
    data["issuer_kind"] = issuer_kind;
    data["issuer"] = issuer;
    return CommandResult::accepted({{std::string(event_type::kTicketIssued), data}});
}

CommandResult QueueAuthority::issue(const IssueRequest& request, std::int64_t now_ms) const {
    if (!is_open_at(now_ms)) return refuse(refusal::kClosed, "the office is closed at this time");
    CommandResult drafted = issue_draft(request, kIssuerDispenser, request.issuer, now_ms);
    return drafted ? accept(now_ms, drafted.drafts()) : drafted;
}

CommandResult QueueAuthority::walk_in(const std::string& counter, const std::string& officer,
                                      const IssueRequest& request, std::int64_t now_ms) const {
    if (auto refused = refuse_unless_signed_in(counter, officer)) return *refused;
    const CounterState* c = state_.counter(counter);
    if (c->paused) return refuse(refusal::kCounterPaused, "counter " + counter + " is paused");
    if (current_ticket(counter, now_ms))
        return refuse(refusal::kCounterBusy, "counter " + counter + " has a ticket open");
    if (settings_.field(request.field) && !settings_.counter_serves(counter, request.field))
        return refuse(refusal::kNotThisCounter, "counter " + counter + " does not serve field " + request.field);
    CommandResult drafted = issue_draft(request, kIssuerCounter, counter, now_ms);
    if (!drafted) return drafted;
    EventDraft issued = drafted.drafts().front();
    EventDraft serving{std::string(event_type::kTicketServing), issued.data};
    serving.data.erase("issuer_kind");
    serving.data.erase("issuer");
    serving.data["counter"] = counter;
    serving.data["officer"] = officer;
    return accept(now_ms, {issued, serving});
}

EventDraft QueueAuthority::call_draft(const Ticket& t, const std::string& counter, const std::string& officer,
                                      std::string_view how) const {
    EventDraft d = ticket_draft(event_type::kTicketCalled, t, counter, officer);
    d.data["how"] = how;  // "next" by the policy, or "specific" by number
    return d;
}

CommandResult QueueAuthority::call_next(const std::string& counter, const std::string& officer,
                                        std::int64_t now_ms) const {
    if (auto refused = refuse_unless_signed_in(counter, officer)) return *refused;
    const CounterState* c = state_.counter(counter);
    if (c->paused) return refuse(refusal::kCounterPaused, "counter " + counter + " is paused");
    if (current_ticket(counter, now_ms))
        return refuse(refusal::kCounterBusy, "counter " + counter + " has a ticket open");
    auto line = callable_by(state_, settings_, counter, today(now_ms));
    const Ticket* next = pick_next(line, settings_.policy, c->normals_since_priority, now_ms);
    if (!next) return refuse(refusal::kNothingWaiting, "no ticket waits for counter " + counter);
    return accept(now_ms, {call_draft(*next, counter, officer, "next")});
}

CommandResult QueueAuthority::call_specific(const std::string& counter, const std::string& officer,
                                            const std::string& ref, std::int64_t now_ms) const {
    if (auto refused = refuse_unless_signed_in(counter, officer)) return *refused;
    const CounterState* c = state_.counter(counter);
    if (c->paused) return refuse(refusal::kCounterPaused, "counter " + counter + " is paused");
    if (current_ticket(counter, now_ms))
        return refuse(refusal::kCounterBusy, "counter " + counter + " has a ticket open");
    const std::string day = today(now_ms);
    const Ticket* found = nullptr;
    for (const auto& [id, t] : state_.tickets) {
        if (t.day != day || (t.id != ref && t.display != ref)) continue;
        // A number shown twice on one day (a requeued ticket is the same ticket): prefer the waiting one.
        if (!found || t.status == TicketStatus::waiting) found = &t;
    }
    if (!found) return refuse(refusal::kTicketNotFound, "no ticket " + ref + " today");
    if (found->status != TicketStatus::waiting)
        return refuse(refusal::kWrongStatus,
                      "ticket " + found->display + " is " + std::string(status_name(found->status)));
    auto line = callable_by(state_, settings_, counter, day);
    if (std::find(line.begin(), line.end(), found) == line.end())
        return refuse(refusal::kNotThisCounter, "ticket " + found->display + " waits for another counter or field");
    return accept(now_ms, {call_draft(*found, counter, officer, "specific")});
}

CommandResult QueueAuthority::act_on_called_ticket(std::string_view type, const std::string& counter,
                                                   const std::string& officer, std::int64_t now_ms) const {
    if (auto refused = refuse_unless_signed_in(counter, officer)) return *refused;
    const Ticket* t = current_ticket(counter, now_ms);
    if (!t) return refuse(refusal::kNoCurrentTicket, "counter " + counter + " has no ticket called");
    if (t->status != TicketStatus::called)
        return refuse(refusal::kWrongStatus, "ticket " + t->display + " is already being served");
    return accept(now_ms, {ticket_draft(type, *t, counter, officer)});
}

CommandResult QueueAuthority::recall(const std::string& counter, const std::string& officer,
                                     std::int64_t now_ms) const {
    return act_on_called_ticket(event_type::kTicketRecalled, counter, officer, now_ms);
}

CommandResult QueueAuthority::start_serving(const std::string& counter, const std::string& officer,
                                            std::int64_t now_ms) const {
    return act_on_called_ticket(event_type::kTicketServing, counter, officer, now_ms);
}

CommandResult QueueAuthority::finish(const std::string& counter, const std::string& officer,
                                     const std::vector<std::string>& dossier_codes, std::int64_t now_ms) const {
    if (auto refused = refuse_unless_signed_in(counter, officer)) return *refused;
    const Ticket* t = current_ticket(counter, now_ms);
    if (!t) return refuse(refusal::kNoCurrentTicket, "counter " + counter + " has no ticket called");
    json codes = json::array();
    for (const std::string& text : dossier_codes) {
        auto code = normalise_dossier_code(text);
        if (!code) return refuse(refusal::kInvalidDossierCode, "\"" + text + "\" is not a dossier code");
        codes.push_back(*code);
    }
    EventDraft d = ticket_draft(event_type::kTicketServed, *t, counter, officer);
    d.data["dossier_codes"] = codes;
    return accept(now_ms, {d});
}

CommandResult QueueAuthority::no_show(const std::string& counter, const std::string& officer, bool requeue,
                                      std::int64_t now_ms) const {
    if (auto refused = refuse_unless_signed_in(counter, officer)) return *refused;
    const Ticket* t = current_ticket(counter, now_ms);
    if (!t) return refuse(refusal::kNoCurrentTicket, "counter " + counter + " has no ticket called");
    if (t->status != TicketStatus::called)
        return refuse(refusal::kWrongStatus, "ticket " + t->display + " is being served: the citizen is here");
    EventDraft d = ticket_draft(event_type::kTicketNoShow, *t, counter, officer);
    d.data["requeue"] = requeue;
    return accept(now_ms, {d});
}

CommandResult QueueAuthority::transfer(const std::string& counter, const std::string& officer, const Destination& to,
                                       std::int64_t now_ms) const {
    if (auto refused = refuse_unless_signed_in(counter, officer)) return *refused;
    const Ticket* t = current_ticket(counter, now_ms);
    if (!t) return refuse(refusal::kNoCurrentTicket, "counter " + counter + " has no ticket called");
    if (to.field.empty() && to.counter.empty())
        return refuse(refusal::kBadDestination, "a transfer needs a field or a counter");
    if (!to.field.empty() && !settings_.field(to.field))
        return refuse(refusal::kBadDestination, "field \"" + to.field + "\" is not in the queue settings");
    if (!to.counter.empty() && (!settings_.counter(to.counter) || to.counter == counter))
        return refuse(refusal::kBadDestination, "counter \"" + to.counter + "\" is not another counter of the queue");
    if (to.counter.empty() && to.field == t->field)
        return refuse(refusal::kBadDestination, "ticket " + t->display + " is already in field " + to.field);
    EventDraft d = ticket_draft(event_type::kTicketTransferred, *t, counter, officer);
    d.data["from_field"] = t->field;
    d.data["to_field"] = to.field.empty() ? json(nullptr) : json(to.field);
    d.data["to_counter"] = to.counter.empty() ? json(nullptr) : json(to.counter);
    return accept(now_ms, {d});
}

CommandResult QueueAuthority::cancel(const std::string& ticket_id, const std::string& reason,
                                     std::int64_t now_ms) const {
    if (reason.empty()) return refuse(refusal::kMissingValue, "a cancellation needs a reason");
    const Ticket* t = state_.ticket(ticket_id);
    if (!t || t->day != today(now_ms)) return refuse(refusal::kTicketNotFound, "no ticket " + ticket_id + " today");
    if (t->status != TicketStatus::waiting)
        return refuse(refusal::kWrongStatus, "ticket " + t->display + " is " + std::string(status_name(t->status)));
    json data = ticket_data(*t);
    data["reason"] = reason;
    data["status_before"] = status_name(t->status);
    data["counter"] = nullptr;
    return accept(now_ms, {{std::string(event_type::kTicketCancelled), data}});
}

CommandResult QueueAuthority::pause(const std::string& counter, const std::string& officer, std::int64_t now_ms) const {
    if (auto refused = refuse_unless_signed_in(counter, officer)) return *refused;
    const CounterState* c = state_.counter(counter);
    if (c->paused) return refuse(refusal::kCounterPaused, "counter " + counter + " is already paused");
    return accept(now_ms, {counter_draft(event_type::kCounterPaused, counter, officer)});
}

CommandResult QueueAuthority::resume(const std::string& counter, const std::string& officer,
                                     std::int64_t now_ms) const {
    if (auto refused = refuse_unless_signed_in(counter, officer)) return *refused;
    const CounterState* c = state_.counter(counter);
    if (!c->paused) return refuse(refusal::kNotPaused, "counter " + counter + " is not paused");
    return accept(now_ms, {counter_draft(event_type::kCounterResumed, counter, officer)});
}

CommandResult QueueAuthority::sign_in(const std::string& counter, const std::string& officer,
                                      std::int64_t now_ms) const {
    if (!settings_.counter(counter))
        return refuse(refusal::kUnknownCounter, "counter \"" + counter + "\" is not in the queue settings");
    if (officer.empty()) return refuse(refusal::kMissingValue, "signing in needs an officer code");
    EventDraft d = counter_draft(event_type::kOfficerSignedIn, counter, officer);
    // Someone who forgot to sign out must not lock the counter: the new officer takes it over.
    const CounterState* c = state_.counter(counter);
    d.data["replaces"] = c && !c->officer.empty() && c->officer != officer ? json(c->officer) : json(nullptr);
    return accept(now_ms, {d});
}

CommandResult QueueAuthority::sign_out(const std::string& counter, const std::string& officer,
                                       std::int64_t now_ms) const {
    if (auto refused = refuse_unless_signed_in(counter, officer)) return *refused;
    if (current_ticket(counter, now_ms))
        return refuse(refusal::kCounterBusy, "counter " + counter + " has a ticket open: finish or transfer it first");
    return accept(now_ms, {counter_draft(event_type::kOfficerSignedOut, counter, officer)});
}

}  // namespace motcua::queue
