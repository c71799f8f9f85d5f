#include "core/protocol.hpp"

#include <set>

#include "core/clock.hpp"
#include "core/crypto.hpp"

namespace motcua::protocol {

std::string batch_id(const std::string& db_instance, std::int64_t first_seq, std::int64_t last_seq) {
    return crypto::sha256_hex(db_instance + ":" + std::to_string(first_seq) + ":" + std::to_string(last_seq)).substr(0, 32);
}

json make_batch(const std::string& device_id, const std::string& db_instance, const std::vector<Event>& events,
                int utc_offset_minutes) {
    json list = json::array();
    for (auto& e : events) list.push_back(e.to_json());
    std::int64_t first = events.empty() ? 0 : events.front().seq;
    std::int64_t last = events.empty() ? 0 : events.back().seq;
    return json{{"protocol", kVersion},
                {"device_id", device_id},
                {"db_instance", db_instance},
                {"batch_id", batch_id(db_instance, first, last)},
                {"sent_at", clock::now_rfc3339(utc_offset_minutes)},
                {"mono_ms", clock::monotonic_ms()},
                {"events", list}};
}

Result<Ack> parse_ack(std::string_view body, const std::string& expected_batch_id, const std::vector<Event>& sent) {
    auto fail = [](std::string why) { return Result<Ack>::failure("invalid ack: " + why); };
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return fail("body is not a JSON object");
    Ack ack;
    if (!j.contains("batch_id") || !j["batch_id"].is_string()) return fail("no batch_id");
    ack.batch_id = j["batch_id"].get<std::string>();
    if (ack.batch_id != expected_batch_id) return fail("batch_id " + ack.batch_id + " is not the one sent");
    if (!j.contains("acked_through") || !j["acked_through"].is_number_integer()) return fail("no acked_through");
    ack.acked_through = j["acked_through"].get<std::int64_t>();
    if (j.contains("max_batch_events") && j["max_batch_events"].is_number_integer())
        ack.max_batch_events = std::max(1, std::min(kMaxBatchEvents, j["max_batch_events"].get<int>()));
    if (!j.contains("results") || !j["results"].is_array()) return fail("no results");
    std::set<std::string> answered;
    for (auto& r : j["results"]) {
        if (!r.is_object() || !r.contains("id") || !r["id"].is_string() || !r.contains("status") ||
            !r["status"].is_string())
            return fail("a result lacks id or status");
        // A reason that is not text is ignored (json::value would throw on it, ending the daemon).
        auto reason = r.find("reason");
        EventResult er{r["id"].get<std::string>(), r["status"].get<std::string>(),
                       reason != r.end() && reason->is_string() ? reason->get<std::string>() : std::string()};
        if (er.status != status::kStored && er.status != status::kDuplicate && er.status != status::kConflict &&
            er.status != status::kRejected)
            return fail("unknown status '" + er.status + "'");
        answered.insert(er.id);
        ack.results.push_back(std::move(er));
    }
    for (auto& e : sent)
        if (!answered.count(e.id)) return fail("no result for event seq " + std::to_string(e.seq));
    return ack;
}

}  // namespace motcua::protocol
