#include "sync/sync_engine.hpp"

#include <sys/statvfs.h>

#include <filesystem>
#include <future>
#include <memory>

#include "core/clock.hpp"
#include "core/gzip.hpp"

namespace motcua::sync {

namespace {
std::string trim_slash(std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
}

std::string error_code_of(const std::string& body) {
    json j = json::parse(body, nullptr, false);
    if (j.is_object() && j.contains("error") && j["error"].is_string()) return j["error"];
    return {};
}

std::string short_body(const std::string& body) {
    std::string s = body.substr(0, 160);
    for (char& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    return s;
}
}  // namespace

EnrollResult enroll(HttpClient& http, const std::string& server_url, const std::string& code,
                    const std::string& hostname, const std::string& db_instance) {
    EnrollResult result;
    if (auto ok = check_server_url(server_url); !ok) {
        result.message = ok.error();
        return result;
    }
    json request{{"code", code}, {"hostname", hostname}, {"app_version", MOTCUA_VERSION}, {"db_instance", db_instance}};
    auto response = http.post_json(trim_slash(server_url) + std::string(protocol::kEnrollPath), request.dump(), "", false);
    if (!response) {
        result.message = "cannot reach the server: " + response.error();
        return result;
    }
    if (response->status == 403) {
        result.code_refused = true;
        result.message = "the server refused enrolment code '" + code +
                         "' (wrong, already used or expired); ask for a new code with 'motcua-server enroll-code create'";
        return result;
    }
    json j = json::parse(response->body, nullptr, false);
    if (response->status != 200 || !j.is_object() || !j.contains("device_id") || !j.contains("token") ||
        !j["device_id"].is_string() || !j["token"].is_string()) {
        result.message = "unexpected answer from the server (HTTP " + std::to_string(response->status) +
                         "): " + short_body(response->body);
        return result;
    }
    result.identity.device_id = j["device_id"];
    result.identity.token = j["token"];
    result.identity.server_url = trim_slash(server_url);
    if (j.contains("site") && j["site"].is_object()) {
        const json& site = j["site"];
        if (site.contains("id") && site["id"].is_string()) result.identity.site_id = site["id"];
        if (site.contains("counter_id") && site["counter_id"].is_string()) result.identity.counter_id = site["counter_id"];
    }
    result.ok = true;
    result.message = "enrolled as " + result.identity.device_id;
    if (j.contains("took_over_from") && j["took_over_from"].is_string())
        result.message += ", continuing the events sent as " + j["took_over_from"].get<std::string>() +
                          " (that identity is now revoked)";
    return result;
}

SyncEngine::SyncEngine(const Settings& settings, EventStore& store, HttpClient& http, DeviceIdentity identity)
    : settings_(settings),
      store_(store),
      http_(http),
      identity_(std::move(identity)),
      batch_limit_(static_cast<int>(settings.integer("sync.batch_events"))) {
    // Measured (docs/benchmarks.md): the default 2 MiB page cache was a third of what draining a
    // backlog added to the daemon's memory. Only memory is at stake, so a failure changes nothing else.
    (void)store_.limit_page_cache(256);
}

std::string SyncEngine::url(std::string_view path) const {
    std::string base = identity_.server_url.empty() ? settings_.text("server.url") : identity_.server_url;
    return trim_slash(base) + std::string(path);
}

Outcome classify_http_status(long status) {
    if (status == 401) return Outcome::Unauthorized;
    if (status >= 400 && status < 500 && status != 408 && status != 429) return Outcome::NeedsPerson;
    return Outcome::Retry;  // 5xx, 408, 429, and anything else unexpected: waiting may fix it
}

json SyncProblem::to_json() const {
    return json{{"alarm", "sync_needs_person"}, {"http_status", http_status}, {"error", error_code}, {"message", words}};
}

std::optional<SyncProblem> SyncProblem::from_json(const json& j) {
    if (!j.is_object() || !j.contains("http_status") || !j["http_status"].is_number_integer()) return std::nullopt;
    SyncProblem p;
    p.http_status = j["http_status"].get<long>();
    if (j.contains("error") && j["error"].is_string()) p.error_code = j["error"];
    if (j.contains("message") && j["message"].is_string()) p.words = j["message"];
    return p;
}

SyncProblem describe_refusal(long http_status, const std::string& error_code, const std::string& what) {
    SyncProblem p{http_status, error_code, {}};
    std::string code = "HTTP " + std::to_string(http_status) + (error_code.empty() ? "" : " " + error_code);
    if (http_status == 409 && error_code == "db_instance_claimed")
        p.words = "another device uses this kiosk's database: IT staff must check for a cloned disk (" + code + ")";
    else if (http_status == 400)
        p.words = "the server refuses the " + what + " as malformed (" + code +
                  "): IT staff must compare the kiosk's and the server's versions";
    else if (http_status == 403)
        p.words = "the server forbids this device (" + code + "): IT staff must check its enrolment on the server";
    else if (http_status == 404)
        p.words = "the server has no such address (" + code + "): IT staff must check server.url";
    else
        p.words = "the server refuses the " + what + " (" + code + "): IT staff must read the server's log";
    return p;
}

void SyncEngine::note_clock(const HttpResponse& response) {
    if (response.clock_skew_ms) clock_skew_ms_ = response.clock_skew_ms;
}

PushReport SyncEngine::classify_failure(const HttpResponse& response, const std::string& what) {
    PushReport report;
    if (classify_http_status(response.status) == Outcome::NeedsPerson) {
        report.outcome = Outcome::NeedsPerson;
        report.problem = describe_refusal(response.status, error_code_of(response.body), what);
        report.message = what + ": " + report.problem->words + "; nothing is dropped, retrying slowly";
        return report;
    }
    if (response.status == 401) {
        report.outcome = Outcome::Unauthorized;
        report.message = what + ": the server does not know this device (" + error_code_of(response.body) +
                         "); sending stopped until it is enrolled again";
        return report;
    }
    report.outcome = Outcome::Retry;
    if (auto ra = response.header("retry-after"))
        report.retry_after_ms = parse_retry_after(*ra, clock::unix_ms_now());
    report.message = what + ": HTTP " + std::to_string(response.status) + " " + short_body(response.body) +
                     "; will retry the same batch";
    return report;
}

Status SyncEngine::apply_rejections(const std::vector<protocol::EventResult>& results) {
    for (auto& r : results) {
        if (r.status != protocol::status::kRejected) continue;
        // The server keeps a rejected event in quarantine; the kiosk records why, as an alarm event.
        auto alarm = store_.append(event_type::kDeviceAlarm,
                                   json{{"alarm", "event_rejected"}, {"event_id", r.id}, {"reason", r.reason}});
        if (!alarm) return alarm.status();
    }
    return Status::success();
}

SyncEngine::OutgoingBatch SyncEngine::prepare_batch(std::int64_t after_seq) {
    OutgoingBatch batch;
    batch.sent.reserve(static_cast<std::size_t>(batch_limit_));
    int offset = static_cast<int>(settings_.integer("clock.utc_offset_minutes"));
    // Compact ack: a server that knows it answers a few bytes per batch instead of 64 per event.
    // Written as it is read, so neither the events nor the plain text are held whole.
    protocol::BatchWriter writer(identity_.device_id, store_.db_instance(), offset, true, protocol::kGzipLevel);
    store_.for_each_event_text_after(after_seq, batch_limit_, protocol::kMaxBatchBytes, [&](const EventText& e) {
        writer.add(e);
        batch.sent.push_back({e.seq, e.id});
    });
    if (batch.sent.empty()) return batch;
    auto body = writer.finish();
    batch.batch_id = std::move(body.batch_id);
    batch.payload = std::move(body.bytes);
    batch.gzipped = body.gzipped;
    return batch;
}

Result<HttpResponse> SyncEngine::post_batch(const OutgoingBatch& batch) {
    return http_.post_encoded(url(protocol::kEventsPath), batch.payload, identity_.token, batch.gzipped);
}

Result<protocol::Ack> SyncEngine::check_answer(const OutgoingBatch& batch, Result<HttpResponse> response,
                                               PushReport& report) {
    using Answer = Result<protocol::Ack>;
    if (!response) {
        report.outcome = Outcome::Retry;
        report.message = "cannot reach the server: " + response.error();
        return Answer::failure(report.message);
    }
    note_clock(response.value());
    if (response->status == 413 && batch.sent.size() > 1) {
        batch_limit_ = std::max(1, static_cast<int>(batch.sent.size()) / 2);
        report.outcome = Outcome::Retry;
        report.retry_after_ms = 0;
        report.message = "server said the batch is too large; next batch holds " + std::to_string(batch_limit_);
        return Answer::failure(report.message);
    }
    if (response->status != 200) {
        report = classify_failure(response.value(), "batch");
        return Answer::failure(report.message);
    }
    auto ack = protocol::parse_ack(response->body, batch.batch_id, batch.sent);
    if (!ack) {
        report.outcome = Outcome::Retry;
        report.message = ack.error() + " (body starts: " + short_body(response->body) + ")";
        return ack;
    }
    batch_limit_ = std::min(ack->max_batch_events, static_cast<int>(settings_.integer("sync.batch_events")));
    return ack;
}

PushReport SyncEngine::record_ack(const OutgoingBatch& batch, const protocol::Ack& ack) {
    PushReport report;
    if (auto s = apply_rejections(ack.results); !s) {
        report.outcome = Outcome::Retry;
        report.message = s.error();
        return report;
    }
    std::int64_t last = batch.last_seq();
    if (auto s = store_.set_acked_through(last); !s) {
        report.outcome = Outcome::Retry;
        report.message = s.error();
        return report;
    }
    report.sent = static_cast<int>(batch.sent.size());
    report.message = "sent seq " + std::to_string(batch.sent.front().seq) + ".." + std::to_string(last);
    if (ack.acked_through < last)
        report.message += " (server holds all events only up to seq " + std::to_string(ack.acked_through) + ")";
    return report;
}

PushReport SyncEngine::push_one_batch() {
    OutgoingBatch batch = prepare_batch(store_.acked_through());
    if (batch.empty()) return {};
    PushReport report;
    auto ack = check_answer(batch, post_batch(batch), report);
    return ack ? record_ack(batch, ack.value()) : report;
}

PushReport SyncEngine::push_all(const std::function<void()>& between_batches) {
    PushReport total;
    // Batches live on the heap so that the one in flight stays where the posting task reads it.
    auto current = std::make_unique<OutgoingBatch>(prepare_batch(store_.acked_through()));
    // The HTTP handle is used only by the task in flight, the store only by this thread.
    auto post = [this](const OutgoingBatch* batch) {
        return std::async(std::launch::async, [this, batch] { return post_batch(*batch); });
    };
    std::future<Result<HttpResponse>> in_flight;
    if (!current->empty()) in_flight = post(current.get());
    while (!current->empty()) {
        auto next = std::make_unique<OutgoingBatch>(prepare_batch(current->last_seq()));
        PushReport one;
        auto ack = check_answer(*current, in_flight.get(), one);
        if (!ack) {  // `next` was never posted: it is read again on the next try
            one.sent = total.sent;
            return one;
        }
        // The ack may have lowered max_batch_events below what `next` holds.
        if (next->sent.size() > static_cast<std::size_t>(batch_limit_)) *next = prepare_batch(current->last_seq());
        // The server stores `next` while this thread commits the ack of `current`. A kiosk that
        // stops between the two sends `next` again from its cursor: the server acks it as
        // duplicates, so nothing is counted twice.
        if (!next->empty()) in_flight = post(next.get());
        one = record_ack(*current, ack.value());
        total.sent += one.sent;
        if (one.outcome != Outcome::Done) {
            if (in_flight.valid()) (void)in_flight.get();  // sent again from the cursor next time
            one.sent = total.sent;
            return one;
        }
        if (between_batches) between_batches();
        current = std::move(next);
    }
    total.message = total.sent ? "delivered " + std::to_string(total.sent) + " event(s); outbox empty" : "outbox empty";
    return total;
}

PushReport SyncEngine::send_heartbeat(const std::string& printer_state, const std::optional<SyncProblem>& problem) {
    std::error_code ec;
    auto db_dir = std::filesystem::path(store_.path()).parent_path();
    auto space = std::filesystem::space(db_dir.empty() ? std::filesystem::path(".") : db_dir, ec);
    int offset = static_cast<int>(settings_.integer("clock.utc_offset_minutes"));
    auto oldest = store_.oldest_unsent_at();
    json body{{"device_id", identity_.device_id},
              {"app_version", MOTCUA_VERSION},
              {"config_version", store_.config_version()},
              {"uptime_s", clock::monotonic_ms() / 1000},
              {"outbox_depth", store_.pending_count()},
              {"oldest_unsent_at", oldest ? json(*oldest) : json(nullptr)},
              {"disk_free_bytes", ec ? json(nullptr) : json(space.available)},
              {"printer", printer_state},
              {"clock", {{"at", clock::now_rfc3339(offset)}, {"mono_ms", clock::monotonic_ms()}}}};
    if (clock_skew_ms_) body["clock"]["skew_ms"] = *clock_skew_ms_;
    if (problem) body["sync_problem"] = problem->to_json();
    // What the kiosk's screen uses (it may still show an older version between two citizens, or
    // have refused the saved one): the kiosk writes both to meta when it switches or refuses.
    if (auto shown = store_.meta_number(meta_key::kKioskConfigVersion)) body["kiosk_config_version"] = *shown;
    if (auto refused = store_.meta(meta_key::kKioskConfigProblem); refused && !refused->empty())
        body["kiosk_config_problem"] = *refused;
    PushReport report;
    auto response = http_.post_json(url(protocol::kHeartbeatPath), body.dump(), identity_.token, false);
    if (!response) {
        report.outcome = Outcome::Retry;
        report.message = "heartbeat: cannot reach the server: " + response.error();
        return report;
    }
    note_clock(response.value());
    if (response->status != 200) return classify_failure(response.value(), "heartbeat");
    report.message = "heartbeat sent";
    return report;
}

PushReport SyncEngine::pull_config() {
    PushReport report;
    auto response = http_.get(url(protocol::kConfigPath), identity_.token, config_etag_);
    if (!response) {
        report.outcome = Outcome::Retry;
        report.message = "config: cannot reach the server: " + response.error();
        return report;
    }
    note_clock(response.value());
    if (response->status == 304) {
        report.message = "config unchanged";
        return report;
    }
    if (response->status != 200) return classify_failure(response.value(), "configuration request");
    json j = json::parse(response->body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("version") || !j["version"].is_number_integer()) {
        // Keep the last good configuration; a broken answer changes nothing.
        report.outcome = Outcome::Retry;
        report.message = "config: the server's answer is not a valid configuration; keeping the last good one";
        return report;
    }
    if (auto s = write_file_atomically(settings_.text("device.config_cache"), j.dump(2) + "\n", 0644); !s) {
        report.outcome = Outcome::Retry;
        report.message = "config: " + s.error();
        return report;
    }
    config_etag_ = response->header("etag").value_or("");
    if (auto s = store_.set_meta("config_version", std::to_string(j["version"].get<std::int64_t>())); !s) {
        report.outcome = Outcome::Retry;
        report.message = "config: " + s.error();
        return report;
    }
    report.message = "config version " + std::to_string(j["version"].get<std::int64_t>()) + " saved";
    return report;
}

}  // namespace motcua::sync
