// Vietnamese number and date conventions: "1.659 phiếu", "91,98%", dd/mm/yyyy.
#pragma once
#include <cstdint>
#include <string>

namespace motcua::vn {

std::string count(std::int64_t n);                         // 1659 -> "1.659"
std::string percent(std::int64_t part, std::int64_t total); // 1526/1659 -> "91,98%" (2 decimals, trailing zeros cut)
// Local date and time as on a ticket: "24/11/2026 08:15" (utc_offset_minutes: 420 for Viet Nam).
std::string date_time(std::int64_t unix_ms, int utc_offset_minutes);
// Upper case of Vietnamese text in NFC ("Trung tâm Phường Đông" -> "TRUNG TÂM PHƯỜNG ĐÔNG"), as
// the issuing unit is written at the top of an official document. Other characters pass unchanged.
std::string upper(const std::string& utf8);

}  // namespace motcua::vn
