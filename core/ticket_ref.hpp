// The ticket reference printed in a queue ticket's QR code and read back at the counter, where a
// keyboard-wedge scanner types it into the staff console followed by Enter.
//
// Format (version 1), one word of upper-case ASCII:
//     TN1 K <site> K <day> K <number> K <ticket id> K <check>
// - <day> is the local issue day as yymmdd digits.
// - <site>, <number> and a ticket id that is not a lower-case UUID are their UTF-8 bytes, two symbols per byte
//   from the 16 symbols "0123456789BCFGHJ"; a UUID ticket id is its 32 hex digits in the same
//   symbols, after a "V" marker.
// - <check> is a CRC-16 (CCITT) of everything before it, four symbols, so a misread or mistyped
//   reference is refused (one wrong symbol always, worse damage all but 1 time in 65 536) instead
//   of calling somebody else's ticket.
// Why these symbols: the counter PC may run a Vietnamese input method (Unikey, ibus-unikey) whose
// Telex mode rewrites s f r x j w z after a vowel, "aa", "dd" and a lone "w", and whose VNI mode
// rewrites digits after a vowel; the reference has no vowels, no D and no W, so neither mode
// changes it. It also has no punctuation and none of the letters that sit elsewhere on QWERTZ or
// AZERTY keyboards (A Q W Z Y M), for a scanner or PC left on another layout.
// Caps Lock may lower the case: parsing ignores case.
#pragma once
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace motcua {

struct TicketRef {
    std::string site_id;    // e.g. "xa-an-phu"
    std::string day;        // local issue day, "yyyy-mm-dd" (2000-01-01 .. 2099-12-31)
    std::string number;     // as shown on the ticket, e.g. "A012"
    std::string ticket_id;  // the queue's ticket id, "<day>/<field>/<display>" (a UUID is encoded shorter)
    bool operator==(const TicketRef&) const = default;
};

inline constexpr int kTicketRefVersion = 1;

// Fails when a field is empty, the day is not a real date in 2000..2099, or a text is longer
// than 64 bytes (the QR must stay small enough to scan from a 58 mm ticket).
Result<std::string> encode_ticket_ref(const TicketRef& ref);

// Reads what a scanner typed (surrounding spaces and a trailing CR/LF are ignored, case too).
// Refuses anything else with a reason a person can act on.
Result<TicketRef> parse_ticket_ref(std::string_view text);

}  // namespace motcua
