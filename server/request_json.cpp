#include "server/request_json.hpp"

namespace motcua::server {

json parse_request_json(std::string_view text) {
    bool too_deep = false;
    // Containers past the limit are skipped as they are read (never built), and the whole body is refused.
    json::parser_callback_t limit_depth = [&too_deep](int depth, json::parse_event_t event, json&) {
        if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) &&
            depth >= kMaxRequestJsonDepth) {
            too_deep = true;
            return false;
        }
        return !too_deep;
    };
    json value = json::parse(text, limit_depth, false);
    if (too_deep) return json(json::value_t::discarded);
    return value;
}

}  // namespace motcua::server
