// motcua-kiosk --print-test: a sample ticket to the configured printer, its status, and
// optionally a PNG preview. IT staff run it when they set a printer up.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>

#include "kiosk/print/ticket_render.hpp"

namespace motcua::print {

struct PrintTestOptions {
    std::string target = "none";  // printer.target
    std::int64_t paper_mm = 80;
    int timeout_ms = 3000;
    int utc_offset_minutes = 420;
    TicketFonts fonts;
    std::string png_path;  // empty: no preview
};

// A made-up ticket with every line a real one can have (priority, estimate, QR).
TicketContent sample_ticket(std::int64_t now_unix_ms, int utc_offset_minutes);

// Returns the exit code: 0 printed (or previewed, with printing off) and no printer alarm,
// 1 when rendering, writing the preview, printing failed, or the printer reports a problem.
int run_print_test(const PrintTestOptions& options, std::ostream& out);

}  // namespace motcua::print
