#include "core/sqlite.hpp"

#include <stdexcept>

namespace motcua::sql {

namespace {
std::string describe(sqlite3* db, std::string_view what) {
    return std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
}
}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
        throw Error(describe(db, "prepare '" + std::string(sql) + "'"));
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}
Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}
Statement& Statement::bind_optional(int index, const std::optional<std::string>& text) {
    return text ? bind(index, *text) : bind_null(index);
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string message = describe(db_, "step");
    sqlite3_reset(stmt_);
    throw Error(message);
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::column_int(int col) const { return sqlite3_column_int64(stmt_, col); }
std::string Statement::column_text(int col) const {
    auto* text = sqlite3_column_text(stmt_, col);
    if (!text) return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}
bool Statement::column_is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Result<Database> Database::open(const std::string& path, bool read_only) {
    Database db;
    db.path_ = path;
    int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    flags |= SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db.db_, flags, nullptr) != SQLITE_OK) {
        std::string message = describe(db.db_, "cannot open database " + path);
        return Result<Database>::failure(message);
    }
    sqlite3_busy_timeout(db.db_, 5000);
    try {
        if (!read_only) db.exec("PRAGMA journal_mode=WAL");
        db.exec("PRAGMA synchronous=FULL");
        db.exec("PRAGMA foreign_keys=ON");
        // Touch the schema so a file that is not a database fails here, not later.
        db.exec("SELECT count(*) FROM sqlite_master");
    } catch (const Error& e) {
        return Result<Database>::failure("cannot use database " + path + ": " + e.what());
    }
    return Result<Database>(std::move(db));
}

Database::Database(Database&& other) noexcept : db_(other.db_), path_(std::move(other.path_)) { other.db_ = nullptr; }
Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(db_);
        db_ = other.db_;
        path_ = std::move(other.path_);
        other.db_ = nullptr;
    }
    return *this;
}
Database::~Database() { sqlite3_close_v2(db_); }

void Database::exec(std::string_view sql) {
    char* err = nullptr;
    std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string message = err ? err : sqlite3_errmsg(db_);
        sqlite3_free(err);
        throw Error(message + " (in: " + text.substr(0, 120) + ")");
    }
}

std::int64_t Database::query_int(std::string_view sql) {
    Statement st(db_, sql);
    return st.step() ? st.column_int(0) : 0;
}

int Database::user_version() { return static_cast<int>(query_int("PRAGMA user_version")); }
void Database::migrate(std::span<const char* const> steps, const std::string& program,
                       const std::function<void(int)>& after_step) {
    const int latest = static_cast<int>(steps.size());
    const int version = user_version();
    if (version > latest)
        throw Error("database schema " + std::to_string(version) + " is newer than this program (" +
                    std::to_string(latest) + "); upgrade " + program);
    for (int v = version; v < latest; ++v) {
        Transaction tx(*this);
        exec(steps[static_cast<std::size_t>(v)]);
        if (after_step) after_step(v + 1);
        set_user_version(v + 1);
        tx.commit();
    }
}

void Database::set_user_version(int version) { exec("PRAGMA user_version=" + std::to_string(version)); }

Transaction::Transaction(Database& db, bool immediate) : db_(db) { db_.exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN"); }
Transaction::~Transaction() {
    if (!done_) {
        try { db_.exec("ROLLBACK"); } catch (...) {}
    }
}
void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace motcua::sql
