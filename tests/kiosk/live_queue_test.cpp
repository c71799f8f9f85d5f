// Queue settings from the server applied while the roles run (issue 6): motcua-sync saves a new
// configuration file and the dispenser, the counter console and the board pick it up at their safe
// moments, without a restart. Real SQLite files, real configuration files renamed into place as
// motcua-sync does, the controllers without a window.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/ticket_ref.hpp"
#include "kiosk/kiosk_settings.hpp"
#include "kiosk/roles/board/board_controller.hpp"
#include "kiosk/roles/counter/counter_controller.hpp"
#include "kiosk/roles/dispenser/dispenser_controller.hpp"
#include "kiosk/site_queue.hpp"
#include "tests/kiosk/counter_test_helpers.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;

namespace {

constexpr std::int64_t kTuesday9am = 1795485600000;  // 2026-11-24 09:00 in Hà Nội
constexpr std::int64_t kLater = 5 * 1000 + 1;        // past the next look at the file (ui.config_check_seconds = 5)

json officer(const std::string& id, const std::string& name, const std::string& pin) {
    return {{"id", id}, {"name", name}, {"pin_hash", test::cheap_pin_hash(pin)}, {"counters", json::array()}};
}

// The queue of counter_queue(), as the server's "tickets" object, with field ho-tich named `ho_tich_name`.
json tickets(const std::string& ho_tich_name = "Tư pháp – Hộ tịch") {
    queue::QueueSettings s = test::counter_queue();
    s.fields[0].name_vi = ho_tich_name;
    s.priority_groups = queue::default_priority_groups();  // a Priority screen after the field
    return s.to_json();
}

// A configuration as GET /api/v1/config returns it.
json server_config(std::int64_t version, json queue_tickets, json officers) {
    json levels = json::array();
    for (auto& row : default_rating_level_rows()) levels.push_back(row);
    return json{{"version", version},
                {"site", {{"id", "xa-an-phu"}, {"name", "UBND xã An Phú"}, {"parent_id", nullptr}}},
                {"counters", json::array({{{"id", "1"}, {"name", "Quầy số 1"}}})},
                {"services", json::array()},
                {"officers", std::move(officers)},
                {"rating", {{"scale", levels}, {"reasons", json::array()}}},
                {"tickets", std::move(queue_tickets)},
                {"display", json::object()}};
}

struct Site {
    test::TempDir dir;
    std::string db = dir.file("kiosk.db");
    std::string pulled = dir.file("server-config.json");
    EventStore store = std::move(EventStore::open(db).value());
    std::ostringstream log;
    int saved = 0;

    // As motcua-sync saves it: a new file renamed over the old one.
    void save(const std::string& bytes) {
        const std::string tmp = pulled + ".tmp" + std::to_string(++saved);
        std::ofstream(tmp, std::ios::binary | std::ios::trunc) << bytes;
        std::filesystem::rename(tmp, pulled);
    }
    void save(const json& config) { save(config.dump()); }

    SiteQueue open(const std::string& role) {
        Settings settings(kiosk_settings());
        settings.set("device.config_cache", pulled);
        auto queue = SiteQueue::open(settings, role, log, &store);
        if (!queue) FAIL(queue.error());
        return std::move(queue.value());
    }
    std::vector<Event> events(std::string_view type) {
        std::vector<Event> out;
        auto reader = EventStore::open(db);
        for (auto& e : reader->all_events())
            if (e.type == type) out.push_back(e);
        return out;
    }
};

// The server configuration an event was written under (EventStore puts it in data; 0: none).
std::int64_t version_of(const Event& e) { return e.data.value("config_version", std::int64_t{0}); }

std::vector<std::string> field_names(const dispenser::DispenserModel& m) {
    std::vector<std::string> names;
    for (const auto& f : m.fields) names.push_back(f.name_vi);
    return names;
}

struct Dispenser {
    Site& site;
    std::int64_t now = 1000;
    std::unique_ptr<dispenser::DispenserController> c;

    explicit Dispenser(Site& s) : site(s) {
        SiteQueue queue = site.open("dispenser");
        dispenser::DispenserConfig config;  // site_id "site": dispenser.site_id's default
        config.site_name = queue.current().site_name;
        if (!queue.current().site_id.empty()) config.site_id = queue.current().site_id;
        config.wall_clock = [] { return kTuesday9am; };
        auto opened = dispenser::DispenserController::open(config, site.store, queue.current().queue, now);
        if (!opened) FAIL(opened.error());
        c = std::move(opened.value());
        c->follow(std::move(queue), now);
    }
    void tick(std::int64_t step = kLater) { c->tick(now += step); }
};

struct Counter {
    Site& site;
    std::int64_t now = 1000;
    std::unique_ptr<CounterController> c;

    explicit Counter(Site& s, const std::string& counter = "1") : site(s) {
        SiteQueue queue = site.open("counter");
        CounterConfig config = test::counter_config(counter);
        config.officers = queue.current().officers;
        config.site_id = queue.current().site_id.empty() ? "site" : queue.current().site_id;
        c = std::make_unique<CounterController>(config, queue.current().queue, site.store, now);
        c->follow(std::move(queue), now);
    }
    void tick(std::int64_t step = kLater) { c->tick(now += step); }
    bool sign_in(const std::string& code, const std::string& pin) {
        c->apply(counter_intent::FocusOfficer{}, now);
        // Whatever an earlier try left in the code box.
        while (c->backspace()) continue;
        c->text_input(code, now);
        c->apply(counter_intent::FocusPin{}, now);
        c->text_input(pin, now);
        c->enter(now);
        return c->model().screen == CounterScreen::Console;
    }
};

}  // namespace

TEST_CASE("a new server queue written while a citizen is choosing is applied only back on the start screen") {
    Site site;
    site.save(server_config(1, tickets(), json::array()));
    Dispenser d(site);
    const auto& m = d.c->model();
    REQUIRE(m.config_version == 1);
    REQUIRE(field_names(m) == std::vector<std::string>{"Tư pháp – Hộ tịch", "Đất đai"});

    REQUIRE(d.c->apply(dispenser::intent::PickField{"ho-tich"}, d.now));
    REQUIRE(m.screen == dispenser::Screen::Priority);
    site.save(server_config(2, tickets("Hộ tịch – Chứng thực"), json::array()));
    d.tick();
    d.tick();
    CHECK(m.screen == dispenser::Screen::Priority);  // the citizen's choice is not taken away
    CHECK(m.config_version == 1);
    CHECK(field_names(m)[0] == "Tư pháp – Hộ tịch");

    REQUIRE(d.c->apply(dispenser::intent::PickPriority{""}, d.now));
    REQUIRE(m.screen == dispenser::Screen::Ticket);
    d.c->mark_ticket_drawn();
    CHECK(m.ticket->field_name_vi == "Tư pháp – Hộ tịch");  // the ticket of the queue the citizen chose in
    REQUIRE(d.c->apply(dispenser::intent::Done{}, d.now));
    d.tick(1000);  // the start screen, but touched a second ago
    CHECK(m.config_version == 1);
    d.tick();
    CHECK(m.screen == dispenser::Screen::Fields);
    CHECK(m.config_version == 2);
    CHECK(field_names(m)[0] == "Hộ tịch – Chứng thực");

    // The next citizen's ticket carries the new version; the first one kept the version it was issued under.
    REQUIRE(d.c->apply(dispenser::intent::PickField{"ho-tich"}, d.now));
    REQUIRE(d.c->apply(dispenser::intent::PickPriority{""}, d.now));
    REQUIRE(m.ticket);
    CHECK(m.ticket->field_name_vi == "Hộ tịch – Chứng thực");
    auto issued = site.events(event_type::kTicketIssued);
    REQUIRE(issued.size() == 2);
    CHECK(version_of(issued[0]) == 1);
    CHECK(version_of(issued[1]) == 2);
}

TEST_CASE("the ticket QR carries the site id of the server configuration") {
    Site site;
    site.save(server_config(1, tickets(), json::array()));
    Dispenser d(site);
    REQUIRE(d.c->apply(dispenser::intent::PickField{"dat-dai"}, d.now));
    REQUIRE(d.c->apply(dispenser::intent::PickPriority{""}, d.now));
    REQUIRE(d.c->model().ticket);
    auto ref = parse_ticket_ref(d.c->model().ticket->reference);
    REQUIRE(ref.ok());
    CHECK(ref->site_id == "xa-an-phu");
}

TEST_CASE("a broken server configuration keeps the last good queue and warns the dispenser staff") {
    Site site;
    site.save(server_config(1, tickets(), json::array()));
    Dispenser d(site);
    const auto& m = d.c->model();
    CHECK(m.config_problem.empty());
    json bad = server_config(2, tickets(), json::array());
    bad["tickets"]["policy"] = {{"mode", "fair"}};
    site.save(bad);
    d.tick();
    CHECK(m.config_version == 1);
    CHECK(field_names(m) == std::vector<std::string>{"Tư pháp – Hộ tịch", "Đất đai"});
    CHECK_THAT(m.config_problem, Catch::Contains("(version 2) is not used: tickets.policy.mode"));
    // Saved again unchanged: still refused, said once in the log.
    site.save(bad);
    d.tick();
    CHECK_FALSE(m.config_problem.empty());
    const std::string log = site.log.str();
    CHECK(log.find("is not used") != std::string::npos);
    CHECK(log.find("is not used") == log.rfind("is not used"));
    // The district hears of it too: one alarm for the refused version.
    auto alarms = site.events(event_type::kDeviceAlarm);
    REQUIRE(alarms.size() == 1);
    CHECK(alarms[0].data["alarm"] == "config_rejected");
    CHECK(alarms[0].data["refused_version"] == 2);
    // A ticket is still issued, under the version in force.
    REQUIRE(d.c->apply(dispenser::intent::PickField{"dat-dai"}, d.now));
    REQUIRE(d.c->apply(dispenser::intent::PickPriority{""}, d.now));
    REQUIRE(version_of(site.events(event_type::kTicketIssued).at(0)) == 1);
    // The server's next good version clears the warning.
    site.save(server_config(3, tickets(), json::array()));
    REQUIRE(d.c->apply(dispenser::intent::Done{}, d.now));
    d.tick();
    CHECK(m.config_problem.empty());
    CHECK(m.config_version == 3);
}

TEST_CASE("after a restart with a broken server file the queue roles use the last good server queue") {
    Site site;
    site.save(server_config(4, tickets("Hộ tịch – Chứng thực"), json::array()));
    { Dispenser before(site); }
    json bad = server_config(5, tickets(), json::array());
    bad["tickets"]["policy"] = {{"mode", "fair"}};
    site.save(bad);
    Dispenser after(site);  // the role restarted
    CHECK(after.c->model().config_version == 4);
    CHECK(field_names(after.c->model())[0] == "Hộ tịch – Chứng thực");  // not the kiosk's own [queue]
    CHECK_THAT(after.c->model().config_problem, Catch::Contains("(version 5) is not used"));
}

TEST_CASE("the counter takes a new officer and a changed PIN from the server without a restart") {
    Site site;
    site.save(server_config(1, tickets(), json::array({officer("cb01", "Nguyễn Thị Lan", "1234")})));
    Counter k(site);
    REQUIRE(k.sign_in("cb01", "1234"));
    // The server adds cb09 and changes cb01's PIN.
    site.save(server_config(
        2, tickets(), json::array({officer("cb01", "Nguyễn Thị Lan", "4321"), officer("cb09", "Lê Thị Cúc", "1357")})));
    k.tick();
    CHECK(k.c->model().screen == CounterScreen::Console);  // whoever is signed in stays
    CHECK(k.c->model().officer == "cb01");
    CHECK(k.c->model().config_version == 2);
    REQUIRE(k.c->apply(counter_intent::SignOut{}, k.now));
    REQUIRE(k.c->model().screen == CounterScreen::SignIn);
    CHECK_FALSE(k.sign_in("cb01", "1234"));  // the old PIN no longer opens the console
    REQUIRE(k.sign_in("cb09", "1357"));
    CHECK(k.c->model().officer_name == "Lê Thị Cúc");
    auto signed_in = site.events(event_type::kOfficerSignedIn);
    REQUIRE(signed_in.size() == 2);
    CHECK(version_of(signed_in[0]) == 1);
    CHECK(version_of(signed_in[1]) == 2);
}

TEST_CASE("the counter applies a new queue only after its open dialog closes") {
    Site site;
    site.save(server_config(1, tickets(), json::array({officer("cb01", "Nguyễn Thị Lan", "1234")})));
    Counter k(site);
    REQUIRE(k.sign_in("cb01", "1234"));
    REQUIRE(k.c->apply(counter_intent::AskWalkIn{}, k.now));
    REQUIRE(k.c->model().dialog == CounterDialog::WalkIn);
    site.save(
        server_config(2, tickets("Hộ tịch – Chứng thực"), json::array({officer("cb01", "Nguyễn Thị Lan", "1234")})));
    k.tick();
    CHECK(k.c->model().dialog == CounterDialog::WalkIn);
    CHECK(k.c->model().walk_in_fields.at(0).name == "Tư pháp – Hộ tịch");
    SECTION("closed with its button") { k.c->apply(counter_intent::CloseDialog{}, k.now); }
    SECTION("closed with Escape") { k.c->escape(); }
    CHECK(k.c->model().dialog == CounterDialog::None);
    CHECK(k.c->model().served_fields.at(0) == "Hộ tịch – Chứng thực");
    CHECK(k.c->model().config_version == 2);
}

TEST_CASE("the counter applies a new queue only once a half-typed entry is cleared") {
    Site site;
    site.save(server_config(1, tickets(), json::array({officer("cb01", "Nguyễn Thị Lan", "1234")})));
    Counter k(site);
    REQUIRE(k.sign_in("cb01", "1234"));
    k.c->text_input("A00", k.now);
    site.save(
        server_config(2, tickets("Hộ tịch – Chứng thực"), json::array({officer("cb01", "Nguyễn Thị Lan", "1234")})));
    k.tick();
    CHECK(k.c->model().served_fields.at(0) == "Tư pháp – Hộ tịch");
    CHECK(k.c->model().config_version == 1);
    k.c->escape();  // clears the entry
    CHECK(k.c->model().served_fields.at(0) == "Hộ tịch – Chứng thực");
    CHECK(k.c->model().config_version == 2);
}

TEST_CASE("a counter left out of the new server queue says so and keeps working") {
    Site site;
    site.save(server_config(1, tickets(), json::array({officer("cb01", "Nguyễn Thị Lan", "1234")})));
    Counter k(site, "3");
    REQUIRE(k.sign_in("cb01", "1234"));
    json without = tickets();
    without["counters"].erase(2);  // counter 3
    site.save(server_config(2, without, json::array({officer("cb01", "Nguyễn Thị Lan", "1234")})));
    k.tick();
    CHECK(k.c->model().config_problem_key == "counter.config.counter_gone");
    CHECK(k.c->model().screen == CounterScreen::Console);
    CHECK(k.c->model().config_version == 1);
    CHECK(k.c->apply(counter_intent::Pause{}, k.now));  // the console still works, on the queue it had
    CHECK(k.c->model().paused);
}

TEST_CASE("a broken server configuration shows the staff warning on the counter") {
    Site site;
    site.save(server_config(1, tickets(), json::array({officer("cb01", "Nguyễn Thị Lan", "1234")})));
    Counter k(site);
    site.save(std::string("{\"version\": 5, \"site\": "));
    k.tick();
    CHECK(k.c->model().config_problem_key == "counter.config.refused");
    CHECK(k.sign_in("cb01", "1234"));  // the last good officers still sign in
}

TEST_CASE("the counter refuses a scanned ticket of another site") {
    Site site;
    site.save(server_config(1, tickets(), json::array({officer("cb01", "Nguyễn Thị Lan", "1234")})));
    Counter k(site);
    REQUIRE(k.sign_in("cb01", "1234"));
    auto ref = encode_ticket_ref({"xa-binh-an", "2026-11-24", "A001", "2026-11-24/ho-tich/A001"});
    REQUIRE(ref.ok());
    k.c->text_input(ref.value(), k.now);
    k.c->enter(k.now);
    CHECK(k.c->model().message.key == "counter.scan.other_site");
    CHECK(k.c->model().message.arg == "A001");
}

TEST_CASE("the board shows a renamed field at once") {
    Site site;
    site.save(server_config(1, tickets(), json::array()));
    SiteQueue queue = site.open("board");
    BoardConfig config;
    config.queue = queue.current().queue;
    config.site_name = queue.current().site_name;
    config.wall_now_ms = [] { return kTuesday9am; };
    std::int64_t now = 1000;
    BoardController board(config, site.store, now);
    board.follow(std::move(queue), now);
    REQUIRE(board.model().waiting.at(0).name == "Tư pháp – Hộ tịch");
    site.save(server_config(2, tickets("Hộ tịch – Chứng thực"), json::array()));
    CHECK(board.tick(now += kLater));
    CHECK(board.model().waiting.at(0).name == "Hộ tịch – Chứng thực");
}
