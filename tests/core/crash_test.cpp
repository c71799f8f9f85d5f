#include <catch2/catch.hpp>

#include <regex>
#include <thread>

#include "core/event_store.hpp"
#include "core/sqlite.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;

TEST_CASE("a writer killed with SIGKILL loses no event it had reported as committed") {
    test::TempDir dir;
    std::string db = dir.file("kiosk.db");
    std::int64_t last_reported = 0;
    for (int round = 0; round < 3; ++round) {
        test::Process writer({std::string(MOTCUA_BINARY_DIR) + "/tests/core/append_until_killed", db});
        REQUIRE(!writer.wait_for_line("committed " + std::to_string(last_reported + 50)).empty());
        std::this_thread::sleep_for(std::chrono::milliseconds(20 + 30 * round));
        writer.kill_hard();
        // The last "committed N" line the writer managed to print before it died.
        std::string out = writer.output();
        const std::regex committed(R"(committed (\d+))");
        std::int64_t reported = 0;
        for (auto it = std::sregex_iterator(out.begin(), out.end(), committed);
             it != std::sregex_iterator(); ++it)
            reported = std::stoll((*it)[1]);
        REQUIRE(reported > last_reported);
        last_reported = reported;

        auto store = EventStore::open(db);
        REQUIRE(store.ok());
        CHECK(store->last_seq() >= reported);  // everything promised is there
        auto chain = store->verify_chain();
        CHECK(chain.ok);
        CHECK(chain.events == store->last_seq());
        auto raw = sql::Database::open(db);
        REQUIRE(raw.ok());
        auto check = raw->prepare("PRAGMA integrity_check");
        REQUIRE(check.step());
        CHECK(check.column_text(0) == "ok");
        last_reported = store->last_seq();
    }
}
