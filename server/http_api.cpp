#include "server/http_api.hpp"

#include <sys/socket.h>

#include <ctime>
#include <iostream>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/protocol.hpp"
#include "server/bounded_workers.hpp"
#include "server/queue_report.hpp"
#include "server/request_json.hpp"
#include "server/rating_report.hpp"
#include "server/server_settings.hpp"

namespace motcua::server {

namespace {

constexpr const char* kJson = "application/json";

void reply(httplib::Response& res, int status, const json& body) {
    res.status = status;
    // An answer may quote what the client sent (a bad query value); invalid UTF-8 in it becomes
    // U+FFFD instead of an exception and a 500.
    res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), kJson);
}

void reply_error(httplib::Response& res, int status, const std::string& error) {
    reply(res, status, json{{"error", error}});
}

// 429 or 503 with Retry-After in whole seconds (at least 1), which the kiosk waits at least.
void reply_wait(httplib::Response& res, int status, std::string_view error, std::int64_t wait_ms,
                const std::string& detail) {
    const std::int64_t seconds = std::max<std::int64_t>(1, (wait_ms + 999) / 1000);
    res.set_header("Retry-After", std::to_string(seconds));
    reply(res, status, json{{"error", std::string(error)}, {"detail", detail}, {"retry_after_seconds", seconds}});
}

constexpr std::int64_t kBusyRetryAfterMs = 5'000;

// A report as a CSV download, with a byte order mark so spreadsheet programs read the Vietnamese
// as UTF-8.
void reply_csv(httplib::Response& res, const std::string& csv, const std::string& file_name) {
    res.status = 200;
    res.set_content("\xEF\xBB\xBF" + csv, "text/csv; charset=utf-8");
    res.set_header("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
}

std::string bearer_token(const httplib::Request& req) {
    const std::string header = req.get_header_value("Authorization");
    constexpr std::string_view prefix = "Bearer ";
    if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) return "";
    return header.substr(prefix.size());
}

std::string default_error_text(int status) {
    switch (status) {
        case 400: return "bad request";
        case 404: return "no such path";
        case 405: return "method not allowed";
        case 413: return "request body too large: at most 1 MiB uncompressed";
        case 414: return "request path too long";
        case 429: return "too many requests";
        default: return status >= 500 ? "internal server error" : "request failed";
    }
}

std::optional<std::string> param(const httplib::Request& req, const char* name) {
    if (!req.has_param(name)) return std::nullopt;
    std::string v = req.get_param_value(name);
    if (v.empty()) return std::nullopt;
    return v;
}

// The language and answer format both reports take: lang=vi|en, format=json|csv (csv by default
// on the .csv path). Returns the refusal's words when one is wrong.
std::optional<std::string> report_language_and_format(const httplib::Request& req, const std::string& lang, bool csv,
                                                      std::string& format) {
    if (lang != "vi" && lang != "en") return "lang must be vi or en";
    format = param(req, "format").value_or(csv ? "csv" : "json");
    if (format != "json" && format != "csv") return "format must be json or csv";
    return std::nullopt;
}

}  // namespace

std::string http_date(std::int64_t unix_ms) {
    time_t t = static_cast<time_t>(unix_ms / 1000);
    tm parts{};
    gmtime_r(&t, &parts);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &parts);
    return buf;
}

Result<std::unique_ptr<httplib::Server>> make_http_server(const std::string& cert_file, const std::string& key_file) {
    using R = Result<std::unique_ptr<httplib::Server>>;
    if (cert_file.empty()) return R(std::make_unique<httplib::Server>());
    if (key_file.empty()) return R::failure("tls.cert_file is set but tls.key_file is empty");
    auto server = std::make_unique<httplib::SSLServer>(cert_file.c_str(), key_file.c_str());
    if (!server->is_valid())
        return R::failure("cannot load TLS certificate " + cert_file + " and key " + key_file +
                          " (missing, unreadable or not matching)");
    return R(std::unique_ptr<httplib::Server>(std::move(server)));
}

void apply_limit_settings(const Settings& settings, ApiOptions& options) {
    auto number = [&](const char* key) { return static_cast<int>(settings.integer(key)); };
    options.limits.enroll_max_failures = number("enroll.max_failures");
    options.limits.enroll_max_failures_all = number("enroll.max_failures_all");
    options.limits.enroll_lock_ms = settings.integer("enroll.lock_minutes") * 60'000;
    options.limits.device_requests_per_second = number("limits.device_requests_per_second");
    options.limits.device_burst = number("limits.device_burst");
    options.workers = number("server.workers");
    options.max_waiting_connections = number("server.max_waiting_connections");
    options.keep_alive_seconds = number("server.keep_alive_seconds");
    options.read_timeout_seconds = number("server.read_timeout_seconds");
}

HttpApi::HttpApi(ServerStore& store, ApiOptions options)
    : store_(store), options_(std::move(options)), limits_(options_.limits) {
    if (!options_.now) options_.now = [] { return clock::unix_ms_now(); };
    if (!options_.log)
        options_.log = [](const std::string& line) { std::cerr << "motcua-server: " + line + "\n" << std::flush; };
}

void HttpApi::install(httplib::Server& server) {
    // Measured: without TCP_NODELAY every request waits ~44 ms; keep-alive closes after 5 by default.
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(10000);
    // An idle kept-alive connection holds a worker until this passes (httplib has one thread per
    // connection): short, so a few hundred kiosks syncing every few seconds share the workers.
    server.set_keep_alive_timeout(options_.keep_alive_seconds);
    server.set_read_timeout(options_.read_timeout_seconds);
    server.set_write_timeout(30);
    // Compressed bodies are at most as big as the 1 MiB uncompressed limit plus gzip framing.
    server.set_payload_max_length(protocol::kMaxBatchBytes + 64 * 1024);
    server.set_socket_options([this](socket_t sock) {
        httplib::default_socket_options(sock);
        listen_socket_ = sock;
    });
    const auto workers = static_cast<std::size_t>(std::max(1, options_.workers));
    const auto waiting = static_cast<std::size_t>(std::max(0, options_.max_waiting_connections));
    server.new_task_queue = [this, workers, waiting] {
        return new BoundedWorkers(workers, waiting, [this] {
            const std::int64_t n = limits_.count_turned_away();
            // The first, then every 1000th: a busy spell is one line, not a flood.
            if (n == 1 || n % 1000 == 0)
                options_.log("every worker busy (" + std::to_string(options_.workers) + " workers, " +
                             std::to_string(options_.max_waiting_connections) +
                             " connections waiting): answering 503; " + std::to_string(n) +
                             " connections turned away since start");
        });
    };

    server.set_pre_routing_handler([this](const httplib::Request&, httplib::Response& res) {
        res.set_header("Date", http_date(clock::unix_ms_now()));  // the real clock: kiosks read theirs from it
        if (!BoundedWorkers::turning_away()) return httplib::Server::HandlerResponse::Unhandled;
        // The body is never read: the connection closes after this answer.
        res.set_header("Connection", "close");
        reply_wait(res, 503, protocol::error::kServerBusy, kBusyRetryAfterMs,
                   "every worker is busy; try again after Retry-After seconds");
        return httplib::Server::HandlerResponse::Handled;
    });
    // Responses httplib makes itself (404, 413, unreadable request) get a JSON body and a Date too.
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.has_header("Date")) res.set_header("Date", http_date(clock::unix_ms_now()));
        if (res.body.empty() && res.status != 304) reply_error(res, res.status, default_error_text(res.status));
    });
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.set_header("Date", http_date(clock::unix_ms_now()));
        reply_error(res, 500, "internal server error");
    });

    const std::string events_path(protocol::kEventsPath);
    server.Post(std::string(protocol::kEnrollPath),
                [this](const httplib::Request& req, httplib::Response& res) { enroll(req, res); });
    server.Post(events_path, [this](const httplib::Request& req, httplib::Response& res,
                                    const httplib::ContentReader& reader) { events(req, res, reader); });
    // A POST without a body never reaches the content-reader route.
    server.Post(events_path, [this](const httplib::Request& req, httplib::Response& res) {
        auto device = authenticate(req, res);
        if (device && within_rate(*device, res)) reply_error(res, 400, "the batch is empty");
    });
    server.Get(std::string(protocol::kConfigPath),
               [this](const httplib::Request& req, httplib::Response& res) { config(req, res); });
    server.Post(std::string(protocol::kHeartbeatPath),
                [this](const httplib::Request& req, httplib::Response& res) { heartbeat(req, res); });
    server.Get(std::string(protocol::kReportPath),
               [this](const httplib::Request& req, httplib::Response& res) { report(req, res); });
    server.Get(std::string(protocol::kReportPath) + ".csv",
               [this](const httplib::Request& req, httplib::Response& res) { report(req, res, true); });
}

void HttpApi::widen_accept_backlog() {
    // listen() again on a listening socket only changes its backlog (Linux); the kernel caps it.
    if (listen_socket_ >= 0 && ::listen(listen_socket_, SOMAXCONN) != 0)
        options_.log("could not raise the accept backlog; bursts of connections wait longer");
}

std::optional<Device> HttpApi::authenticate(const httplib::Request& req, httplib::Response& res) {
    std::optional<Device> device;
    {
        std::lock_guard lock(store_mutex_);
        device = store_.device_for_token(bearer_token(req));
    }
    if (!device) reply_error(res, 401, std::string(protocol::error::kDeviceUnknown));
    return device;
}

bool HttpApi::within_rate(const Device& device, httplib::Response& res) {
    RateDecision d = limits_.take_device_request(device.device_id, options_.now());
    if (d.wait_ms == 0) return true;
    const auto& l = limits_.settings();
    const std::string rate = std::to_string(l.device_requests_per_second) + " requests/s, burst " +
                             std::to_string(l.device_burst);
    if (d.say_so)
        options_.log("device " + device.device_id + " (site " + device.site_id + ", counter " + device.counter_id +
                     ") is over its request rate (" + rate + "); answered 429 (nothing stored) to " +
                     std::to_string(d.refused_since_said) + " of its requests since the last line about it");
    reply_wait(res, 429, protocol::error::kRateLimited, d.wait_ms,
               "this device is over its request rate (" + rate + "); nothing was stored");
    return false;
}

void HttpApi::enroll(const httplib::Request& req, httplib::Response& res) {
    // Checked before the code: a locked address is refused even with a right code, or guessing
    // would only have to find one.
    if (std::int64_t wait = limits_.enroll_locked_for_ms(req.remote_addr, options_.now()); wait > 0)
        return reply_wait(res, 429, protocol::error::kTooManyAttempts, wait,
                          "too many wrong enrolment codes; try again after Retry-After seconds");
    json body = parse_request_json(req.body);
    if (body.is_discarded() || !body.is_object() || !body.contains("code") || !body["code"].is_string())
        return reply_error(res, 400,
                           "send {\"code\": \"...\", \"hostname\": \"...\", \"app_version\": \"...\", "
                           "\"db_instance\": \"...\"}");
    auto text = [&](const char* name) {
        auto it = body.find(name);
        return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const std::int64_t now = options_.now();
    std::unique_lock lock(store_mutex_);
    auto enrolment = store_.enroll(text("code"), text("hostname"), text("app_version"), now, text("db_instance"));
    if (!enrolment) {
        lock.unlock();
        for (const EnrollLockout& l : limits_.record_enroll_failure(req.remote_addr, now)) {
            const bool all = l.address == RequestLimits::kAllAddresses;
            options_.log(std::string("enrolment locked for ") + (all ? "every address" : "address " + l.address) +
                         " for " + std::to_string((l.until_ms - l.at_ms + 59'999) / 60'000) + " minutes after " +
                         std::to_string(l.attempts) + " wrong codes" + (all ? " from all addresses together" : "") +
                         "; see the fleet page");
        }
        return reply_error(res, 403, std::string(protocol::error::kCodeInvalid));
    }
    limits_.record_enroll_success(req.remote_addr);
    auto config = store_.site_config(enrolment->site.id, options_.level_rows, options_.reason_rows,
                                     site_officers_json(options_.officer_rows, enrolment->site.id),
                                     site_tickets(enrolment->site.id));
    json answer{{"device_id", enrolment->device.device_id},
                {"token", enrolment->token},
                {"site",
                 {{"id", enrolment->site.id},
                  {"name", enrolment->site.name},
                  {"counter_id", enrolment->device.counter_id}}},
                {"config_etag", config ? config->etag : std::string()}};
    if (enrolment->took_over_from) answer["took_over_from"] = *enrolment->took_over_from;
    reply(res, 200, answer);
}

void HttpApi::events(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    auto device = authenticate(req, res);
    std::string body;
    bool too_large = false;
    // Keep reading past the limit (discarding) so the connection stays in step for the next
    // request, while a gzip bomb can never fill memory.
    bool read_ok = reader([&](const char* data, std::size_t size) {
        if (too_large || body.size() + size > protocol::kMaxBatchBytes) {
            too_large = true;
            body.clear();
            return true;
        }
        body.append(data, size);
        return true;
    });
    if (!device || !within_rate(*device, res)) return;
    if (too_large || (!read_ok && res.status == 413))
        return reply_error(res, 413, "batch too large: at most 1 MiB uncompressed; send fewer events");
    if (!read_ok) return reply_error(res, 400, "the request body could not be read (bad gzip?)");
    json batch = parse_request_json(body);
    if (batch.is_discarded()) return reply_error(res, 400, "the body is not JSON");
    // Too many events is the kiosk's cue to halve the batch (docs/protocol.md), so it is 413, not 400.
    if (batch_event_count(batch) > static_cast<std::size_t>(options_.max_batch_events))
        return reply_error(res, 413,
                           "too many events in one batch: at most " + std::to_string(options_.max_batch_events));
    Result<IngestAck> ack = Result<IngestAck>::failure("");
    {
        std::lock_guard lock(store_mutex_);
        ack = store_.ingest_batch(*device, batch, options_.max_batch_events, options_.now());
    }
    if (!ack) {
        const std::string claimed(protocol::error::kDbInstanceClaimed);
        if (ack.error().rfind(claimed, 0) == 0)
            return reply(res, 409, json{{"error", claimed}, {"detail", ack.error()}});
        return reply_error(res, 400, ack.error());
    }
    // cpp-httplib compresses the answer itself when the request's Accept-Encoding allows gzip.
    reply(res, 200, ack_to_json(ack.value(), asks_compact_ack(batch), options_.max_batch_events));
}

void HttpApi::config(const httplib::Request& req, httplib::Response& res) {
    auto device = authenticate(req, res);
    if (!device || !within_rate(*device, res)) return;
    Result<SiteConfig> config = Result<SiteConfig>::failure("");
    {
        std::lock_guard lock(store_mutex_);
        config = store_.site_config(device->site_id, options_.level_rows, options_.reason_rows,
                                    site_officers_json(options_.officer_rows, device->site_id),
                                    site_tickets(device->site_id));
    }
    if (!config) return reply_error(res, 500, config.error());
    res.set_header("ETag", config->etag);
    std::string wanted = req.get_header_value("If-None-Match");
    if (!wanted.empty() && (wanted == "*" || wanted.find(config->etag) != std::string::npos)) {
        res.status = 304;
        res.set_header("Content-Type", kJson);
        return;
    }
    res.status = 200;
    res.set_content(config->body, kJson);
}

void HttpApi::heartbeat(const httplib::Request& req, httplib::Response& res) {
    auto device = authenticate(req, res);
    if (!device || !within_rate(*device, res)) return;
    json body = parse_request_json(req.body);
    if (body.is_discarded() || !body.is_object()) return reply_error(res, 400, "the heartbeat is not a JSON object");
    Status saved = Status::success();
    {
        std::lock_guard lock(store_mutex_);
        saved = store_.record_heartbeat(*device, body, options_.now());
    }
    if (!saved) return reply_error(res, 500, saved.error());
    reply(res, 200, json{{"server_time", clock::now_rfc3339(options_.utc_offset_minutes)}});
}

void HttpApi::report(const httplib::Request& req, httplib::Response& res, bool csv) {
    // Reports name officers and feed their appraisal: not for anyone who can reach the port.
    if (options_.report_access_token.empty()) {
        if (!is_loopback_address(req.remote_addr))
            return reply_error(res, 403, "report_forbidden: set report.access_token to read reports from another machine");
    } else if (!crypto::equal_secret(bearer_token(req), options_.report_access_token)) {
        return reply_error(res, 401, "report_token_required");
    }
    if (auto kind = param(req, "kind"); kind && *kind == "queue") return queue_report(req, res, csv);
    if (auto kind = param(req, "kind"); kind && *kind != "rating")
        return reply_error(res, 400, "kind must be rating or queue, not '" + *kind + "'");
    ReportQuery query;
    query.site_id = param(req, "site");
    query.counter_id = param(req, "counter");
    query.from_date = param(req, "from");
    query.to_date = param(req, "to");
    query.lang = param(req, "lang").value_or("vi");
    std::string format;
    if (auto bad = report_language_and_format(req, query.lang, csv, format)) return reply_error(res, 400, *bad);
    query.utc_offset_minutes = options_.utc_offset_minutes;
    auto group = parse_group_by(param(req, "group_by").value_or(""));
    if (!group) return reply_error(res, 400, group.error());
    query.group_by = group.value();
    std::lock_guard lock(store_mutex_);
    auto report = rating_report(store_, options_.scale, query, options_.names);
    if (!report) return reply_error(res, 400, report.error());
    if (format == "csv") return reply_csv(res, report_to_csv(report.value(), query), "bao-cao-hai-long.csv");
    reply(res, 200, report_to_json(report.value(), query));
}

// The queue report (kind=queue), after report() checked the caller.
void HttpApi::queue_report(const httplib::Request& req, httplib::Response& res, bool csv) {
    QueueQuery query;
    query.site_id = param(req, "site");
    query.counter_id = param(req, "counter");
    query.from_date = param(req, "from");
    query.to_date = param(req, "to");
    query.lang = param(req, "lang").value_or("vi");
    std::string format;
    if (auto bad = report_language_and_format(req, query.lang, csv, format)) return reply_error(res, 400, *bad);
    query.utc_offset_minutes = options_.utc_offset_minutes;
    auto group = parse_queue_group_by(param(req, "group_by").value_or(""));
    if (!group) return reply_error(res, 400, group.error());
    query.group_by = group.value();
    std::lock_guard lock(store_mutex_);
    auto report = server::queue_report(store_, query);
    if (!report) return reply_error(res, 400, report.error());
    if (format == "csv") return reply_csv(res, queue_report_to_csv(report.value(), query), "bao-cao-xep-hang.csv");
    reply(res, 200, queue_report_to_json(report.value(), query));
}

}  // namespace motcua::server
