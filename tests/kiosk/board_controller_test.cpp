// The lobby board's controller over a real database file: the counters' and the dispenser's
// commands are committed by another connection (another "process"), the board only reads.
#include <catch2/catch.hpp>

#include "kiosk/queue_session.hpp"
#include "kiosk/roles/board/board_controller.hpp"
#include "tests/kiosk/kiosk_test_helpers.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;

namespace {

// 2026-11-24 (a Tuesday) 09:00 in Viet Nam.
constexpr std::int64_t kMorning = 1'795'485'600'000;

queue::QueueSettings board_queue() {
    queue::QueueSettings s = queue::default_queue_settings();
    s.fields = {{"ho-tich", "Hộ tịch", "Civil status", "A", 1, 999, 0, {}},
                {"dat-dai", "Đất đai", "Land", "C", 1, 9999, 0, {}}};
    s.counters = {{"1", "Quầy số 1", {"ho-tich"}}, {"2", "Quầy số 2", {"ho-tich"}}, {"3A", "Quầy số 3A", {"dat-dai"}}};
    for (auto& day : s.opening_hours.by_weekday) day = {{0, 24 * 60}};
    return s;
}

struct Site {
    test::TempDir dir;
    std::string db = dir.file("kiosk.db");
    std::int64_t wall = kMorning;
    EventStore writer_store = std::move(EventStore::open(db).value());
    QueueSession writer = std::move(QueueSession::open(writer_store, board_queue()).value());
    EventStore board_store = std::move(EventStore::open(db).value());
    std::int64_t mono = 1000;  // the window's clock
    std::unique_ptr<BoardController> board;

    BoardConfig config() {
        BoardConfig c;
        c.queue = board_queue();
        c.site_name = "UBND phường Bến Nghé";
        c.wall_now_ms = [this] { return wall; };
        return c;
    }
    void start_board() { board = std::make_unique<BoardController>(config(), board_store, mono); }

    std::string run(const QueueSession::Command& command) {
        auto out = writer.run(command);
        REQUIRE(out.ok());
        INFO(out->command.refusal().message);
        REQUIRE(out->command.ok());
        return out->command.ticket();
    }
    std::string issue(const std::string& field) {
        return run([&](const queue::QueueAuthority& q) { return q.issue({field, "", "", "d1"}, wall); });
    }
    void sign_in(const std::string& counter) {
        run([&](const queue::QueueAuthority& q) { return q.sign_in(counter, "cb-" + counter, wall); });
    }
    void call_next(const std::string& counter) {
        run([&](const queue::QueueAuthority& q) { return q.call_next(counter, "cb-" + counter, wall); });
    }
    void recall(const std::string& counter) {
        run([&](const queue::QueueAuthority& q) { return q.recall(counter, "cb-" + counter, wall); });
    }
    void finish(const std::string& counter) {
        run([&](const queue::QueueAuthority& q) { return q.finish(counter, "cb-" + counter, {}, wall); });
    }
    bool tick(std::int64_t advance_ms = 10) {
        mono += advance_ms;
        return board->tick(mono);
    }
    std::vector<std::string> recent() const {
        std::vector<std::string> out;
        for (const auto& c : board->model().recent) out.push_back(c.ticket + ">" + c.counter);
        return out;
    }
};

std::vector<std::string> spoken(const std::vector<BoardCall>& calls) {
    std::vector<std::string> out;
    for (const auto& c : calls) out.push_back(c.ticket + ">" + c.counter + (c.recall ? " again" : ""));
    return out;
}

}  // namespace

TEST_CASE("board: calls committed by another connection are shown newest first and each is queued to be spoken") {
    Site site;
    site.start_board();
    CHECK(site.board->model().recent.empty());
    for (int i = 0; i < 3; ++i) site.issue("ho-tich");
    site.issue("dat-dai");
    site.sign_in("1");
    site.sign_in("2");
    site.sign_in("3A");
    site.call_next("1");
    site.call_next("3A");
    site.call_next("2");
    CHECK(site.tick());
    CHECK(site.recent() == std::vector<std::string>{"A002>2", "C0001>3A", "A001>1"});
    CHECK(spoken(site.board->take_new_calls()) == std::vector<std::string>{"A001>1", "C0001>3A", "A002>2"});
    CHECK(site.board->take_new_calls().empty());  // each call is spoken once
    const BoardCall& newest = site.board->model().recent.front();
    CHECK(newest.text == "Mời công dân có số thứ tự A002 đến quầy số 2");
    CHECK(site.board->model().highlight);
    CHECK(site.board->model().calls_seen == 3);
}

TEST_CASE("board: a recall brings the ticket back to the top and is spoken again") {
    Site site;
    site.start_board();
    site.issue("ho-tich");
    site.issue("ho-tich");
    site.sign_in("1");
    site.sign_in("2");
    site.call_next("1");
    site.call_next("2");
    site.tick();
    site.board->take_new_calls();
    site.recall("1");
    CHECK(site.tick());
    CHECK(site.recent() == std::vector<std::string>{"A001>1", "A002>2"});  // one row per ticket
    CHECK(site.board->model().recent.front().recall);
    CHECK(spoken(site.board->take_new_calls()) == std::vector<std::string>{"A001>1 again"});
}

TEST_CASE("board: waiting counts per field follow tickets issued and called") {
    Site site;
    site.start_board();
    for (int i = 0; i < 3; ++i) site.issue("ho-tich");
    site.issue("dat-dai");
    site.tick();
    auto counts = [&] {
        std::vector<int> out;
        for (const auto& f : site.board->model().waiting) out.push_back(f.waiting);
        return out;
    };
    REQUIRE(site.board->model().waiting.size() == 2);
    CHECK(site.board->model().waiting[0].name == "Hộ tịch");
    CHECK(counts() == std::vector<int>{3, 1});
    site.sign_in("1");
    site.call_next("1");
    site.tick();
    CHECK(counts() == std::vector<int>{2, 1});
}

TEST_CASE("board: at local midnight yesterday's calls and waiting tickets leave the board") {
    Site site;
    site.wall = kMorning + 14 * 3'600'000 + 59 * 60'000;  // 23:59
    site.start_board();
    site.issue("ho-tich");
    site.issue("ho-tich");
    site.sign_in("1");
    site.call_next("1");
    site.tick();
    CHECK(site.recent() == std::vector<std::string>{"A001>1"});
    CHECK(site.board->model().waiting[0].waiting == 1);
    CHECK(site.board->model().day == "2026-11-24");
    // The clock's next minute is the board's next deadline, with no other timer running.
    site.tick(9000);  // the highlight is over
    auto deadline = site.board->next_deadline_ms();
    REQUIRE(deadline);
    CHECK(*deadline - site.mono <= 60'000);
    site.wall += 60'000;  // 00:00 on the 25th
    CHECK(site.tick(*deadline - site.mono));
    CHECK(site.board->model().day == "2026-11-25");
    CHECK(site.board->model().weekday == 2);  // Wednesday
    CHECK(site.board->model().recent.empty());
    CHECK(site.board->model().waiting[0].waiting == 0);
    // A board started after midnight shows none of yesterday's calls either.
    site.start_board();
    CHECK(site.board->model().recent.empty());
}

TEST_CASE("board: calls made before the board started are shown but not spoken") {
    Site site;
    site.issue("ho-tich");
    site.sign_in("1");
    site.call_next("1");
    site.start_board();
    CHECK(site.recent() == std::vector<std::string>{"A001>1"});
    site.tick();
    CHECK(site.board->take_new_calls().empty());
    CHECK_FALSE(site.board->model().highlight);
}

TEST_CASE("board: a burst of 1000 calls folded in one tick queues every call in commit order") {
    Site site;
    site.start_board();
    constexpr int kCalls = 1000;
    for (int i = 0; i < kCalls; ++i) site.issue("dat-dai");
    site.sign_in("3A");
    for (int i = 0; i < kCalls; ++i) {
        site.call_next("3A");
        if (i + 1 < kCalls) site.finish("3A");
    }
    site.tick();
    auto calls = site.board->take_new_calls();
    REQUIRE(calls.size() == kCalls);
    for (int i = 0; i < kCalls; ++i) {
        INFO(i);
        CHECK(calls[static_cast<size_t>(i)].ticket == queue::display_number("C", i + 1, 9999));
        CHECK(calls[static_cast<size_t>(i)].number == i + 1);
    }
    CHECK(site.recent().front() == "C1000>3A");
    CHECK(site.board->model().recent.size() == site.board->config().recent_count);
}

TEST_CASE("board: a database it cannot read shows the problem screen and not the old calls until it can again") {
    Site site;
    site.start_board();
    site.issue("ho-tich");
    site.sign_in("1");
    site.call_next("1");
    site.tick();
    REQUIRE(test::exec_on_file(site.db, "ALTER TABLE events RENAME TO events_gone"));
    CHECK(site.tick());
    CHECK(site.board->model().screen == BoardScreen::Problem);
    CHECK_FALSE(site.board->model().problem.empty());
    auto deadline = site.board->next_deadline_ms();
    REQUIRE(deadline);
    CHECK(*deadline <= site.mono + site.board->config().retry_ms);  // it tries again by itself
    REQUIRE(test::exec_on_file(site.db, "ALTER TABLE events_gone RENAME TO events"));
    CHECK(site.tick(site.board->config().retry_ms));
    CHECK(site.board->model().screen == BoardScreen::Calls);
    CHECK(site.recent() == std::vector<std::string>{"A001>1"});
}

TEST_CASE("board: without a database the board shows the problem screen") {
    BoardConfig config;
    config.queue = board_queue();
    BoardController board(config, "unable to open database file", 0);
    CHECK(board.model().screen == BoardScreen::Problem);
    CHECK(board.model().problem == "unable to open database file");
}

TEST_CASE("board: a new call blinks for the highlight time and then stays lit without a timer") {
    Site site;
    site.start_board();
    site.issue("ho-tich");
    site.sign_in("1");
    site.call_next("1");
    site.tick();
    const auto& m = site.board->model();
    CHECK(m.highlight);
    CHECK(m.blink_on);
    auto deadline = site.board->next_deadline_ms();
    REQUIRE(deadline);
    CHECK(*deadline == site.mono + site.board->config().blink_ms);
    CHECK(site.tick(site.board->config().blink_ms));
    CHECK(m.highlight);
    CHECK_FALSE(m.blink_on);
    site.tick(site.board->config().highlight_ms);
    CHECK_FALSE(m.highlight);
    CHECK(site.recent() == std::vector<std::string>{"A001>1"});
    CHECK(*site.board->next_deadline_ms() - site.mono > site.board->config().blink_ms);  // only the clock
}
