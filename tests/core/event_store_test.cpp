#include <catch2/catch.hpp>

#include "core/event_store.hpp"
#include "core/sqlite.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;

namespace {
json rating(int score) {
    return json{{"ticket_id", nullptr}, {"counter", "1"}, {"officer", nullptr}, {"service", nullptr},
                {"score", score},       {"reasons", json::array()}};
}

// Five "không hài lòng" ratings, then what a person with the sqlite3 shell might do to them.
void rate_five_then_tamper(const test::TempDir& dir, const std::string& sql_statements) {
    {
        auto store = EventStore::open(dir.file("kiosk.db"));
        REQUIRE(store.ok());
        for (int i = 0; i < 5; ++i) REQUIRE(store->append(event_type::kRatingSubmitted, rating(3)).ok());
    }
    auto db = sql::Database::open(dir.file("kiosk.db"));
    REQUIRE(db.ok());
    db->exec(sql_statements);
}
}  // namespace

TEST_CASE("a new store file is created with the schema and a db_instance") {
    test::TempDir dir;
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    CHECK(store->db_instance().size() == 36);
    CHECK(store->count() == 0);
    CHECK(store->acked_through() == 0);
}

TEST_CASE("events survive closing and reopening the file") {
    test::TempDir dir;
    std::string instance;
    {
        auto store = EventStore::open(dir.file("kiosk.db"));
        REQUIRE(store.ok());
        instance = store->db_instance();
        for (int i = 1; i <= 3; ++i) REQUIRE(store->append(event_type::kRatingSubmitted, rating(i)).ok());
    }
    auto again = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(again.ok());
    CHECK(again->db_instance() == instance);
    auto events = again->all_events();
    REQUIRE(events.size() == 3);
    CHECK(events[2].data["score"] == 3);
    CHECK(events[0].type == "rating.submitted");
}

TEST_CASE("seq numbers have no gaps and ids are unique UUIDv7") {
    test::TempDir dir;
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    for (int i = 0; i < 50; ++i) REQUIRE(store->append(event_type::kRatingSubmitted, rating(1 + i % 3)).ok());
    auto events = store->all_events();
    REQUIRE(events.size() == 50);
    for (size_t i = 0; i < events.size(); ++i) {
        CHECK(events[i].seq == static_cast<std::int64_t>(i + 1));
        CHECK(events[i].id[14] == '7');
        if (i) CHECK(events[i].id != events[i - 1].id);
    }
}

TEST_CASE("the hash chain verifies on an untouched store") {
    test::TempDir dir;
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    for (int i = 0; i < 10; ++i) REQUIRE(store->append(event_type::kRatingSubmitted, rating(2)).ok());
    auto check = store->verify_chain();
    CHECK(check.ok);
    CHECK(check.events == 10);
    auto events = store->all_events();
    CHECK(events[0].prev_hash == kGenesisHash);
    CHECK(events[5].prev_hash == events[4].hash);
}

TEST_CASE("a row edited behind the program's back is detected") {
    test::TempDir dir;
    // Drop the guard and turn a 3 into a 1.
    rate_five_then_tamper(dir, R"(DROP TRIGGER events_no_update;
        UPDATE events SET data = replace(data, '"score":3', '"score":1') WHERE seq = 4)");
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    auto check = store->verify_chain();
    CHECK_FALSE(check.ok);
    CHECK(check.first_bad_seq == 4);
    CHECK(check.problem.find("hash") != std::string::npos);
}

TEST_CASE("a deleted row is detected as a missing seq") {
    test::TempDir dir;
    rate_five_then_tamper(dir, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 2");
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    auto check = store->verify_chain();
    CHECK_FALSE(check.ok);
    CHECK(check.first_bad_seq == 3);
}

TEST_CASE("events cannot be updated or deleted through SQL while the guards are in place") {
    test::TempDir dir;
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    REQUIRE(store->append(event_type::kRatingSubmitted, rating(3)).ok());
    auto db = sql::Database::open(dir.file("kiosk.db"));
    REQUIRE(db.ok());
    CHECK_THROWS_WITH(db->exec("DELETE FROM events"), Catch::Contains("append-only"));
    CHECK_THROWS_WITH(db->exec("UPDATE events SET type = 'x'"), Catch::Contains("append-only"));
    CHECK(store->count() == 1);
}

TEST_CASE("migrations bring an empty file to the current schema, and a newer schema is refused") {
    test::TempDir dir;
    {
        auto db = sql::Database::open(dir.file("empty.db"));
        REQUIRE(db.ok());
        CHECK(db->user_version() == 0);
    }
    auto store = EventStore::open(dir.file("empty.db"));
    REQUIRE(store.ok());
    {
        auto db = sql::Database::open(dir.file("empty.db"));
        REQUIRE(db.ok());
        CHECK(db->user_version() == EventStore::kSchemaVersion);
        db->exec("PRAGMA journal_mode");
        db->set_user_version(EventStore::kSchemaVersion + 5);
    }
    auto newer = EventStore::open(dir.file("empty.db"));
    REQUIRE_FALSE(newer.ok());
    CHECK_THAT(newer.error(), Catch::Contains("newer than this program"));
}

TEST_CASE("the store runs in WAL mode with synchronous=FULL") {
    test::TempDir dir;
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    // synchronous is a setting of each connection: read the one the store writes through.
    CHECK(store->synchronous_mode() == 2);  // FULL
    // journal_mode=WAL is kept in the file itself, so any connection sees it.
    auto db = sql::Database::open(dir.file("kiosk.db"), true);
    REQUIRE(db.ok());
    auto mode = db->prepare("PRAGMA journal_mode");
    REQUIRE(mode.step());
    CHECK(mode.column_text(0) == "wal");
}

TEST_CASE("a file that is not a database gives a clear error, not a crash") {
    test::TempDir dir;
    dir.write("junk.db", std::string(4096, 'x'));
    auto store = EventStore::open(dir.file("junk.db"));
    REQUIRE_FALSE(store.ok());
    CHECK_THAT(store.error(), Catch::Contains("junk.db"));
}

TEST_CASE("the outbox cursor only moves forward and counts what is pending") {
    test::TempDir dir;
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    for (int i = 0; i < 7; ++i) REQUIRE(store->append(event_type::kRatingSubmitted, rating(1)).ok());
    CHECK(store->pending_count() == 7);
    REQUIRE(store->set_acked_through(5).ok());
    REQUIRE(store->set_acked_through(3).ok());
    CHECK(store->acked_through() == 5);
    CHECK(store->pending_count() == 2);
    auto batch = store->events_after(store->acked_through(), 500);
    REQUIRE(batch.size() == 2);
    CHECK(batch[0].seq == 6);
    CHECK(store->oldest_unsent_at() == batch[0].at);
}

TEST_CASE("a batch read stops at the byte limit but always holds at least one event") {
    test::TempDir dir;
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    for (int i = 0; i < 20; ++i) REQUIRE(store->append(event_type::kRatingSubmitted, rating(1)).ok());
    auto small = store->events_after(0, 500, 2000);
    CHECK(small.size() > 1);
    CHECK(small.size() < 20);
    CHECK(store->events_after(0, 500, 10).size() == 1);
}

TEST_CASE("events written after a configuration is applied carry its version") {
    test::TempDir dir;
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    REQUIRE(store->append(event_type::kRatingSubmitted, rating(1)).ok());
    REQUIRE(store->set_meta("config_version", "7").ok());
    REQUIRE(store->append(event_type::kRatingSubmitted, rating(1)).ok());
    auto events = store->all_events();
    CHECK_FALSE(events[0].data.contains("config_version"));
    CHECK(events[1].data["config_version"] == 7);
    CHECK(store->verify_chain().ok);
}

TEST_CASE("the outbox's event text is each stored event's JSON, within the same limits") {
    test::TempDir dir;
    auto store = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(store.ok());
    REQUIRE(store->append(event_type::kRatingSubmitted, json{{"counter", "3A"}, {"officer", "Trần Thị Ngọc \"Bích\""},
                                                              {"reasons", {"attitude"}}, {"score", 3}})
                .ok());
    for (int i = 0; i < 19; ++i) REQUIRE(store->append(event_type::kRatingSubmitted, rating(1)).ok());
    auto events = store->events_after(0, 500);
    auto texts = store->event_texts_after(0, 500);
    REQUIRE(texts.size() == events.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
        CHECK(texts[i].seq == events[i].seq);
        CHECK(texts[i].id == events[i].id);
        CHECK(json::parse(texts[i].json) == events[i].to_json());
    }
    CHECK(store->event_texts_after(0, 500, 2000).size() == store->events_after(0, 500, 2000).size());
    CHECK(store->event_texts_after(0, 500, 10).size() == 1);
    CHECK(store->event_texts_after(18, 500).front().seq == 19);
}
