// Thin RAII wrapper over the SQLite C API: one connection, prepared statements,
// transactions that roll back unless committed.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <span>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace motcua::sql {

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind_null(int index);
    Statement& bind_optional(int index, const std::optional<std::string>& text);
    // Returns true while there is a row; throws sql::Error on failure.
    bool step();
    void reset();
    std::int64_t column_int(int col) const;
    std::string column_text(int col) const;
    bool column_is_null(int col) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Durability profile: WAL with synchronous=FULL, so a committed row survives power loss.
class Database {
public:
    static Result<Database> open(const std::string& path, bool read_only = false);
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    sqlite3* handle() const { return db_; }
    void exec(std::string_view sql);  // throws sql::Error
    Statement prepare(std::string_view sql) { return Statement(db_, sql); }
    // The first column of the first row of a query without parameters (count(*), max(...)).
    std::int64_t query_int(std::string_view sql);
    int user_version();
    // Brings the schema forward: steps[v] takes version v to v + 1, each in its own transaction
    // together with `after_step(v + 1)` and the new user_version. A schema newer than the steps
    // throws, naming `program` to upgrade.
    void migrate(std::span<const char* const> steps, const std::string& program,
                 const std::function<void(int new_version)>& after_step = {});
    void set_user_version(int version);
    std::int64_t changes() const { return sqlite3_changes64(db_); }
    const std::string& path() const { return path_; }

private:
    Database() = default;
    sqlite3* db_ = nullptr;
    std::string path_;
};

class Transaction {
public:
    // IMMEDIATE takes the write lock up front so seq allocation cannot race another writer.
    explicit Transaction(Database& db, bool immediate = true);
    ~Transaction();
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace motcua::sql
