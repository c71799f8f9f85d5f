#include "sync/sync_health.hpp"

#include <cstdlib>

namespace motcua::sync {

namespace {
// Timestamps that only show an age are refreshed at most this often.
constexpr std::int64_t kRefreshMs = 60'000;
// A skew change smaller than this is Date's one-second resolution, not news.
constexpr std::int64_t kSkewNoiseMs = 2'000;
constexpr std::int64_t kSkewRefreshMs = 3'600'000;

// libcurl's messages carry timings ("after 2003 ms"): the same failure, worded with other numbers,
// is not a new error worth a write.
bool same_words(const std::string& a, const std::string& b) {
    auto letters = [](const std::string& s) {
        std::string out;
        for (char c : s)
            if (c < '0' || c > '9') out += c;
        return out;
    };
    return letters(a) == letters(b);
}
}  // namespace

RecordedHealth read_health(EventStore& store) {
    RecordedHealth h;
    h.state = store.meta(health_key::kState).value_or("");
    if (auto text = store.meta(health_key::kProblem); text && !text->empty())
        h.problem = SyncProblem::from_json(json::parse(*text, nullptr, false));
    h.problem_since_ms = store.meta_number(health_key::kProblemSince);
    h.last_success_ms = store.meta_number(health_key::kLastSuccess);
    h.last_error = store.meta(health_key::kLastError).value_or("");
    h.last_error_ms = store.meta_number(health_key::kLastErrorAt);
    h.clock_skew_ms = store.meta_number(health_key::kClockSkew);
    h.clock_skew_measured_ms = store.meta_number(health_key::kClockSkewAt);
    return h;
}

HealthRecorder::HealthRecorder(EventStore& store) : store_(store), recorded_(read_health(store)) {}

Status HealthRecorder::on_success(std::int64_t now_ms) {
    if (recorded_.problem) {
        if (auto s = store_.set_meta(health_key::kProblem, ""); !s) return s;
        recorded_.problem.reset();
    }
    if (success_written_ms_ && now_ms - *success_written_ms_ < kRefreshMs) return Status::success();
    if (auto s = store_.set_meta(health_key::kLastSuccess, std::to_string(now_ms)); !s) return s;
    success_written_ms_ = now_ms;
    recorded_.last_success_ms = now_ms;
    return Status::success();
}

Status HealthRecorder::on_error(const std::string& message, std::int64_t now_ms) {
    bool same = same_words(message, recorded_.last_error);
    if (same && error_written_ms_ && now_ms - *error_written_ms_ < kRefreshMs) return Status::success();
    if (!same) {
        if (auto s = store_.set_meta(health_key::kLastError, message); !s) return s;
        recorded_.last_error = message;
    }
    if (auto s = store_.set_meta(health_key::kLastErrorAt, std::to_string(now_ms)); !s) return s;
    error_written_ms_ = now_ms;
    recorded_.last_error_ms = now_ms;
    return Status::success();
}

Status HealthRecorder::on_needs_person(const SyncProblem& problem, std::int64_t now_ms) {
    if (recorded_.problem && recorded_.problem->same_as(problem)) return Status::success();
    // The alarm first: if the meta write below fails, a restart raises it again rather than never.
    json data = problem.to_json();
    auto alarm = store_.append(event_type::kDeviceAlarm, data);
    if (!alarm) return alarm.status();
    if (auto s = store_.set_meta(health_key::kProblem, data.dump()); !s) return s;
    if (auto s = store_.set_meta(health_key::kProblemSince, std::to_string(now_ms)); !s) return s;
    recorded_.problem = problem;
    recorded_.problem_since_ms = now_ms;
    return Status::success();
}

Status HealthRecorder::on_clock_skew(std::int64_t skew_ms, std::int64_t now_ms) {
    if (recorded_.clock_skew_ms && recorded_.clock_skew_measured_ms &&
        std::llabs(skew_ms - *recorded_.clock_skew_ms) < kSkewNoiseMs &&
        now_ms - *recorded_.clock_skew_measured_ms < kSkewRefreshMs)
        return Status::success();
    if (auto s = store_.set_meta(health_key::kClockSkew, std::to_string(skew_ms)); !s) return s;
    if (auto s = store_.set_meta(health_key::kClockSkewAt, std::to_string(now_ms)); !s) return s;
    recorded_.clock_skew_ms = skew_ms;
    recorded_.clock_skew_measured_ms = now_ms;
    return Status::success();
}

}  // namespace motcua::sync
