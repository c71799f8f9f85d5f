#include "core/queue/queue_order.hpp"

#include <algorithm>

#include "core/queue/local_day.hpp"

namespace motcua::queue {

namespace {

bool before(const Ticket* a, const Ticket* b) { return a->order < b->order; }

const Ticket* first_of(const std::vector<const Ticket*>& line, bool priority) {
    for (const Ticket* t : line)
        if (t->priority.empty() != priority) return t;
    return nullptr;
}

// Replays pick_next at one counter that owes a priority call until `target` is picked.
int picks_before(std::vector<const Ticket*> line, const Ticket* target, const Policy& policy, std::int64_t now_ms) {
    std::sort(line.begin(), line.end(), before);
    int normals = kPriorityOwed;
    int picked = 0;
    while (!line.empty()) {
        const Ticket* next = pick_next(line, policy, normals, now_ms);
        if (next == target) return picked;
        normals = next->priority.empty() ? std::min(normals + 1, kPriorityOwed) : 0;
        line.erase(std::find(line.begin(), line.end(), next));
        ++picked;
    }
    return picked;
}

std::vector<const Ticket*> field_line(const QueueState& state, const std::string& field, const std::string& day) {
    std::vector<const Ticket*> line;
    for (const Ticket* t : state.waiting(field, day))
        if (t->target_counter.empty()) line.push_back(t);
    return line;
}

}  // namespace

std::string queue_day(const QueueState& state, const QueueSettings& settings, std::int64_t now_ms) {
    return std::max(local_moment(now_ms, settings.utc_offset_minutes).day, state.day);
}

std::vector<const Ticket*> callable_by(const QueueState& state, const QueueSettings& settings,
                                       const std::string& counter, const std::string& day) {
    std::vector<const Ticket*> line;
    for (const auto& [id, t] : state.tickets) {
        if (t.status != TicketStatus::waiting || t.day != day) continue;
        bool mine = t.target_counter.empty() ? settings.counter_serves(counter, t.field) : t.target_counter == counter;
        if (mine) line.push_back(&t);
    }
    std::sort(line.begin(), line.end(), before);
    return line;
}

const Ticket* pick_next(const std::vector<const Ticket*>& line, const Policy& policy, int normals_since_priority,
                        std::int64_t now_ms) {
    if (line.empty()) return nullptr;
    if (policy.ageing_minutes > 0) {
        const Ticket* oldest = line.front();
        if (now_ms - oldest->place_ms >= std::int64_t{policy.ageing_minutes} * 60'000) return oldest;
    }
    const Ticket* priority = first_of(line, true);
    const Ticket* normal = first_of(line, false);
    if (policy.mode == PolicyMode::strict) return priority ? priority : normal;
    if (priority && (normals_since_priority >= policy.normal_per_priority || !normal)) return priority;
    return normal;
}

std::vector<const Ticket*> latest_calls(const QueueState& state, const std::string& day, std::size_t how_many) {
    std::vector<const Ticket*> called;
    for (const auto& [id, t] : state.tickets)
        if (t.day == day && t.called_ms != 0) called.push_back(&t);
    std::sort(called.begin(), called.end(), [](const Ticket* a, const Ticket* b) {
        return a->called_ms != b->called_ms ? a->called_ms > b->called_ms : a->order > b->order;
    });
    if (called.size() > how_many) called.resize(how_many);
    return called;
}

int people_ahead_of_new(const QueueState& state, const QueueSettings& settings, const std::string& field,
                        const std::string& priority, std::int64_t now_ms) {
    std::string day = queue_day(state, settings, now_ms);
    std::vector<const Ticket*> line = field_line(state, field, day);
    Ticket newcomer;
    newcomer.field = field;
    newcomer.priority = priority;
    newcomer.place_ms = now_ms;
    newcomer.order = state.next_order;
    line.push_back(&newcomer);
    return picks_before(line, &newcomer, settings.policy, now_ms);
}

int people_ahead_of(const QueueState& state, const QueueSettings& settings, const std::string& ticket_id,
                    std::int64_t now_ms) {
    const Ticket* t = state.ticket(ticket_id);
    std::string day = queue_day(state, settings, now_ms);
    if (!t || t->status != TicketStatus::waiting || t->day != day) return -1;
    std::vector<const Ticket*> line = field_line(state, t->field, day);
    if (!t->target_counter.empty()) line = callable_by(state, settings, t->target_counter, day);
    return picks_before(line, t, settings.policy, now_ms);
}

WaitEstimate estimate_wait(const QueueState& state, const QueueSettings& settings, const std::string& field,
                           const std::string& priority, std::int64_t now_ms) {
    WaitEstimate e;
    e.people_ahead = people_ahead_of_new(state, settings, field, priority, now_ms);
    for (const Counter& c : settings.counters) {
        if (!settings.counter_serves(c.id, field)) continue;
        const CounterState* cs = state.counter(c.id);
        if (cs && !cs->paused && !cs->officer.empty()) ++e.open_counters;
    }
    // Only today's samples count: yesterday's pace says little about this morning's staff.
    std::string day = queue_day(state, settings, now_ms);
    std::vector<std::int64_t> durations;
    if (state.day == day) {
        for (const auto& s : state.samples)
            if (s.field == field) durations.push_back(s.duration_ms);
        e.basis = EstimateBasis::field;
        if (durations.empty()) {
            for (const auto& s : state.samples) durations.push_back(s.duration_ms);
            e.basis = EstimateBasis::all_fields;
        }
    }
    e.samples = static_cast<int>(durations.size());
    if (durations.empty() || e.open_counters == 0) {
        e.basis = EstimateBasis::none;
        return e;
    }
    auto mid = durations.begin() + static_cast<std::ptrdiff_t>(durations.size() / 2);
    std::nth_element(durations.begin(), mid, durations.end());
    e.median_service_ms = *mid;
    if (durations.size() % 2 == 0) {
        auto lower = *std::max_element(durations.begin(), mid);
        e.median_service_ms = (lower + *mid) / 2;
    }
    e.wait_ms = e.median_service_ms * e.people_ahead / e.open_counters;
    return e;
}

}  // namespace motcua::queue
