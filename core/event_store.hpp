// The kiosk's durable event log and outbox. The kiosk appends; motcua-sync reads
// unsent events and advances the cursor only on a valid server ack.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/event.hpp"
#include "core/result.hpp"
#include "core/sqlite.hpp"

namespace motcua {

// Meta keys one program writes and another reads (the kiosk writes, motcua-sync reports them).
namespace meta_key {
inline constexpr const char* kKioskConfigVersion = "kiosk_config_version";  // version on the kiosk's screen
inline constexpr const char* kKioskConfigProblem = "kiosk_config_problem";  // why the kiosk refused a file
inline constexpr const char* kStartLanguage = "kiosk_start_language";  // "vi"/"en" chosen on the IT screen
}  // namespace meta_key

struct ChainCheck {
    bool ok = true;
    std::int64_t events = 0;
    std::int64_t first_bad_seq = 0;
    std::string problem;
};

class EventStore {
public:
    static constexpr int kSchemaVersion = 1;

    // Creates the file and schema if needed, migrating older schemas forward.
    static Result<EventStore> open(const std::string& path);

    // Commits the event (WAL, synchronous=FULL) before returning: when this succeeds the
    // event survives a power cut. Fails cleanly (disk full, read-only file) without throwing.
    // `config_version` is the server configuration the fact happened under (for a rating: the
    // one on screen); it is put in data.config_version when > 0 and data has none.
    Result<Event> append(std::string_view type, const json& data, std::int64_t config_version);
    // For events not made on a screen (motcua-sync's alarms, tools): stamped with the version
    // motcua-sync last saved (meta "config_version"), if any.
    Result<Event> append(std::string_view type, const json& data);

    // An event to append whose content depends on what is already stored.
    struct NewEvent {
        std::string type;
        json data = json::object();
        std::int64_t config_version = 0;
    };
    using Decide = std::function<Result<std::vector<NewEvent>>(const std::vector<Event>& newer)>;
    // Read, decide and append as one write transaction: `decide` is given every event after
    // `after_seq` (including those other processes sharing the file committed since), and what it
    // returns is appended and committed together, or nothing is when it fails or the commit does.
    // No other writer can slip in between: two counters' "call next" in two processes get two
    // different tickets. A decide that fails returns its failure unchanged.
    Result<std::vector<Event>> append_decided(std::int64_t after_seq, const Decide& decide);

    std::vector<Event> events_after(std::int64_t seq, int limit, std::size_t max_bytes = 1 << 20);
    // The same events as JSON text for a batch, without parsing and re-serialising their data:
    // what motcua-sync sends.
    std::vector<EventText> event_texts_after(std::int64_t seq, int limit, std::size_t max_bytes = 1 << 20);
    // The same, one event at a time, so that a batch can be written as it is read: `visit` gets
    // each text in seq order (valid only during the call), at least one event when there is one.
    void for_each_event_text_after(std::int64_t seq, int limit, std::size_t max_bytes,
                                   const std::function<void(const EventText&)>& visit);
    std::vector<Event> all_events();
    std::int64_t last_seq();
    std::int64_t count();
    std::int64_t count_of_type(std::string_view type);

    // Outbox cursor: every seq up to it is on the server. Only moves forward. Throws sql::Error
    // when the stored value is not a number (a damaged row), like any unreadable row.
    std::int64_t acked_through();
    Status set_acked_through(std::int64_t seq);
    std::int64_t pending_count() { return last_seq() - acked_through(); }
    std::optional<std::string> oldest_unsent_at();

    // Caps this connection's SQLite page cache (default about 2 MiB). motcua-sync reads the outbox
    // once, front to back, so cached pages are rarely read again and only add to its memory.
    Status limit_page_cache(int kib);

    ChainCheck verify_chain();
    // PRAGMA synchronous of this store's own connection (2 = FULL): read-only, for tests and status.
    std::int64_t synchronous_mode() { return db_.query_int("PRAGMA synchronous"); }
    const std::string& db_instance() const { return db_instance_; }
    const std::string& path() const { return db_.path(); }

    std::optional<std::string> meta(const std::string& key);
    // A meta value that holds a whole number; nothing when it is absent, empty or not a number.
    std::optional<std::int64_t> meta_number(const std::string& key);
    // Version of the configuration motcua-sync last pulled and saved (meta "config_version"), 0 before
    // any. The kiosk may still be drawing an older one: see append().
    std::int64_t config_version();
    Status set_meta(const std::string& key, const std::string& value);

    // Clock settings used when stamping events.
    void set_utc_offset_minutes(int minutes) { utc_offset_minutes_ = minutes; }

private:
    explicit EventStore(sql::Database db) : db_(std::move(db)) {}
    void migrate();
    static Event read_row(sql::Statement& st);
    // Inside an open write transaction: the next seq, chained to the last event. Throws sql::Error.
    Event insert_in_transaction(std::string_view type, const json& data, std::int64_t config_version);

    sql::Database db_;
    std::string db_instance_;
    int utc_offset_minutes_ = 7 * 60;
};

}  // namespace motcua
