// The citizen screen at a counter: a ticket finished at its counter (ticket.served, committed by
// the counter console's QueueSession on the same database file) opens the rating for that ticket;
// the rating carries it; one rating per ticket, also across restarts.
#include <catch2/catch.hpp>

#include "core/clock.hpp"
#include "kiosk/kiosk_settings.hpp"
#include "kiosk/queue_session.hpp"
#include "kiosk/roles/rating/rating_controller.hpp"
#include "tests/kiosk/kiosk_test_helpers.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;

namespace {

// Counter "3" serves Đất đai (dat-dai, prefix C) in the default settings.
struct Counter {
    EventStore store;
    QueueSession session;
    std::string id;
    std::string officer;
    std::string field;

    Counter(const std::string& db, std::string counter, std::string officer_id, std::string field_id = "dat-dai")
        : store(std::move(EventStore::open(db).value())),
          session(std::move(QueueSession::open(store, queue::default_queue_settings()).value())),
          id(std::move(counter)),
          officer(std::move(officer_id)),
          field(std::move(field_id)) {
        run([&](const queue::QueueAuthority& q) { return q.sign_in(id, officer, clock::unix_ms_now()); });
    }
    std::string run(const QueueSession::Command& command) {
        auto out = session.run(command);
        REQUIRE(out.ok());
        INFO(out->command.refusal().message);
        REQUIRE(out->command.ok());
        return out->command.ticket();
    }
    // A citizen served at the counter from start to finish; returns the ticket id.
    std::string serve(const std::vector<std::string>& dossier_codes = {}) {
        const std::int64_t now = clock::unix_ms_now();
        std::string ticket =
            run([&](const queue::QueueAuthority& q) { return q.walk_in(id, officer, {field, "", "", ""}, now); });
        run([&](const queue::QueueAuthority& q) { return q.finish(id, officer, dossier_codes, now); });
        return ticket;
    }
};

struct Fixture {
    test::TempDir dir;
    std::string db = dir.file("kiosk.db");
    EventStore store = std::move(EventStore::open(db).value());
    RatingConfig config = RatingConfig::from_settings(Settings(kiosk_settings())).value();
    Fixture() {
        config.pulled_config_path.clear();
        config.counter = std::string("3");  // not = "3": a GCC 12 -Wrestrict false positive
        config.field_names = {{"dat-dai", "Đất đai"}};
        config.officer_names = {{"can-bo-an", "Nguyễn Văn An"}};
    }
};

}  // namespace

TEST_CASE("a ticket finished at my counter opens the rating for it and the rating carries it") {
    Fixture f;
    RatingController c(f.config, f.store, 0);
    CHECK_FALSE(c.model().ticket);
    Counter counter(f.db, "3", "can-bo-an");
    const std::string ticket = counter.serve({"000.00.14.H12-210315-0001"});
    REQUIRE(c.tick(100));  // what DatabaseWatch calls when the counter commits
    REQUIRE(c.model().ticket);
    CHECK(c.model().ticket->ticket.ticket_id == ticket);
    CHECK(c.model().ticket->ticket.display == "C001");
    CHECK(c.model().ticket->field_name == "Đất đai");
    CHECK(c.model().ticket->officer_name == "Nguyễn Văn An");
    CHECK(c.model().screen == Screen::Rating);

    REQUIRE(c.apply(intent::Rate{1}, 200));
    CHECK(c.model().screen == Screen::Thanks);
    auto ratings = test::durable_ratings(f.db);
    REQUIRE(ratings.size() == 1);
    CHECK(ratings[0]["ticket_id"] == ticket);
    CHECK(ratings[0]["ticket_display"] == "C001");
    CHECK(ratings[0]["ticket_link"] == "served");
    CHECK(ratings[0]["officer"] == "can-bo-an");
    CHECK(ratings[0]["counter"] == "3");
    CHECK(ratings[0]["service"] == "dat-dai");
    CHECK(ratings[0]["dossier_codes"] == json::array({"000.00.14.H12-210315-0001"}));
    CHECK(ratings[0]["score"] == 1);
    // The ticket is rated: the screen is the plain one again, a second tap rates without a ticket.
    CHECK_FALSE(c.model().ticket);
    REQUIRE(c.tick(200 + f.config.thanks_ms));
    REQUIRE(c.apply(intent::Rate{2}, 10'000));
    ratings = test::durable_ratings(f.db);
    REQUIRE(ratings.size() == 2);
    CHECK(ratings[1]["ticket_id"].is_null());
    CHECK(ratings[1]["ticket_link"] == "none");
}

TEST_CASE("a ticket finished at another counter does not open the rating screen") {
    Fixture f;
    RatingController c(f.config, f.store, 0);
    Counter other(f.db, "4", "can-bo-binh", "xay-dung");  // counter 4 serves Xây dựng
    other.serve();
    CHECK_FALSE(c.tick(100));
    CHECK_FALSE(c.model().ticket);
    REQUIRE(c.apply(intent::Rate{1}, 200));
    auto ratings = test::durable_ratings(f.db);
    REQUIRE(ratings.size() == 1);
    CHECK(ratings[0]["ticket_id"].is_null());
    CHECK(ratings[0]["ticket_link"] == "none");
    CHECK(ratings[0]["counter"] == "3");
}

TEST_CASE("a rated ticket is not offered again after a restart but an unrated recent one is") {
    Fixture f;
    Counter counter(f.db, "3", "can-bo-an");
    std::string rated;
    {
        RatingController c(f.config, f.store, 0);
        rated = counter.serve();
        REQUIRE(c.tick(100));
        REQUIRE(c.apply(intent::Rate{1}, 200));
    }
    {
        EventStore reopened = std::move(EventStore::open(f.db).value());
        RatingController c(f.config, reopened, 0);  // restarted right after the citizen rated
        CHECK_FALSE(c.model().ticket);
        CHECK_FALSE(c.tick(100));
        CHECK_FALSE(c.model().ticket);
    }
    const std::string unrated = counter.serve();
    {
        EventStore reopened = std::move(EventStore::open(f.db).value());
        RatingController c(f.config, reopened, 0);  // crashed before the citizen rated: ask again
        REQUIRE(c.model().ticket);
        CHECK(c.model().ticket->ticket.ticket_id == unrated);
        REQUIRE(c.apply(intent::Rate{2}, 100));
    }
    {
        // Long after it was finished the citizen is gone: not asked about it any more.
        RatingConfig later = f.config;
        const std::int64_t now = clock::unix_ms_now();
        later.wall_now_ms = [now, &f] { return now + f.config.ticket_rating_ms + 1000; };
        counter.serve();
        EventStore reopened = std::move(EventStore::open(f.db).value());
        RatingController c(later, reopened, 0);
        CHECK_FALSE(c.model().ticket);
    }
    auto ratings = test::durable_ratings(f.db);
    REQUIRE(ratings.size() == 2);
    CHECK(ratings[0]["ticket_id"] == rated);
    CHECK(ratings[1]["ticket_id"] == unrated);
}

TEST_CASE("an unrated ticket times out back to the plain rating screen") {
    Fixture f;
    RatingController c(f.config, f.store, 0);
    Counter counter(f.db, "3", "can-bo-an");
    counter.serve();
    REQUIRE(c.tick(1000));
    REQUIRE(c.model().ticket);
    REQUIRE(c.next_deadline_ms());
    CHECK(*c.next_deadline_ms() <= 1000 + f.config.ticket_rating_ms);
    CHECK_FALSE(c.tick(1000 + f.config.ticket_rating_ms - 1));
    CHECK(c.model().ticket);
    REQUIRE(c.tick(1000 + f.config.ticket_rating_ms));
    CHECK_FALSE(c.model().ticket);
    CHECK(c.model().screen == Screen::Rating);
    CHECK(c.model().tickets_timed_out == 1);
    CHECK(test::durable_ratings(f.db).empty());  // not rated is a fact, not an event
}

TEST_CASE("the next finished ticket replaces an unrated one and a citizen choosing reasons keeps theirs") {
    Fixture f;
    RatingController c(f.config, f.store, 0);
    Counter counter(f.db, "3", "can-bo-an");
    const std::string first = counter.serve();
    REQUIRE(c.tick(100));
    const std::string second = counter.serve();
    REQUIRE(c.tick(200));
    REQUIRE(c.model().ticket);
    CHECK(c.model().ticket->ticket.ticket_id == second);
    CHECK(c.model().tickets_replaced == 1);

    // The unhappy level asks for reasons; meanwhile the officer finishes the next ticket.
    REQUIRE(c.apply(intent::Rate{3}, 300));
    REQUIRE(c.model().screen == Screen::Reasons);
    const std::string third = counter.serve();
    REQUIRE(c.tick(400));
    CHECK(c.model().screen == Screen::Reasons);
    REQUIRE(c.apply(intent::SkipReasons{}, 500));
    auto ratings = test::durable_ratings(f.db);
    REQUIRE(ratings.size() == 1);
    CHECK(ratings[0]["ticket_id"] == second);
    REQUIRE(c.model().ticket);
    CHECK(c.model().ticket->ticket.ticket_id == third);
    CHECK(first != second);
}

TEST_CASE("going back from the reasons screen keeps the ticket to rate") {
    Fixture f;
    RatingController c(f.config, f.store, 0);
    Counter counter(f.db, "3", "can-bo-an");
    const std::string ticket = counter.serve();
    REQUIRE(c.tick(100));
    REQUIRE(c.apply(intent::Rate{3}, 200));
    CHECK_FALSE(c.model().ticket);  // it belongs to the pending rating now
    REQUIRE(c.apply(intent::Back{}, 300));
    REQUIRE(c.model().ticket);
    CHECK(c.model().ticket->ticket.ticket_id == ticket);
}
