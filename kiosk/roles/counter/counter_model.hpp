// What the counter staff console shows, as plain data. The CounterController fills it from the
// queue (QueueSession) and the officer's input; screens only read it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motcua::kiosk {

// SignIn: nobody is signed in here (the console shows nothing else). OutOfService: the console
// cannot work (no database, no counter id, the counter is not in the queue settings).
enum class CounterScreen { SignIn, Console, OutOfService };
// A question over the console; the waiting list stays visible under it.
enum class CounterDialog { None, NoShow, Transfer, WalkIn };
enum class SignInFocus { Officer, Pin };

const char* counter_screen_name(CounterScreen screen);
const char* counter_dialog_name(CounterDialog dialog);

// One line of the console: a ticket as the officer needs to see it.
struct TicketLine {
    std::string id;
    std::string display;   // "A012"
    std::string field;     // id
    std::string field_name;
    std::string priority_name;  // empty: normal
    std::string status;         // queue status name: waiting, called, serving
    std::int64_t issued_ms = 0, called_ms = 0, serving_ms = 0;  // wall clock (Unix ms)
    int recalls = 0;
    bool transferred_here = false;  // sent to this counter by another one

    bool operator==(const TicketLine&) const = default;
};

// A message under the buttons: `key` is a text key of assets/i18n/counter.*.json whose "{0}" is
// replaced by `arg` (a ticket number, seconds...).
struct CounterMessage {
    std::string key;
    std::string arg;
    bool error = false;

    bool operator==(const CounterMessage&) const = default;
};

// Which buttons can act now. A button that cannot is drawn disabled, never hidden.
struct CounterActions {
    bool call_next = false, recall = false, call_specific = false, start = false, finish = false;
    bool no_show = false, transfer = false, pause = false, resume = false, walk_in = false, sign_out = false;

    bool operator==(const CounterActions&) const = default;
};

struct Choice {
    std::string id;
    std::string name;

    bool operator==(const Choice&) const = default;
};

struct CounterModel {
    CounterScreen screen = CounterScreen::SignIn;
    CounterDialog dialog = CounterDialog::None;
    std::string out_of_service_reason;  // English, with the key below for the screen
    std::string out_of_service_key;

    std::string counter_id, counter_name, site_name;

    // Sign-in.
    std::string officer_code;
    std::string pin;  // shown as dots
    SignInFocus focus = SignInFocus::Officer;

    // Signed in.
    std::string officer, officer_name;
    bool paused = false;
    std::optional<TicketLine> current;
    std::vector<TicketLine> waiting;     // the tickets this counter may call, in place order
    std::vector<std::string> served_fields;  // names of the fields this counter serves
    int served_today = 0;                // finished here today
    int no_show_today = 0;
    std::string entry;  // ticket number or dossier code being typed (or scanned)
    std::vector<std::string> dossier_codes;  // for the current ticket, normalised
    CounterActions actions;
    std::vector<Choice> transfer_fields, transfer_counters, walk_in_fields, priority_groups;
    std::string walk_in_priority;  // selected group code, empty: normal

    CounterMessage message;
    // Staff banner: a text key (assets/i18n/counter.*.json, "{0}": the counter id) when the newest
    // server configuration is not used here, with the reason in plain English; empty when none.
    std::string config_problem_key;
    std::string config_problem;
    std::int64_t config_version = 0;  // the server configuration in force (0: kiosk settings only)
    std::int64_t wall_now_ms = 0;  // for waiting times on screen
    int utc_offset_minutes = 7 * 60;

    bool operator==(const CounterModel&) const = default;
};

}  // namespace motcua::kiosk
