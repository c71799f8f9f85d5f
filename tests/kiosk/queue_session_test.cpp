// QueueSession: several processes on one kiosk database keep one queue. Here each "process" is
// its own EventStore connection and QueueSession on the same file, in its own thread.
#include <catch2/catch.hpp>
#include <atomic>
#include <chrono>
#include <optional>
#include <set>
#include <thread>

#include "core/clock.hpp"
#include "kiosk/queue_session.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;

namespace {

queue::QueueSettings two_counters() {
    queue::QueueSettings s = queue::default_queue_settings();
    s.fields = {{"ho-tich", "Hộ tịch", "Civil status", "A", 1, 999, 0, {}}};
    s.counters = {{"1", "Quầy số 1", {"ho-tich"}}, {"2", "Quầy số 2", {"ho-tich"}}};
    s.opening_hours = {};  // closed every day: the counters' calls do not need opening hours...
    return s;
}

// ...but the dispenser does: open all day, every day.
queue::QueueSettings open_always(queue::QueueSettings s) {
    for (auto& day : s.opening_hours.by_weekday) day = {{0, 24 * 60}};
    s.opening_hours.closed_dates.clear();
    return s;
}

}  // namespace

TEST_CASE("a session sees what another process committed: the next number follows theirs") {
    test::TempDir dir;
    const std::string db = dir.file("kiosk.db");
    EventStore a = std::move(EventStore::open(db).value());
    EventStore b = std::move(EventStore::open(db).value());
    auto settings = open_always(two_counters());
    QueueSession first = std::move(QueueSession::open(a, settings).value());
    QueueSession second = std::move(QueueSession::open(b, settings).value());
    const std::int64_t now = clock::unix_ms_now();

    auto issue = [&](QueueSession& s) {
        auto out = s.run([&](const queue::QueueAuthority& q) { return q.issue({"ho-tich", "", "", "d1"}, now); });
        REQUIRE(out.ok());
        INFO(out->command.refusal().message);
        REQUIRE(out->command.ok());
        return s.state().ticket(out->command.ticket())->display;
    };
    CHECK(issue(first) == "A001");
    CHECK(issue(second) == "A002");  // not A001 again: it folded the first session's ticket inside its transaction
    CHECK(issue(first) == "A003");
    // The board's way: only catch_up, never a command.
    EventStore c = std::move(EventStore::open(db).value());
    QueueSession board = std::move(QueueSession::open(c, settings).value());
    CHECK(board.state().waiting("ho-tich", board.state().day).size() == 3);
    issue(second);
    auto changed = board.catch_up();
    REQUIRE(changed.ok());
    CHECK(changed.value());
    CHECK(board.state().waiting("ho-tich", board.state().day).size() == 4);
    auto unchanged = board.catch_up();
    REQUIRE(unchanged.ok());
    CHECK_FALSE(unchanged.value());
}

TEST_CASE("two counters in two connections calling next at the same time never get the same ticket") {
    test::TempDir dir;
    const std::string db = dir.file("kiosk.db");
    auto settings = open_always(two_counters());
    const std::int64_t now = clock::unix_ms_now();
    constexpr int kTickets = 300;
    {
        EventStore dispenser_store = std::move(EventStore::open(db).value());
        QueueSession dispenser = std::move(QueueSession::open(dispenser_store, settings).value());
        for (int i = 0; i < kTickets; ++i) {
            auto out = dispenser.run([&](const queue::QueueAuthority& q) { return q.issue({"ho-tich", "", "", "d1"}, now); });
            REQUIRE(out.ok());
            REQUIRE(out->command.ok());
        }
    }
    // Catch2 assertions are not thread-safe: each thread records its own calls and errors; checks come after.
    struct Counter {
        std::string id, officer;
        std::vector<std::string> called;
        std::string error;
    };
    Counter counters[2] = {{"1", "officer-1", {}, {}}, {"2", "officer-2", {}, {}}};
    std::atomic<int> ready{0};
    auto work = [&](Counter& c) {
        auto opened = EventStore::open(db);
        if (!opened) { c.error = opened.error(); return; }
        EventStore store = std::move(opened.value());
        auto session = QueueSession::open(store, settings);
        if (!session) { c.error = session.error(); return; }
        QueueSession& s = session.value();
        auto run = [&](const QueueSession::Command& command) -> std::optional<queue::CommandResult> {
            auto out = s.run(command);
            if (!out.ok()) { c.error = out.error(); return std::nullopt; }
            return out->command;
        };
        auto signed_in = run([&](const queue::QueueAuthority& q) { return q.sign_in(c.id, c.officer, now); });
        if (!signed_in || !signed_in->ok()) { c.error = c.error.empty() ? "sign in refused" : c.error; return; }
        ready.fetch_add(1);
        while (ready.load() < 2) std::this_thread::yield();  // both counters open for business: go
        for (;;) {
            auto call = run([&](const queue::QueueAuthority& q) { return q.call_next(c.id, c.officer, now); });
            if (!call) return;
            if (!call->ok()) {
                if (call->refusal().code != queue::refusal::kNothingWaiting) c.error = call->refusal().message;
                return;
            }
            c.called.push_back(call->ticket());
            // A moment between two calls, as at a real counter: without it one thread can hold on to
            // the write lock while the other sleeps in SQLite's busy handler, and they never overlap.
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            auto finished = run([&](const queue::QueueAuthority& q) { return q.finish(c.id, c.officer, {}, now); });
            if (!finished || !finished->ok()) { c.error = c.error.empty() ? "finish refused" : c.error; return; }
        }
    };
    std::thread one([&] { work(counters[0]); });
    std::thread two([&] { work(counters[1]); });
    one.join();
    two.join();
    CHECK(counters[0].error.empty());
    CHECK(counters[1].error.empty());
    INFO(counters[0].error << " / " << counters[1].error);
    std::set<std::string> all;
    for (auto& c : counters) all.insert(c.called.begin(), c.called.end());
    CHECK(counters[0].called.size() + counters[1].called.size() == kTickets);
    CHECK(all.size() == kTickets);  // no ticket called twice
    CHECK(counters[0].called.size() > 0);  // both really worked at once
    CHECK(counters[1].called.size() > 0);

    EventStore check = std::move(EventStore::open(db).value());
    CHECK(check.verify_chain().ok);
    CHECK(check.count_of_type("ticket.called") == kTickets);
}
