// The fleet page for IT staff (admins only): every kiosk's health as its heartbeats and the
// event stream show it, silent kiosks highlighted, and enrolment codes created and revoked.
#include <map>

#include "core/clock.hpp"
#include "core/event.hpp"  // json
#include "core/vn_format.hpp"
#include "server/web/dashboard.hpp"
#include "server/web/dashboard_html.hpp"
#include "server/web/web_http.hpp"

namespace motcua::server::web {

namespace {

// "5 phút", "3 giờ", "2 ngày": how long ago, rounded down to the unit shown.
std::string age_words(std::int64_t ms) {
    std::int64_t s = ms < 0 ? 0 : ms / 1000;
    if (s < 60) return std::to_string(s) + " giây";
    if (s < 3600) return std::to_string(s / 60) + " phút";
    if (s < 172800) return std::to_string(s / 3600) + " giờ";
    return std::to_string(s / 86400) + " ngày";
}

// A kiosk's clock against the server's: "nhanh 3 phút", "chậm 1 giờ", "đúng giờ" (under 5 s).
std::string clock_words(std::int64_t offset_ms) {
    std::int64_t s = ((offset_ms < 0 ? -offset_ms : offset_ms) + 500) / 1000;
    if (s < 5) return "đúng giờ";
    return (offset_ms > 0 ? "nhanh " : "chậm ") + age_words(s * 1000);
}

std::string alarm_name(const std::string& kind) {
    if (kind == "seq_gap") return "thiếu sự kiện (seq)";
    if (kind == "hash_chain_break") return "đứt chuỗi băm";
    if (kind == "db_instance_handover") return "chuyển giao";
    if (kind == "tamper_conflict" || kind == "tamper_claimed") return "nghi can thiệp";
    if (kind == "new_sequence") return "chuỗi mới";
    return kind;
}

std::string printer_words(const std::string& state) {
    if (state == "ok") return "bình thường";
    if (state == "paper_out") return "<span class=\"badge bad\">hết giấy</span>";
    if (state == "offline") return "<span class=\"badge bad\">mất kết nối</span>";
    if (state == "none") return "không có";
    return escape_html(state);
}

// What the fleet entry does not carry but the kept heartbeat body does (docs/protocol.md).
struct HeartbeatExtras {
    std::string printer;                       // "" when the kiosk did not say
    std::optional<std::int64_t> oldest_unsent_ms;
};

std::map<std::string, HeartbeatExtras> heartbeat_extras(sql::Database& db) {
    std::map<std::string, HeartbeatExtras> out;
    auto st = db.prepare("SELECT device_id, body FROM heartbeats");
    while (st.step()) {
        json body = json::parse(st.column_text(1), nullptr, false);
        if (!body.is_object()) continue;
        HeartbeatExtras& e = out[st.column_text(0)];
        if (auto p = body.find("printer"); p != body.end() && p->is_string()) e.printer = p->get<std::string>();
        std::int64_t ms = 0;
        if (auto o = body.find("oldest_unsent_at"); o != body.end() && o->is_string() &&
                                                    clock::parse_rfc3339(o->get<std::string>(), ms))
            e.oldest_unsent_ms = ms;
    }
    return out;
}

}  // namespace

void Dashboard::fleet_page(const httplib::Request& req, httplib::Response& res, const std::string& notice,
                           const std::string& new_code) {
    auto visitor = signed_in(req, res);
    if (!visitor) return;
    if (!visitor->session.user.is_admin())
        return forbidden(res, *visitor, "Trang thiết bị chỉ dành cho quản trị viên.");
    const std::int64_t now = options_.now();
    const int offset = options_.utc_offset_minutes;
    PageFrame frame{"Thiết bị", visitor->session.user.display_name, true, visitor->session.csrf_token, "fleet"};
    std::string body = "<h1>Thiết bị</h1>";
    if (!new_code.empty())
        body += "<div class=\"message ok\">Mã đăng ký mới (chỉ hiện một lần, hãy ghi lại): <div class=\"code\" "
                "id=\"new-code\">" + escape_html(new_code) + "</div></div>";
    if (!notice.empty()) body += "<p class=\"message\">" + escape_html(notice) + "</p>";

    // The limits keep their own lock, never taken inside the store's.
    std::map<std::string, DeviceThrottle> throttles;
    std::vector<EnrollLockout> lockouts;
    std::int64_t turned_away = 0;
    if (options_.limits) {
        throttles = options_.limits->device_throttles();
        lockouts = options_.limits->recent_enroll_lockouts();
        turned_away = options_.limits->turned_away();
    }
    std::lock_guard lock(store_mutex_);
    std::map<std::string, std::map<std::string, int>> alarms_by_device;
    for (auto& a : store_.alarms()) alarms_by_device[a.device_id][a.kind]++;
    auto extras = heartbeat_extras(store_.database());
    std::vector<std::vector<std::string>> rows;
    int silent = 0;
    for (auto& f : store_.fleet()) {
        const bool is_silent = !f.device.revoked &&
                               (!f.last_heartbeat_ms || now - *f.last_heartbeat_ms > options_.fleet_silent_ms);
        silent += is_silent ? 1 : 0;
        std::string name = escape_html(f.device.device_id) + "<br><span class=\"note\">" +
                           escape_html(f.device.hostname) + "</span>";
        if (f.device.revoked) name += " <span class=\"badge\">đã thu hồi</span>";
        if (is_silent) name += " <span class=\"badge bad\">mất liên lạc</span>";
        std::string heartbeat = f.last_heartbeat_ms
                                    ? escape_html(vn::date_time(*f.last_heartbeat_ms, offset)) +
                                          "<br><span class=\"note\">" + age_words(now - *f.last_heartbeat_ms) + " trước</span>"
                                    : std::string("chưa có");
        std::string alarms;
        for (auto& [kind, n] : alarms_by_device[f.device.device_id])
            alarms += "<span class=\"badge warn\">" + escape_html(alarm_name(kind)) + ": " + std::to_string(n) + "</span> ";
        const HeartbeatExtras& extra = extras[f.device.device_id];
        std::string outbox = f.outbox_depth ? vn::count(*f.outbox_depth) : "–";
        if (extra.oldest_unsent_ms)
            outbox += "<br><span class=\"note\">cũ nhất " + escape_html(vn::date_time(*extra.oldest_unsent_ms, offset)) +
                      "</span>";
        // In the alarms cell, where IT already looks (a column of its own was off screen on a laptop).
        if (auto t = throttles.find(f.device.device_id); t != throttles.end())
            alarms += "<span class=\"badge warn\" title=\"lần cuối " +
                      escape_html(vn::date_time(t->second.last_refused_ms, offset)) + "\">bị giới hạn (429): " +
                      vn::count(t->second.refused) + "</span> ";
        rows.push_back({(is_silent ? "!" : "") + name,
                        escape_html(f.device.site_id) + " / " + escape_html(f.device.counter_id),
                        escape_html(f.device.app_version), heartbeat, outbox,
                        extra.printer.empty() ? "–" : printer_words(extra.printer),
                        f.clock_offset_ms ? escape_html(clock_words(*f.clock_offset_ms)) : "–",
                        f.sync_problem.empty() ? "–" : "<span class=\"badge bad\">" + escape_html(f.sync_problem) + "</span>",
                        alarms.empty() ? "–" : alarms});
    }
    body += tiles({{"Thiết bị", vn::count(static_cast<std::int64_t>(rows.size())), "", ""},
                   {"Mất liên lạc", vn::count(silent), "quá " + age_words(options_.fleet_silent_ms), silent ? "#c0392b" : ""},
                   {"Kết nối bị từ chối (quá tải)", vn::count(turned_away), "503, từ khi máy chủ khởi động",
                    turned_away ? "#c0392b" : ""}});
    body += table({"Thiết bị", "Đơn vị / quầy", "Phiên bản", "Nhịp cuối", "Chờ gửi", "Máy in", "Đồng hồ", "Sự cố đồng bộ", "Cảnh báo"},
                  rows, "Chưa có thiết bị nào đăng ký.");
    body += "<p class=\"note\">Bị giới hạn (429): số yêu cầu của thiết bị bị từ chối vì gửi quá nhanh, từ khi máy chủ khởi động "
            "(thiết bị tự gửi lại sau, không mất dữ liệu).</p>";

    std::vector<std::vector<std::string>> locks;
    for (auto& l : lockouts) {
        const bool all = l.address == RequestLimits::kAllAddresses;
        locks.push_back({all ? std::string("mọi địa chỉ") : escape_html(l.address),
                         escape_html(vn::date_time(l.at_ms, offset)), escape_html(vn::date_time(l.until_ms, offset)),
                         vn::count(l.attempts), l.until_ms > now ? "<span class=\"badge bad\">đang khóa</span>" : "đã hết"});
    }
    body += "<h2>Đăng ký bị khóa tạm thời</h2>" +
            table({"Địa chỉ", "Khóa lúc", "Mở lúc", "Số lần thử", ""}, locks,
                  "Không có lần khóa nào từ khi máy chủ khởi động.");
    body += "<p class=\"note\">Khóa khi nhập sai mã đăng ký nhiều lần; số lần thử gồm cả các lần bị từ chối trong lúc khóa.</p>";

    body += "<h2>Mã đăng ký thiết bị</h2><form class=\"period\" method=\"post\" action=\"/fleet/enroll-codes\">" +
            csrf_field(visitor->session.csrf_token) + "<label>Quầy<select name=\"counter\" required>";
    auto counters = store_.database().prepare(
        "SELECT c.site_id, c.id, c.name, s.name FROM counters c JOIN sites s ON s.id = c.site_id ORDER BY s.name, c.id");
    while (counters.step())
        body += "<option value=\"" + escape_html(counters.column_text(0) + "|" + counters.column_text(1)) + "\">" +
                escape_html(counters.column_text(3) + " – " + counters.column_text(2)) + "</option>";
    body += "</select></label><label>Hiệu lực (giờ)<input type=\"number\" name=\"ttl_hours\" min=\"1\" max=\"8760\" value=\"" +
            std::to_string(options_.enroll_code_ttl_hours) + "\"></label>"
            "<button class=\"primary\" type=\"submit\">Tạo mã</button></form>";
    std::vector<std::vector<std::string>> codes;
    for (auto& c : accounts_.open_enroll_codes(now))
        codes.push_back({escape_html(c.site_id) + " / " + escape_html(c.counter_id),
                         escape_html(vn::date_time(c.created_at_ms, offset)), escape_html(vn::date_time(c.expires_at_ms, offset)),
                         "<form method=\"post\" action=\"/fleet/enroll-codes/revoke\">" +
                             csrf_field(visitor->session.csrf_token) + "<input type=\"hidden\" name=\"code_hash\" value=\"" +
                             escape_html(c.code_hash) + "\"><button class=\"danger\" type=\"submit\">Thu hồi</button></form>"});
    body += "<h2>Mã còn hiệu lực</h2>" + table({"Đơn vị / quầy", "Tạo lúc", "Hết hạn", ""}, codes,
                                               "Không có mã nào còn hiệu lực.");
    body += "<p class=\"note\">Máy chủ chỉ lưu dấu băm của mã, nên mã chỉ hiện một lần khi tạo.</p>";
    send_html(res, 200, page(frame, body));
}

void Dashboard::create_enroll_code(const httplib::Request& req, httplib::Response& res) {
    auto visitor = signed_in(req, res);
    if (!visitor || !csrf_ok(req, res, *visitor)) return;
    if (!visitor->session.user.is_admin())
        return forbidden(res, *visitor, "Trang thiết bị chỉ dành cho quản trị viên.");
    const std::string target = form_value(req, "counter");
    const auto bar = target.find('|');
    std::int64_t ttl = options_.enroll_code_ttl_hours;
    const std::string ttl_text = form_value(req, "ttl_hours");
    if (!ttl_text.empty()) {
        try {
            ttl = std::stoll(ttl_text);
        } catch (const std::exception&) {
            ttl = -1;
        }
    }
    if (bar == std::string::npos || ttl < 1 || ttl > 8760)
        return fleet_page(req, res, "Chọn quầy và thời hạn từ 1 đến 8760 giờ.");
    Result<std::string> code = Result<std::string>::failure("");
    {
        std::lock_guard lock(store_mutex_);
        code = store_.create_enroll_code(target.substr(0, bar), target.substr(bar + 1), ttl, options_.now());
    }
    if (!code) return fleet_page(req, res, "Không tạo được mã: " + code.error());
    fleet_page(req, res, "", code.value());
}

void Dashboard::revoke_enroll_code(const httplib::Request& req, httplib::Response& res) {
    auto visitor = signed_in(req, res);
    if (!visitor || !csrf_ok(req, res, *visitor)) return;
    if (!visitor->session.user.is_admin())
        return forbidden(res, *visitor, "Trang thiết bị chỉ dành cho quản trị viên.");
    Status revoked = Status::success();
    {
        std::lock_guard lock(store_mutex_);
        revoked = accounts_.revoke_enroll_code(form_value(req, "code_hash"), options_.now());
    }
    if (!revoked) return fleet_page(req, res, "Không thu hồi được: " + revoked.error());
    redirect(res, "/fleet");
}

}  // namespace motcua::server::web
