// Applies intents to the model and writes ratings to the EventStore. No SDL, no ImGui:
// time comes in as `now_ms`, so every rule here is unit-tested without a window.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/event_store.hpp"
#include "core/settings.hpp"
#include "kiosk/intents.hpp"
#include "kiosk/kiosk_model.hpp"

namespace motcua::kiosk {

struct KioskConfig {
    RatingScale scale;
    std::string counter;  // empty: EventStore meta "counter_id", else null
    std::string officer;  // empty: null
    Language start_language = Language::Vi;
    std::int64_t thanks_ms = 4000;
    std::int64_t idle_ms = 30000;

    // Checks the scale and language; names the bad setting.
    static Result<KioskConfig> from_settings(const Settings& settings);
};

class KioskController {
public:
    KioskController(KioskConfig config, EventStore& store, std::int64_t now_ms);
    // Without a usable database: shows the out-of-service screen and accepts no rating.
    KioskController(KioskConfig config, std::string unavailable_reason, std::int64_t now_ms);

    const KioskModel& model() const { return model_; }
    const KioskConfig& config() const { return config_; }

    // Any touch, even one that hits no button, keeps the kiosk from resetting.
    void note_input(std::int64_t now_ms);
    // Returns true if the model changed.
    bool apply(const Intent& intent, std::int64_t now_ms);
    bool apply_all(const Intents& intents, std::int64_t now_ms);
    // Advances timers (thanks screen, idle reset). Returns true if the model changed.
    bool tick(std::int64_t now_ms);
    // When tick() next has something to do; nullopt if nothing is scheduled.
    std::optional<std::int64_t> next_deadline_ms() const;

    // The rating event's data, as appended (exposed for tests).
    json rating_data(const PendingRating& rating);

private:
    void show(Screen screen, std::int64_t now_ms);
    bool save(std::int64_t now_ms);
    void reset_to_start(std::int64_t now_ms);

    KioskConfig config_;
    EventStore* store_;  // null: out of service
    KioskModel model_;
};

}  // namespace motcua::kiosk
