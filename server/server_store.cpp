#include "server/server_store.hpp"

#include <cctype>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "server/queue_facts.hpp"

namespace motcua::server {

namespace {

// Schema steps by user_version; a step is never edited once released, only new ones added.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- The hierarchy (province -> centre -> reception point) is data, never a hard-coded tier.
CREATE TABLE sites(id TEXT PRIMARY KEY, name TEXT NOT NULL, parent_id TEXT REFERENCES sites(id));
CREATE TABLE counters(site_id TEXT NOT NULL REFERENCES sites(id), id TEXT NOT NULL, name TEXT NOT NULL,
                      PRIMARY KEY(site_id, id));
CREATE TABLE enroll_codes(code_hash TEXT PRIMARY KEY, site_id TEXT NOT NULL, counter_id TEXT NOT NULL,
                          created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER, device_id TEXT,
                          FOREIGN KEY(site_id, counter_id) REFERENCES counters(site_id, id));
CREATE TABLE devices(device_id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, site_id TEXT NOT NULL,
                     counter_id TEXT NOT NULL, hostname TEXT NOT NULL, app_version TEXT NOT NULL,
                     enrolled_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
-- The dedup keys are permanent: a retry can never be counted twice.
CREATE TABLE events(device_id TEXT NOT NULL, id TEXT NOT NULL, db_instance TEXT NOT NULL, seq INTEGER NOT NULL,
                    type TEXT NOT NULL, at TEXT NOT NULL, at_utc_ms INTEGER NOT NULL, mono_ms INTEGER NOT NULL,
                    boot_id TEXT NOT NULL, data TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
                    received_at INTEGER NOT NULL, site_id TEXT NOT NULL, counter_id TEXT, officer_id TEXT,
                    service_id TEXT, score INTEGER,
                    UNIQUE(device_id, id), UNIQUE(db_instance, seq));
-- Covering index for the monthly per-site/counter rating report (measured: full scan 2.6 s vs 29 ms at 10 M rows).
CREATE INDEX events_ratings ON events(type, site_id, at_utc_ms, counter_id, score);
CREATE TABLE db_instances(db_instance TEXT PRIMARY KEY, device_id TEXT NOT NULL,
                          acked_through INTEGER NOT NULL DEFAULT 0, highest_seq INTEGER NOT NULL DEFAULT 0);
CREATE TABLE quarantine(qid INTEGER PRIMARY KEY, device_id TEXT NOT NULL, db_instance TEXT, seq INTEGER,
                        event_id TEXT, reason TEXT NOT NULL, raw TEXT NOT NULL, received_at INTEGER NOT NULL);
CREATE INDEX quarantine_seq ON quarantine(db_instance, seq);
CREATE TABLE alarms(aid INTEGER PRIMARY KEY, kind TEXT NOT NULL, device_id TEXT NOT NULL, db_instance TEXT NOT NULL,
                    seq INTEGER NOT NULL, detail TEXT NOT NULL, raised_at INTEGER NOT NULL,
                    UNIQUE(kind, db_instance, seq, detail));
CREATE TABLE heartbeats(device_id TEXT PRIMARY KEY, received_at INTEGER NOT NULL, body TEXT NOT NULL,
                        outbox_depth INTEGER, app_version TEXT);
-- A config's version changes exactly when its content does, so kiosks can record it on events.
CREATE TABLE config_versions(site_id TEXT NOT NULL, body_hash TEXT NOT NULL, version INTEGER NOT NULL,
                             PRIMARY KEY(site_id, body_hash));
)sql",
    // Re-enrolment: a kiosk database (db_instance) may move to a new device; the move is recorded.
    R"sql(
ALTER TABLE devices ADD COLUMN revoked_at INTEGER;
-- The printed code a device enrolled with, kept once it is used up (it grants nothing any more),
-- so a hand-over can say which code IT staff gave out.
ALTER TABLE devices ADD COLUMN enroll_code TEXT;
ALTER TABLE db_instances ADD COLUMN first_seen_at INTEGER;
CREATE TABLE handovers(hid INTEGER PRIMARY KEY, db_instance TEXT NOT NULL, from_device TEXT NOT NULL,
                       to_device TEXT NOT NULL, handed_at INTEGER NOT NULL, trigger TEXT NOT NULL,
                       enroll_code TEXT NOT NULL, site_id TEXT NOT NULL, counter_id TEXT NOT NULL,
                       hostname TEXT NOT NULL, acked_through INTEGER NOT NULL);
CREATE INDEX handovers_instance ON handovers(db_instance);
CREATE INDEX db_instances_device ON db_instances(device_id);
)sql",
    // Ratings bound to a served queue ticket (issue 6): the ticket is a column so reports can count
    // ratings with and without a ticket, and find a ticket's rating, without parsing every data text.
    R"sql(
ALTER TABLE events ADD COLUMN ticket_id TEXT;
UPDATE events SET ticket_id = json_extract(data, '$.ticket_id')
 WHERE type = 'rating.submitted' AND json_type(data, '$.ticket_id') = 'text';
)sql",
    // The web dashboard (server/web/): leader and admin accounts, retired never deleted; sessions
    // stored only by the hash of their cookie; enrolment codes revoked from the fleet page.
    R"sql(
CREATE TABLE web_users(username TEXT PRIMARY KEY, display_name TEXT NOT NULL,
                       role TEXT NOT NULL CHECK(role IN ('admin', 'leader')), site_id TEXT REFERENCES sites(id),
                       password_hash TEXT NOT NULL, created_at INTEGER NOT NULL, retired_at INTEGER);
CREATE TABLE web_sessions(id_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES web_users(username),
                          csrf_token TEXT NOT NULL, created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL);
ALTER TABLE enroll_codes ADD COLUMN revoked_at INTEGER;
)sql",
    // Reports read exact pre-aggregated counts (report_rollup.hpp), kept up to date by ingest in the
    // same transaction as each event. The back-fill from the events table runs right after this step,
    // in its transaction (ServerStore::migrate).
    R"sql(
-- grain 0: one local day (day = its number); grain 1: one local month (day = its first day).
CREATE TABLE rating_rollup(dim TEXT NOT NULL, grain INTEGER NOT NULL, by_counter INTEGER NOT NULL,
                           site_id TEXT NOT NULL, counter_id TEXT NOT NULL, day INTEGER NOT NULL, key TEXT NOT NULL,
                           score INTEGER NOT NULL, ratings INTEGER NOT NULL, dossiers INTEGER NOT NULL,
                           PRIMARY KEY(dim, grain, by_counter, site_id, counter_id, day, key, score)) WITHOUT ROWID;
)sql",
    // Queue reports (issue 8) read exact facts kept by ingest (queue_facts.hpp); the back-fill from the
    // events table runs right after this step, in its transaction. `day` is the ticket's local day
    // number; counter_id '' is no counter (a dispenser's issue, a cancel by the day's close).
    R"sql(
CREATE TABLE queue_counts(site_id TEXT NOT NULL, day INTEGER NOT NULL, hour INTEGER NOT NULL, counter_id TEXT NOT NULL,
                          field TEXT NOT NULL, issued INTEGER NOT NULL, served INTEGER NOT NULL,
                          no_show INTEGER NOT NULL, cancelled INTEGER NOT NULL,
                          PRIMARY KEY(site_id, day, hour, counter_id, field)) WITHOUT ROWID;
CREATE TABLE queue_tickets(site_id TEXT NOT NULL, day INTEGER NOT NULL, ticket_id TEXT NOT NULL, field TEXT NOT NULL,
                           issued_at INTEGER, first_call_at INTEGER, call_counter TEXT NOT NULL, start_at INTEGER,
                           served_at INTEGER, serve_counter TEXT NOT NULL, no_shows INTEGER NOT NULL,
                           PRIMARY KEY(site_id, day, ticket_id)) WITHOUT ROWID;
)sql",
    // Trust flags (trust_flags.hpp): at ingest a rating's previous rating in its kiosk database and
    // the earlier ratings of its ticket are found through these (partial, ratings only) indexes,
    // never a scan. The rollup's rows count the flags in four columns (report_rollup.hpp); it is
    // recounted with them right after this step, in its transaction.
    R"sql(
ALTER TABLE rating_rollup ADD COLUMN flag_no_ticket INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rating_rollup ADD COLUMN flag_repeat INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rating_rollup ADD COLUMN flag_burst INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rating_rollup ADD COLUMN flag_outside_hours INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS events_rating_seq ON events(db_instance, seq, at_utc_ms) WHERE score IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_rating_ticket ON events(db_instance, ticket_id, seq)
 WHERE score IS NOT NULL AND ticket_id IS NOT NULL;
)sql",
};

constexpr int kQueueFactsSchemaVersion = 6;
// The rating rollup is (re)built after this step: its table came with step 5, its flags with step 7.
constexpr int kTrustFlagsSchemaVersion = 7;

// No 0/O, 1/I/L: codes are read aloud and typed by IT staff on a touch screen.
constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

// A normalised code as it is printed and read aloud: ABCD-EFGH.
std::string printed_code(const std::string& normalised) {
    return normalised.size() == 8 ? normalised.substr(0, 4) + "-" + normalised.substr(4) : normalised;
}

// The heartbeat body is kept as received; the clock facts are read from it for the fleet view.
void read_heartbeat_clock(const json& body, FleetEntry& f) {
    if (!body.is_object()) return;
    if (auto problem = body.find("sync_problem"); problem != body.end() && problem->is_object()) {
        auto words = problem->find("message");
        if (words != problem->end() && words->is_string()) f.sync_problem = words->get<std::string>();
    }
    auto kiosk_clock = body.find("clock");
    if (kiosk_clock == body.end() || !kiosk_clock->is_object() || !f.last_heartbeat_ms) return;
    auto at = kiosk_clock->find("at");
    std::int64_t at_ms = 0;
    if (at != kiosk_clock->end() && at->is_string() && clock::parse_rfc3339(at->get<std::string>(), at_ms))
        f.clock_offset_ms = at_ms - *f.last_heartbeat_ms;
    auto skew = kiosk_clock->find("skew_ms");
    if (skew != kiosk_clock->end() && skew->is_number_integer()) f.reported_skew_ms = skew->get<std::int64_t>();
}

std::optional<std::string> optional_text(sql::Statement& st, int col) {
    if (st.column_is_null(col)) return std::nullopt;
    return st.column_text(col);
}

}  // namespace

Result<ServerStore> ServerStore::open(const std::string& path, int report_utc_offset_minutes, const TrustRules& trust) {
    auto db = sql::Database::open(path);
    if (!db) return Result<ServerStore>::failure(db.error());
    ServerStore store(std::move(db.value()), report_utc_offset_minutes, trust);
    try {
        store.migrate();
    } catch (const sql::Error& e) {
        return Result<ServerStore>::failure("cannot prepare database " + path + ": " + e.what());
    }
    return Result<ServerStore>(std::move(store));
}

void ServerStore::migrate() {
    db_.migrate(kMigrations, "motcua-server", [this](int new_version) {
        if (new_version == kQueueFactsSchemaVersion) rebuild_queue_facts(db_, report_offset_minutes_);
        if (new_version == kTrustFlagsSchemaVersion) rebuild_rating_rollup(db_, report_offset_minutes_, trust_);
    });
    auto meta = [this](const char* key) {
        auto st = db_.prepare("SELECT value FROM meta WHERE key = ?");
        st.bind(1, std::string_view(key));
        return st.step() ? std::optional<std::string>(st.column_text(0)) : std::nullopt;
    };
    const bool same_offset = meta("rollup_utc_offset_minutes") == std::to_string(report_offset_minutes_);
    const bool same_trust = meta("rollup_trust_rules") == trust_.fingerprint();
    if (same_offset && same_trust) return;
    // Local days and hours moved with the offset, or the flags' rules changed: recount them.
    sql::Transaction tx(db_);
    rebuild_rating_rollup(db_, report_offset_minutes_, trust_);
    if (!same_offset) rebuild_queue_facts(db_, report_offset_minutes_);
    tx.commit();
}

std::vector<Site> ServerStore::sites() {
    auto st = db_.prepare("SELECT id, name, parent_id FROM sites ORDER BY id");
    std::vector<Site> out;
    while (st.step()) out.push_back({st.column_text(0), st.column_text(1), optional_text(st, 2)});
    return out;
}

Status ServerStore::for_each_rating_rollup_row(const RollupQuery& query,
                                               const std::function<void(const RollupRow&)>& visit) {
    try {
        for_each_rollup_row(db_, query, visit);
    } catch (const sql::Error& e) {
        return Status::failure(std::string("cannot read the report counts: ") + e.what());
    }
    return Status::success();
}

Status ServerStore::for_each_queue_count_row(const QueueRowsQuery& query,
                                             const std::function<void(const QueueCountRow&)>& visit) {
    try {
        for_each_queue_count(db_, query, visit);
    } catch (const sql::Error& e) {
        return Status::failure(std::string("cannot read the queue counts: ") + e.what());
    }
    return Status::success();
}

Status ServerStore::for_each_queue_ticket_row(const QueueRowsQuery& query,
                                              const std::function<void(const QueueTicketRow&)>& visit) {
    try {
        for_each_queue_ticket(db_, query, visit);
    } catch (const sql::Error& e) {
        return Status::failure(std::string("cannot read the queue tickets: ") + e.what());
    }
    return Status::success();
}

Status ServerStore::add_site(const Site& site) {
    if (site.id.empty() || site.name.empty()) return Status::failure("a site needs an id and a name");
    try {
        if (site.parent_id && !this->site(*site.parent_id))
            return Status::failure("parent site '" + *site.parent_id + "' does not exist");
        auto st = db_.prepare("INSERT INTO sites(id, name, parent_id) VALUES(?, ?, ?)");
        st.bind(1, site.id).bind(2, site.name).bind_optional(3, site.parent_id);
        st.step();
    } catch (const sql::Error& e) {
        return Status::failure("cannot add site '" + site.id + "' (does it exist already?): " + e.what());
    }
    return Status::success();
}

Status ServerStore::add_counter(const Counter& counter) {
    if (counter.id.empty() || counter.name.empty()) return Status::failure("a counter needs an id and a name");
    try {
        if (!site(counter.site_id)) return Status::failure("site '" + counter.site_id + "' does not exist");
        auto st = db_.prepare("INSERT INTO counters(site_id, id, name) VALUES(?, ?, ?)");
        st.bind(1, counter.site_id).bind(2, counter.id).bind(3, counter.name);
        st.step();
    } catch (const sql::Error& e) {
        return Status::failure("cannot add counter '" + counter.id + "' (does it exist already?): " + e.what());
    }
    return Status::success();
}

std::optional<Site> ServerStore::site(const std::string& id) {
    auto st = db_.prepare("SELECT id, name, parent_id FROM sites WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return Site{st.column_text(0), st.column_text(1), optional_text(st, 2)};
}

std::vector<Counter> ServerStore::counters(const std::string& site_id) {
    auto st = db_.prepare("SELECT site_id, id, name FROM counters WHERE site_id = ? ORDER BY id");
    st.bind(1, site_id);
    std::vector<Counter> out;
    while (st.step()) out.push_back({st.column_text(0), st.column_text(1), st.column_text(2)});
    return out;
}

std::string normalize_enroll_code(const std::string& code) {
    std::string out;
    for (char c : code) {
        if (c == '-' || c == ' ') continue;
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return out;
}

Result<std::string> ServerStore::create_enroll_code(const std::string& site_id, const std::string& counter_id,
                                                    std::int64_t ttl_hours, std::int64_t now_ms) {
    try {
        auto check = db_.prepare("SELECT 1 FROM counters WHERE site_id = ? AND id = ?");
        check.bind(1, site_id).bind(2, counter_id);
        if (!check.step())
            return Result<std::string>::failure("counter '" + counter_id + "' of site '" + site_id +
                                                "' does not exist (add it with: counter add)");
        std::string code;
        // Rejection sampling keeps every letter equally likely.
        while (code.size() < 8) {
            for (auto b : crypto::random_bytes(16)) {
                if (b >= 248 || code.size() == 8) continue;
                code.push_back(kCodeAlphabet[b % kCodeAlphabet.size()]);
            }
        }
        auto st = db_.prepare(
            "INSERT INTO enroll_codes(code_hash, site_id, counter_id, created_at, expires_at) VALUES(?, ?, ?, ?, ?)");
        st.bind(1, crypto::sha256_hex(code)).bind(2, site_id).bind(3, counter_id).bind(4, now_ms);
        st.bind(5, now_ms + ttl_hours * 3600 * 1000);
        st.step();
        return printed_code(code);
    } catch (const sql::Error& e) {
        return Result<std::string>::failure(std::string("cannot create the code: ") + e.what());
    }
}

Result<Enrolment> ServerStore::enroll(const std::string& code, const std::string& hostname,
                                      const std::string& app_version, std::int64_t now_ms,
                                      const std::string& db_instance) {
    auto invalid = [] { return Result<Enrolment>::failure("code_invalid"); };
    sql::Transaction tx(db_);
    std::string code_hash = crypto::sha256_hex(normalize_enroll_code(code));
    auto st = db_.prepare(
        "SELECT site_id, counter_id FROM enroll_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?");
    st.bind(1, code_hash).bind(2, now_ms);
    if (!st.step()) return invalid();
    Enrolment e;
    e.device.site_id = st.column_text(0);
    e.device.counter_id = st.column_text(1);
    e.device.device_id = "kiosk-" + crypto::sha256_hex(crypto::base64url(crypto::random_bytes(16))).substr(0, 12);
    e.device.hostname = hostname;
    e.device.app_version = app_version;
    e.device.enrolled_at_ms = now_ms;
    e.token = crypto::base64url(crypto::random_bytes(32));
    auto insert = db_.prepare(
        "INSERT INTO devices(device_id, token_hash, site_id, counter_id, hostname, app_version, enrolled_at, "
        "enroll_code) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, e.device.device_id).bind(2, crypto::sha256_hex(e.token)).bind(3, e.device.site_id);
    insert.bind(4, e.device.counter_id).bind(5, hostname).bind(6, app_version).bind(7, now_ms);
    insert.bind(8, printed_code(normalize_enroll_code(code)));
    insert.step();
    auto use = db_.prepare("UPDATE enroll_codes SET used_at = ?, device_id = ? WHERE code_hash = ?");
    use.bind(1, now_ms).bind(2, e.device.device_id).bind(3, code_hash);
    use.step();
    auto found = site(e.device.site_id);
    if (!found) return invalid();
    e.site = *found;
    if (!db_instance.empty()) {
        auto owner = db_.prepare("SELECT device_id FROM db_instances WHERE db_instance = ?");
        owner.bind(1, db_instance);
        if (!owner.step()) {
            auto claim = db_.prepare(
                "INSERT INTO db_instances(db_instance, device_id, first_seen_at) VALUES(?, ?, ?)");
            claim.bind(1, db_instance).bind(2, e.device.device_id).bind(3, now_ms);
            claim.step();
        } else {
            // Enrolling needs a code from IT staff, so this is the documented recovery path (or a
            // re-enrolment without a revoke): the old device is retired, the sequence continues.
            e.took_over_from = owner.column_text(0);
            revoke_in_transaction(*e.took_over_from, now_ms);
            hand_over(db_instance, *e.took_over_from, e.device, "enrol", now_ms);
        }
    }
    tx.commit();
    return e;
}

std::optional<Device> ServerStore::device_for_token(const std::string& token) {
    if (token.empty()) return std::nullopt;
    // Looking up by hash means the raw token is never compared, so timing reveals nothing.
    auto st = db_.prepare(
        "SELECT device_id, site_id, counter_id, hostname, app_version, enrolled_at, revoked FROM devices "
        "WHERE token_hash = ? AND revoked = 0");
    st.bind(1, crypto::sha256_hex(token));
    if (!st.step()) return std::nullopt;
    return Device{st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3),
                  st.column_text(4), st.column_int(5),  st.column_int(6) != 0};
}

Status ServerStore::revoke_device(const std::string& device_id) { return revoke_device(device_id, clock::unix_ms_now()); }

Status ServerStore::revoke_device(const std::string& device_id, std::int64_t now_ms) {
    auto known = db_.prepare("SELECT 1 FROM devices WHERE device_id = ?");
    known.bind(1, device_id);
    if (!known.step()) return Status::failure("no device '" + device_id + "'");
    revoke_in_transaction(device_id, now_ms);
    return Status::success();
}

void ServerStore::revoke_in_transaction(const std::string& device_id, std::int64_t now_ms) {
    // The first revocation time is kept: re-enrolments are judged against it.
    auto st = db_.prepare("UPDATE devices SET revoked = 1, revoked_at = coalesce(revoked_at, ?) WHERE device_id = ?");
    st.bind(1, now_ms).bind(2, device_id);
    st.step();
}

Status ServerStore::record_heartbeat(const Device& device, const json& body, std::int64_t now_ms) {
    try {
        auto st = db_.prepare(
            "INSERT INTO heartbeats(device_id, received_at, body, outbox_depth, app_version) VALUES(?, ?, ?, ?, ?) "
            "ON CONFLICT(device_id) DO UPDATE SET received_at = excluded.received_at, body = excluded.body, "
            "outbox_depth = excluded.outbox_depth, app_version = excluded.app_version");
        st.bind(1, device.device_id).bind(2, now_ms).bind(3, body.dump());
        auto depth = body.find("outbox_depth");
        if (depth != body.end() && depth->is_number_integer()) st.bind(4, depth->get<std::int64_t>());
        else st.bind_null(4);
        auto version = body.find("app_version");
        if (version != body.end() && version->is_string()) st.bind(5, version->get<std::string>());
        else st.bind_null(5);
        st.step();
    } catch (const sql::Error& e) {
        return Status::failure(std::string("cannot record the heartbeat: ") + e.what());
    }
    return Status::success();
}

std::vector<FleetEntry> ServerStore::fleet() {
    auto st = db_.prepare(
        "SELECT d.device_id, d.site_id, d.counter_id, d.hostname, coalesce(h.app_version, d.app_version), "
        "d.enrolled_at, d.revoked, h.received_at, h.outbox_depth, h.body "
        "FROM devices d LEFT JOIN heartbeats h ON h.device_id = d.device_id ORDER BY d.site_id, d.counter_id");
    std::vector<FleetEntry> out;
    while (st.step()) {
        FleetEntry f;
        f.device = Device{st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3),
                          st.column_text(4), st.column_int(5),  st.column_int(6) != 0};
        if (!st.column_is_null(7)) f.last_heartbeat_ms = st.column_int(7);
        if (!st.column_is_null(8)) f.outbox_depth = st.column_int(8);
        if (!st.column_is_null(9)) read_heartbeat_clock(json::parse(st.column_text(9), nullptr, false), f);
        out.push_back(std::move(f));
    }
    return out;
}

Result<SiteConfig> ServerStore::site_config(const std::string& site_id, const std::vector<SettingRow>& level_rows,
                                            const std::vector<SettingRow>& reason_rows, const json& officers,
                                            const json& tickets) {
    auto found = site(site_id);
    if (!found) return Result<SiteConfig>::failure("site '" + site_id + "' does not exist");
    json counters = json::array();
    for (auto& c : this->counters(site_id)) counters.push_back({{"id", c.id}, {"name", c.name}});
    // Rating rows go out exactly as configured (string fields), so a kiosk builds its scale with
    // the same core function (rating_scale_from_rows) that checked them here.
    json levels = json::array();
    for (auto& row : level_rows) levels.push_back(row);
    json reasons = json::array();
    for (auto& row : reason_rows) reasons.push_back(row);
    json body{{"site", {{"id", found->id}, {"name", found->name}, {"parent_id", found->parent_id ? json(*found->parent_id) : json()}}},
              {"counters", counters},
              {"services", json::array()},
              {"officers", officers},
              {"rating", {{"scale", levels}, {"reasons", reasons}}},
              {"tickets", tickets},
              {"display", json::object()}};
    std::string content_hash = crypto::sha256_hex(canonical_json(body));
    sql::Transaction tx(db_);
    auto find = db_.prepare("SELECT version FROM config_versions WHERE site_id = ? AND body_hash = ?");
    find.bind(1, site_id).bind(2, content_hash);
    SiteConfig config;
    if (find.step()) {
        config.version = find.column_int(0);
    } else {
        auto next = db_.prepare("SELECT coalesce(max(version), 0) + 1 FROM config_versions WHERE site_id = ?");
        next.bind(1, site_id);
        next.step();
        config.version = next.column_int(0);
        auto insert = db_.prepare("INSERT INTO config_versions(site_id, body_hash, version) VALUES(?, ?, ?)");
        insert.bind(1, site_id).bind(2, content_hash).bind(3, config.version);
        insert.step();
    }
    tx.commit();
    body["version"] = config.version;
    config.body = body.dump();
    config.etag = "\"" + crypto::sha256_hex(config.body).substr(0, 32) + "\"";
    return config;
}

std::vector<Alarm> ServerStore::alarms() {
    auto st = db_.prepare("SELECT kind, device_id, db_instance, seq, detail, raised_at FROM alarms ORDER BY aid");
    std::vector<Alarm> out;
    while (st.step())
        out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_int(3), st.column_text(4),
                       st.column_int(5)});
    return out;
}

std::int64_t ServerStore::quarantine_count() {
    return db_.query_int("SELECT count(*) FROM quarantine");
}

std::int64_t ServerStore::event_count() {
    return db_.query_int("SELECT count(*) FROM events");
}

}  // namespace motcua::server
