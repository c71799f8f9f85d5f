#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <thread>

#include "core/event_store.hpp"
#include "core/sqlite.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;

// SIGKILL ends the process mid-append but the kernel keeps its page cache: this shows that what
// append reported as committed is in the file, in one piece, not that it reached the disk. That
// part (a power cut) is the fsync count below.
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

namespace {

struct SyncCount {
    std::string output;
    long syncs = -1;
};

// Runs a helper that appends n events, with the shim counting its fsync/fdatasync calls.
SyncCount count_syncs(const std::string& helper, const std::string& db, int n) {
    test::TempDir dir;
    std::string count_file = dir.file("syncs");
    auto r = test::run({std::string(MOTCUA_BINARY_DIR) + "/tests/core/" + helper, db, std::to_string(n)},
                       std::chrono::seconds(60),
                       {std::string("LD_PRELOAD=") + MOTCUA_SYNC_COUNT_SHIM, "MOTCUA_SYNC_COUNT_FILE=" + count_file,
                        // Under the sanitizer build the shim comes before the ASan runtime.
                        "ASAN_OPTIONS=verify_asan_link_order=0"});
    SyncCount out;
    out.output = r.output;
    if (r.exit_code != 0) return out;
    std::ifstream in(count_file);
    in >> out.syncs;
    return out;
}

}  // namespace

// A power cut loses whatever is only in the page cache. What reaches the disk is what was synced,
// so the test counts the syncs: every append the kiosk thanks a citizen for must issue one.
TEST_CASE("every append is synced to disk before it returns, and the test sees it when syncing is off") {
    test::TempDir dir;
    const int n = 40;
    auto full = count_syncs("append_n_events", dir.file("full.db"), n);
    INFO(full.output);
    CHECK_THAT(full.output, Catch::Contains("synchronous 2") && Catch::Contains("appended 40"));
    CHECK(full.syncs >= n);

    // The same program with the store's "synchronous=FULL" turned into OFF.
    auto off = count_syncs("append_n_events_sync_off", dir.file("off.db"), n);
    INFO(off.output);
    CHECK_THAT(off.output, Catch::Contains("synchronous 0") && Catch::Contains("appended 40"));
    REQUIRE(off.syncs >= 0);
    CHECK(off.syncs < n);

    // Both wrote all their events: the difference is the syncing alone.
    for (auto name : {"full.db", "off.db"}) {
        auto store = EventStore::open(dir.file(name));
        REQUIRE(store.ok());
        CHECK(store->last_seq() == n);
    }
}
