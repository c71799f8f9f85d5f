#include "kiosk/it/it_status.hpp"

#include <exception>
#include <filesystem>

#include "core/clock.hpp"
#include "core/vn_format.hpp"
#include "sync/sync_health.hpp"
#include "sync/sync_settings.hpp"

namespace motcua::kiosk {

Result<Settings> load_sync_settings(const std::string& path) {
    std::error_code ec;
    if (path.empty() || !std::filesystem::exists(path, ec)) return Settings(sync::sync_settings());
    return Settings::load_file(path, sync::sync_settings());
}

const char* state_vi(sync::SyncHealthState state) {
    using S = sync::SyncHealthState;
    switch (state) {
        case S::Healthy: return "Hoạt động bình thường";
        case S::Behind: return "Gửi chậm: dữ liệu chờ gửi đã lâu";
        case S::NeedsPerson: return "Cần người xử lý";
        case S::DeviceUnknown: return "Máy chủ không còn nhận thiết bị này: cần đăng ký lại";
        case S::NotEnrolled: return "Chưa đăng ký với máy chủ";
    }
    return "Không rõ";
}

std::string duration_vi(std::int64_t ms) {
    std::int64_t s = (std::llabs(ms) + 500) / 1000;
    if (s < 120) return std::to_string(s) + " giây";
    if (s < 7200) return std::to_string((s + 30) / 60) + " phút";
    if (s < 2 * 86400) {
        std::int64_t minutes = (s + 30) / 60;
        return std::to_string(minutes / 60) + " giờ " + std::to_string(minutes % 60) + " phút";
    }
    return std::to_string((s + 43200) / 86400) + " ngày";
}

namespace {
std::string when_vi(const std::optional<std::int64_t>& ms, std::int64_t now_ms, int offset) {
    if (!ms) return "chưa lần nào";
    if (*ms > now_ms + 2000) return vn::date_time(*ms, offset) + " (đồng hồ máy đã bị chỉnh lùi)";
    return vn::date_time(*ms, offset) + " (" + duration_vi(now_ms - *ms) + " trước)";
}
}  // namespace

ItStatusView describe_status(const sync::StatusFacts& f, const std::optional<sync::DeviceIdentity>& identity,
                             const std::string& role_name) {
    ItStatusView v;
    v.state = f.state;
    v.state_vi = state_vi(f.state);
    const bool healthy = f.state == sync::SyncHealthState::Healthy;
    std::string state_value = v.state_vi;
    // The daemon's own words say which problem (they are technical: English, as in its log).
    if (f.state == sync::SyncHealthState::NeedsPerson) state_value += " — " + f.state_words;
    v.rows.push_back({"Trạng thái", state_value, !healthy});
    v.rows.push_back({"Mã thiết bị", f.device_id.empty() ? "chưa có (chưa đăng ký)" : f.device_id, f.device_id.empty()});
    v.rows.push_back({"Máy chủ", f.server_url.empty() ? "chưa có" : f.server_url});
    std::string site = identity ? "điểm " + identity->site_id + ", quầy " + identity->counter_id : "chưa có";
    v.rows.push_back({"Điểm / quầy", site});
    v.rows.push_back({"Màn hình / phiên bản", role_name + " / motcua " MOTCUA_VERSION});
    v.rows.push_back({"Gửi thành công gần nhất", when_vi(f.health.last_success_ms, f.now_ms, f.utc_offset_minutes)});
    std::string waiting = vn::count(f.waiting) + " sự kiện";
    if (f.oldest_unsent_age_s) waiting += ", cũ nhất chờ " + duration_vi(*f.oldest_unsent_age_s * 1000);
    v.rows.push_back({"Chờ gửi", waiting, f.state == sync::SyncHealthState::Behind});
    v.rows.push_back({"Lỗi gần nhất", f.health.last_error.empty()
                                          ? "không có"
                                          : f.health.last_error + " (" +
                                                when_vi(f.health.last_error_ms, f.now_ms, f.utc_offset_minutes) + ")"});
    std::string config = f.kiosk_config_version ? "phiên bản " + std::to_string(*f.kiosk_config_version) + " của máy chủ"
                                                : "cài đặt riêng của máy (chưa dùng cấu hình máy chủ)";
    if (!f.kiosk_config_problem.empty()) config += "; bản mới bị từ chối: " + f.kiosk_config_problem;
    v.rows.push_back({"Cấu hình đang dùng", config, !f.kiosk_config_problem.empty()});
    return v;
}

Result<ItStatusView> read_it_status(EventStore& store, const Settings& sync_settings, const std::string& role_name,
                                    std::int64_t wall_now_ms) {
    auto identity = sync::load_identity(sync_settings.text("device.identity_file"));
    try {
        auto facts = sync::gather_status(store, identity, sync_settings, wall_now_ms);
        ItStatusView view = describe_status(facts, identity ? std::optional(identity.value()) : std::nullopt, role_name);
        // Not enrolled yet: the server the Enrol button will use (motcua-sync's server.url).
        if (const std::string& url = sync_settings.text("server.url"); facts.server_url.empty() && !url.empty())
            for (auto& row : view.rows)
                if (row.label == "Máy chủ") row.value = "chưa đăng ký; sẽ đăng ký với " + url;
        return view;
    } catch (const std::exception& e) {
        return Result<ItStatusView>::failure("cannot read " + store.path() + ": " + e.what());
    }
}

const char* mark_code(DeliveryMark mark) {
    switch (mark) {
        case DeliveryMark::None: return "";
        case DeliveryMark::NotEnrolled: return "S1";
        case DeliveryMark::NotDelivering: return "S2";
    }
    return "";
}

DeliveryMark delivery_mark(const MarkInputs& in, std::int64_t threshold_ms, std::int64_t wall_now_ms) {
    if (!in.enrolled) return DeliveryMark::NotEnrolled;
    if (in.waiting <= 0 || !in.oldest_unsent_ms) return DeliveryMark::None;
    std::int64_t since = std::max(*in.oldest_unsent_ms, in.last_success_ms.value_or(*in.oldest_unsent_ms));
    return wall_now_ms - since > threshold_ms ? DeliveryMark::NotDelivering : DeliveryMark::None;
}

Result<MarkInputs> read_mark_inputs(EventStore& store, const Settings& sync_settings) {
    MarkInputs in;
    in.enrolled = static_cast<bool>(sync::load_identity(sync_settings.text("device.identity_file")));
    try {
        in.waiting = store.pending_count();
        if (auto at = store.oldest_unsent_at(); at)
            if (std::int64_t ms = 0; clock::parse_rfc3339(*at, ms)) in.oldest_unsent_ms = ms;
        in.last_success_ms = sync::read_health(store).last_success_ms;
    } catch (const std::exception& e) {
        return Result<MarkInputs>::failure("cannot read " + store.path() + ": " + e.what());
    }
    return in;
}

}  // namespace motcua::kiosk
