// The server's log checkpoints on its own thread: what the commits wrote reaches the database
// file although no commit copies it there any more (wal_autocheckpoint=0, as `serve` sets it).
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "server/wal_checkpointer.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace std::chrono_literals;

namespace {

// About 4 MB of rows in 40 commits, by a connection that never checkpoints.
void write_rows(sql::Database& db) {
    db.exec("CREATE TABLE IF NOT EXISTS t(x BLOB)");
    for (int i = 0; i < 40; ++i)
        db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) "
                "INSERT INTO t SELECT randomblob(1000) FROM n");
}

std::uintmax_t db_file_size(const std::string& path) { return std::filesystem::file_size(path); }

}  // namespace

TEST_CASE("with the checkpointer the database file receives what commits wrote to the log") {
    test::TempDir dir;
    const std::string path = dir.file("server.db");
    auto writer = sql::Database::open(path);
    REQUIRE(writer.ok());
    writer->exec("PRAGMA wal_autocheckpoint=0");
    std::ostringstream log;
    {
        auto checkpointer = server::WalCheckpointer::start(path, 50ms, log);
        REQUIRE(checkpointer.ok());
        write_rows(writer.value());
        for (int i = 0; i < 200 && db_file_size(path) < 3'000'000; ++i) std::this_thread::sleep_for(50ms);
        CHECK(db_file_size(path) >= 3'000'000);
        CHECK(checkpointer.value()->checkpoints() >= 1);
    }
    CHECK(log.str().empty());
    CHECK(writer->query_int("SELECT count(*) FROM t") == 4000);
}

TEST_CASE("without the checkpointer the same commits leave the database file small") {
    // The control for the case above: the growth there is the checkpointer's doing.
    test::TempDir dir;
    const std::string path = dir.file("server.db");
    auto writer = sql::Database::open(path);
    REQUIRE(writer.ok());
    writer->exec("PRAGMA wal_autocheckpoint=0");
    write_rows(writer.value());
    std::this_thread::sleep_for(200ms);
    CHECK(db_file_size(path) < 100'000);
    CHECK(std::filesystem::file_size(path + "-wal") >= 3'000'000);
}
