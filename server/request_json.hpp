// The one JSON parse every API request body goes through (server/http_api.cpp, and the fuzz
// targets that stand in for it). nlohmann's parser itself is iterative, but copying, printing and
// comparing a value recurse: a megabyte of "[[[[..." would overflow a worker's stack later. So a
// body nested deeper than kMaxRequestJsonDepth is refused like one that is not JSON.
#pragma once
#include <string_view>

#include "core/event.hpp"  // json

namespace motcua::server {

inline constexpr int kMaxRequestJsonDepth = 64;  // a batch needs 4 (batch, events, event, data)

// The parsed value, or a discarded one (json::is_discarded()) for text that is not JSON, invalid
// UTF-8, or nesting deeper than kMaxRequestJsonDepth.
json parse_request_json(std::string_view text);

}  // namespace motcua::server
