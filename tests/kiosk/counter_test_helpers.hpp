// Shared by the counter console tests: a small queue (two fields, three counters, open always),
// officers with known PINs (cheap hashes), a fixed wall clock, and the events read back from the file.
#pragma once
#include <string>
#include <vector>

#include "core/event_store.hpp"
#include "core/pin_hash.hpp"
#include "core/queue/queue_settings.hpp"
#include "kiosk/roles/counter/counter_controller.hpp"

namespace motcua::test {

// Tuesday 2026-11-24 09:00 in Hà Nội (UTC+7).
inline constexpr std::int64_t kCounterWallMs = 1795485600LL * 1000;

inline queue::QueueSettings counter_queue() {
    queue::QueueSettings s = queue::default_queue_settings();
    s.fields = {{"ho-tich", "Tư pháp – Hộ tịch", "Civil status", "A", 1, 999, 0, {}},
                {"dat-dai", "Đất đai", "Land", "C", 1, 999, 0, {}}};
    s.counters = {{"1", "Quầy số 1", {"ho-tich"}}, {"2", "Quầy số 2", {"ho-tich"}}, {"3", "Quầy số 3", {"dat-dai"}}};
    for (auto& day : s.opening_hours.by_weekday) day = {{0, 24 * 60}};
    s.opening_hours.closed_dates.clear();
    return s;
}

// The cheapest hash the checker accepts: these tests are about the console, not scrypt's cost.
inline std::string cheap_pin_hash(const std::string& pin) {
    return hash_pin(pin, PinHashParams{10, 8, 1}).value();
}

inline std::vector<Officer> counter_officers() {
    return {{"cb01", "Nguyễn Thị Lan", cheap_pin_hash("1234"), {}},
            {"cb02", "Trần Văn Minh", cheap_pin_hash("5678"), {"1", "2"}},
            {"cb03", "Lê Văn Hùng", cheap_pin_hash("2468"), {"3"}}};
}

inline kiosk::CounterConfig counter_config(const std::string& counter, const std::int64_t* wall_ms = nullptr) {
    kiosk::CounterConfig c;
    c.counter = counter;
    c.officers = counter_officers();
    c.site_name = "UBND xã An Phú";
    c.wall_clock = [wall_ms] { return wall_ms ? *wall_ms : kCounterWallMs; };
    return c;
}

// Every event of a type, read through a new connection: what was committed to the file.
inline std::vector<json> committed(const std::string& db_path, std::string_view type) {
    auto store = EventStore::open(db_path);
    std::vector<json> out;
    if (!store) return out;
    for (auto& e : store->all_events())
        if (e.type == type) out.push_back(e.data);
    return out;
}

}  // namespace motcua::test
