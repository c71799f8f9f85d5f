// The district server's database: sites as a hierarchy, counters, one-time enrolment codes,
// devices, the deduplicated event table every report is computed from, plus quarantine and
// alarms so nothing a kiosk sends is ever lost or silently dropped. No HTTP in here.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/event.hpp"
#include "core/rating.hpp"
#include "core/result.hpp"
#include "core/sqlite.hpp"
#include "server/queue_facts.hpp"
#include "server/report_rollup.hpp"

namespace motcua::server {

struct Site {
    std::string id;
    std::string name;
    std::optional<std::string> parent_id;
};

struct Counter {
    std::string site_id;
    std::string id;
    std::string name;
};

struct Device {
    std::string device_id;
    std::string site_id;
    std::string counter_id;
    std::string hostname;
    std::string app_version;
    std::int64_t enrolled_at_ms = 0;
    bool revoked = false;
};

struct Enrolment {
    Device device;
    std::string token;  // handed out once; only its hash is stored
    Site site;
    // Set when the kiosk's database was known under another device: that device was retired and
    // this one continues its sequence.
    std::optional<std::string> took_over_from;
};

// A kiosk database (db_instance) moving from one device to another: re-enrolment after a revoke,
// or a new enrolment of the same kiosk. Recorded so IT staff can see who continued whose sequence.
struct Handover {
    std::string db_instance;
    std::string from_device;
    std::string to_device;
    std::int64_t handed_at_ms = 0;
    std::string trigger;      // "enrol" (the enrol named the db_instance) or "first_push" (older kiosk)
    std::string enroll_code;  // the used-up code the new device enrolled with ("" if unknown)
    std::string site_id;
    std::string counter_id;
    std::string hostname;
    std::int64_t acked_through = 0;  // where the sequence stood at the hand-over
};

// One event sequence (a kiosk database) as the server holds it.
struct Sequence {
    std::string db_instance;
    std::string device_id;  // its current owner
    std::int64_t acked_through = 0;
    std::int64_t highest_seq = 0;
    std::optional<std::int64_t> first_seen_ms;  // unknown for sequences older than schema 2
};

// One row of the fleet view.
struct FleetEntry {
    Device device;
    std::optional<std::int64_t> last_heartbeat_ms;
    std::optional<std::int64_t> outbox_depth;
    // Kiosk clock minus server clock: the heartbeat's clock.at against the time it was received.
    std::optional<std::int64_t> clock_offset_ms;
    // The same difference as the kiosk measured it from the Date header (clock.skew_ms), if sent.
    std::optional<std::int64_t> reported_skew_ms;
    // The kiosk's own words for a refusal a person must look at (heartbeat sync_problem), if any.
    std::string sync_problem;
};

struct EventOutcome {
    std::string id;
    std::string status;  // protocol::status::*
    std::string reason;  // for rejected
};

struct IngestAck {
    std::string batch_id;
    std::int64_t acked_through = 0;
    std::vector<EventOutcome> results;
};

// What the HTTP layer reads of a parsed batch before ingesting it, and the answer it writes
// (here, free of HTTP, so the fuzz entry point reaches them too; docs/protocol.md).
bool asks_compact_ack(const json& batch);
std::size_t batch_event_count(const json& batch);  // 0 when there is no event list
// The compact form lists only events not stored and adds "covered" (count and id digest).
json ack_to_json(const IngestAck& ack, bool compact, int max_batch_events);

struct Alarm {
    // tamper_conflict, tamper_claimed, seq_gap, hash_chain_break, db_instance_handover, new_sequence
    std::string kind;
    std::string device_id;
    std::string db_instance;
    std::int64_t seq = 0;
    std::string detail;
    std::int64_t raised_at_ms = 0;
};

struct SiteConfig {
    std::string body;  // exact JSON sent to kiosks
    std::string etag;  // strong: quoted hash of body
    std::int64_t version = 0;
};

class ServerStore {
public:
    static constexpr int kSchemaVersion = 7;  // the number of migrations in server_store.cpp

    // Creates the file and schema if needed, migrating older schemas forward.
    // `report_utc_offset_minutes` (report.utc_offset_minutes) decides which local day and hour a
    // rating counts in for reports, `trust` (trust.*) which ratings carry which trust flag; opening
    // with another offset or other trust rules than the last time recomputes the report rollups
    // from the events (slow on a big database, once).
    static Result<ServerStore> open(const std::string& path,
                                    int report_utc_offset_minutes = clock::kDefaultUtcOffsetMinutes,
                                    const TrustRules& trust = default_trust_rules());

    Status add_site(const Site& site);
    Status add_counter(const Counter& counter);
    std::optional<Site> site(const std::string& id);
    std::vector<Counter> counters(const std::string& site_id);

    // Returns the code in its printed form (ABCD-EFGH). ttl_hours 0 makes an already expired code.
    Result<std::string> create_enroll_code(const std::string& site_id, const std::string& counter_id,
                                           std::int64_t ttl_hours, std::int64_t now_ms);
    // Fails with "code_invalid" for a wrong, used or expired code; the code is used up on success.
    // A db_instance the server already knows under another device is handed over to the new one,
    // and the previous owner is revoked, so only one live device may push that sequence.
    Result<Enrolment> enroll(const std::string& code, const std::string& hostname, const std::string& app_version,
                             std::int64_t now_ms, const std::string& db_instance = "");
    // Unknown and revoked tokens give nothing.
    std::optional<Device> device_for_token(const std::string& token);
    Status revoke_device(const std::string& device_id);  // now
    Status revoke_device(const std::string& device_id, std::int64_t now_ms);

    // Ingests a whole batch in one transaction. Fails (nothing stored) when the batch as a whole is
    // malformed, or with an error starting "db_instance_claimed" when its db_instance belongs to
    // another live device (a cloned disk: a tamper alarm is kept). Bad single events are
    // quarantined and answered "rejected".
    Result<IngestAck> ingest_batch(const Device& device, const json& batch, int max_batch_events,
                                   std::int64_t now_ms);
    std::int64_t acked_through(const std::string& db_instance);

    Status record_heartbeat(const Device& device, const json& body, std::int64_t now_ms);
    std::vector<FleetEntry> fleet();

    // `officers`: the site's list as sent (site_officers_json in server_settings.hpp); `tickets`:
    // the site's queue (site_queue_files.hpp), {} when the server keeps none for it.
    Result<SiteConfig> site_config(const std::string& site_id, const std::vector<SettingRow>& level_rows,
                                   const std::vector<SettingRow>& reason_rows, const json& officers,
                                   const json& tickets);

    std::vector<Alarm> alarms();
    std::vector<Handover> handovers();
    std::vector<Sequence> sequences();
    std::int64_t quarantine_count();
    std::int64_t event_count();

    // Report primitives: reports read the hierarchy and the rating rollups, never the events.
    std::vector<Site> sites();
    int report_utc_offset_minutes() const { return report_offset_minutes_; }
    const TrustRules& trust_rules() const { return trust_; }
    Status for_each_rating_rollup_row(const RollupQuery& query, const std::function<void(const RollupRow&)>& visit);
    // The queue facts ingest keeps (queue_facts.hpp).
    Status for_each_queue_count_row(const QueueRowsQuery& query, const std::function<void(const QueueCountRow&)>& visit);
    Status for_each_queue_ticket_row(const QueueRowsQuery& query,
                                     const std::function<void(const QueueTicketRow&)>& visit);

    sql::Database& database() { return db_; }

private:
    explicit ServerStore(sql::Database db, int report_offset_minutes, TrustRules trust)
        : db_(std::move(db)), report_offset_minutes_(report_offset_minutes), trust_(std::move(trust)) {}
    void migrate();
    void raise_alarm(const Alarm& alarm);
    void quarantine(const Device& device, const std::string& db_instance, std::optional<std::int64_t> seq,
                    const std::string& event_id, const std::string& reason, const json& raw, std::int64_t now_ms);
    EventOutcome ingest_event(const Device& device, const std::string& db_instance, const json& raw,
                              std::int64_t now_ms);
    // Writes a checked event and counts it; false when its id or seq is already stored.
    bool store_event(const Device& device, const std::string& db_instance, const Event& e,
                     const std::string& data_text, std::int64_t at_utc_ms, std::int64_t now_ms);
    // Sets the repeat and burst flags of a rating just stored (trust_ingest.cpp), and corrects
    // those of a later rating of the same kiosk database that was stored before it.
    void flag_rating(const std::string& db_instance, std::int64_t seq, bool newest, const std::optional<std::string>& ticket,
                     RatingFacts& facts);
    std::int64_t advance_acked_through(const std::string& db_instance, const std::string& device_id);
    // Makes `device` the owner of `db_instance` if the rule allows it (device_handover.cpp).
    Status claim_db_instance(const Device& device, const std::string& db_instance, std::int64_t now_ms);
    void hand_over(const std::string& db_instance, const std::string& from_device, const Device& to,
                   const std::string& trigger, std::int64_t now_ms);
    void revoke_in_transaction(const std::string& device_id, std::int64_t now_ms);
    // Ingest runs the same few statements for every event: each is prepared once and kept
    // (reset before use). Keyed by the address of its string literal (callers pass literals
    // only), so finding one costs no copy or hash of the SQL text. Declared after db_ so they
    // are finalized before it closes.
    sql::Statement& cached(const char* sql_literal);
    void reset_cached_statements();

    sql::Database db_;
    int report_offset_minutes_;
    TrustRules trust_;
    // Rating counts of the batch being ingested, written to the rollup before its commit.
    RollupDeltas rollup_deltas_;
    // The highest seq stored for the batch's db_instance and its hash, kept up to date while the
    // batch is ingested. An event that extends it needs no lookup of what is already stored.
    struct ChainTip {
        std::int64_t seq = 0;
        std::string hash;
    } tip_;
    // The stored rating of the batch's db_instance with the highest seq, kept like tip_: the
    // previous rating of a new one, for the burst flag, without a lookup.
    struct LastRating {
        std::int64_t seq = 0;  // 0: none stored
        std::int64_t at_utc_ms = 0;
    } last_rating_;
    std::unordered_map<const char*, std::unique_ptr<sql::Statement>> statements_;
};

// Normalises typed input ("abcd efgh", "ABCD-EFGH") to the stored form before hashing.
std::string normalize_enroll_code(const std::string& code);

}  // namespace motcua::server
