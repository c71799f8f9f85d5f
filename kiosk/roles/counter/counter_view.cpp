// CounterController::refresh: the console's model from the folded queue state (what the officer
// sees), and which buttons can act now.
#include "core/queue/queue_order.hpp"
#include "kiosk/roles/counter/counter_controller.hpp"

namespace motcua::kiosk {

namespace {

TicketLine line_of(const queue::Ticket& t, const queue::QueueSettings& settings, const std::string& counter) {
    TicketLine line;
    line.id = t.id;
    line.display = t.display;
    line.field = t.field;
    const queue::Field* field = settings.field(t.field);
    line.field_name = field ? field->name_vi : t.field;
    if (!t.priority.empty()) {
        const queue::PriorityGroup* group = settings.priority_group(t.priority);
        line.priority_name = group ? group->name_vi : t.priority;
    }
    line.status = std::string(queue::status_name(t.status));
    line.issued_ms = t.issued_ms;
    line.called_ms = t.called_ms;
    line.serving_ms = t.serving_ms;
    line.recalls = t.recalls;
    line.transferred_here = t.target_counter == counter;
    return line;
}

}  // namespace

void CounterController::refresh() {
    if (!session_) return;
    const queue::QueueState& state = session_->state();
    const queue::QueueSettings& settings = session_->settings();
    const std::string& counter = model_.counter_id;
    const std::int64_t now = wall();
    const std::string today = queue::queue_day(state, settings, now);
    // Waiting times are shown in whole minutes: the model changes (and the window redraws) once a minute.
    model_.wall_now_ms = now - now % 60000;

    const queue::CounterState* c = state.counter(counter);
    model_.paused = c && c->paused;
    model_.current.reset();
    if (c && !c->current_ticket.empty())
        if (const queue::Ticket* t = state.ticket(c->current_ticket); t && queue::is_open(t->status) && t->day == today)
            model_.current = line_of(*t, settings, counter);
    // Dossier codes belong to one ticket: another ticket starts with none.
    const std::string current_id = model_.current ? model_.current->id : std::string();
    if (current_id != dossier_ticket_) model_.dossier_codes.clear();
    dossier_ticket_ = current_id;

    model_.waiting.clear();
    for (const queue::Ticket* t : queue::callable_by(state, settings, counter, today))
        model_.waiting.push_back(line_of(*t, settings, counter));
    model_.served_today = model_.no_show_today = 0;
    for (const auto& [id, t] : state.tickets) {
        if (t.day != today || t.counter != counter) continue;
        if (t.status == queue::TicketStatus::served) ++model_.served_today;
        if (t.status == queue::TicketStatus::no_show) ++model_.no_show_today;
    }

    model_.served_fields.clear();
    model_.walk_in_fields.clear();
    model_.transfer_fields.clear();
    model_.transfer_counters.clear();
    model_.priority_groups.clear();
    for (const queue::Field& f : settings.fields) {
        if (settings.counter_serves(counter, f.id)) {
            model_.served_fields.push_back(f.name_vi);
            model_.walk_in_fields.push_back({f.id, f.name_vi});
        }
        if (!model_.current || f.id != model_.current->field) model_.transfer_fields.push_back({f.id, f.name_vi});
    }
    for (const queue::Counter& other : settings.counters)
        if (other.id != counter) model_.transfer_counters.push_back({other.id, other.name.empty() ? other.id : other.name});
    for (const queue::PriorityGroup& g : settings.priority_groups) model_.priority_groups.push_back({g.code, g.name_vi});

    CounterActions& a = model_.actions;
    a = {};
    if (model_.screen == CounterScreen::Console) {
        const bool free = !model_.current;
        const bool called = model_.current && model_.current->status == "called";
        const bool serving = model_.current && model_.current->status == "serving";
        a.call_next = free && !model_.paused && !model_.waiting.empty();
        a.call_specific = free && !model_.paused;
        a.recall = called;
        a.start = called;
        a.no_show = called;
        a.finish = serving;
        a.transfer = called || serving;
        a.pause = !model_.paused;
        a.resume = model_.paused;
        a.walk_in = free && !model_.paused && !model_.walk_in_fields.empty();
        a.sign_out = free;
    }
    // A dialog whose action no longer applies (another console changed the queue) closes.
    if ((model_.dialog == CounterDialog::NoShow && !a.no_show) || (model_.dialog == CounterDialog::Transfer && !a.transfer) ||
        (model_.dialog == CounterDialog::WalkIn && !a.walk_in))
        model_.dialog = CounterDialog::None;
}

}  // namespace motcua::kiosk
