// What the kiosk's IT screen and its "not delivering" mark know about sync, read from the same
// code `motcua-sync status` uses (sync::gather_status over the kiosk database and the identity
// file), worded in Vietnamese for the screen. No SDL, no ImGui.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/event_store.hpp"
#include "core/result.hpp"
#include "core/settings.hpp"
#include "sync/device_identity.hpp"
#include "sync/status_report.hpp"

namespace motcua::kiosk {

// motcua-sync's settings (identity file, server URL, behind limit) from its settings file, as the
// daemon reads them. A missing file means the daemon runs on its defaults too.
Result<Settings> load_sync_settings(const std::string& path);

struct ItStatusRow {
    std::string label;
    std::string value;
    bool alert = false;  // drawn in the warning colour
};

struct ItStatusView {
    sync::SyncHealthState state = sync::SyncHealthState::NotEnrolled;
    std::string state_vi;  // "Hoạt động bình thường", "Chưa đăng ký với máy chủ", ...
    std::vector<ItStatusRow> rows;
};

// Reads the facts (read-only: gather_status only reads) and words them. Fails with plain English
// words when the database cannot be read.
Result<ItStatusView> read_it_status(EventStore& store, const Settings& sync_settings, const std::string& role_name,
                                    std::int64_t wall_now_ms);
ItStatusView describe_status(const sync::StatusFacts& facts, const std::optional<sync::DeviceIdentity>& identity,
                             const std::string& role_name);

const char* state_vi(sync::SyncHealthState state);
// "45 giây", "12 phút", "3 giờ 5 phút", "2 ngày".
std::string duration_vi(std::int64_t ms);

// The discreet mark on citizen screens. S1: not enrolled. S2: events wait and nothing has been
// delivered for longer than the threshold (counted from the later of the last delivery and the
// oldest waiting event, so a kiosk that was simply quiet is not marked).
enum class DeliveryMark { None, NotEnrolled, NotDelivering };
const char* mark_code(DeliveryMark mark);  // "", "S1", "S2"

struct MarkInputs {
    bool enrolled = false;
    std::int64_t waiting = 0;
    std::optional<std::int64_t> oldest_unsent_ms;
    std::optional<std::int64_t> last_success_ms;
};
DeliveryMark delivery_mark(const MarkInputs& in, std::int64_t threshold_ms, std::int64_t wall_now_ms);
// A few rows of the meta and events tables (not the hash-chain check of the full status).
Result<MarkInputs> read_mark_inputs(EventStore& store, const Settings& sync_settings);

}  // namespace motcua::kiosk
