// Who is called next: the priority policy, ageing, the fields a counter serves, pause, two counters.
#include <catch2/catch.hpp>
#include <set>

#include "core/queue/queue_order.hpp"
#include "tests/core/queue_test_site.hpp"

using namespace motcua;
using namespace motcua::queue;
using motcua::queue::test::TestSite;

namespace {

// Issues `normal` normal and `priority` priority tickets alternately-ish, one minute apart, all
// in Hộ tịch: normal ones get A-numbers in order, priority ones too.
void fill_queue(TestSite& site, int normal, int priority) {
    for (int i = 0; i < std::max(normal, priority); ++i) {
        if (i < priority) site.issue("ho-tich", "elderly");
        if (i < normal) site.issue("ho-tich");
        site.minutes_pass(1);
    }
}

std::string kinds_called(TestSite& site, const std::string& counter, int calls) {
    std::string kinds;
    for (int i = 0; i < calls; ++i) {
        CommandResult called = site.run(site.authority().call_next(counter, "cb", site.now));
        REQUIRE(called.ok());
        kinds += site.ticket(called.ticket()).priority.empty() ? 'N' : 'P';
        REQUIRE(site.run(site.authority().finish(counter, "cb", {}, site.now)).ok());
    }
    return kinds;
}

}  // namespace

TEST_CASE("interleave 3 to 1 calls three normal tickets then one priority ticket over 20 calls") {
    TestSite site;
    fill_queue(site, 20, 10);
    site.sign_in("1", "cb");
    // A counter owes a priority call at the start of the day, then three normal for each priority.
    CHECK(kinds_called(site, "1", 20) == "PNNNPNNNPNNNPNNNPNNN");
}

TEST_CASE("interleave keeps calling normal tickets when no priority ticket waits and then owes one") {
    TestSite site;
    fill_queue(site, 6, 0);
    site.sign_in("1", "cb");
    CHECK(kinds_called(site, "1", 5) == "NNNNN");
    site.issue("ho-tich", "pregnant");
    CHECK(kinds_called(site, "1", 2) == "PN");
}

TEST_CASE("strict priority calls every priority ticket before any normal one") {
    QueueSettings s = test::two_field_settings();
    s.policy.mode = PolicyMode::strict;
    TestSite site(s);
    fill_queue(site, 4, 3);
    site.sign_in("1", "cb");
    CHECK(kinds_called(site, "1", 7) == "PPPNNNN");
}

TEST_CASE("ageing calls a normal ticket that waited too long before newer priority tickets") {
    QueueSettings s = test::two_field_settings();
    s.policy.mode = PolicyMode::strict;
    s.policy.ageing_minutes = 30;
    TestSite site(s);
    std::string old_normal = site.issue("ho-tich");
    site.minutes_pass(10);
    site.issue("ho-tich", "elderly");
    site.sign_in("1", "cb");
    // Not aged yet: strict priority goes first.
    CHECK(site.call_and_finish("1", "cb") == "A002");
    site.issue("ho-tich", "disability");
    site.minutes_pass(25);  // A001 has now waited 35 minutes
    CHECK(site.call_and_finish("1", "cb") == site.display(old_normal));
    CHECK(site.call_and_finish("1", "cb") == "A003");
}

TEST_CASE("a counter calls only the fields it serves") {
    TestSite site;
    site.issue("dat-dai");
    site.issue("ho-tich");
    site.sign_in("3", "cb3");
    site.sign_in("1", "cb1");
    CHECK(site.call_and_finish("1", "cb1") == "A001");
    CHECK(site.call_and_finish("3", "cb3") == "B001");
    CommandResult none = site.authority().call_next("1", "cb1", site.now);
    CHECK(none.refusal().code == refusal::kNothingWaiting);
}

TEST_CASE("two counters calling in turn never get the same ticket") {
    TestSite site;
    for (int i = 0; i < 30; ++i) site.issue(i % 3 ? "ho-tich" : "dat-dai", i % 5 ? "" : "merit");
    site.sign_in("1", "cb1");
    site.sign_in("2", "cb2");
    std::set<std::string> called;
    int calls = 0;
    for (int round = 0; round < 40; ++round) {
        for (const char* counter : {"1", "2"}) {
            std::string officer = std::string("cb") + counter;
            CommandResult r = site.run(site.authority().call_next(counter, officer, site.now));
            if (!r.ok()) continue;
            ++calls;
            CHECK(called.insert(r.ticket()).second);
            REQUIRE(site.run(site.authority().finish(counter, officer, {}, site.now)).ok());
        }
    }
    CHECK(calls == 30);
    CHECK(site.state().waiting("ho-tich", "2026-11-24").empty());
}

TEST_CASE("a paused counter cannot call until it resumes") {
    TestSite site;
    site.issue("ho-tich");
    site.sign_in("1", "cb");
    REQUIRE(site.run(site.authority().pause("1", "cb", site.now)).ok());
    CHECK(site.authority().call_next("1", "cb", site.now).refusal().code == refusal::kCounterPaused);
    CHECK(site.authority().call_specific("1", "cb", "A001", site.now).refusal().code == refusal::kCounterPaused);
    REQUIRE(site.run(site.authority().resume("1", "cb", site.now)).ok());
    CHECK(site.call_and_finish("1", "cb") == "A001");
}

TEST_CASE("only the officer signed in at a counter can call there") {
    TestSite site;
    site.issue("ho-tich");
    CHECK(site.authority().call_next("1", "cb", site.now).refusal().code == refusal::kNotSignedIn);
    site.sign_in("1", "cb");
    CHECK(site.authority().call_next("1", "someone-else", site.now).refusal().code == refusal::kNotSignedIn);
    CHECK(site.authority().call_next("9", "cb", site.now).refusal().code == refusal::kUnknownCounter);
    REQUIRE(site.run(site.authority().sign_out("1", "cb", site.now)).ok());
    CHECK(site.authority().call_next("1", "cb", site.now).refusal().code == refusal::kNotSignedIn);
}

TEST_CASE("a counter with a ticket open must close it before calling another") {
    TestSite site;
    site.issue("ho-tich");
    site.issue("ho-tich");
    site.sign_in("1", "cb");
    REQUIRE(site.run(site.authority().call_next("1", "cb", site.now)).ok());
    CHECK(site.authority().call_next("1", "cb", site.now).refusal().code == refusal::kCounterBusy);
    CHECK(site.authority().sign_out("1", "cb", site.now).refusal().code == refusal::kCounterBusy);
}

TEST_CASE("a counter calls a specific waiting ticket by its printed number or id") {
    TestSite site;
    site.issue("ho-tich");
    site.issue("ho-tich");
    std::string third = site.issue("ho-tich");
    site.issue("dat-dai");
    site.sign_in("1", "cb");
    CommandResult by_number = site.run(site.authority().call_specific("1", "cb", "A002", site.now));
    REQUIRE(by_number.ok());
    CHECK(site.display(by_number.ticket()) == "A002");
    CHECK(site.ticket(by_number.ticket()).status == TicketStatus::called);
    REQUIRE(site.run(site.authority().finish("1", "cb", {}, site.now)).ok());
    CommandResult by_id = site.run(site.authority().call_specific("1", "cb", third, site.now));
    REQUIRE(by_id.ok());
    CHECK(by_id.ticket() == third);
    REQUIRE(site.run(site.authority().finish("1", "cb", {}, site.now)).ok());
    // The policy's next is still the first ticket.
    CHECK(site.call_and_finish("1", "cb") == "A001");
    CHECK(site.authority().call_specific("1", "cb", "A002", site.now).refusal().code == refusal::kWrongStatus);
    CHECK(site.authority().call_specific("1", "cb", "B001", site.now).refusal().code == refusal::kNotThisCounter);
    CHECK(site.authority().call_specific("1", "cb", "A777", site.now).refusal().code == refusal::kTicketNotFound);
}

TEST_CASE("recall calls the same ticket again and changes nothing but its recall count") {
    TestSite site;
    site.issue("ho-tich");
    site.issue("ho-tich");
    site.sign_in("1", "cb");
    CommandResult called = site.run(site.authority().call_next("1", "cb", site.now));
    REQUIRE(called.ok());
    QueueState before = site.state();
    CommandResult recalled = site.run(site.authority().recall("1", "cb", site.now));
    REQUIRE(recalled.ok());
    CHECK(recalled.ticket() == called.ticket());
    REQUIRE(recalled.drafts().size() == 1);
    CHECK(recalled.drafts()[0].type == event_type::kTicketRecalled);
    QueueState after = site.state();
    CHECK(after.tickets.at(called.ticket()).recalls == 1);
    after.tickets.at(called.ticket()).recalls = 0;
    CHECK(after == before);
    // Once serving, there is no one to call back.
    REQUIRE(site.run(site.authority().start_serving("1", "cb", site.now)).ok());
    CHECK(site.authority().recall("1", "cb", site.now).refusal().code == refusal::kWrongStatus);
}

TEST_CASE("the board lists the latest calls first") {
    TestSite site;
    site.issue("ho-tich");
    site.issue("dat-dai");
    site.issue("ho-tich");
    site.sign_in("1", "cb1");
    site.sign_in("3", "cb3");
    CHECK(site.call_and_finish("1", "cb1") == "A001");
    site.minutes_pass(1);
    CHECK(site.call_and_finish("3", "cb3") == "B001");
    site.minutes_pass(1);
    REQUIRE(site.run(site.authority().call_next("1", "cb1", site.now)).ok());
    auto calls = latest_calls(site.state(), "2026-11-24", 2);
    REQUIRE(calls.size() == 2);
    CHECK(calls[0]->display == "A002");
    CHECK(calls[0]->counter == "1");
    CHECK(calls[1]->display == "B001");
    CHECK(calls[1]->counter == "3");
}

TEST_CASE("each day every counter owes a priority call again") {
    QueueSettings s = test::two_field_settings();
    for (auto& day : s.opening_hours.by_weekday) day = {{0, 24 * 60}};
    TestSite site(s, "2026-11-24T23:50");
    site.issue("ho-tich", "elderly");
    site.sign_in("1", "cb");
    CHECK(site.call_and_finish("1", "cb") == "A001");  // the priority call of the 24th
    site.now = test::vn_time("2026-11-25T07:30");
    site.issue("ho-tich");
    site.issue("ho-tich", "merit");
    CHECK(site.call_and_finish("1", "cb") == "A002");  // the priority ticket, though issued second
    CHECK(site.call_and_finish("1", "cb") == "A001");
}
