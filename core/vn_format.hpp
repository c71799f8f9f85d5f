// Vietnamese number and date conventions: "1.659 phiếu", "91,98%", dd/mm/yyyy.
#pragma once
#include <cstdint>
#include <string>

namespace motcua::vn {

std::string count(std::int64_t n);                         // 1659 -> "1.659"
std::string percent(std::int64_t part, std::int64_t total); // 1526/1659 -> "91,98%" (2 decimals, trailing zeros cut)

}  // namespace motcua::vn
