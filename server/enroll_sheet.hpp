// Enrolment codes printed for IT staff: an A4 sheet with one card per counter, each card with the
// counter's name, its one-time code in large letters and as a QR code (the code alone, so a
// keyboard-wedge scanner types it into the kiosk IT screen's code field), and when it expires.
// Cut along the dashed lines and hand each card to the person installing that counter's kiosk.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace motcua::server {

struct EnrollCard {
    std::string counter_id;
    std::string counter_name;
    std::string code;  // printed form, ABCD-EFGH
    std::int64_t expires_at_ms = 0;
};

struct EnrollSheet {
    std::string centre_id;
    std::string centre_name;
    std::string server_url;  // printed in the command line on each card when given
    std::int64_t printed_at_ms = 0;
    int utc_offset_minutes = 7 * 60;
    std::vector<EnrollCard> cards;
};

constexpr int kEnrollCardsPerPage = 6;

// Fails unless `path` ends in .pdf or .png (checked before any code is created).
Status check_enroll_sheet_path(const std::string& path);

// Writes a PDF (one A4 page per six cards) or PNG files (one per page: sheet.png, sheet-2.png, ...)
// chosen by the extension of `path` (.pdf or .png). Returns the files written.
Result<std::vector<std::string>> write_enroll_sheet(const EnrollSheet& sheet, const std::string& path);

}  // namespace motcua::server
