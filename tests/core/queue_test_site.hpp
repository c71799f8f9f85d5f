// A queue host for tests: commands go through the real QueueAuthority and QueueHost, and
// "committing" appends the event to an in-memory log stamped with the test's clock, as
// EventStore::append would stamp it with the kiosk's.
#pragma once
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/queue/queue_host.hpp"

namespace motcua::queue::test {

// Unix ms of a local time in Vietnam.
inline std::int64_t vn_time(const std::string& local) {  // "2026-11-24T08:00"
    std::int64_t ms = 0;
    bool ok = clock::parse_rfc3339(local + ":00+07:00", ms);
    REQUIRE(ok);
    return ms;
}

// Two fields, three counters: counter 1 serves Hộ tịch, 2 serves both, 3 serves Đất đai.
inline QueueSettings two_field_settings() {
    QueueSettings s = default_queue_settings();
    s.fields = {{"ho-tich", "Hộ tịch", "Civil status", "A", 1, 999, 0, {{"khai-sinh", "Khai sinh", "Birth"}}},
                {"dat-dai", "Đất đai", "Land", "B", 1, 999, 0, {}}};
    s.counters = {
        {"1", "Quầy số 1", {"ho-tich"}}, {"2", "Quầy số 2", {"ho-tich", "dat-dai"}}, {"3", "Quầy số 3", {"dat-dai"}}};
    s.policy.ageing_minutes = 0;
    return s;
}

class TestSite {
public:
    explicit TestSite(QueueSettings settings = two_field_settings(), const std::string& start = "2026-11-24T08:00")
        : now(vn_time(start)), host_(std::move(settings), [this](const EventDraft& d) { return stamp(d); }) {}

    std::int64_t now;
    std::vector<Event> log;

    QueueHost& host() { return host_; }
    const QueueState& state() const { return host_.state(); }
    QueueAuthority authority() const { return host_.authority(); }
    void minutes_pass(int minutes) { now += std::int64_t{minutes} * 60'000; }

    // Commits an accepted command; a refused one is returned untouched.
    CommandResult run(CommandResult command) {
        if (command.ok()) {
            Status committed = host_.commit(command);
            REQUIRE(committed.ok());
        }
        return command;
    }
    std::string issue(const std::string& field, const std::string& priority = "") {
        CommandResult r = run(authority().issue({field, "", priority, "dispenser-1"}, now));
        INFO(r.refusal().message);
        REQUIRE(r.ok());
        return r.ticket();
    }
    void sign_in(const std::string& counter, const std::string& officer) {
        REQUIRE(run(authority().sign_in(counter, officer, now)).ok());
    }
    // Calls the next ticket at the counter and finishes it; returns its number as printed.
    std::string call_and_finish(const std::string& counter, const std::string& officer) {
        CommandResult called = run(authority().call_next(counter, officer, now));
        INFO(called.refusal().message);
        REQUIRE(called.ok());
        REQUIRE(run(authority().finish(counter, officer, {}, now)).ok());
        return display(called.ticket());
    }
    std::string display(const std::string& id) const {
        const Ticket* t = state().ticket(id);
        return t ? t->display : "?";
    }
    const Ticket& ticket(const std::string& id) const {
        const Ticket* t = state().ticket(id);
        REQUIRE(t);
        return *t;
    }

private:
    Result<Event> stamp(const EventDraft& draft) {
        Event e;
        e.seq = static_cast<std::int64_t>(log.size()) + 1;
        e.id = "event-" + std::to_string(e.seq);
        e.type = draft.type;
        e.at = clock::rfc3339_ms(now, 420);
        e.data = draft.data;
        log.push_back(e);
        return e;
    }

    QueueHost host_;
};

}  // namespace motcua::queue::test
