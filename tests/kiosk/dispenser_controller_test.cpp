// The ticket dispenser's rules on a real SQLite file and real printers (a file, a TCP printer on
// 127.0.0.1): the ticket is committed before it is shown, closed hours, "hết số", priority,
// printer problems (one alarm per problem, the ticket still shown) and the ghost rule.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/ticket_ref.hpp"
#include "kiosk/print/escpos.hpp"
#include "kiosk/roles/dispenser/dispenser_controller.hpp"
#include "tests/kiosk/kiosk_test_helpers.hpp"
#include "tests/print/fake_printer.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::dispenser;

namespace {
constexpr std::int64_t kTuesday9am = 1795485600000;  // 2026-11-24 09:00 in Hà Nội: open
constexpr std::int64_t kSunday9am = 1795312800000;   // 2026-11-22: closed

struct Fixture {
    test::TempDir dir;
    std::string db = dir.file("kiosk.db");
    EventStore store = std::move(EventStore::open(db).value());
    std::int64_t wall = kTuesday9am;
    std::int64_t now = 1000;  // the window's clock
    DispenserConfig config;
    queue::QueueSettings settings = queue::default_queue_settings();
    std::unique_ptr<DispenserController> c;

    explicit Fixture(std::string printer = "none") {
        config.site_id = "xa-an-phu";
        config.site_name = "UBND xã An Phú";
        config.printer_target = std::move(printer);
        config.printer_timeout_ms = 500;
        config.fonts = {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"};
        config.wall_clock = [this] { return wall; };
    }
    DispenserController& open() {
        auto opened = DispenserController::open(config, store, settings, now);
        if (!opened) FAIL(opened.error());
        c = std::move(opened.value());
        return *c;
    }
    // Field, then "Không" (or a group): what a citizen taps. `drawn`: the window then draws the
    // ticket screen, as it does after every change.
    void take_ticket(const std::string& field = "tu-phap-ho-tich", const std::string& priority = "", bool drawn = true) {
        REQUIRE(c->apply(intent::PickField{field}, now));
        REQUIRE(c->model().screen == Screen::Priority);
        REQUIRE(c->apply(intent::PickPriority{priority}, now));
        if (drawn) c->mark_ticket_drawn();
    }
    void wait_for_printer() {
        for (int i = 0; i < 2000 && c->printing(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        REQUIRE_FALSE(c->printing());
        c->tick(now);
    }
    std::vector<Event> events(std::string_view type) {
        std::vector<Event> out;
        auto reader = EventStore::open(db);  // a second connection: what is committed to the file
        for (auto& e : reader->all_events())
            if (e.type == type) out.push_back(e);
        return out;
    }
};
}  // namespace

TEST_CASE("a ticket is committed to the file before the screen shows it with the same QR reference") {
    Fixture f;
    f.open();
    REQUIRE(f.c->model().screen == Screen::Fields);
    f.take_ticket();
    const DispenserModel& m = f.c->model();
    REQUIRE(m.screen == Screen::Ticket);
    REQUIRE(m.ticket);
    CHECK(m.ticket->number == "A001");
    CHECK(m.ticket->field_name_vi == "Tư pháp – Hộ tịch");
    CHECK(m.ticket->people_ahead == 0);
    CHECK_FALSE(m.ticket->wait_minutes);  // no service finished today: no made-up estimate
    CHECK(m.ticket->print == PrintState::NotConfigured);
    auto issued = f.events("ticket.issued");
    REQUIRE(issued.size() == 1);
    CHECK(issued[0].data["issuer"] == "dispenser-1");
    CHECK(issued[0].data["ticket"] == m.ticket->id);
    auto ref = parse_ticket_ref(m.ticket->reference);
    REQUIRE(ref);
    CHECK(ref->number == "A001");
    CHECK(ref->ticket_id == m.ticket->id);
    CHECK(ref->site_id == "xa-an-phu");
    CHECK(m.ticket->qr_size >= 21);

    // The second citizen has one person ahead; after the ticket screen's time the start returns.
    f.now += f.config.ticket_ms;
    CHECK(f.c->tick(f.now));
    CHECK(m.screen == Screen::Fields);
    f.take_ticket();
    CHECK(m.ticket->number == "A002");
    CHECK(m.ticket->people_ahead == 1);
}

TEST_CASE("once a service has finished today the ticket carries an estimated wait and none when no counter is open") {
    Fixture f;
    f.open();
    // Counter 1 (field A) served one citizen today. Service times come from the events' own
    // time stamps, so this one took milliseconds: the estimate is then the minimum, one minute.
    QueueSession other = std::move(QueueSession::open(f.store, f.settings).value());
    auto run = [&](auto command) { REQUIRE(other.run(command)->command.ok()); };
    run([&](const queue::QueueAuthority& a) { return a.sign_in("1", "cb01", f.wall); });
    run([&](const queue::QueueAuthority& a) { return a.issue({"tu-phap-ho-tich", "", "", "d"}, f.wall); });
    run([&](const queue::QueueAuthority& a) { return a.issue({"tu-phap-ho-tich", "", "", "d"}, f.wall); });
    run([&](const queue::QueueAuthority& a) { return a.call_next("1", "cb01", f.wall); });
    run([&](const queue::QueueAuthority& a) { return a.start_serving("1", "cb01", f.wall); });
    run([&](const queue::QueueAuthority& a) { return a.finish("1", "cb01", {}, f.wall); });
    f.take_ticket();
    REQUIRE(f.c->model().ticket);
    CHECK(f.c->model().ticket->people_ahead == 1);
    REQUIRE(f.c->model().ticket->wait_minutes);
    CHECK(*f.c->model().ticket->wait_minutes == 1);
    REQUIRE(f.c->apply(intent::Done{}, f.now));
    // The officer leaves: nobody serves the field, so no wait is promised.
    run([&](const queue::QueueAuthority& a) { return a.sign_out("1", "cb01", f.wall); });
    f.take_ticket();
    CHECK(f.c->model().ticket->people_ahead == 2);
    CHECK_FALSE(f.c->model().ticket->wait_minutes);
}

TEST_CASE("outside opening hours the dispenser says closed with the hours and issues nothing") {
    Fixture f;
    f.wall = kSunday9am;
    f.open();
    const DispenserModel& m = f.c->model();
    CHECK(m.screen == Screen::Closed);
    REQUIRE(m.hours_vi.size() == 1);
    CHECK(m.hours_vi[0] == "Thứ Hai – Thứ Sáu: 07:30–11:30, 13:30–17:00");
    CHECK_FALSE(f.c->apply(intent::PickField{"tu-phap-ho-tich"}, f.now));
    CHECK(f.events("ticket.issued").empty());
    // Monday morning comes: the start screen returns by itself.
    f.wall += 24 * 3600 * 1000;
    f.now += 60000;
    CHECK(f.c->tick(f.now));
    CHECK(m.screen == Screen::Fields);
}

TEST_CASE("a field at its daily limit says het so and takes no tap even when another process took the last") {
    Fixture f;
    f.settings.fields[0].daily_limit = 2;
    f.open();
    f.take_ticket();
    REQUIRE(f.c->apply(intent::Done{}, f.now));
    CHECK_FALSE(f.c->model().fields[0].sold_out);
    // Another process on the same file (a counter's walk-in, another dispenser) takes the last number.
    EventStore other_store = std::move(EventStore::open(f.db).value());
    QueueSession other = std::move(QueueSession::open(other_store, f.settings).value());
    REQUIRE(other.run([&](const queue::QueueAuthority& a) { return a.issue({"tu-phap-ho-tich", "", "", "d2"}, f.wall); })
                ->command.ok());
    CHECK(f.c->tick(f.now + 10));
    CHECK(f.c->model().fields[0].sold_out);
    CHECK_FALSE(f.c->model().fields[1].sold_out);
    CHECK_FALSE(f.c->apply(intent::PickField{"tu-phap-ho-tich"}, f.now));
    CHECK(f.c->model().screen == Screen::Fields);
    CHECK(f.events("ticket.issued").size() == 2);
}

TEST_CASE("hết số reached between the start screen and the last tap is said on screen and nothing is shown as issued") {
    Fixture f;
    f.settings.fields[0].daily_limit = 1;
    f.open();
    REQUIRE(f.c->apply(intent::PickField{"tu-phap-ho-tich"}, f.now));
    EventStore other_store = std::move(EventStore::open(f.db).value());
    QueueSession other = std::move(QueueSession::open(other_store, f.settings).value());
    REQUIRE(other.run([&](const queue::QueueAuthority& a) { return a.issue({"tu-phap-ho-tich", "", "", "d2"}, f.wall); })
                ->command.ok());
    REQUIRE(f.c->apply(intent::PickPriority{""}, f.now));
    CHECK(f.c->model().screen == Screen::Refused);
    CHECK(f.c->model().refusal_key == "dispenser.refused.no_numbers_left");
    CHECK_FALSE(f.c->model().ticket);
    CHECK(f.c->model().fields[0].sold_out);
}

TEST_CASE("a priority ticket carries its group and the database failing shows no number") {
    Fixture f;
    f.open();
    f.take_ticket("chung-thuc", "elderly");
    REQUIRE(f.c->model().ticket);
    CHECK(f.c->model().ticket->number == "B001");
    CHECK(f.c->model().ticket->priority_vi == "Người cao tuổi");
    CHECK(f.events("ticket.issued").at(0).data["priority"] == "elderly");
    REQUIRE(f.c->apply(intent::Done{}, f.now));
    REQUIRE(test::break_appends(f.db));
    f.take_ticket();
    CHECK(f.c->model().screen == Screen::Refused);
    CHECK(f.c->model().refusal_key == "dispenser.refused.database");
    CHECK_FALSE(f.c->model().ticket);
    CHECK(f.events("ticket.issued").size() == 1);
}

TEST_CASE("a file printer gets the ticket the screen shows") {
    Fixture f;
    const std::string out = f.dir.file("ticket.bin");
    f.config.printer_target = "file:" + out;
    f.open();
    f.take_ticket();
    CHECK(f.c->model().ticket->print == PrintState::Printing);
    f.wait_for_printer();
    CHECK(f.c->model().ticket->print == PrintState::Printed);
    std::ifstream in(out, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    auto image = print::decode_ticket(bytes.str());
    REQUIRE(image);
    CHECK(image->width == 576);  // 80 mm
    CHECK(f.events("device.alarm").empty());
}

TEST_CASE("a printer that fails gives one device.alarm for two tickets and each ticket is still shown") {
    Fixture f("file:/nonexistent-dir/ticket.bin");
    f.open();
    for (int i = 0; i < 2; ++i) {
        f.take_ticket();  // and the screen drew it
        f.wait_for_printer();
        REQUIRE(f.c->model().screen == Screen::Ticket);
        CHECK(f.c->model().ticket->print == PrintState::Failed);
        CHECK_FALSE(f.c->model().ticket->reference.empty());
        CHECK_FALSE(f.c->model().printer_problem_vi.empty());
        REQUIRE(f.c->apply(intent::Done{}, f.now));
    }
    auto alarms = f.events("device.alarm");
    REQUIRE(alarms.size() == 1);
    CHECK(alarms[0].data["alarm"] == "printer_failed");
    // Shown on screen: delivered, so both still wait.
    CHECK(f.events("ticket.cancelled").empty());
}

TEST_CASE("ghost rule: a ticket neither printed nor drawn is cancelled as not_delivered") {
    Fixture f("file:/nonexistent-dir/ticket.bin");
    f.open();
    f.take_ticket("tu-phap-ho-tich", "", false);
    const std::string id = f.c->model().ticket->id;
    f.wait_for_printer();
    // The window never drew the ticket screen; it times out.
    f.now += f.config.ticket_ms;
    f.c->tick(f.now);
    CHECK(f.c->model().screen == Screen::Fields);
    auto cancelled = f.events("ticket.cancelled");
    REQUIRE(cancelled.size() == 1);
    CHECK(cancelled[0].data["ticket"] == id);
    CHECK(cancelled[0].data["reason"] == "not_delivered");
    CHECK(f.c->session()->state().ticket(id)->status == queue::TicketStatus::cancelled);
}

TEST_CASE("a TCP printer that stops reading mid-ticket does not hold the screen and raises an alarm") {
    test::FakePrinter printer(test::FakePrinter::Mode::stop_reading, test::FakePrinter::kAllClear, 4096);
    Fixture f(printer.target());
    f.open();
    f.take_ticket();
    // The tap returned with the ticket on screen while the printer still holds the bytes.
    CHECK(f.c->model().screen == Screen::Ticket);
    CHECK(f.c->printing());
    f.wait_for_printer();
    CHECK(f.c->model().ticket->print == PrintState::Failed);
    auto alarms = f.events("device.alarm");
    REQUIRE(alarms.size() == 1);
    CHECK(alarms[0].data["printer"] == printer.target());
}

TEST_CASE("the dispenser starts in ui.language and a visitor's English goes back to it when left idle") {
    Fixture f;
    f.config.start_language = Language::En;
    f.config.idle_ms = 30'000;
    auto& c = f.open();
    CHECK(c.model().screen == Screen::Fields);
    CHECK(c.model().language == Language::En);
    c.note_input(f.now);  // the window notes every touch
    REQUIRE(c.apply(intent::ToggleLanguage{}, f.now));  // a citizen wants Vietnamese, then leaves
    CHECK(c.model().language == Language::Vi);
    CHECK(c.next_deadline_ms() == std::optional<std::int64_t>(f.now + 30'000));
    CHECK_FALSE(c.tick(f.now + 29'000));
    CHECK(c.model().language == Language::Vi);
    CHECK(c.tick(f.now + 30'000));
    CHECK(c.model().language == Language::En);
    // The IT screen's choice shows at once on the start screen and is the one returned to.
    CHECK(c.set_start_language(Language::Vi));
    CHECK(c.model().language == Language::Vi);
    c.note_input(f.now + 31'000);
    REQUIRE(c.apply(intent::PickField{"tu-phap-ho-tich"}, f.now + 31'000));
    CHECK_FALSE(c.set_start_language(Language::En));  // someone is choosing: their screen does not change
    CHECK(c.model().language == Language::Vi);
    CHECK(c.tick(f.now + 31'000 + 30'000));  // they left: back to the start, in the new start language
    CHECK(c.model().screen == Screen::Fields);
    CHECK(c.model().language == Language::En);
}
