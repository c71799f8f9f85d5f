// Applies intents to the model and writes ratings to the EventStore. No SDL, no ImGui:
// time comes in as `now_ms`, so every rule here is unit-tested without a window.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/event_store.hpp"
#include "core/settings.hpp"
#include "kiosk/roles/rating/rating_intents.hpp"
#include "kiosk/roles/rating/rating_model.hpp"
#include "kiosk/roles/rating/served_ticket_feed.hpp"
#include "kiosk/pulled_config_file.hpp"

namespace motcua::kiosk {

struct RatingConfig {
    RatingScale scale;
    std::string counter;  // empty: EventStore meta "counter_id", else null
    std::string officer;  // empty: null
    Language start_language = Language::Vi;
    std::int64_t thanks_ms = 4000;
    std::int64_t idle_ms = 30000;
    // Where motcua-sync saves the server's configuration; empty: only `scale` above is used.
    std::string pulled_config_path;
    std::int64_t config_check_ms = 5000;
    // How long the rating screen asks about a ticket finished at this counter before it goes
    // back to the plain rating screen (the ticket then stays unrated).
    std::int64_t ticket_rating_ms = 90000;
    // Names on the ticket's line ("Lĩnh vực Đất đai · Cán bộ Nguyễn Văn An"); an id not here is
    // shown as it is.
    std::map<std::string, std::string> field_names;
    std::map<std::string, std::string> officer_names;
    // Wall time, only to tell after a restart whether the last finished ticket is still recent.
    std::function<std::int64_t()> wall_now_ms;

    // Checks the scale and language; names the bad setting.
    static Result<RatingConfig> from_settings(const Settings& settings);
};

class RatingController {
public:
    RatingController(RatingConfig config, EventStore& store, std::int64_t now_ms);
    // Without a usable database: shows the out-of-service screen and accepts no rating.
    RatingController(RatingConfig config, std::string unavailable_reason, std::int64_t now_ms);

    const RatingModel& model() const { return model_; }
    const RatingConfig& config() const { return config_; }

    // Any touch, even one that hits no button, keeps the kiosk from resetting.
    void note_input(std::int64_t now_ms);
    // Returns true if the model changed.
    bool apply(const Intent& intent, std::int64_t now_ms);
    bool apply_all(const Intents& intents, std::int64_t now_ms);
    // Advances timers (thanks screen, idle reset). Returns true if the model changed.
    bool tick(std::int64_t now_ms);
    // The IT screen's choice: the rating screen shows it now when nobody is rating, and every
    // return to the start uses it. True if the model changed.
    bool set_start_language(Language language);
    // When tick() next has something to do; nullopt if nothing is scheduled.
    std::optional<std::int64_t> next_deadline_ms() const;

    // The rating event's data, as appended (exposed for tests).
    json rating_data(const PendingRating& rating);

    // A new configuration is put on screen only this long after the last touch, on the rating
    // screen in the start language with nothing pending: between two citizens.
    static constexpr std::int64_t kConfigSwitchQuietMs = 3000;

private:
    void show(Screen screen, std::int64_t now_ms);
    bool save(std::int64_t now_ms);
    void reset_to_start(std::int64_t now_ms);
    bool between_citizens(std::int64_t now_ms) const;
    // Looks at the pulled configuration file (if due and between citizens); true if the screen changed.
    bool check_pulled_config(std::int64_t now_ms, bool force);
    // `bytes` non-empty: also kept in the database as the last good configuration.
    void use_pulled_config(const PulledConfig& pulled, const std::string& bytes);
    void restore_last_good_config();
    void record_config_problem(const std::string& problem, std::int64_t refused_version);
    std::string counter_id();
    // Served tickets: the newest one at this counter becomes the one the screen asks about.
    void start_ticket_feed(std::int64_t now_ms);
    bool follow_served_tickets(std::int64_t now_ms);
    void offer_ticket(const ServedTicket& ticket, std::int64_t until_ms, std::int64_t now_ms);
    // The citizen left the reasons or error screen without saving: their ticket may still be rated.
    void return_pending_ticket(std::int64_t now_ms);
    void note_unrated(const TicketToRate& ticket, bool replaced);

    RatingConfig config_;
    EventStore* store_;  // null: out of service
    RatingModel model_;
    std::optional<PulledConfigFile> pulled_file_;
    std::optional<ServedTicketFeed> feed_;  // none: out of service
    std::int64_t next_config_check_ms_ = 0;
};

}  // namespace motcua::kiosk
