// The counter staff console's controller on a real SQLite file: sign-in with PIN and lockout,
// every queue action and its refusals, the scanner path, and other processes' tickets showing up.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <set>
#include <thread>

#include "core/queue/queue_command.hpp"
#include "core/ticket_ref.hpp"
#include "kiosk/i18n.hpp"
#include "kiosk/queue_session.hpp"
#include "tests/kiosk/counter_test_helpers.hpp"
#include "tests/kiosk/kiosk_test_helpers.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;
namespace ci = motcua::kiosk::counter_intent;

namespace {

struct Desk {
    test::TempDir dir;
    std::string db = dir.file("kiosk.db");
    EventStore store = std::move(EventStore::open(db).value());
    EventStore dispenser_store = std::move(EventStore::open(db).value());  // another process's connection
    QueueSession dispenser = std::move(QueueSession::open(dispenser_store, test::counter_queue()).value());
    std::int64_t wall = test::kCounterWallMs;
    CounterController c{test::counter_config("1", &wall), test::counter_queue(), store, 0};
    std::int64_t now = 1000;  // the window's clock

    const CounterModel& m() const { return c.model(); }
    std::string issue(const std::string& field = "ho-tich", const std::string& priority = "") {
        auto out = dispenser.run([&](const queue::QueueAuthority& q) { return q.issue({field, "", priority, "d1"}, wall); });
        REQUIRE(out.ok());
        REQUIRE(out->command.ok());
        return dispenser.state().ticket(out->command.ticket())->display;
    }
    void type(const std::string& text) { c.text_input(text, now); }
    void sign_in(const std::string& officer = "cb01", const std::string& pin = "1234") {
        type(officer);
        c.enter(now);
        type(pin);
        c.enter(now);
        REQUIRE(m().screen == CounterScreen::Console);
    }
    void act(const ci::Intent& intent) { c.apply(intent, now); }
};

}  // namespace

TEST_CASE("counter console: nothing but sign-in until the right PIN is typed") {
    Desk d;
    d.issue();
    CHECK(d.m().screen == CounterScreen::SignIn);
    d.act(ci::CallNext{});
    CHECK(test::committed(d.db, event_type::kTicketCalled).empty());
    d.type("cb01");
    d.c.enter(d.now);  // Enter on the code moves to the PIN
    CHECK(d.m().focus == SignInFocus::Pin);
    d.type("9999");
    d.c.enter(d.now);
    CHECK(d.m().screen == CounterScreen::SignIn);
    CHECK(d.m().message.key == "counter.signin.wrong");
    CHECK(d.m().message.arg == "4");
    CHECK(d.m().pin.empty());  // a wrong PIN is not left on screen
    CHECK(test::committed(d.db, event_type::kOfficerSignedIn).empty());
    // The keypad types into the PIN field.
    for (char digit : std::string("1234")) d.act(ci::KeypadDigit{digit});
    d.act(ci::SubmitSignIn{});
    REQUIRE(d.m().screen == CounterScreen::Console);
    CHECK(d.m().officer_name == "Nguyễn Thị Lan");
    auto signed_in = test::committed(d.db, event_type::kOfficerSignedIn);
    REQUIRE(signed_in.size() == 1);
    CHECK(signed_in[0]["counter"] == "1");
    CHECK(signed_in[0]["officer"] == "cb01");
    CHECK(d.m().waiting.size() == 1);
}

TEST_CASE("counter console: repeated wrong PINs lock the officer code even against the right PIN") {
    Desk d;
    for (int i = 0; i < PinLockout::kDefaultMaxWrong; ++i) {
        d.type("cb01");
        d.c.tab();
        d.type("0000");
        d.c.enter(d.now);
        d.act(ci::FocusOfficer{});
        while (d.c.backspace()) {
        }
    }
    CHECK(d.m().message.key == "counter.signin.locked");
    d.type("cb01");
    d.act(ci::FocusPin{});
    d.type("1234");
    d.c.enter(d.now);
    CHECK(d.m().screen == CounterScreen::SignIn);
    CHECK(d.m().message.key == "counter.signin.locked");
    d.now += PinLockout::kDefaultLockMs;
    d.type("1234");
    d.c.enter(d.now);
    CHECK(d.m().screen == CounterScreen::Console);
}

TEST_CASE("counter console: an officer assigned to other counters cannot sign in here") {
    Desk d;
    d.type("cb03");
    d.c.tab();
    d.type("2468");
    d.c.enter(d.now);
    CHECK(d.m().screen == CounterScreen::SignIn);
    CHECK(d.m().message.key == "counter.signin.not_this_counter");
    CHECK(test::committed(d.db, event_type::kOfficerSignedIn).empty());
}

TEST_CASE("counter console: call next then start then finish with dossier codes commits each step") {
    Desk d;
    d.issue();
    d.issue();
    d.sign_in();
    CHECK(d.m().actions.call_next);
    CHECK_FALSE(d.m().actions.finish);
    d.act(ci::CallNext{});
    REQUIRE(d.m().current);
    CHECK(d.m().current->display == "A001");
    CHECK(d.m().message.key == "counter.done.called");
    CHECK(d.m().waiting.size() == 1);
    CHECK_FALSE(d.m().actions.call_next);  // a ticket is open here
    CHECK(d.m().actions.recall);
    d.act(ci::Recall{});
    CHECK(test::committed(d.db, event_type::kTicketRecalled).size() == 1);
    d.act(ci::StartServing{});
    CHECK(d.m().current->status == "serving");
    CHECK(d.m().actions.finish);
    CHECK_FALSE(d.m().actions.no_show);  // the citizen is here
    d.type(" 000.00.14.h12-210315-0001 ");
    d.c.enter(d.now);
    d.type("000.00.14.H12-210315-0002");
    d.act(ci::AddDossierCode{});
    d.type("000.00.14.H12-210315-0002");  // the same code twice is kept once
    d.c.enter(d.now);
    REQUIRE(d.m().dossier_codes.size() == 2);
    d.act(ci::RemoveDossierCode{"000.00.14.H12-210315-0002"});
    d.type("000.00.14.H12-210315-0003");
    d.c.enter(d.now);
    d.act(ci::Finish{});
    CHECK_FALSE(d.m().current);
    CHECK(d.m().served_today == 1);
    CHECK(d.m().dossier_codes.empty());
    auto called = test::committed(d.db, event_type::kTicketCalled);
    REQUIRE(called.size() == 1);
    CHECK(called[0]["counter"] == "1");
    CHECK(called[0]["officer"] == "cb01");
    CHECK(called[0]["how"] == "next");
    auto served = test::committed(d.db, event_type::kTicketServed);
    REQUIRE(served.size() == 1);
    CHECK(served[0]["display"] == "A001");
    CHECK(served[0]["officer"] == "cb01");
    CHECK(served[0]["dossier_codes"] == json::array({"000.00.14.H12-210315-0001", "000.00.14.H12-210315-0003"}));
}

TEST_CASE("counter console: every refusal code and message key has a Vietnamese text") {
    auto texts = Texts::load(std::string(MOTCUA_SOURCE_DIR) + "/assets").value();
    for (std::string_view code :
         {queue::refusal::kClosed, queue::refusal::kNoNumbersLeft, queue::refusal::kUnknownField,
          queue::refusal::kUnknownProcedure, queue::refusal::kUnknownPriority, queue::refusal::kUnknownCounter,
          queue::refusal::kNotSignedIn, queue::refusal::kCounterPaused, queue::refusal::kNotPaused,
          queue::refusal::kCounterBusy, queue::refusal::kNothingWaiting, queue::refusal::kNoCurrentTicket,
          queue::refusal::kWrongStatus, queue::refusal::kTicketNotFound, queue::refusal::kNotThisCounter,
          queue::refusal::kBadDestination, queue::refusal::kInvalidDossierCode, queue::refusal::kMissingValue}) {
        const std::string key = "counter.refused." + std::string(code);
        INFO(key);
        CHECK(texts.get(Language::Vi, key) != key);
    }
    // Written in NFC: no combining marks (U+0300..U+036F are the bytes CC 80..CD AF).
    std::ifstream in(std::string(MOTCUA_SOURCE_DIR) + "/assets/i18n/counter.vi.json", std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const std::string file = bytes.str();
    REQUIRE(file.size() > 1000);
    for (std::size_t i = 0; i + 1 < file.size(); ++i) {
        auto b0 = static_cast<unsigned char>(file[i]), b1 = static_cast<unsigned char>(file[i + 1]);
        INFO("byte " << i);
        CHECK_FALSE(((b0 == 0xCC && b1 >= 0x80) || (b0 == 0xCD && b1 <= 0xAF)));
    }
}

TEST_CASE("counter console: refusals are kept as worded messages and commit nothing") {
    Desk d;
    d.sign_in();
    d.act(ci::CallNext{});  // nobody waits
    CHECK(d.m().message.key == "counter.refused.nothing_waiting");
    CHECK(d.m().message.error);
    d.act(ci::Finish{});
    CHECK(d.m().message.key == "counter.refused.no_current_ticket");
    d.type("A777");
    d.c.enter(d.now);
    CHECK(d.m().message.key == "counter.refused.ticket_not_found");
    CHECK(d.m().message.arg == "A777");
    CHECK(d.m().entry == "A777");  // left for the officer to correct
    d.act(ci::ClearEntry{});
    d.issue("dat-dai");
    d.type("c001");
    d.c.enter(d.now);
    CHECK(d.m().message.key == "counter.refused.not_this_counter");
    d.act(ci::ClearEntry{});
    d.type("hello");
    d.c.enter(d.now);
    CHECK(d.m().message.key == "counter.entry.unknown");
    d.act(ci::ClearEntry{});
    d.type("000.00.14.H12-210315-0001");
    d.c.enter(d.now);
    CHECK(d.m().message.key == "counter.dossier.no_ticket");
    CHECK(test::committed(d.db, event_type::kTicketCalled).empty());
    CHECK(test::committed(d.db, event_type::kTicketServed).empty());
}

TEST_CASE("counter console: a scanned ticket QR calls that ticket and a damaged scan is refused") {
    Desk d;
    d.issue();
    const std::string second = d.issue();
    d.sign_in();
    TicketRef ref{"xa-an-phu", "2026-11-24", second, "2026-11-24/ho-tich/" + second};
    std::string scanned = encode_ticket_ref(ref).value();
    // A damaged read: one symbol changed.
    std::string damaged = scanned;
    damaged[damaged.size() - 6] = damaged[damaged.size() - 6] == '0' ? '1' : '0';
    d.type(damaged);
    d.c.enter(d.now);
    CHECK(d.m().message.key == "counter.scan.unreadable");
    CHECK_FALSE(d.m().current);
    d.act(ci::ClearEntry{});
    TicketRef old = ref;
    old.day = "2026-11-23";
    d.type(encode_ticket_ref(old).value());
    d.c.enter(d.now);
    CHECK(d.m().message.key == "counter.scan.other_day");
    d.act(ci::ClearEntry{});
    // Caps Lock on, as a scanner may type it.
    std::string lower = scanned;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    d.type(lower);
    d.c.enter(d.now);
    REQUIRE(d.m().current);
    CHECK(d.m().current->display == second);  // not the first in line: the scanned one
    CHECK(d.m().entry.empty());
    auto called = test::committed(d.db, event_type::kTicketCalled);
    REQUIRE(called.size() == 1);
    CHECK(called[0]["how"] == "specific");
}

TEST_CASE("counter console: no-show back into the queue or not") {
    Desk d;
    d.issue();
    d.issue();
    d.sign_in();
    d.act(ci::CallNext{});
    d.act(ci::AskNoShow{});
    CHECK(d.m().dialog == CounterDialog::NoShow);
    d.act(ci::NoShow{true});
    CHECK(d.m().dialog == CounterDialog::None);
    CHECK_FALSE(d.m().current);
    REQUIRE(d.m().waiting.size() == 2);
    CHECK(d.m().waiting.back().display == "A001");  // at the end of the line
    d.act(ci::CallNext{});
    CHECK(d.m().current->display == "A002");
    d.act(ci::AskNoShow{});
    d.act(ci::NoShow{false});
    CHECK(d.m().waiting.size() == 1);
    CHECK(d.m().no_show_today == 1);
    auto no_shows = test::committed(d.db, event_type::kTicketNoShow);
    REQUIRE(no_shows.size() == 2);
    CHECK(no_shows[0]["requeue"] == true);
    CHECK(no_shows[1]["requeue"] == false);
}

TEST_CASE("counter console: transfer to another field or another counter") {
    Desk d;
    d.issue();
    d.issue();
    d.sign_in();
    d.act(ci::CallNext{});
    d.act(ci::AskTransfer{});
    CHECK(d.m().dialog == CounterDialog::Transfer);
    REQUIRE(d.m().transfer_fields.size() == 1);  // not its own field
    CHECK(d.m().transfer_fields[0].id == "dat-dai");
    CHECK(d.m().transfer_counters.size() == 2);  // not this counter
    d.act(ci::TransferToField{"dat-dai"});
    CHECK_FALSE(d.m().current);
    d.act(ci::CallNext{});
    d.act(ci::AskTransfer{});
    d.act(ci::TransferToCounter{"2"});
    CHECK_FALSE(d.m().current);
    auto moved = test::committed(d.db, event_type::kTicketTransferred);
    REQUIRE(moved.size() == 2);
    CHECK(moved[0]["to_field"] == "dat-dai");
    CHECK(moved[1]["to_counter"] == "2");
    CHECK(d.m().waiting.empty());  // both are elsewhere now
}

TEST_CASE("counter console: a paused counter cannot call until it resumes") {
    Desk d;
    d.issue();
    d.sign_in();
    d.act(ci::Pause{});
    CHECK(d.m().paused);
    CHECK_FALSE(d.m().actions.call_next);
    CHECK_FALSE(d.m().actions.walk_in);
    CHECK(d.m().actions.resume);
    d.act(ci::CallNext{});
    CHECK(d.m().message.key == "counter.refused.counter_paused");
    d.act(ci::Resume{});
    d.act(ci::CallNext{});
    CHECK(d.m().current);
    CHECK(test::committed(d.db, event_type::kCounterPaused).size() == 1);
    CHECK(test::committed(d.db, event_type::kCounterResumed).size() == 1);
}

TEST_CASE("counter console: a walk-in ticket is issued by the counter and served at once") {
    Desk d;
    d.sign_in();
    d.act(ci::AskWalkIn{});
    CHECK(d.m().dialog == CounterDialog::WalkIn);
    REQUIRE(d.m().walk_in_fields.size() == 1);
    REQUIRE_FALSE(d.m().priority_groups.empty());
    d.act(ci::ChooseWalkInPriority{"elderly"});
    d.act(ci::WalkIn{"ho-tich"});
    REQUIRE(d.m().current);
    CHECK(d.m().current->status == "serving");
    auto issued = test::committed(d.db, event_type::kTicketIssued);
    REQUIRE(issued.size() == 1);
    CHECK(issued[0]["issuer_kind"] == "counter");
    CHECK(issued[0]["issuer"] == "1");
    CHECK(issued[0]["priority"] == "elderly");
    CHECK(test::committed(d.db, event_type::kTicketServing).size() == 1);
    // Starting a ticket already being served is refused in words.
    d.act(ci::StartServing{});
    CHECK(d.m().message.key == "counter.refused.wrong_status");
}

TEST_CASE("counter console: tickets another process issues appear after tick") {
    Desk d;
    d.sign_in();
    CHECK(d.m().waiting.empty());
    CHECK_FALSE(d.m().actions.call_next);
    d.issue();
    d.issue("ho-tich");
    CHECK(d.c.tick(d.now));
    CHECK(d.m().waiting.size() == 2);
    CHECK(d.m().actions.call_next);
    CHECK_FALSE(d.c.tick(d.now));  // nothing new
}

TEST_CASE("counter console: signing in at the same counter elsewhere signs this console out") {
    Desk d;
    d.sign_in();
    EventStore other_store = std::move(EventStore::open(d.db).value());
    CounterController other(test::counter_config("1"), test::counter_queue(), other_store, 0);
    other.text_input("cb02", 0);
    other.tab();
    other.text_input("5678", 0);
    other.enter(0);
    REQUIRE(other.model().screen == CounterScreen::Console);
    d.c.tick(d.now);
    CHECK(d.m().screen == CounterScreen::SignIn);
    CHECK(d.m().message.key == "counter.signin.taken_over");
    CHECK(d.m().message.arg == "cb02");
}

TEST_CASE("counter console: sign out is refused while a ticket is open") {
    Desk d;
    d.issue();
    d.sign_in();
    d.act(ci::CallNext{});
    CHECK_FALSE(d.m().actions.sign_out);
    d.act(ci::SignOut{});
    CHECK(d.m().screen == CounterScreen::Console);
    CHECK(d.m().message.key == "counter.refused.counter_busy");
    CHECK(d.m().message.arg == "A001");
    d.act(ci::StartServing{});
    d.act(ci::Finish{});
    d.act(ci::SignOut{});
    CHECK(d.m().screen == CounterScreen::SignIn);
    CHECK(test::committed(d.db, event_type::kOfficerSignedOut).size() == 1);
}

TEST_CASE("counter console: a counter not in the queue settings is out of service") {
    test::TempDir dir;
    EventStore store = std::move(EventStore::open(dir.file("k.db")).value());
    CounterController c(test::counter_config("9"), test::counter_queue(), store, 0);
    CHECK(c.model().screen == CounterScreen::OutOfService);
    CHECK(c.model().out_of_service_key == "counter.oos.unknown_counter");
    CHECK_FALSE(c.apply(ci::CallNext{}, 0));
}

// Two consoles, each its own EventStore connection and controller on one file, in two threads
// of this process (the same database locking as two processes; see the UI test for real ones).
TEST_CASE("counter console: two counters pressing call next at once get two different tickets") {
    test::TempDir dir;
    const std::string db = dir.file("kiosk.db");
    constexpr int kTickets = 60;
    {
        EventStore s = std::move(EventStore::open(db).value());
        QueueSession dispenser = std::move(QueueSession::open(s, test::counter_queue()).value());
        for (int i = 0; i < kTickets; ++i)
            REQUIRE(dispenser.run([&](const queue::QueueAuthority& q) {
                                 return q.issue({"ho-tich", "", "", "d1"}, test::kCounterWallMs);
                             })->command.ok());
    }
    std::vector<std::string> got[2];
    auto console = [&](const std::string& counter, const std::string& officer, const std::string& pin,
                       std::vector<std::string>& out) {
        EventStore s = std::move(EventStore::open(db).value());
        CounterController c(test::counter_config(counter), test::counter_queue(), s, 0);
        c.text_input(officer, 0);
        c.tab();
        c.text_input(pin, 0);
        c.enter(0);
        if (c.model().screen != CounterScreen::Console) return;
        for (;;) {
            c.apply(ci::CallNext{}, 0);
            if (!c.model().current) break;  // nothing left
            out.push_back(c.model().current->id);
            c.apply(ci::StartServing{}, 0);
            c.apply(ci::Finish{}, 0);
        }
    };
    std::thread a(console, "1", "cb01", "1234", std::ref(got[0]));
    std::thread b(console, "2", "cb02", "5678", std::ref(got[1]));
    a.join();
    b.join();
    std::set<std::string> all(got[0].begin(), got[0].end());
    all.insert(got[1].begin(), got[1].end());
    CHECK(got[0].size() + got[1].size() == static_cast<std::size_t>(kTickets));
    CHECK(all.size() == static_cast<std::size_t>(kTickets));  // none called twice
    CHECK(test::committed(db, event_type::kTicketCalled).size() == static_cast<std::size_t>(kTickets));
}

TEST_CASE("counter console: a database failure is shown as not saved and the ticket stays waiting") {
    Desk d;
    d.issue();
    d.sign_in();
    REQUIRE(test::break_appends(d.db));
    d.act(ci::CallNext{});
    CHECK(d.m().message.key == "counter.database_error");
    CHECK(d.m().message.error);
    CHECK_FALSE(d.m().current);
    CHECK(d.m().waiting.size() == 1);
    bool logged = false;
    for (const std::string& line : d.c.take_log()) logged = logged || line.find("NOT saved") != std::string::npos;
    CHECK(logged);
    REQUIRE(test::repair_appends(d.db));
    d.act(ci::CallNext{});
    CHECK(d.m().current);
    CHECK(test::committed(d.db, event_type::kTicketCalled).size() == 1);
}
