// Batch ingest: the part of the server the appraisal numbers depend on. Every event sent gets
// exactly one answer, every answer is an ack the kiosk may rely on, and nothing is counted twice.
#include <string>

#include "core/clock.hpp"
#include "core/protocol.hpp"
#include "server/queue_facts.hpp"
#include "server/server_store.hpp"

namespace motcua::server {

namespace {

std::optional<std::string> text_field(const json& data, const char* name) {
    auto it = data.find(name);
    if (it == data.end()) return std::nullopt;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
    return std::nullopt;
}

bool is_lower_hex64(const std::string& s) {
    if (s.size() != 64) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

// Checks what makes the whole batch unusable; single bad events are handled one by one later.
// 2^53: the largest integer every JSON reader keeps exact, far beyond any kiosk's lifetime.
constexpr std::int64_t kLargestSeq = std::int64_t{1} << 53;

Status check_batch_shape(const Device& device, const json& batch, int max_batch_events) {
    if (!batch.is_object()) return Status::failure("the batch is not a JSON object");
    auto protocol = batch.find("protocol");
    if (protocol == batch.end() || !protocol->is_number_integer() || protocol->get<int>() != protocol::kVersion)
        return Status::failure("unsupported protocol: this server speaks protocol 1");
    auto device_id = batch.find("device_id");
    if (device_id == batch.end() || !device_id->is_string() || device_id->get<std::string>() != device.device_id)
        return Status::failure("device_id does not match the device of this token");
    auto db_instance = batch.find("db_instance");
    if (db_instance == batch.end() || !db_instance->is_string() || db_instance->get<std::string>().empty())
        return Status::failure("db_instance is missing");
    auto batch_id = batch.find("batch_id");
    if (batch_id == batch.end() || !batch_id->is_string()) return Status::failure("batch_id is missing");
    auto events = batch.find("events");
    if (events == batch.end() || !events->is_array()) return Status::failure("events must be a list");
    if (events->size() > static_cast<std::size_t>(max_batch_events))
        return Status::failure("too many events in one batch: at most " + std::to_string(max_batch_events));
    std::int64_t expected = 0;
    for (auto& e : *events) {
        if (!e.is_object() || !e.contains("seq") || !e["seq"].is_number_integer())
            return Status::failure("every event needs an integer seq");
        std::int64_t seq = e["seq"].get<std::int64_t>();
        if (seq < 1) return Status::failure("seq starts at 1");
        // A kiosk counts from 1; a seq this large is a broken or hostile batch, and it keeps seq + 1
        // (the next expected seq, the chain neighbour) inside a 64-bit integer.
        if (seq > kLargestSeq) return Status::failure("seq is larger than any kiosk can have written");
        if (expected != 0 && seq != expected) return Status::failure("the seqs of a batch must be one contiguous range");
        expected = seq + 1;
    }
    return Status::success();
}

}  // namespace

bool asks_compact_ack(const json& batch) {
    auto form = batch.find("ack_form");
    return form != batch.end() && form->is_string() && form->get_ref<const std::string&>() == protocol::kCompactAckForm;
}

std::size_t batch_event_count(const json& batch) {
    auto list = batch.find("events");
    return list != batch.end() && list->is_array() ? list->size() : 0;
}

json ack_to_json(const IngestAck& ack, bool compact, int max_batch_events) {
    json results = json::array();
    std::vector<std::string> ids;
    ids.reserve(compact ? ack.results.size() : 0);
    for (auto& r : ack.results) {
        if (compact) ids.push_back(r.id);
        if (compact && r.status == protocol::status::kStored) continue;
        json item{{"id", r.id}, {"status", r.status}};
        if (!r.reason.empty()) item["reason"] = r.reason;
        results.push_back(std::move(item));
    }
    json answer{{"protocol", protocol::kVersion},
                {"batch_id", ack.batch_id},
                {"acked_through", ack.acked_through},
                {"results", std::move(results)},
                {"max_batch_events", max_batch_events}};
    if (compact) {
        answer["ack_form"] = protocol::kCompactAckForm;
        answer["covered"] = {{"count", ids.size()}, {"ids_sha256", protocol::covered_ids_sha256(ids)}};
    }
    return answer;
}

Result<IngestAck> ServerStore::ingest_batch(const Device& device, const json& batch, int max_batch_events,
                                            std::int64_t now_ms) {
    if (auto shape = check_batch_shape(device, batch, max_batch_events); !shape)
        return Result<IngestAck>::failure(shape.error());
    const std::string db_instance = batch["db_instance"].get<std::string>();
    IngestAck ack;
    ack.batch_id = batch["batch_id"].get<std::string>();

    rollup_deltas_.clear();
    sql::Transaction tx(db_);
    if (auto claimed = claim_db_instance(device, db_instance, now_ms); !claimed) {
        tx.commit();  // keeps the tamper alarm; no event of the batch was written
        return Result<IngestAck>::failure(claimed.error());
    }

    struct ResetStatements {  // a kept statement left mid-row would pin a read snapshot of the WAL
        ServerStore& store;
        ~ResetStatements() { store.reset_cached_statements(); }
    } reset_statements{*this};
    auto& top = cached("SELECT seq, hash FROM events WHERE db_instance = ? ORDER BY seq DESC LIMIT 1");
    top.bind(1, db_instance);
    tip_ = top.step() ? ChainTip{top.column_int(0), top.column_text(1)} : ChainTip{0, kGenesisHash};
    top.reset();
    auto& last_rating = cached(
        "SELECT seq, at_utc_ms FROM events WHERE db_instance = ? AND score IS NOT NULL ORDER BY seq DESC LIMIT 1");
    last_rating.bind(1, db_instance);
    last_rating_ = last_rating.step() ? LastRating{last_rating.column_int(0), last_rating.column_int(1)} : LastRating{};
    last_rating.reset();
    for (auto& raw : batch["events"]) ack.results.push_back(ingest_event(device, db_instance, raw, now_ms));
    ack.acked_through = advance_acked_through(db_instance, device.device_id);
    // Only events stored above were counted, so a duplicate or a quarantined event never is.
    rollup_deltas_.flush(cached(kRollupUpsertSql));
    reset_cached_statements();
    tx.commit();
    return ack;
}

EventOutcome ServerStore::ingest_event(const Device& device, const std::string& db_instance, const json& raw,
                                       std::int64_t now_ms) {
    const std::int64_t seq = raw["seq"].get<std::int64_t>();
    std::string raw_id = raw.contains("id") && raw["id"].is_string() ? raw["id"].get<std::string>() : "";
    auto reject = [&](const std::string& reason) {
        quarantine(device, db_instance, seq, raw_id, reason, raw, now_ms);
        return EventOutcome{raw_id, std::string(protocol::status::kRejected), reason};
    };

    Event e;
    try {
        e = Event::from_json(raw);
    } catch (const std::exception& ex) {
        return reject(std::string("malformed event: ") + ex.what());
    }
    if (e.id.empty()) return reject("malformed event: empty id");
    if (!is_lower_hex64(e.prev_hash) || !is_lower_hex64(e.hash))
        return reject("malformed event: hash and prev_hash must be 64 lowercase hex characters");
    std::int64_t at_utc_ms = 0;
    if (!clock::parse_rfc3339(e.at, at_utc_ms)) return reject("malformed event: 'at' is not an RFC 3339 time");
    std::string data_text, computed;
    try {
        data_text = canonical_json(e.data);
        computed = compute_event_hash(e, data_text);
    } catch (const std::exception&) {
        return reject("malformed event: text is not valid UTF-8");
    }
    if (computed != e.hash) return reject("hash does not match the event content");

    // Usual case: the next event of the chain, above everything stored for this db_instance. No
    // event can sit at its seq or after it, and its predecessor is the tip, so the lookups below
    // are needed only when its id turns out to be stored already (the insert then does nothing).
    const bool extends_tip = seq == tip_.seq + 1 && e.prev_hash == tip_.hash;
    if (extends_tip && store_event(device, db_instance, e, data_text, at_utc_ms, now_ms))
        return {e.id, std::string(protocol::status::kStored), ""};

    auto conflict = [&](const std::string& detail) {
        quarantine(device, db_instance, seq, e.id, "conflict: " + detail, raw, now_ms);
        raise_alarm({"tamper_conflict", device.device_id, db_instance, seq, detail + " (id " + e.id + ")", now_ms});
        return EventOutcome{e.id, std::string(protocol::status::kConflict), ""};
    };

    auto& same_id = cached("SELECT hash FROM events WHERE device_id = ? AND id = ?");
    same_id.bind(1, device.device_id).bind(2, e.id);
    if (same_id.step()) {
        if (same_id.column_text(0) == e.hash) return {e.id, std::string(protocol::status::kDuplicate), ""};
        return conflict("same event id already stored with a different hash");
    }
    auto& same_seq = cached("SELECT id, hash FROM events WHERE db_instance = ? AND seq = ?");
    same_seq.bind(1, db_instance).bind(2, seq);
    if (same_seq.step()) {
        // Stored under the device that owned this db_instance before a hand-over, ack lost.
        if (same_seq.column_text(0) == e.id && same_seq.column_text(1) == e.hash)
            return {e.id, std::string(protocol::status::kDuplicate), ""};
        return conflict("seq " + std::to_string(seq) + " already stored as another event");
    }

    // A chain break is evidence of a local edit or deletion: raise it, but keep the event,
    // because dropping it would lose a citizen's rating as well.
    auto& neighbour = cached("SELECT hash, prev_hash FROM events WHERE db_instance = ? AND seq = ?");
    if (seq == 1) {
        if (e.prev_hash != kGenesisHash)
            raise_alarm({"hash_chain_break", device.device_id, db_instance, seq, "first event does not start the chain",
                         now_ms});
    } else {
        neighbour.bind(1, db_instance).bind(2, seq - 1);
        if (neighbour.step() && neighbour.column_text(0) != e.prev_hash) {
            // Chained to a copy already quarantined as a conflict: the rest of a forked history
            // (a cloned disk running ahead), so it joins its fork in quarantine, never the sequence.
            auto forked = db_.prepare(
                "SELECT EXISTS(SELECT 1 FROM quarantine WHERE db_instance = ? AND seq = ? "
                "AND reason LIKE 'conflict:%' AND json_extract(raw, '$.hash') = ?)");
            forked.bind(1, db_instance).bind(2, seq - 1).bind(3, e.prev_hash);
            if (forked.step() && forked.column_int(0) != 0)
                return conflict("seq " + std::to_string(seq) + " continues a conflicting copy of seq " +
                                std::to_string(seq - 1) + " (forked history)");
            raise_alarm({"hash_chain_break", device.device_id, db_instance, seq,
                         "prev_hash does not match the stored event before it", now_ms});
        }
        neighbour.reset();
    }
    neighbour.bind(1, db_instance).bind(2, seq + 1);
    if (neighbour.step() && neighbour.column_text(1) != e.hash)
        raise_alarm({"hash_chain_break", device.device_id, db_instance, seq + 1,
                     "prev_hash does not match the stored event before it", now_ms});

    if (!store_event(device, db_instance, e, data_text, at_utc_ms, now_ms))  // checked above; kept safe
        return conflict("seq " + std::to_string(seq) + " or id " + e.id + " stored while this batch was checked");
    return {e.id, std::string(protocol::status::kStored), ""};
}

bool ServerStore::store_event(const Device& device, const std::string& db_instance, const Event& e,
                              const std::string& data_text, std::int64_t at_utc_ms, std::int64_t now_ms) {
    std::optional<std::int64_t> score;
    if (e.type == event_type::kRatingSubmitted) {
        auto it = e.data.find("score");
        if (it != e.data.end() && it->is_number_integer()) score = it->get<std::int64_t>();
    }
    auto counter = text_field(e.data, "counter");
    // Only a rating's ticket is its subject; a queue event's `ticket` field stays in `data`.
    std::optional<std::string> ticket;
    if (e.type == event_type::kRatingSubmitted) ticket = text_field(e.data, "ticket_id");
    auto& insert = cached(
        "INSERT INTO events(device_id, id, db_instance, seq, type, at, at_utc_ms, mono_ms, boot_id, data, prev_hash, "
        "hash, received_at, site_id, counter_id, officer_id, service_id, score, ticket_id) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    insert.bind(1, device.device_id).bind(2, e.id).bind(3, db_instance).bind(4, e.seq).bind(5, e.type).bind(6, e.at);
    insert.bind(7, at_utc_ms).bind(8, e.mono_ms).bind(9, e.boot_id).bind(10, data_text).bind(11, e.prev_hash);
    insert.bind(12, e.hash).bind(13, now_ms).bind(14, device.site_id);
    insert.bind(15, counter ? *counter : device.counter_id);
    insert.bind_optional(16, text_field(e.data, "officer")).bind_optional(17, text_field(e.data, "service"));
    if (score) insert.bind(18, *score);
    else insert.bind_null(18);
    insert.bind_optional(19, ticket);
    insert.step();
    if (db_.changes() == 0) return false;
    // Nothing of this db_instance is stored after the newest event: no later rating to correct.
    const bool newest = e.seq > tip_.seq;
    if (newest) tip_ = {e.seq, e.hash};
    if (score) {
        if (auto facts = rating_facts(device.site_id, counter ? *counter : device.counter_id, at_utc_ms, e.data)) {
            flag_rating(db_instance, e.seq, newest, ticket, *facts);
            rollup_deltas_.add(*facts, report_offset_minutes_);
        }
    }
    if (auto facts = queue_event_facts(e.type, device.site_id, at_utc_ms, e.data, report_offset_minutes_))
        record_queue_event([this](const char* sql_literal) -> sql::Statement& { return cached(sql_literal); }, *facts,
                           report_offset_minutes_);
    return true;
}

std::int64_t ServerStore::advance_acked_through(const std::string& db_instance, const std::string& device_id) {
    auto& current = cached("SELECT acked_through FROM db_instances WHERE db_instance = ?");
    current.bind(1, db_instance);
    current.step();
    std::int64_t acked = current.column_int(0);
    auto& highest = cached(
        "SELECT max(coalesce((SELECT max(seq) FROM events WHERE db_instance = ?1), 0), "
        "coalesce((SELECT max(seq) FROM quarantine WHERE db_instance = ?1), 0))");
    highest.bind(1, db_instance);
    highest.step();
    std::int64_t top = highest.column_int(0);
    // Usual case, one query: every seq after the cursor up to the highest is in the event table
    // ((db_instance, seq) is unique there, so the count cannot include a seq twice).
    auto& stored_after = cached("SELECT count(*) FROM events WHERE db_instance = ? AND seq > ? AND seq <= ?");
    stored_after.bind(1, db_instance).bind(2, acked).bind(3, top);
    stored_after.step();
    if (stored_after.column_int(0) == top - acked) acked = top;
    // A quarantined event is on the server too (nothing lost), so it does not hold the cursor back.
    auto& present = cached(
        "SELECT EXISTS(SELECT 1 FROM events WHERE db_instance = ?1 AND seq = ?2) OR "
        "EXISTS(SELECT 1 FROM quarantine WHERE db_instance = ?1 AND seq = ?2)");
    while (true) {
        present.reset();
        present.bind(1, db_instance).bind(2, acked + 1);
        present.step();
        if (present.column_int(0) == 0) break;
        ++acked;
    }
    if (top > acked)
        raise_alarm({"seq_gap", device_id, db_instance, acked + 1,
                     "events " + std::to_string(acked + 1) + " onwards missing, " + std::to_string(top) + " received",
                     clock::unix_ms_now()});
    auto& save = cached("UPDATE db_instances SET acked_through = ?, highest_seq = ? WHERE db_instance = ?");
    save.bind(1, acked).bind(2, top).bind(3, db_instance);
    save.step();
    return acked;
}

sql::Statement& ServerStore::cached(const char* sql_literal) {
    auto& slot = statements_[sql_literal];
    if (!slot) slot = std::make_unique<sql::Statement>(db_.handle(), sql_literal);
    else slot->reset();
    return *slot;
}

void ServerStore::reset_cached_statements() {
    for (auto& [sql, statement] : statements_) statement->reset();
}

std::int64_t ServerStore::acked_through(const std::string& db_instance) {
    auto st = db_.prepare("SELECT acked_through FROM db_instances WHERE db_instance = ?");
    st.bind(1, db_instance);
    return st.step() ? st.column_int(0) : 0;
}

void ServerStore::raise_alarm(const Alarm& alarm) {
    auto st = db_.prepare(
        "INSERT OR IGNORE INTO alarms(kind, device_id, db_instance, seq, detail, raised_at) VALUES(?, ?, ?, ?, ?, ?)");
    st.bind(1, alarm.kind).bind(2, alarm.device_id).bind(3, alarm.db_instance).bind(4, alarm.seq);
    st.bind(5, alarm.detail).bind(6, alarm.raised_at_ms);
    st.step();
}

void ServerStore::quarantine(const Device& device, const std::string& db_instance, std::optional<std::int64_t> seq,
                             const std::string& event_id, const std::string& reason, const json& raw,
                             std::int64_t now_ms) {
    auto st = db_.prepare(
        "INSERT INTO quarantine(device_id, db_instance, seq, event_id, reason, raw, received_at) "
        "VALUES(?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, device.device_id).bind(2, db_instance);
    if (seq) st.bind(3, *seq);
    else st.bind_null(3);
    st.bind(4, event_id).bind(5, reason);
    st.bind(6, raw.dump(-1, ' ', false, json::error_handler_t::replace)).bind(7, now_ms);
    st.step();
}

}  // namespace motcua::server
