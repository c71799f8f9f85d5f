// Syntax check of a dossier code (mã hồ sơ), Thông tư 01/2018/TT-VPCP Article 19:
//   V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX     e.g. 000.00.14.H12-210315-0001
// The groups before the date are agency codes from national code lists; we only have the format's
// shape, not the lists, so the check is lenient where the source does not pin things down:
//   - letters and digits are both accepted in the agency groups (3, 2, 2 and 1+2 characters), except
//     that M must be a letter, as in every example we have ("H12");
//   - the serial XXXX may have 4 to 6 digits (the source shows four; an agency passing 9999 a day
//     should not have its codes refused);
//   - YYMMDD must be a plausible date (month 01–12, day 01–31), the year is not checked;
//   - lower case is accepted and upper-cased, and white space around the code is dropped.
// A code that passes is well formed, not known to exist.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace motcua::queue {

// The normalised code (trimmed, upper case) when it is well formed, otherwise nothing.
std::optional<std::string> normalise_dossier_code(std::string_view text);

}  // namespace motcua::queue
