// The state is a pure fold over events: replaying the log gives the live state, whatever the
// commands were; events it does not know or that do not fit change nothing.
#include <catch2/catch.hpp>
#include <random>
#include <set>

#include "core/queue/queue_order.hpp"
#include "tests/core/queue_test_site.hpp"

using namespace motcua;
using namespace motcua::queue;
using motcua::queue::test::TestSite;

namespace {

QueueState rebuild(const std::vector<Event>& log) {
    QueueState s;
    for (const Event& e : log) (void)apply(s, e);
    return s;
}

Event event_at(const std::string& type, json data, const std::string& at = "2026-11-24T09:00:00.000+07:00") {
    Event e;
    e.type = type;
    e.at = at;
    e.data = std::move(data);
    return e;
}

}  // namespace

TEST_CASE("state rebuilt from all events equals the live state after a long random day") {
    QueueSettings settings = test::two_field_settings();
    for (auto& day : settings.opening_hours.by_weekday) day = {{0, 24 * 60}};
    settings.policy.ageing_minutes = 40;
    TestSite site(settings, "2026-11-24T07:00");
    std::mt19937 rng(6);
    const std::vector<std::string> counters{"1", "2", "3"};
    const std::vector<std::string> groups{"", "", "", "elderly", "disability"};
    int accepted = 0;
    for (int step = 0; step < 3000; ++step) {
        site.now += static_cast<std::int64_t>(rng() % 90'000);  // crosses midnight into the next day
        const std::string& counter = counters[rng() % counters.size()];
        const std::string officer = "cb" + counter;
        QueueAuthority a = site.authority();
        CommandResult r = [&]() {
            switch (rng() % 14) {
                case 0:
                case 1:
                case 2:
                    return a.issue({rng() % 2 ? "ho-tich" : "dat-dai", "", groups[rng() % groups.size()], "d1"},
                                   site.now);
                case 3:
                    return a.call_next(counter, officer, site.now);
                case 4:
                    return a.recall(counter, officer, site.now);
                case 5:
                    return a.start_serving(counter, officer, site.now);
                case 6:
                    return a.finish(counter, officer, {}, site.now);
                case 7:
                    return a.no_show(counter, officer, rng() % 2 == 0, site.now);
                case 8:
                    return a.transfer(counter, officer, {rng() % 2 ? "ho-tich" : "dat-dai", ""}, site.now);
                case 9:
                    return a.transfer(counter, officer, {"", counters[rng() % 3]}, site.now);
                case 10:
                    return rng() % 4 ? a.sign_in(counter, officer, site.now) : a.sign_out(counter, officer, site.now);
                case 11:
                    return rng() % 2 ? a.pause(counter, officer, site.now) : a.resume(counter, officer, site.now);
                case 12:
                    return a.walk_in(counter, officer, {rng() % 2 ? "ho-tich" : "dat-dai", "", "", ""}, site.now);
                default:
                    return a.call_specific(counter, officer, "A00" + std::to_string(rng() % 10), site.now);
            }
        }();
        if (site.run(r).ok()) ++accepted;
    }
    INFO("events: " << site.log.size());
    CHECK(accepted > 1000);
    CHECK(site.log.back().at.substr(0, 10) != site.log.front().at.substr(0, 10));  // the day did turn
    CHECK(rebuild(site.log) == site.state());
    // A replica receives the events as JSON text, as they travel between machines.
    std::vector<Event> received;
    for (const Event& e : site.log) received.push_back(Event::from_json(json::parse(e.to_json().dump())));
    CHECK(rebuild(received) == site.state());
    // Every ticket number was issued once a day.
    std::set<std::string> ids;
    for (const Event& e : site.log)
        if (e.type == event_type::kTicketIssued) CHECK(ids.insert(e.data["ticket"].get<std::string>()).second);
}

TEST_CASE("unknown event types and events that do not fit are ignored") {
    TestSite site;
    site.issue("ho-tich");
    QueueState before = site.state();
    QueueState s = before;
    CHECK_FALSE(apply(s, event_at("rating.submitted", {{"score", 1}, {"counter", "1"}})));
    CHECK_FALSE(apply(s, event_at("ticket.teleported", {{"ticket", site.log[0].data["ticket"]}})));
    CHECK_FALSE(apply(s, event_at("queue.future_thing", json::object())));
    // A call for a ticket nobody issued, a serve for one not called, a malformed issue.
    CHECK_FALSE(apply(s, event_at("ticket.called", {{"ticket", "2026-11-24/ho-tich/A999"}, {"counter", "1"}})));
    CHECK_FALSE(apply(s, event_at("ticket.served", {{"ticket", site.log[0].data["ticket"]}, {"counter", "1"}})));
    CHECK_FALSE(apply(s, event_at("ticket.issued", {{"ticket", 7}, {"number", "x"}})));
    CHECK_FALSE(
        apply(s, event_at("ticket.called", {{"ticket", site.log[0].data["ticket"]}, {"counter", "1"}}, "yesterday")));
    // The same issue twice: the first one stands.
    CHECK_FALSE(apply(s, site.log[0]));
    CHECK(s == before);
}

TEST_CASE("people ahead count the field's queue by the policy") {
    TestSite site;
    site.issue("ho-tich");
    site.issue("ho-tich");
    site.issue("ho-tich", "elderly");
    site.issue("dat-dai");
    // A normal newcomer waits behind all three. A priority newcomer, at 3 normal : 1 priority, behind
    // the priority A003 and the two normal tickets called before the next priority turn.
    CHECK(people_ahead_of_new(site.state(), site.host().settings(), "ho-tich", "", site.now) == 3);
    CHECK(people_ahead_of_new(site.state(), site.host().settings(), "ho-tich", "pregnant", site.now) == 3);
    QueueSettings strict = site.host().settings();
    strict.policy.mode = PolicyMode::strict;
    CHECK(people_ahead_of_new(site.state(), strict, "ho-tich", "pregnant", site.now) == 1);
    CHECK(people_ahead_of_new(site.state(), strict, "ho-tich", "", site.now) == 3);
    CHECK(people_ahead_of_new(site.state(), site.host().settings(), "dat-dai", "", site.now) == 1);
    CHECK(people_ahead_of(site.state(), site.host().settings(), "2026-11-24/ho-tich/A003", site.now) == 0);
    CHECK(people_ahead_of(site.state(), site.host().settings(), "2026-11-24/ho-tich/A002", site.now) == 2);
    CHECK(people_ahead_of(site.state(), site.host().settings(), "2026-11-24/ho-tich/A777", site.now) == -1);
}

TEST_CASE("the wait estimate rests on today's service times and says how many") {
    TestSite site;
    for (int i = 0; i < 6; ++i) site.issue("ho-tich");
    // No service finished yet, nobody at a counter: no estimate, said as such.
    WaitEstimate none = estimate_wait(site.state(), site.host().settings(), "ho-tich", "", site.now);
    CHECK(none.people_ahead == 6);
    CHECK(none.basis == EstimateBasis::none);
    CHECK_FALSE(none.wait_ms.has_value());

    site.sign_in("1", "cb1");
    site.sign_in("2", "cb2");
    for (int minutes : {4, 6, 20}) {  // median 6 minutes
        REQUIRE(site.run(site.authority().call_next("1", "cb1", site.now)).ok());
        REQUIRE(site.run(site.authority().start_serving("1", "cb1", site.now)).ok());
        site.minutes_pass(minutes);
        REQUIRE(site.run(site.authority().finish("1", "cb1", {}, site.now)).ok());
    }
    WaitEstimate e = estimate_wait(site.state(), site.host().settings(), "ho-tich", "", site.now);
    CHECK(e.basis == EstimateBasis::field);
    CHECK(e.samples == 3);
    CHECK(e.open_counters == 2);
    CHECK(e.people_ahead == 3);
    CHECK(e.median_service_ms == 6 * 60'000);
    REQUIRE(e.wait_ms.has_value());
    CHECK(*e.wait_ms == 6 * 60'000 * 3 / 2);

    // Đất đai has no service of its own yet: today's services of every field, said so.
    WaitEstimate other = estimate_wait(site.state(), site.host().settings(), "dat-dai", "", site.now);
    CHECK(other.basis == EstimateBasis::all_fields);
    CHECK(other.open_counters == 1);  // counter 2; counter 3 has nobody signed in
    // A paused counter does not serve.
    REQUIRE(site.run(site.authority().pause("2", "cb2", site.now)).ok());
    CHECK(estimate_wait(site.state(), site.host().settings(), "dat-dai", "", site.now).basis == EstimateBasis::none);
}
