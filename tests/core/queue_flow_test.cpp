// A ticket's life after the call (no-show, transfer, finish), tickets issued at a counter,
// limits, opening hours and the day's end.
#include <algorithm>
#include <catch2/catch.hpp>

#include "core/queue/queue_order.hpp"
#include "tests/core/queue_test_site.hpp"

using namespace motcua;
using namespace motcua::queue;
using motcua::queue::test::TestSite;

TEST_CASE("transfer to another field keeps the ticket's place by its original issue time") {
    TestSite site;
    std::string a1 = site.issue("ho-tich");
    site.minutes_pass(5);
    site.issue("dat-dai");
    site.issue("dat-dai");
    site.sign_in("1", "cb1");
    REQUIRE(site.run(site.authority().call_next("1", "cb1", site.now)).ok());
    CommandResult moved = site.run(site.authority().transfer("1", "cb1", {"dat-dai", ""}, site.now));
    REQUIRE(moved.ok());
    const Ticket& t = site.ticket(a1);
    CHECK(t.status == TicketStatus::waiting);
    CHECK(t.field == "dat-dai");
    CHECK(t.transfers == 1);
    CHECK(site.state().counter("1")->current_ticket.empty());
    // Issued before B001 and B002: first in the Đất đai line, and the counter of Đất đai calls it first.
    CHECK(site.state().waiting("dat-dai", "2026-11-24").front()->id == a1);
    site.sign_in("3", "cb3");
    CHECK(site.call_and_finish("3", "cb3") == "A001");
    CHECK(site.call_and_finish("3", "cb3") == "B001");
}

TEST_CASE("transfer to a counter lets only that counter call the ticket") {
    TestSite site;
    std::string a1 = site.issue("ho-tich");
    site.issue("ho-tich");
    site.sign_in("1", "cb1");
    site.sign_in("2", "cb2");
    REQUIRE(site.run(site.authority().call_next("2", "cb2", site.now)).ok());
    REQUIRE(site.run(site.authority().transfer("2", "cb2", {"", "3"}, site.now)).ok());
    CHECK(site.ticket(a1).target_counter == "3");
    // Counter 1 serves Hộ tịch but the ticket was sent to counter 3.
    CHECK(site.call_and_finish("1", "cb1") == "A002");
    CHECK(site.authority().call_specific("1", "cb1", "A001", site.now).refusal().code == refusal::kNotThisCounter);
    site.sign_in("3", "cb3");
    CHECK(site.call_and_finish("3", "cb3") == "A001");
    CHECK(site.authority().transfer("3", "cb3", {"", "3"}, site.now).refusal().code == refusal::kNoCurrentTicket);
}

TEST_CASE("a transfer to nowhere or to the same field is refused") {
    TestSite site;
    site.issue("ho-tich");
    site.sign_in("1", "cb");
    REQUIRE(site.run(site.authority().call_next("1", "cb", site.now)).ok());
    CHECK(site.authority().transfer("1", "cb", {"", ""}, site.now).refusal().code == refusal::kBadDestination);
    CHECK(site.authority().transfer("1", "cb", {"ho-tich", ""}, site.now).refusal().code == refusal::kBadDestination);
    CHECK(site.authority().transfer("1", "cb", {"xay-dung", ""}, site.now).refusal().code == refusal::kBadDestination);
    CHECK(site.authority().transfer("1", "cb", {"", "1"}, site.now).refusal().code == refusal::kBadDestination);
}

TEST_CASE("a no-show put back in the queue waits again at the end of its field") {
    TestSite site;
    std::string a1 = site.issue("ho-tich");
    site.issue("ho-tich");
    site.sign_in("1", "cb");
    REQUIRE(site.run(site.authority().call_next("1", "cb", site.now)).ok());
    site.minutes_pass(2);
    REQUIRE(site.run(site.authority().no_show("1", "cb", true, site.now)).ok());
    site.issue("ho-tich");  // issued after the no-show: behind it
    const Ticket& t = site.ticket(a1);
    CHECK(t.status == TicketStatus::waiting);
    CHECK(t.no_shows == 1);
    CHECK(site.call_and_finish("1", "cb") == "A002");
    CHECK(site.call_and_finish("1", "cb") == "A001");
    CHECK(site.call_and_finish("1", "cb") == "A003");
}

TEST_CASE("a no-show not put back is closed and never called again") {
    TestSite site;
    std::string a1 = site.issue("ho-tich");
    site.sign_in("1", "cb");
    REQUIRE(site.run(site.authority().call_next("1", "cb", site.now)).ok());
    REQUIRE(site.run(site.authority().no_show("1", "cb", false, site.now)).ok());
    CHECK(site.ticket(a1).status == TicketStatus::no_show);
    CHECK(site.authority().call_next("1", "cb", site.now).refusal().code == refusal::kNothingWaiting);
}

TEST_CASE("a citizen being served cannot be marked absent") {
    TestSite site;
    site.issue("ho-tich");
    site.sign_in("1", "cb");
    REQUIRE(site.run(site.authority().call_next("1", "cb", site.now)).ok());
    REQUIRE(site.run(site.authority().start_serving("1", "cb", site.now)).ok());
    CHECK(site.authority().no_show("1", "cb", true, site.now).refusal().code == refusal::kWrongStatus);
}

TEST_CASE("finishing records normalised dossier codes and refuses a malformed one") {
    TestSite site;
    std::string a1 = site.issue("ho-tich");
    site.sign_in("1", "cb");
    REQUIRE(site.run(site.authority().call_next("1", "cb", site.now)).ok());
    REQUIRE(site.run(site.authority().start_serving("1", "cb", site.now)).ok());
    CommandResult bad = site.authority().finish("1", "cb", {"000.00.14.H12-210315-0001", "H12-0001"}, site.now);
    CHECK(bad.refusal().code == refusal::kInvalidDossierCode);
    CHECK(site.ticket(a1).status == TicketStatus::serving);
    site.minutes_pass(7);
    REQUIRE(site.run(site.authority().finish("1", "cb", {" 000.00.14.h12-210315-0001 "}, site.now)).ok());
    const Ticket& t = site.ticket(a1);
    CHECK(t.status == TicketStatus::served);
    CHECK(t.dossier_codes == std::vector<std::string>{"000.00.14.H12-210315-0001"});
    REQUIRE(site.state().samples.size() == 1);
    CHECK(site.state().samples[0].duration_ms == 7 * 60'000);
    CHECK(site.state().counter("1")->current_ticket.empty());
}

TEST_CASE("a walk-in ticket is issued by the counter and served there at once") {
    TestSite site;
    site.issue("ho-tich");
    site.sign_in("1", "cb");
    CommandResult walk = site.run(site.authority().walk_in("1", "cb", {"ho-tich", "khai-sinh", "", ""}, site.now));
    REQUIRE(walk.ok());
    REQUIRE(walk.drafts().size() == 2);
    CHECK(walk.drafts()[0].type == event_type::kTicketIssued);
    CHECK(walk.drafts()[1].type == event_type::kTicketServing);
    const Ticket& t = site.ticket(walk.ticket());
    CHECK(t.display == "A002");
    CHECK(t.issuer_kind == "counter");
    CHECK(t.issuer == "1");
    CHECK(t.procedure == "khai-sinh");
    CHECK(t.status == TicketStatus::serving);
    CHECK(site.state().counter("1")->current_ticket == t.id);
    CHECK(site.authority().walk_in("1", "cb", {"ho-tich", "", "", ""}, site.now).refusal().code ==
          refusal::kCounterBusy);
    CHECK(site.authority().walk_in("3", "cb", {"dat-dai", "", "", ""}, site.now).refusal().code ==
          refusal::kNotSignedIn);
}

TEST_CASE("a field past its daily limit or its last number says het so") {
    QueueSettings s = test::two_field_settings();
    s.fields[0].daily_limit = 2;
    s.fields[1].range_start = 998;
    s.fields[1].range_end = 999;
    TestSite site(s);
    site.issue("ho-tich");
    site.issue("ho-tich");
    CommandResult full = site.authority().issue({"ho-tich", "", "", "d"}, site.now);
    CHECK(full.refusal().code == refusal::kNoNumbersLeft);
    CHECK(site.display(site.issue("dat-dai")) == "B998");
    CHECK(site.display(site.issue("dat-dai")) == "B999");
    CHECK(site.authority().issue({"dat-dai", "", "", "d"}, site.now).refusal().code == refusal::kNoNumbersLeft);
    site.sign_in("1", "cb");
    CHECK(site.authority().walk_in("1", "cb", {"ho-tich", "", "", ""}, site.now).refusal().code ==
          refusal::kNoNumbersLeft);
}

TEST_CASE("the dispenser says closed outside opening hours and on closed dates") {
    QueueSettings s = test::two_field_settings();
    s.opening_hours.closed_dates = {"2026-12-02"};
    TestSite site(s, "2026-11-24T07:29");  // a Tuesday, before 07:30
    CHECK(site.authority().issue({"ho-tich", "", "", "d"}, site.now).refusal().code == refusal::kClosed);
    site.minutes_pass(1);
    CHECK(site.authority().issue({"ho-tich", "", "", "d"}, site.now).ok());
    site.now = test::vn_time("2026-11-24T12:00");  // lunch break
    CHECK(site.authority().issue({"ho-tich", "", "", "d"}, site.now).refusal().code == refusal::kClosed);
    site.now = test::vn_time("2026-11-24T16:59");
    CHECK(site.authority().issue({"ho-tich", "", "", "d"}, site.now).ok());
    site.now = test::vn_time("2026-11-24T17:00");
    CHECK(site.authority().issue({"ho-tich", "", "", "d"}, site.now).refusal().code == refusal::kClosed);
    site.now = test::vn_time("2026-11-28T09:00");  // Saturday
    CHECK(site.authority().issue({"ho-tich", "", "", "d"}, site.now).refusal().code == refusal::kClosed);
    site.now = test::vn_time("2026-12-02T09:00");  // a Wednesday the site closed
    CHECK(site.authority().issue({"ho-tich", "", "", "d"}, site.now).refusal().code == refusal::kClosed);
}

TEST_CASE("an unknown procedure or priority group is refused") {
    TestSite site;
    CHECK(site.authority().issue({"ho-tich", "nope", "", "d"}, site.now).refusal().code == refusal::kUnknownProcedure);
    CHECK(site.authority().issue({"ho-tich", "", "vip", "d"}, site.now).refusal().code == refusal::kUnknownPriority);
    CHECK(site.authority().issue({"xay-dung", "", "", "d"}, site.now).refusal().code == refusal::kUnknownField);
}

TEST_CASE("local midnight closes the day's open tickets as day_closed and numbering restarts") {
    QueueSettings s = test::two_field_settings();
    for (auto& day : s.opening_hours.by_weekday) day = {{0, 24 * 60}};  // open round the clock for this test
    TestSite site(s, "2026-11-24T23:55");
    std::string waiting = site.issue("ho-tich");
    std::string called = site.issue("ho-tich");
    site.sign_in("1", "cb");
    REQUIRE(site.run(site.authority().call_specific("1", "cb", "A002", site.now)).ok());
    site.minutes_pass(4);  // 23:59, still the 24th
    CHECK(site.display(site.issue("ho-tich")) == "A003");

    site.minutes_pass(2);  // 00:01 on the 25th (17:01 UTC on the 24th)
    // Yesterday's waiting ticket cannot be called today.
    CHECK(site.authority().call_specific("1", "cb", "A001", site.now).refusal().code == refusal::kTicketNotFound);
    CommandResult first = site.run(site.authority().issue({"ho-tich", "", "", "d"}, site.now));
    REQUIRE(first.ok());
    REQUIRE(first.drafts().size() == 4);
    for (int i = 0; i < 3; ++i) {
        CHECK(first.drafts()[static_cast<std::size_t>(i)].type == event_type::kTicketCancelled);
        CHECK(first.drafts()[static_cast<std::size_t>(i)].data["reason"] == "day_closed");
    }
    CHECK(site.display(first.ticket()) == "A001");
    CHECK(site.ticket(first.ticket()).day == "2026-11-25");
    // Closed in the log; the state keeps only the new day's tickets.
    std::vector<std::string> cancelled;
    for (const Event& e : site.log)
        if (e.type == event_type::kTicketCancelled && e.data["reason"] == "day_closed")
            cancelled.push_back(e.data["ticket"].get<std::string>());
    CHECK(cancelled.size() == 3);
    CHECK(std::count(cancelled.begin(), cancelled.end(), waiting) == 1);
    CHECK(std::count(cancelled.begin(), cancelled.end(), called) == 1);
    CHECK(site.state().ticket(waiting) == nullptr);
    CHECK(site.state().ticket(called) == nullptr);
    CHECK(site.state().counter("1")->current_ticket.empty());
    CHECK(site.state().open_before("2026-11-25").empty());
    CHECK(site.authority().close_previous_days(site.now).empty());
    // Today's queue holds only today's ticket.
    CHECK(site.state().waiting("ho-tich", "2026-11-25").size() == 1);
    CHECK(site.call_and_finish("1", "cb") == "A001");
}

TEST_CASE("a waiting ticket can be cancelled with a reason and is then never called") {
    TestSite site;
    std::string a1 = site.issue("ho-tich");
    CHECK(site.authority().cancel(a1, "", site.now).refusal().code == refusal::kMissingValue);
    REQUIRE(site.run(site.authority().cancel(a1, "not_delivered", site.now)).ok());
    CHECK(site.ticket(a1).status == TicketStatus::cancelled);
    site.sign_in("1", "cb");
    CHECK(site.authority().call_next("1", "cb", site.now).refusal().code == refusal::kNothingWaiting);
}

TEST_CASE("a kiosk clock set back a day neither reuses numbers nor hides the queue") {
    TestSite site(test::two_field_settings(), "2026-11-25T08:00");  // the clock runs a day ahead
    site.issue("ho-tich");
    site.issue("ho-tich");
    site.now = test::vn_time("2026-11-24T08:30");  // NTP puts it right
    std::string third = site.issue("ho-tich");
    CHECK(site.display(third) == "A003");
    CHECK(site.ticket(third).day == "2026-11-25");
    site.sign_in("1", "cb");
    CHECK(site.call_and_finish("1", "cb") == "A001");
    CHECK(site.state().open_before("2026-11-25").empty());
}
