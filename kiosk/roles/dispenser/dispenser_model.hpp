// What the ticket dispenser shows, as plain data. The controller changes it; screens only read it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/language.hpp"

namespace motcua::kiosk::dispenser {

// Fields: the start screen. Procedures and Priority: the citizen's next two answers. Ticket: the
// committed ticket with its QR. Closed: outside opening hours. Refused: the queue said no (hết số
// since the start screen was drawn, say) or the database failed: nothing was issued.
// OutOfService: no usable database at all.
enum class Screen { Fields, Procedures, Priority, Ticket, Closed, Refused, OutOfService };
const char* screen_name(Screen s);

struct FieldButton {
    std::string id;
    std::string name_vi, name_en;
    bool sold_out = false;  // "hết số": the queue would refuse a ticket now (daily limit or range used up)
};

struct Choice {  // a procedure or a priority group
    std::string id;
    std::string name_vi, name_en;
};

// Where the ticket's paper is. NotConfigured: printer.target = none (the screen is the ticket).
enum class PrintState { NotConfigured, Printing, Printed, Failed };

struct ShownTicket {
    std::string id;       // the ticket's id in the queue
    std::string number;   // "A012"
    std::string field_name_vi, field_name_en;
    std::string procedure_vi, procedure_en;  // empty: none chosen
    std::string priority_vi, priority_en;    // empty: not a priority ticket
    int people_ahead = 0;
    std::optional<int> wait_minutes;  // an estimate; none when today has no service times yet
    std::string reference;            // the QR payload (core/ticket_ref), the same as printed
    int qr_size = 0;                  // modules per side
    std::vector<std::uint8_t> qr_modules;  // qr_size * qr_size, 1 = dark
    PrintState print = PrintState::NotConfigured;
    bool drawn = false;  // the ticket screen has been drawn on the display at least once
};

struct DispenserModel {
    Screen screen = Screen::Fields;
    Language language = Language::Vi;
    std::vector<FieldButton> fields;
    std::vector<Choice> priority_groups;
    // The citizen's answers so far.
    std::string field;
    std::vector<Choice> procedures;  // of the chosen field
    std::string procedure;
    std::optional<ShownTicket> ticket;
    // Closed screen: the opening hours, one line per group of weekdays.
    std::vector<std::string> hours_vi, hours_en;
    // Refused screen: the text key of the sentence to show ("dispenser.refused.no_numbers_left"...).
    std::string refusal_key;
    // Staff-visible: the printer's problem in Vietnamese, empty when none is known.
    std::string printer_problem_vi;
    // Staff-visible: why the newest server configuration is not used (plain English, for the
    // log and tests; the banner says it in Vietnamese). Empty when it is in force or there is none.
    std::string config_problem;
    std::int64_t config_version = 0;  // the server configuration in force (0: kiosk settings only)
    std::string unavailable_reason;  // OutOfService: why, in English (logged)
    // Timers, in the window's milliseconds.
    std::int64_t last_input_ms = 0;
    std::int64_t screen_since_ms = 0;
    // This run: tickets issued, device.alarm events written, the last database error.
    std::int64_t issued_count = 0;
    std::int64_t alarms_written = 0;
    std::string last_error;
};

}  // namespace motcua::kiosk::dispenser
