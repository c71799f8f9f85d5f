// The lobby board in the real SDL window (offscreen driver without a display): in this process
// with a recording voice, and as real `motcua-kiosk --role board` processes while the test commits
// calls to the same database file, as the counters' processes would.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/clock.hpp"
#include "kiosk/app/sdl_app.hpp"
#include "kiosk/queue_session.hpp"
#include "kiosk/roles/board/board_role.hpp"
#include "tests/kiosk/kiosk_test_helpers.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;
namespace fs = std::filesystem;

namespace {
const std::string kAssets = std::string(MOTCUA_SOURCE_DIR) + "/assets";

bool is_png(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char sig[8] = {};
    in.read(sig, 8);
    std::error_code ec;
    return in && std::string(sig + 1, 3) == "PNG" && fs::file_size(path, ec) > 1000;
}

// The board's queue (motcua-kiosk uses the default settings), open all day for the test's commands.
queue::QueueSettings test_queue() {
    queue::QueueSettings s = queue::default_queue_settings();
    for (auto& day : s.opening_hours.by_weekday) day = {{0, 24 * 60}};
    s.opening_hours.closed_dates.clear();
    return s;
}

// The counters' side: commits to the database as the staff consoles would.
struct Counters {
    EventStore store;
    QueueSession queue;
    explicit Counters(const std::string& db)
        : store(std::move(EventStore::open(db).value())), queue(std::move(QueueSession::open(store, test_queue()).value())) {}
    std::string run(const QueueSession::Command& command) {
        auto out = queue.run(command);
        REQUIRE(out.ok());
        INFO(out->command.refusal().message);
        REQUIRE(out->command.ok());
        return out->command.ticket();
    }
    std::string field(int counter) const { return queue.settings().counters.at(static_cast<size_t>(counter - 1)).fields[0]; }
    void issue(int counter, int n) {
        for (int i = 0; i < n; ++i)
            run([&](const queue::QueueAuthority& q) { return q.issue({field(counter), "", "", "d1"}, clock::unix_ms_now()); });
    }
    void sign_in(int counter) {
        run([&](const queue::QueueAuthority& q) {
            return q.sign_in(std::to_string(counter), "cb" + std::to_string(counter), clock::unix_ms_now());
        });
    }
    std::string display(const std::string& id) const { return queue.state().ticket(id)->display; }
    // Calls the counter's next ticket (finishing the one it had, if any); returns its number.
    std::string call_next(int counter, bool finish_first) {
        const std::string c = std::to_string(counter), officer = "cb" + c;
        if (finish_first) run([&](const queue::QueueAuthority& q) { return q.finish(c, officer, {}, clock::unix_ms_now()); });
        return display(run([&](const queue::QueueAuthority& q) { return q.call_next(c, officer, clock::unix_ms_now()); }));
    }
    void recall(int counter) {
        const std::string c = std::to_string(counter);
        run([&](const queue::QueueAuthority& q) { return q.recall(c, "cb" + c, clock::unix_ms_now()); });
    }
};

class RecordingVoice final : public BoardVoice {
public:
    explicit RecordingVoice(std::vector<std::string>& said) : said_(said) {}
    void announce(const BoardCall& call) override { said_.push_back(call.text); }
    bool update() override { return false; }
    bool has_problem() const override { return false; }

private:
    std::vector<std::string>& said_;
};

// "board: <what> N TICKET -> COUNTER" lines of the board's output, in order.
std::vector<std::string> board_lines(const std::string& output, const std::string& what) {
    std::vector<std::string> out;
    std::regex line("board: " + what + " [0-9]+ ([A-Z0-9]+ -> [0-9A-Z]+( \\(recall\\))?)");
    std::istringstream in(output);
    std::string l;
    std::smatch m;
    while (std::getline(in, l))
        if (std::regex_search(l, m, line)) out.push_back(m[1]);
    return out;
}

std::string board_config(test::TempDir& dir) {
    dir.write("board.toml",
              "[ui]\nwidth = 1920\nheight = 1080\n[queue]\nsite_name = \"Trung tâm Phục vụ hành chính công phường Bến Nghé\"\n");
    return dir.file("board.toml");
}

std::vector<std::string> board_env(test::TempDir& dir) {
    return {"SDL_AUDIODRIVER=disk", "SDL_DISKAUDIOFILE=" + dir.file("board-audio.raw")};
}

}  // namespace

TEST_CASE("board window: the empty morning board then a blinking new call then calls and a recall and a database problem") {
    test::TempDir dir;
    const std::string db = dir.file("kiosk.db"), shots = dir.file("shots");
    Counters counters(db);
    EventStore board_store = std::move(EventStore::open(db).value());
    Texts texts = Texts::load(kAssets).value();
    BoardConfig config;
    config.queue = test_queue();
    config.site_name = "Trung tâm Phục vụ hành chính công phường Bến Nghé";
    std::vector<std::string> said;
    std::ostringstream log;
    BoardRole role(std::make_unique<BoardController>(config, board_store, 0), std::make_unique<RecordingVoice>(said),
                   texts, log);
    AppOptions options;
    options.windowed = true;
    options.width = 1920;
    options.height = 1080;
    options.screenshot_dir = shots;
    options.font_file = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    options.bold_font_file = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
    auto created = KioskApp::create(options, role);
    if (!created) FAIL("cannot start the kiosk window: " << created.error());
    auto& app = *created.value();
    app.settle();
    CHECK(role.view() == "empty");
    CHECK(is_png(shots + "/empty.png"));

    for (int c = 1; c <= 4; ++c) {
        counters.issue(c, 3);
        counters.sign_in(c);
    }
    std::vector<std::string> called;
    for (int c = 1; c <= 4; ++c) {
        called.push_back(counters.call_next(c, false));
        app.settle();  // the window ticks the role: it catches up with what was committed
    }
    CHECK(role.view() == "new_call");
    CHECK(said.size() == 4);
    CHECK(said.back() == "Mời công dân có số thứ tự " + called.back() + " đến quầy số 4");
    CHECK(is_png(shots + "/new_call.png"));
    CHECK_THAT(log.str(), Catch::Contains("board: showing 4 " + called.back() + " -> 4"));
    app.advance_clock(config.highlight_ms);
    app.settle();
    CHECK(role.view() == "calls");
    CHECK(is_png(shots + "/calls.png"));

    counters.recall(2);
    app.settle();
    CHECK(said.back() == "Mời công dân có số thứ tự " + called[1] + " đến quầy số 2");
    CHECK(role.controller().model().recent.front().recall);
    CHECK(app.screenshot("recall"));

    REQUIRE(test::exec_on_file(db, "ALTER TABLE events RENAME TO events_gone"));
    app.advance_clock(config.retry_ms);
    app.settle();
    CHECK(role.view() == "problem");
    CHECK(is_png(shots + "/problem.png"));
    REQUIRE(test::exec_on_file(db, "ALTER TABLE events_gone RENAME TO events"));
    app.advance_clock(config.retry_ms);
    app.settle();
    CHECK(role.view() == "calls");
    // Kept for a person to look at (docs/screenshots/board/).
    if (const char* keep = std::getenv("MOTCUA_KEEP_SCREENSHOTS"))
        for (const char* name : {"empty.png", "new_call.png", "calls.png", "recall.png", "problem.png"})
            fs::copy_file(shots + "/" + name, std::string(keep) + "/" + name, fs::copy_options::overwrite_existing);
}

TEST_CASE("board process: calls committed by another process are shown and queued for speaking in order") {
    test::TempDir dir;
    const std::string db = dir.file("kiosk.db");
    Counters counters(db);  // creates the database before the board opens it
    test::Process board({test::binary("motcua-kiosk"), "--role", "board", "--config", board_config(dir), "--db", db,
                         "--screenshot-dir", dir.file("shots")},
                        board_env(dir));
    REQUIRE_FALSE(board.wait_for_line("first frame shown").empty());
    for (int c = 1; c <= 2; ++c) {
        counters.issue(c, 520);
        counters.sign_in(c);
    }
    // At a counter's pace, each call is drawn on its own frame.
    std::vector<std::string> expected;
    expected.push_back(counters.call_next(1, false) + " -> 1");
    REQUIRE_FALSE(board.wait_for_line("board: showing 1 ").empty());
    expected.push_back(counters.call_next(2, false) + " -> 2");
    REQUIRE_FALSE(board.wait_for_line("board: showing 2 ").empty());
    counters.recall(1);
    expected.push_back(expected[0] + " (recall)");
    REQUIRE_FALSE(board.wait_for_line("board: showing 3 ").empty());
    CHECK(board_lines(board.output(), "queued") == expected);
    CHECK(board_lines(board.output(), "showing") == expected);

    SECTION("a burst of 1000 calls made as fast as possible: every one queued for speaking, in order") {
        for (int i = 0; i < 500; ++i) {
            expected.push_back(counters.call_next(1, true) + " -> 1");
            expected.push_back(counters.call_next(2, true) + " -> 2");
        }
        REQUIRE_FALSE(board.wait_for_line("board: queued 1003 ", std::chrono::seconds(60)).empty());
        REQUIRE_FALSE(board.wait_for_line("board: showing 1003 ", std::chrono::seconds(20)).empty());
        CHECK(board_lines(board.output(), "queued") == expected);
        // The frames drawn during the burst show the newest calls; the last one is on screen.
        auto shown = board_lines(board.output(), "showing");
        REQUIRE_FALSE(shown.empty());
        CHECK(shown.back() == expected.back());
        CHECK(std::is_sorted(shown.begin(), shown.end(), [&](const std::string& a, const std::string& b) {
            return std::find(expected.begin(), expected.end(), a) < std::find(expected.begin(), expected.end(), b);
        }));
    }
    board.terminate();
    CHECK(is_png(dir.file("shots/new_call.png")));
}

TEST_CASE("board process: --demo goes through every screen and saves them") {
    test::TempDir dir;
    auto result = test::run({test::binary("motcua-kiosk"), "--role", "board", "--demo", "--config", board_config(dir),
                             "--screenshot-dir", dir.file("shots"), "--db", dir.file("demo.db")},
                            std::chrono::seconds(60), board_env(dir));
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.output, Catch::Contains("demo: the problem screen came and went"));
    for (const char* name : {"empty.png", "new_call.png", "calls.png", "recall.png", "problem.png"}) {
        INFO(name);
        CHECK(is_png(dir.file("shots") + "/" + name));
    }
}

TEST_CASE("board process: without a usable database it shows the problem screen and exits 1 to be restarted") {
    test::TempDir dir;
    dir.write("junk.db", std::string(8192, '\x5a'));
    dir.write("kiosk.toml", "[ui]\nout_of_service_seconds = 1\n");
    auto result = test::run({test::binary("motcua-kiosk"), "--role", "board", "--config", dir.file("kiosk.toml"), "--db",
                             dir.file("junk.db"), "--screenshot-dir", dir.file("shots")},
                            std::chrono::seconds(30), board_env(dir));
    CHECK(result.exit_code == 1);
    CHECK(is_png(dir.file("shots/problem.png")));
    CHECK_FALSE(fs::exists(dir.file("shots/empty.png")));
}
