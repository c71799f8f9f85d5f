// The sync protocol v1 over HTTP(S) (docs/protocol.md), on top of ServerStore.
// Handlers only translate: parsing, auth and status codes here; every rule is in the store.
#pragma once
#include <httplib.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/rating.hpp"
#include "core/settings.hpp"
#include "server/rating_report.hpp"
#include "server/request_limits.hpp"
#include "server/server_store.hpp"

namespace motcua::server {

struct ApiOptions {
    int max_batch_events = 500;
    int utc_offset_minutes = 7 * 60;
    RatingScale scale;
    ReportNames names;
    std::vector<SettingRow> level_rows;
    std::vector<SettingRow> reason_rows;
    std::vector<SettingRow> officer_rows;  // queue.officers, checked at start (check_server_officers)
    std::map<std::string, json> site_tickets;  // site id -> its queue, from queue.sites_dir
    std::string report_access_token;  // empty: reports only for loopback clients
    LimitSettings limits;             // enrolment attempts, each device's request rate
    // Connections: worker threads, connections that may wait for one (beyond: 503), how long an
    // idle kept-alive connection keeps its worker, and how long one read may stall.
    int workers = 64;
    int max_waiting_connections = 256;
    int keep_alive_seconds = 2;
    int read_timeout_seconds = 30;
    std::function<std::int64_t()> now;               // unix ms; tests drive it (default: the real clock)
    std::function<void(const std::string&)> log;    // plain English lines for IT (default: stderr)
};

// The limits and connection settings (enroll.max_failures..., limits.*, server.workers...) from the
// server's settings table into `options`.
void apply_limit_settings(const Settings& settings, ApiOptions& options);

class HttpApi {
public:
    HttpApi(ServerStore& store, ApiOptions options);
    // Registers the routes and the tuning every motcua server needs (TCP_NODELAY, keep-alive,
    // bounded bodies, bounded workers, JSON errors).
    void install(httplib::Server& server);
    // The lock every user of the one store connection takes (the web dashboard shares it).
    std::mutex& store_mutex() { return store_mutex_; }
    // Call once the server is bound: Debian's cpp-httplib (0.11) listens with a backlog of 5, so a
    // burst of connecting kiosks had their SYNs dropped (retried a second or more later) before
    // the bounded workers could even count them. Raised to the system's maximum (somaxconn).
    void widen_accept_backlog();
    // What the limits refused, for the fleet page.
    const RequestLimits& limits() const { return limits_; }

private:
    void enroll(const httplib::Request& req, httplib::Response& res);
    void events(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void config(const httplib::Request& req, httplib::Response& res);
    void heartbeat(const httplib::Request& req, httplib::Response& res);
    void report(const httplib::Request& req, httplib::Response& res, bool csv = false);
    json site_tickets(const std::string& site_id) const {
        auto it = options_.site_tickets.find(site_id);
        return it == options_.site_tickets.end() ? json::object() : it->second;
    }
    void queue_report(const httplib::Request& req, httplib::Response& res, bool csv);
    // Answers 401 and returns nothing when the bearer token is unknown or revoked.
    std::optional<Device> authenticate(const httplib::Request& req, httplib::Response& res);
    // false after answering 429 with Retry-After when the device is over its request rate.
    bool within_rate(const Device& device, httplib::Response& res);

    ServerStore& store_;
    ApiOptions options_;
    // One SQLite connection for all worker threads: simple and, measured, fast enough.
    std::mutex store_mutex_;
    RequestLimits limits_;
    std::atomic<int> listen_socket_{-1};  // the bound socket, seen in httplib's socket options hook
};

// Plain HTTP when cert_file is empty, HTTPS otherwise. Fails with a message for unreadable TLS files.
Result<std::unique_ptr<httplib::Server>> make_http_server(const std::string& cert_file, const std::string& key_file);

// RFC 7231 date for the Date header, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::int64_t unix_ms);

}  // namespace motcua::server
