// What the lobby board shows, as plain data. The controller changes it; the screens only read it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace motcua::kiosk {

// One call of a ticket to a counter, as the board shows and speaks it.
struct BoardCall {
    std::string ticket_id;  // QueueState's id, "<day>/<field>/<display>"
    std::string day;        // the ticket's local day
    std::string ticket;     // as displayed: "A012"
    std::string counter;    // the counter's id: "3A"
    std::string text;       // "Mời công dân có số thứ tự A012 đến quầy số 3A" (voice::call_phrase)
    bool recall = false;    // a ticket.recalled: the same call made again
    std::int64_t seq = 0;   // the event's place in the store
    std::int64_t number = 0;  // this board's count of calls since it started (1, 2, ...); 0: from before

    bool operator==(const BoardCall&) const = default;
};

struct FieldWaiting {
    std::string field;  // id
    std::string name;   // Vietnamese name
    std::string prefix;
    int waiting = 0;    // today's tickets waiting in the field

    bool operator==(const FieldWaiting&) const = default;
};

enum class BoardScreen { Calls, Problem };

inline const char* board_screen_name(BoardScreen s) {
    return s == BoardScreen::Calls ? "calls" : "problem";
}

struct BoardModel {
    BoardScreen screen = BoardScreen::Calls;
    std::string site_name;  // empty: not shown
    std::string day;        // the local day the board shows, "YYYY-MM-DD"
    int weekday = 0;        // 0 = Monday
    int minute = 0;         // minutes after local midnight (the clock on screen)
    // Newest first, one entry per ticket (a recall moves its ticket back to the top).
    std::vector<BoardCall> recent;
    std::vector<FieldWaiting> waiting;  // in the settings' field order
    // The newest call is highlighted for a few seconds after it arrives, blinking.
    bool highlight = false;
    bool blink_on = false;
    // Why the queue cannot be read (Problem screen), in plain English for the detail line.
    std::string problem;
    // Why the newest server configuration is not used (plain English; logged, kept for status and
    // tests: the lobby screen is for citizens). Empty when it is in force or there is none.
    std::string config_problem;
    std::int64_t calls_seen = 0;  // calls this board received since it started
};

}  // namespace motcua::kiosk
