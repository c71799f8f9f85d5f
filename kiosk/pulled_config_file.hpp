// Watches the file where motcua-sync saves the server's configuration. A look costs one stat():
// the file is read and checked only when its size, modification time or inode changed (sync
// replaces it with a rename, so a new version always has a new inode).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/event_store.hpp"
#include "core/pulled_config.hpp"

namespace motcua::kiosk {

class PulledConfigFile {
public:
    explicit PulledConfigFile(std::string path) : path_(std::move(path)) {}
    const std::string& path() const { return path_; }

    struct Update {
        Result<PulledConfig> config;  // the checked configuration, or what is wrong with the file
        std::int64_t version_hint = 0;  // the file's "version" when readable (also for a broken file)
        std::string bytes;  // the file as read
    };
    // nullopt: nothing new since the last look (unchanged, or there is no file).
    std::optional<Update> poll();

private:
    struct Stamp {
        std::int64_t size = -1, mtime_ns = -1;
        std::uint64_t inode = 0;
        bool operator==(const Stamp&) const = default;
    };
    std::string path_;
    std::optional<Stamp> seen_;
};

// The last configuration a role accepted, as its file's bytes: after a restart with a broken file
// every role uses it rather than its own TOML. One copy per database, shared by the roles on it.
inline constexpr const char* kLastGoodConfigMeta = "kiosk_config_last_good";

// For the district too, not only the screen: one device.alarm "config_rejected" per refused
// version (0: no version could be read) on this database, across roles and restarts (meta
// kiosk_config_alarmed_version). `problem` is what the alarm says; the event carries
// `version_in_force`. A database that cannot be read or written raises nothing: the caller's
// banner and log line are then the only signs.
void raise_config_rejected_alarm(EventStore& store, std::int64_t refused_version, const std::string& problem,
                                 std::int64_t version_in_force);

}  // namespace motcua::kiosk
