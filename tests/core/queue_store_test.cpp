// The wiring every queue role will use: QueueHost commits through the real EventStore (a SQLite
// file), and a restarted process rebuilds the same queue from the file.
#include <catch2/catch.hpp>

#include "core/clock.hpp"
#include "core/event_store.hpp"
#include "core/queue/queue_host.hpp"
#include "tests/core/queue_test_site.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::queue;

TEST_CASE("a queue committed through the event store is rebuilt the same after a restart") {
    motcua::test::TempDir dir;
    QueueSettings settings = queue::test::two_field_settings();
    for (auto& day : settings.opening_hours.by_weekday) day = {{0, 24 * 60}};  // whatever time the test runs
    QueueState live;
    {
        auto store = EventStore::open(dir.file("kiosk.db"));
        REQUIRE(store.ok());
        QueueHost host(settings, [&](const EventDraft& d) { return store->append(d.type, d.data); });
        auto run = [&](const CommandResult& command) {
            INFO(command.refusal().message);
            REQUIRE(command.ok());
            REQUIRE(host.commit(command).ok());
        };
        run(host.authority().sign_in("1", "cb1", clock::unix_ms_now()));
        for (int i = 0; i < 5; ++i)
            run(host.authority().issue({"ho-tich", "", i == 3 ? "elderly" : "", "dispenser-1"}, clock::unix_ms_now()));
        run(host.authority().call_next("1", "cb1", clock::unix_ms_now()));
        run(host.authority().start_serving("1", "cb1", clock::unix_ms_now()));
        run(host.authority().finish("1", "cb1", {"000.00.14.H12-210315-0001"}, clock::unix_ms_now()));
        run(host.authority().call_next("1", "cb1", clock::unix_ms_now()));
        run(host.authority().no_show("1", "cb1", true, clock::unix_ms_now()));
        // A refused command writes nothing.
        std::int64_t before = store->count();
        CHECK_FALSE(host.commit(host.authority().recall("1", "cb1", clock::unix_ms_now())).ok());
        CHECK(store->count() == before);
        live = host.state();
        CHECK(live.tickets.size() == 5);
    }
    auto reopened = EventStore::open(dir.file("kiosk.db"));
    REQUIRE(reopened.ok());
    CHECK(reopened->verify_chain().ok);
    QueueHost restarted(settings, [&](const EventDraft& d) { return reopened->append(d.type, d.data); });
    for (const Event& e : reopened->all_events()) (void)restarted.fold(e);
    CHECK(restarted.state() == live);
    CHECK(reopened->count_of_type(event_type::kTicketIssued) == 5);
}
