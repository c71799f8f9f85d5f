// Shared by the kiosk tests: a fresh store, reading ratings back from the file, and
// making the next append fail the way a full or broken disk would.
#pragma once
#include <sqlite3.h>

#include <string>
#include <vector>

#include "core/event_store.hpp"

namespace motcua::test {

// Reads the rating events from the file through a new connection: what the store committed to it.
inline std::vector<json> durable_ratings(const std::string& db_path) {
    auto store = EventStore::open(db_path);
    if (!store) return {};
    std::vector<json> out;
    for (auto& e : store->all_events())
        if (e.type == event_type::kRatingSubmitted) out.push_back(e.data);
    return out;
}

// Runs SQL on the file through a second connection (the kiosk's own one stays open).
inline bool exec_on_file(const std::string& db_path, const std::string& sql) {
    sqlite3* db = nullptr;
    bool ok = sqlite3_open(db_path.c_str(), &db) == SQLITE_OK &&
              sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

// Every insert into the events table now aborts, as on a full disk (we run as root in CI,
// so chmod cannot make the file read-only).
inline bool break_appends(const std::string& db_path) {
    return exec_on_file(db_path,
                        "CREATE TRIGGER kiosk_test_fail BEFORE INSERT ON events "
                        "BEGIN SELECT RAISE(ABORT, 'database or disk is full (simulated)'); END;");
}
inline bool repair_appends(const std::string& db_path) {
    return exec_on_file(db_path, "DROP TRIGGER kiosk_test_fail;");
}

}  // namespace motcua::test
