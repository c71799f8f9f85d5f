// The queue a queue role (dispenser, counter, board) uses: the server's pulled configuration
// (device.config_cache) where it sets the queue, else the kiosk's TOML, kept up to date while the
// role runs. SiteQueue::poll() costs one stat() (PulledConfigFile); when motcua-sync has saved a
// different configuration it returns the new queue, which the role applies at its own safe moment
// (the dispenser on its start screen, the counter when no dialog is open, the board at once). A
// configuration that cannot be used keeps the last good queue; what is wrong is logged once per
// refused version and kept in problem() for the role's staff banner.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "core/event_store.hpp"
#include "core/settings.hpp"
#include "kiosk/pulled_config_file.hpp"
#include "kiosk/queue_config.hpp"

namespace motcua::kiosk {

class SiteQueue {
public:
    // Reads the queue in force now. A pulled configuration that cannot be used is logged (naming
    // `role`) and kept in problem(); the last good one kept in `store` (meta
    // kiosk_config_last_good, as the rating role keeps it) is used instead, else the TOML. Fails
    // when the queue settings that are needed are wrong (the key named). `log` and `store` (may be
    // null: nothing kept) must outlive the object.
    static Result<SiteQueue> open(const Settings& settings, std::string role, std::ostream& log,
                                  EventStore* store = nullptr);

    const QueueConfig& current() const { return current_; }

    // A different, usable configuration since the last look: the new queue (also current() from
    // now on). nullopt: nothing new, or the new file cannot be used (then problem() says why).
    std::optional<QueueConfig> poll();

    // What is wrong with the newest pulled configuration, in plain English; empty when it is in
    // force (or there is none). refused_version(): its version when readable, else 0.
    const std::string& problem() const { return problem_; }
    std::int64_t refused_version() const { return refused_version_; }

    // How often a role looks (a stat() each time): ui.config_check_seconds.
    std::int64_t check_ms() const { return check_ms_; }

private:
    SiteQueue(const Settings& settings, std::string role, std::ostream& log)
        : settings_(settings),
          role_(std::move(role)),
          log_(&log),
          check_ms_(settings.integer("ui.config_check_seconds") * 1000) {}
    // One look at the file; true when current_ changed.
    Result<bool> look();
    Result<QueueConfig> build(const PulledConfig* pulled) const;
    void refuse(const std::string& why, std::int64_t version);

    // After a restart with a broken file: the last good configuration the database keeps.
    void restore_last_good();

    Settings settings_;
    std::string role_;
    std::ostream* log_;
    EventStore* store_ = nullptr;
    bool started_ = false;  // open() has returned: later changes are logged
    std::optional<PulledConfigFile> file_;
    QueueConfig current_;
    std::string problem_;
    std::int64_t refused_version_ = 0;
    std::int64_t check_ms_ = 5000;
};

// raise_config_rejected_alarm (pulled_config_file.hpp) for the queue's problem, shared with the
// rating role so that two roles on one database raise it once. Does nothing when
// queue.problem() is empty.
void alarm_refused_config(EventStore& store, const SiteQueue& queue, std::int64_t version_in_force);

// The queue in force at start (SiteQueue::open(...).current()), for callers that do not follow changes.
Result<QueueConfig> site_queue(const Settings& settings, std::string_view role, std::ostream& log);

}  // namespace motcua::kiosk
