// UUIDv7 (time-ordered) so the server's unique index stays fast at millions of rows.
#pragma once
#include <cstdint>
#include <string>

namespace motcua {

std::string uuid_v7();                      // from the wall clock and 74 random bits
std::string uuid_v7_at(std::int64_t unix_ms);
std::string uuid_v4();
bool looks_like_uuid(const std::string& text);

}  // namespace motcua
