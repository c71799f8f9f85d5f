#include "core/protocol.hpp"

#include <map>
#include <set>

#include "core/clock.hpp"
#include "core/crypto.hpp"

namespace motcua::protocol {

std::string batch_id(const std::string& db_instance, std::int64_t first_seq, std::int64_t last_seq) {
    return crypto::sha256_hex(db_instance + ":" + std::to_string(first_seq) + ":" + std::to_string(last_seq)).substr(0, 32);
}

std::string covered_ids_sha256(const std::vector<std::string>& ids) {
    std::string joined;
    joined.reserve(ids.size() * 37);
    for (auto& id : ids) joined.append(id).push_back('\n');
    return crypto::sha256_hex(joined);
}

json make_batch(const std::string& device_id, const std::string& db_instance, const std::vector<Event>& events,
                int utc_offset_minutes, bool ask_compact_ack) {
    json list = json::array();
    for (auto& e : events) list.push_back(e.to_json());
    std::int64_t first = events.empty() ? 0 : events.front().seq;
    std::int64_t last = events.empty() ? 0 : events.back().seq;
    json batch{{"protocol", kVersion},
               {"device_id", device_id},
               {"db_instance", db_instance},
               {"batch_id", batch_id(db_instance, first, last)},
               {"sent_at", clock::now_rfc3339(utc_offset_minutes)},
               {"mono_ms", clock::monotonic_ms()},
               {"events", std::move(list)}};
    if (ask_compact_ack) batch["ack_form"] = kCompactAckForm;
    return batch;
}

namespace {
Result<EventResult> read_result(const json& r) {
    if (!r.is_object() || !r.contains("id") || !r["id"].is_string() || !r.contains("status") || !r["status"].is_string())
        return Result<EventResult>::failure("a result lacks id or status");
    auto reason = r.find("reason");
    EventResult er{r["id"].get<std::string>(), r["status"].get<std::string>(),
                   reason != r.end() && reason->is_string() ? reason->get<std::string>() : std::string()};
    if (er.status != status::kStored && er.status != status::kDuplicate && er.status != status::kConflict &&
        er.status != status::kRejected)
        return Result<EventResult>::failure("unknown status '" + er.status + "'");
    return er;
}
}  // namespace

std::string make_batch_text(const std::string& device_id, const std::string& db_instance,
                            const std::vector<EventText>& events, int utc_offset_minutes, bool ask_compact_ack,
                            std::string& batch_id_out) {
    BatchWriter writer(device_id, db_instance, utc_offset_minutes, ask_compact_ack, std::nullopt);
    for (auto& e : events) writer.add(e);
    auto body = writer.finish();
    batch_id_out = std::move(body.batch_id);
    return std::move(body.bytes);
}

BatchWriter::BatchWriter(std::string device_id, std::string db_instance, int utc_offset_minutes,
                         bool ask_compact_ack, std::optional<int> gzip_level)
    : device_id_(std::move(device_id)),
      db_instance_(std::move(db_instance)),
      utc_offset_minutes_(utc_offset_minutes),
      ask_compact_ack_(ask_compact_ack),
      gzip_level_(gzip_level) {
    plain_.reserve(2 * kGzipThreshold);
    plain_.append("{\"events\":[");
}

void BatchWriter::add(const EventText& event) {
    if (first_seq_ == 0) first_seq_ = event.seq;
    else write(",");
    last_seq_ = event.seq;
    write(event.json);
}

void BatchWriter::write(std::string_view text) {
    plain_.append(text);
    // Handed to zlib in pieces of some kilobytes: one call per event would cost more than it saves.
    constexpr std::size_t kPiece = 16 * 1024;
    if (!gzip_ && gzip_level_ && plain_.size() > kGzipThreshold) gzip_ = std::make_unique<GzipWriter>(*gzip_level_);
    if (gzip_ && plain_.size() >= kPiece) {
        gzip_->write(plain_);
        plain_.clear();
    }
}

BatchWriter::Body BatchWriter::finish() {
    Body body;
    body.batch_id = batch_id(db_instance_, first_seq_, last_seq_);
    // The envelope through nlohmann (escaping), after the events spliced in as they were.
    json envelope{{"protocol", kVersion},
                  {"device_id", device_id_},
                  {"db_instance", db_instance_},
                  {"batch_id", body.batch_id},
                  {"sent_at", clock::now_rfc3339(utc_offset_minutes_)},
                  {"mono_ms", clock::monotonic_ms()}};
    if (ask_compact_ack_) envelope["ack_form"] = kCompactAckForm;
    std::string members = envelope.dump();
    members.front() = ',';  // `],` then the members and the closing brace of the dump
    write("]");
    write(members);
    if (gzip_) {
        gzip_->write(plain_);
        body.bytes = gzip_->finish();
        body.gzipped = true;
    } else {
        body.bytes = std::move(plain_);
    }
    return body;
}

namespace {
// What the ack is checked against, from either form of the events sent.
template <typename Sent>
std::vector<SentEvent> sent_events(const std::vector<Sent>& sent) {
    std::vector<SentEvent> list;
    list.reserve(sent.size());
    for (auto& e : sent) list.push_back({e.seq, e.id});
    return list;
}
}  // namespace

Result<Ack> parse_ack(std::string_view body, const std::string& expected_batch_id, const std::vector<Event>& sent) {
    return parse_ack(body, expected_batch_id, sent_events(sent));
}

Result<Ack> parse_ack(std::string_view body, const std::string& expected_batch_id, const std::vector<EventText>& sent) {
    return parse_ack(body, expected_batch_id, sent_events(sent));
}

Result<Ack> parse_ack(std::string_view body, const std::string& expected_batch_id, const std::vector<SentEvent>& sent) {
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
    std::map<std::string, EventResult> answered;
    for (auto& r : j["results"]) {
        auto er = read_result(r);
        if (!er) return fail(er.error());
        std::string id = er->id;
        answered.insert_or_assign(std::move(id), std::move(er.value()));
    }
    auto covered = j.find("covered");
    if (covered != j.end()) {
        // Compact form: only events that were not stored are listed; the count and the digest of
        // every id sent prove the server went through the whole batch, not a truncated one.
        if (!covered->is_object() || !covered->contains("count") || !(*covered)["count"].is_number_integer() ||
            !covered->contains("ids_sha256") || !(*covered)["ids_sha256"].is_string())
            return fail("covered lacks count or ids_sha256");
        if ((*covered)["count"].get<std::int64_t>() != static_cast<std::int64_t>(sent.size()))
            return fail("covered.count is not the number of events sent");
        std::vector<std::string> ids;
        ids.reserve(sent.size());
        for (auto& e : sent) ids.push_back(e.id);
        if ((*covered)["ids_sha256"].get<std::string>() != covered_ids_sha256(ids))
            return fail("covered.ids_sha256 does not match the events sent");
        std::set<std::string> sent_ids(ids.begin(), ids.end());
        for (auto& [id, result] : answered)
            if (!sent_ids.count(id)) return fail("a result names an event that was not sent");
    }
    for (auto& e : sent) {
        auto it = answered.find(e.id);
        if (it != answered.end()) ack.results.push_back(it->second);
        else if (covered != j.end()) ack.results.push_back({e.id, std::string(status::kStored), ""});
        else return fail("no result for event seq " + std::to_string(e.seq));
    }
    return ack;
}

}  // namespace motcua::protocol
