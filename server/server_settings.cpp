#include "server/server_settings.hpp"

#include "core/clock.hpp"
#include "core/protocol.hpp"
#include "core/officers.hpp"
#include "core/rating.hpp"
#include "server/trust_flags.hpp"

namespace motcua::server {

const SettingSpecs& server_settings() {
    static const SettingSpecs specs = [] {
        SettingSpecs s;
        s.push_back({"server.listen", std::string("127.0.0.1"),
                     "Address to listen on. Anything but a loopback address needs tls.cert_file and tls.key_file."});
        s.push_back({"server.port", std::int64_t{8470}, "TCP port to listen on (0 picks a free port).", 0, 65535});
        s.push_back({"server.max_batch_events", std::int64_t{protocol::kMaxBatchEvents},
                     "Most events accepted in one batch; advertised to kiosks in every ack.", 1,
                     protocol::kMaxBatchEvents});
        s.push_back({"server.workers", std::int64_t{64},
                     "Threads serving connections, one connection each: a kept-alive connection holds its worker "
                     "until server.keep_alive_seconds pass idle. Roughly: kiosks x their requests a minute (1 to 3: a "
                     "heartbeat a minute, pushes when there are events) "
                     "x (server.keep_alive_seconds + 1) / 60 workers are busy; the database work itself is one request "
                     "at a time.", 1, 1024});
        s.push_back({"server.max_waiting_connections", std::int64_t{256},
                     "Connections that may wait for a free worker. Beyond them a connection gets 503 with "
                     "Retry-After (the kiosk waits and tries again; nothing is lost) instead of a queue without end.",
                     0, 100000});
        s.push_back({"server.keep_alive_seconds", std::int64_t{2},
                     "An idle connection is closed after this many seconds, freeing its worker. A kiosk draining "
                     "its backlog sends back to back and keeps its connection.", 1, 300});
        s.push_back({"server.read_timeout_seconds", std::int64_t{30},
                     "A request whose bytes stop arriving for this many seconds is dropped (a slow or stuck "
                     "client cannot hold a worker for longer).", 1, 300});
        s.push_back({"limits.device_requests_per_second", std::int64_t{200},
                     "Requests per second one enrolled kiosk may make to /api/v1/events, /config and /heartbeat "
                     "together (a token bucket per device). Over it: 429 with Retry-After, nothing stored; the kiosk "
                     "waits and sends the same batch again. The default, 200, is 100 000 events/s in 500-event "
                     "batches, more than twice what this server ingests (30 000-41 000 events/s measured, "
                     "docs/benchmarks.md), so a kiosk draining a month of backlog is never slowed; a kiosk looping on "
                     "a bug (thousands of requests a second) is.",
                     1, 1000000});
        s.push_back({"limits.device_burst", std::int64_t{400},
                     "Requests a kiosk may make at once after a quiet spell, before limits.device_requests_per_second "
                     "applies.", 1, 1000000});
        s.push_back({"storage.db_path", std::string("/var/lib/motcua/server.db"),
                     "SQLite database file holding sites, devices and every received event."});
        s.push_back({"enroll.code_ttl_hours", std::int64_t{72},
                     "Hours an enrolment code stays valid when created without --ttl-hours.", 0, 24 * 365});
        s.push_back({"enroll.max_failures", std::int64_t{10},
                     "Wrong enrolment codes from one address within enroll.lock_minutes before that address gets "
                     "429 with Retry-After until enroll.lock_minutes have passed, even with a right code. Lockouts "
                     "are listed on the fleet page and logged.", 1, 1000});
        s.push_back({"enroll.max_failures_all", std::int64_t{100},
                     "Wrong enrolment codes from all addresses together within enroll.lock_minutes before every "
                     "enrolment waits enroll.lock_minutes (guessing spread over many addresses).", 1, 100000});
        s.push_back({"enroll.lock_minutes", std::int64_t{15},
                     "The window wrong enrolment codes are counted in, and how long a lockout lasts.", 1, 24 * 60});
        s.push_back({"report.utc_offset_minutes", std::int64_t{clock::kDefaultUtcOffsetMinutes},
                     "Time zone of reports in minutes east of UTC (Viet Nam: 420 = UTC+7, no DST).", -14 * 60,
                     14 * 60});
        s.push_back({"report.access_token", std::string(""),
                     "Secret that report readers send as 'Authorization: Bearer <token>' to GET /api/v1/report. "
                     "Empty = the report answers only on this machine (127.0.0.1); from elsewhere it is refused."});
        s.push_back({"report.place", std::string(""),
                     "Place written before the date on the formal report (\"Hà Nội, ngày … tháng … năm …\"); "
                     "empty = dots to fill in by hand. motcua-server report --formal --place overrides it."});
        s.push_back({"trust.burst_seconds", std::int64_t{kDefaultBurstSeconds},
                     "Reports flag a rating given less than this many seconds after the previous rating of the same "
                     "kiosk (its own clock, in event order) as 'Đánh giá trong vòng N giây'. Flagged ratings are still "
                     "counted; changing this recounts the flags when the server starts.", 1, 3600});
        s.push_back({"trust.opening_hours", std::string(kDefaultTrustOpeningHours),
                     "Opening hours for the reports' 'Ngoài giờ làm việc' flag, in the report time zone, written like "
                     "the kiosk's queue.opening_hours: \"Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30\" (days "
                     "Mon..Sun or T2..T7, CN; a day not named is closed all day; the closing minute itself is "
                     "inside). No national rule sets them: each province writes its own. Flagged ratings are still "
                     "counted; changing this recounts the flags when the server starts."});
        s.push_back({"tls.cert_file", std::string(""),
                     "PEM certificate chain for HTTPS. Empty = plain HTTP, allowed only on a loopback address."});
        s.push_back({"tls.key_file", std::string(""), "PEM private key matching tls.cert_file."});
        s.push_back({"web.session_idle_minutes", std::int64_t{30},
                     "Dashboard sign-in ends after this many minutes without a page view.", 1, 24 * 60});
        s.push_back({"web.session_max_hours", std::int64_t{12},
                     "Dashboard sign-in ends this many hours after logging in, however busy.", 1, 7 * 24});
        s.push_back({"web.login_max_failures", std::int64_t{5},
                     "Wrong passwords in a row before a dashboard username is locked for web.login_lock_minutes; "
                     "one address is locked after four times as many, whatever usernames it tries.", 1, 100});
        s.push_back({"web.login_lock_minutes", std::int64_t{15}, "Minutes a locked dashboard login waits.", 1, 24 * 60});
        s.push_back({"web.chartjs_dir", std::string("/usr/share/javascript/chart.js"),
                     "Directory of Chart.js (Debian package libjs-chart.js); the dashboard serves its chart.min.js "
                     "itself, never from a CDN."});
        s.push_back({"web.fleet_silent_minutes", std::int64_t{30},
                     "A kiosk with no heartbeat for longer than this is highlighted on the fleet page.", 1, 7 * 24 * 60});
        s.push_back({"rating.levels", default_rating_level_rows(),
                     "Rating scale sent to kiosks and used in reports: score (1 = best), vi, en, color, face, "
                     "ask_reason."});
        s.push_back({"rating.reasons", default_rating_reason_rows(),
                     "Reasons offered when a citizen is not satisfied (Thông tư 01/2018/TT-VPCP indicators)."});
        s.push_back({"queue.officers", std::vector<SettingRow>{},
                     "Officers who may sign in at counters, sent to kiosks in the configuration's \"officers\" "
                     "(they replace the kiosk's own queue.officers). site: the site id, empty = every site; id: the "
                     "code typed at sign-in, unique across sites; name; pin_hash: made by motcua-kiosk --hash-pin "
                     "(never the PIN itself); counters: counter ids separated by commas, empty = any."});
        s.push_back({"queue.sites_dir", std::string("/etc/motcua/queue.d"),
                     "Folder of per-site queue files, <site id>.toml, each in the kiosk's [queue] format (opening "
                     "hours, fields, procedures, counters, policy, priority groups; see config/kiosk.toml). A site with "
                     "a file sends it to all its kiosks as the configuration's \"tickets\", so its dispenser, counters "
                     "and board share one queue, and reports name its fields and procedures. A site without one sends "
                     "none and its kiosks keep their own [queue] settings. Read at start."});
        return s;
    }();
    return specs;
}

bool is_loopback_address(const std::string& address) {
    return address == "localhost" || address == "::1" || address.rfind("127.", 0) == 0 ||
           address.rfind("::ffff:127.", 0) == 0;  // an IPv4 loopback peer seen through an IPv6 socket
}

namespace {
SettingRow without_site(SettingRow row) {
    row.erase("site");
    return row;
}
}  // namespace

Status check_server_officers(const std::vector<SettingRow>& rows) {
    std::vector<SettingRow> plain;
    for (const auto& row : rows) plain.push_back(without_site(row));
    auto officers = officers_from_rows(plain, "queue.officers");
    return officers ? Status::success() : Status::failure(officers.error());
}

json site_officers_json(const std::vector<SettingRow>& rows, const std::string& site_id) {
    std::vector<SettingRow> mine;
    for (const auto& row : rows) {
        auto site = row.find("site");
        if (site == row.end() || site->second.empty() || site->second == site_id) mine.push_back(without_site(row));
    }
    auto officers = officers_from_rows(mine, "queue.officers");
    return officers ? officers_to_json(officers.value()) : json::array();
}

std::map<std::string, std::string> officer_names(const std::vector<SettingRow>& rows) {
    std::map<std::string, std::string> names;
    for (auto& row : rows) {
        auto id = row.find("id");
        auto name = row.find("name");
        if (id != row.end() && name != row.end()) names[id->second] = name->second;
    }
    return names;
}

}  // namespace motcua::server
