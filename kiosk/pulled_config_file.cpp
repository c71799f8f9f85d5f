#include "kiosk/pulled_config_file.hpp"

#include <sys/stat.h>

#include <fstream>

#include "kiosk/queue_config.hpp"

namespace motcua::kiosk {

namespace {
// A real configuration is a few KiB; anything this big is not one, and is not read into memory.
constexpr std::int64_t kMaxConfigBytes = 4 << 20;
}  // namespace

std::optional<PulledConfigFile::Update> PulledConfigFile::poll() {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) {
        seen_.reset();  // gone: when a file appears again it is read, whatever its stamp
        return std::nullopt;
    }
    Stamp stamp{static_cast<std::int64_t>(st.st_size),
                static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
                static_cast<std::uint64_t>(st.st_ino)};
    if (seen_ && *seen_ == stamp) return std::nullopt;
    // Stamp taken before reading: if the file changes while we read it, the next look reads it again.
    seen_ = stamp;
    if (stamp.size > kMaxConfigBytes)
        return Update{Result<PulledConfig>::failure("the file is larger than 4 MiB"), 0, {}};
    std::ifstream in(path_, std::ios::binary);
    if (!in) return Update{Result<PulledConfig>::failure("the file cannot be opened"), 0, {}};
    // As long as it was when looked at; if it has changed since, the next look reads it again.
    std::string bytes(static_cast<std::size_t>(stamp.size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return Update{Result<PulledConfig>::failure("the file cannot be read"), 0, {}};
    auto config = parse_kiosk_config(bytes);
    std::int64_t hint = pulled_config_version_hint(bytes);
    return Update{std::move(config), hint, std::move(bytes)};
}

void raise_config_rejected_alarm(EventStore& store, std::int64_t refused_version, const std::string& problem,
                                 std::int64_t version_in_force) {
    const std::string alarm_key = std::to_string(refused_version);
    try {
        if (store.meta("kiosk_config_alarmed_version") == alarm_key) return;
    } catch (const std::exception&) {
        return;
    }
    json data{{"alarm", "config_rejected"},
              {"refused_version", refused_version > 0 ? json(refused_version) : json(nullptr)},
              {"problem", problem}};
    if (store.append(event_type::kDeviceAlarm, data, version_in_force))
        (void)store.set_meta("kiosk_config_alarmed_version", alarm_key);
}

}  // namespace motcua::kiosk
