#include "kiosk/site_queue.hpp"

#include <ostream>

namespace motcua::kiosk {

Result<SiteQueue> SiteQueue::open(const Settings& settings, std::string role, std::ostream& log, EventStore* store) {
    SiteQueue queue(settings, std::move(role), log);
    queue.store_ = store;
    if (const std::string& path = settings.text("device.config_cache"); !path.empty()) queue.file_.emplace(path);
    auto start = queue.build(nullptr);  // the TOML, until a usable pulled configuration replaces it
    if (!start) {
        // The TOML alone is wrong; a pulled configuration may still replace the broken part.
        if (!queue.file_) return Result<SiteQueue>::failure(start.error());
    } else {
        queue.current_ = std::move(start.value());
    }
    auto looked = queue.look();
    if (!looked) return Result<SiteQueue>::failure(looked.error());
    if (!queue.problem_.empty() && queue.current_.config_version == 0) queue.restore_last_good();
    if (!start && queue.current_.queue_source.empty()) return Result<SiteQueue>::failure(start.error());
    queue.started_ = true;
    log << "motcua-kiosk: " << queue.role_ << ": queue from " << queue.current_.queue_source << "\n";
    for (const auto& warning : queue.current_.warnings)
        log << "motcua-kiosk: " << queue.role_ << ": " << warning << "\n";
    return queue;
}

void SiteQueue::restore_last_good() {
    if (!store_) return;
    std::optional<std::string> bytes;
    try {
        bytes = store_->meta(kLastGoodConfigMeta);
    } catch (const std::exception&) {
        return;  // the database cannot be read: the TOML, as before any good configuration
    }
    if (!bytes || bytes->empty()) return;
    auto pulled = parse_kiosk_config(*bytes);
    if (!pulled) return;
    auto kept = build(&pulled.value());
    if (!kept) return;
    current_ = std::move(kept.value());
    *log_ << "motcua-kiosk: " << role_ << ": using the last good server configuration, version " << pulled->version
          << ", kept in the database\n";
}

Result<QueueConfig> SiteQueue::build(const PulledConfig* pulled) const {
    auto queue = queue_config(settings_, pulled);
    if (queue) queue->queue.utc_offset_minutes = static_cast<int>(settings_.integer("clock.utc_offset_minutes"));
    return queue;
}

void SiteQueue::refuse(const std::string& why, std::int64_t version) {
    const std::string problem = "the server configuration in " + file_->path() +
                                (version > 0 ? " (version " + std::to_string(version) + ")" : "") +
                                " is not used: " + why;
    if (problem == problem_) return;  // said once
    problem_ = problem;
    refused_version_ = version;
    *log_ << "motcua-kiosk: " << role_ << ": " << problem_;
    if (started_) *log_ << "; the queue stays as it was (" << current_.queue_source << ")";
    *log_ << "\n";
}

Result<bool> SiteQueue::look() {
    if (!file_) return false;
    auto update = file_->poll();
    if (!update) return false;
    if (!update->config) {
        refuse(update->config.error(), update->version_hint);
        return false;
    }
    const PulledConfig& pulled = update->config.value();
    if (pulled.version == current_.config_version && problem_.empty()) return false;
    auto next = build(&pulled);
    if (!next) {  // e.g. the server names no officers and the TOML's are wrong
        refuse(next.error(), pulled.version);
        return false;
    }
    current_ = std::move(next.value());
    // For a restart while the file is broken (the rating role keeps the same copy).
    if (store_) (void)store_->set_meta(kLastGoodConfigMeta, update->bytes);
    if (started_)
        *log_ << "motcua-kiosk: " << role_ << ": server configuration version " << pulled.version << " received\n";
    problem_.clear();
    refused_version_ = 0;
    return true;
}

std::optional<QueueConfig> SiteQueue::poll() {
    auto changed = look();
    if (!changed || !changed.value()) return std::nullopt;
    for (const auto& warning : current_.warnings) *log_ << "motcua-kiosk: " << role_ << ": " << warning << "\n";
    return current_;
}

void alarm_refused_config(EventStore& store, const SiteQueue& queue, std::int64_t version_in_force) {
    if (queue.problem().empty()) return;
    raise_config_rejected_alarm(store, queue.refused_version(), queue.problem(), version_in_force);
}

Result<QueueConfig> site_queue(const Settings& settings, std::string_view role, std::ostream& log) {
    auto queue = SiteQueue::open(settings, std::string(role), log);
    if (!queue) return Result<QueueConfig>::failure(queue.error());
    return queue->current();
}

}  // namespace motcua::kiosk
