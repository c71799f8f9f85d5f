#include "core/event_store.hpp"

#include <charconv>

#include "core/clock.hpp"
#include "core/uuid.hpp"

namespace motcua {

namespace {
constexpr const char* kColumns = "seq, id, type, at, mono_ms, boot_id, data, prev_hash, hash";

// Each entry migrates from version (index) to version (index + 1). Never edit a shipped entry.
const char* const kMigrations[] = {
    R"SQL(
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE events (
        seq       INTEGER PRIMARY KEY,
        id        TEXT NOT NULL UNIQUE,
        type      TEXT NOT NULL,
        at        TEXT NOT NULL,
        mono_ms   INTEGER NOT NULL,
        boot_id   TEXT NOT NULL,
        data      TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
    );
    -- Append-only: nobody at the counter can quietly edit or erase a rating.
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    )SQL",
};
}  // namespace

Result<EventStore> EventStore::open(const std::string& path) {
    auto db = sql::Database::open(path);
    if (!db) return Result<EventStore>::failure(db.error());
    EventStore store(std::move(db.value()));
    try {
        store.migrate();
        auto instance = store.meta("db_instance");
        if (!instance) return Result<EventStore>::failure("database " + path + " has no db_instance");
        store.db_instance_ = *instance;
    } catch (const sql::Error& e) {
        return Result<EventStore>::failure("cannot prepare database " + path + ": " + e.what());
    }
    return Result<EventStore>(std::move(store));
}

void EventStore::migrate() {
    db_.migrate(kMigrations, "motcua-kiosk and motcua-sync", [this](int new_version) {
        if (new_version != 1) return;
        // Born with the file: a new db_instance tells the server this is a new seq sequence.
        auto st = db_.prepare("INSERT INTO meta(key, value) VALUES ('db_instance', ?), ('acked_through', '0')");
        st.bind(1, uuid_v4());
        st.step();
    });
}

Event EventStore::insert_in_transaction(std::string_view type, const json& data, std::int64_t config_version) {
    Event e;
    {
        auto last = db_.prepare("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
        if (last.step()) {
            e.seq = last.column_int(0) + 1;
            e.prev_hash = last.column_text(1);
        } else {
            e.seq = 1;
        }
    }
    std::int64_t now = clock::unix_ms_now();
    e.id = uuid_v7_at(now);
    e.type = std::string(type);
    e.at = clock::rfc3339_ms(now, utc_offset_minutes_);
    e.mono_ms = clock::monotonic_ms();
    e.boot_id = clock::boot_id();
    e.data = data;
    if (config_version > 0 && e.data.is_object() && !e.data.contains("config_version"))
        e.data["config_version"] = config_version;
    e.hash = compute_event_hash(e);
    auto ins = db_.prepare(
        "INSERT INTO events(seq, id, type, at, mono_ms, boot_id, data, prev_hash, hash) "
        "VALUES (?,?,?,?,?,?,?,?,?)");
    ins.bind(1, e.seq).bind(2, e.id).bind(3, e.type).bind(4, e.at).bind(5, e.mono_ms).bind(6, e.boot_id);
    ins.bind(7, canonical_json(e.data)).bind(8, e.prev_hash).bind(9, e.hash);
    ins.step();
    return e;
}

Result<Event> EventStore::append(std::string_view type, const json& data, std::int64_t config_version) {
    try {
        sql::Transaction tx(db_);
        Event e = insert_in_transaction(type, data, config_version);
        tx.commit();
        return e;
    } catch (const sql::Error& err) {
        return Result<Event>::failure(std::string("could not save event: ") + err.what());
    } catch (const json::exception& err) {
        return Result<Event>::failure(std::string("event data is not valid UTF-8 JSON: ") + err.what());
    }
}

Result<std::vector<Event>> EventStore::append_decided(std::int64_t after_seq, const Decide& decide) {
    using R = Result<std::vector<Event>>;
    try {
        sql::Transaction tx(db_);  // IMMEDIATE: no other writer until commit
        std::vector<Event> newer;
        {
            auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM events WHERE seq > ? ORDER BY seq");
            st.bind(1, after_seq);
            while (st.step()) newer.push_back(read_row(st));
        }
        Result<std::vector<NewEvent>> decided = decide(newer);
        if (!decided) return R::failure(decided.error());  // the destructor rolls back: nothing written
        std::vector<Event> appended;
        for (const NewEvent& n : decided.value()) appended.push_back(insert_in_transaction(n.type, n.data, n.config_version));
        tx.commit();
        return appended;
    } catch (const sql::Error& err) {
        return R::failure(std::string("could not save events: ") + err.what());
    } catch (const json::exception& err) {
        return R::failure(std::string("event data is not valid UTF-8 JSON: ") + err.what());
    }
}

Result<Event> EventStore::append(std::string_view type, const json& data) {
    std::int64_t saved_version = 0;
    try {
        saved_version = config_version();
    } catch (const sql::Error& err) {
        return Result<Event>::failure(std::string("could not save event: ") + err.what());
    }
    return append(type, data, saved_version);
}

Event EventStore::read_row(sql::Statement& st) {
    Event e;
    e.seq = st.column_int(0);
    e.id = st.column_text(1);
    e.type = st.column_text(2);
    e.at = st.column_text(3);
    e.mono_ms = st.column_int(4);
    e.boot_id = st.column_text(5);
    e.data = json::parse(st.column_text(6), nullptr, false);
    e.prev_hash = st.column_text(7);
    e.hash = st.column_text(8);
    return e;
}

std::vector<Event> EventStore::events_after(std::int64_t seq, int limit, std::size_t max_bytes) {
    std::vector<Event> out;
    auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM events WHERE seq > ? ORDER BY seq LIMIT ?");
    st.bind(1, seq).bind(2, static_cast<std::int64_t>(limit));
    std::size_t bytes = 0;
    while (st.step()) {
        Event e = read_row(st);
        std::size_t size = e.to_json().dump().size() + 1;
        if (!out.empty() && bytes + size > max_bytes) break;
        bytes += size;
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<EventText> EventStore::event_texts_after(std::int64_t seq, int limit, std::size_t max_bytes) {
    std::vector<EventText> out;
    for_each_event_text_after(seq, limit, max_bytes, [&](const EventText& e) { out.push_back(e); });
    return out;
}

void EventStore::for_each_event_text_after(std::int64_t seq, int limit, std::size_t max_bytes,
                                           const std::function<void(const EventText&)>& visit) {
    auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM events WHERE seq > ? ORDER BY seq LIMIT ?");
    st.bind(1, seq).bind(2, static_cast<std::int64_t>(limit));
    std::size_t bytes = 0;
    bool first = true;
    auto quoted = [](const std::string& text) { return json(text).dump(); };
    EventText e;  // one buffer for every event
    e.json.reserve(1024);
    while (st.step()) {
        e.seq = st.column_int(0);
        e.id = st.column_text(1);
        // Same members and order as Event::to_json; data is the canonical JSON append stored.
        e.json.clear();
        e.json.append("{\"id\":").append(quoted(e.id));
        e.json.append(",\"seq\":").append(std::to_string(e.seq));
        e.json.append(",\"type\":").append(quoted(st.column_text(2)));
        e.json.append(",\"at\":").append(quoted(st.column_text(3)));
        e.json.append(",\"mono_ms\":").append(std::to_string(st.column_int(4)));
        e.json.append(",\"boot_id\":").append(quoted(st.column_text(5)));
        e.json.append(",\"prev_hash\":").append(quoted(st.column_text(7)));
        e.json.append(",\"hash\":").append(quoted(st.column_text(8)));
        e.json.append(",\"data\":").append(st.column_text(6)).append("}");
        std::size_t size = e.json.size() + 1;
        if (!first && bytes + size > max_bytes) break;
        bytes += size;
        first = false;
        visit(e);
    }
}

std::vector<Event> EventStore::all_events() { return events_after(0, 1 << 30, SIZE_MAX); }

std::int64_t EventStore::last_seq() {
    return db_.query_int("SELECT coalesce(max(seq), 0) FROM events");
}

std::int64_t EventStore::count() {
    return db_.query_int("SELECT count(*) FROM events");
}

std::int64_t EventStore::count_of_type(std::string_view type) {
    auto st = db_.prepare("SELECT count(*) FROM events WHERE type = ?");
    st.bind(1, type);
    st.step();
    return st.column_int(0);
}

std::int64_t EventStore::acked_through() {
    auto v = meta("acked_through");
    if (!v) return 0;
    std::int64_t seq = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), seq);
    // A damaged cursor must not be guessed: sending from the wrong place could skip events.
    if (ec != std::errc() || end != v->data() + v->size() || seq < 0)
        throw sql::Error("the sync cursor (meta acked_through) is not a number: '" + v->substr(0, 40) + "'");
    return seq;
}

Status EventStore::set_acked_through(std::int64_t seq) {
    try {
        sql::Transaction tx(db_);
        auto st = db_.prepare(
            "UPDATE meta SET value = CAST(max(CAST(value AS INTEGER), ?) AS TEXT) WHERE key = 'acked_through'");
        st.bind(1, seq);
        st.step();
        tx.commit();
        return Status::success();
    } catch (const sql::Error& e) {
        return Status::failure(std::string("could not save sync cursor: ") + e.what());
    }
}

std::optional<std::string> EventStore::oldest_unsent_at() {
    auto st = db_.prepare("SELECT at FROM events WHERE seq > ? ORDER BY seq LIMIT 1");
    st.bind(1, acked_through());
    if (st.step()) return st.column_text(0);
    return std::nullopt;
}

ChainCheck EventStore::verify_chain() {
    ChainCheck check;
    auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM events ORDER BY seq");
    std::string prev = kGenesisHash;
    std::int64_t expected_seq = 1;
    while (st.step()) {
        Event e = read_row(st);
        ++check.events;
        std::string problem;
        if (e.seq != expected_seq) problem = "seq " + std::to_string(expected_seq) + " is missing";
        else if (e.prev_hash != prev) problem = "prev_hash does not match the previous event";
        else if (e.data.is_discarded()) problem = "data is not valid JSON";
        else if (compute_event_hash(e) != e.hash) problem = "hash does not match the content";
        if (!problem.empty()) {
            check.ok = false;
            check.first_bad_seq = e.seq;
            check.problem = problem;
            return check;
        }
        prev = e.hash;
        ++expected_seq;
    }
    return check;
}

Status EventStore::limit_page_cache(int kib) {
    try {
        db_.exec("PRAGMA cache_size=-" + std::to_string(kib));
        return Status::success();
    } catch (const sql::Error& e) {
        return Status::failure(std::string("could not set the page cache size: ") + e.what());
    }
}

std::int64_t EventStore::config_version() { return meta_number("config_version").value_or(0); }

std::optional<std::int64_t> EventStore::meta_number(const std::string& key) {
    auto text = meta(key);
    if (!text || text->empty()) return std::nullopt;
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
    return value;
}

std::optional<std::string> EventStore::meta(const std::string& key) {
    auto st = db_.prepare("SELECT value FROM meta WHERE key = ?");
    st.bind(1, key);
    if (st.step()) return st.column_text(0);
    return std::nullopt;
}

Status EventStore::set_meta(const std::string& key, const std::string& value) {
    try {
        auto st = db_.prepare("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        st.bind(1, key).bind(2, value);
        st.step();
        return Status::success();
    } catch (const sql::Error& e) {
        return Status::failure(std::string("could not save setting: ") + e.what());
    }
}

}  // namespace motcua
