// The configuration a kiosk pulls from its server (GET /api/v1/config, saved to a file by
// motcua-sync), checked as a whole. Only what the kiosk uses today is kept: the version, the
// site and counter names, the rating scale, the officers and the queue's "tickets" object (kept
// as sent: motcua_core cannot check it, the queue library does, in kiosk/queue_config.hpp).
// "services" and "display" are not read.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/officers.hpp"
#include "core/rating.hpp"
#include "core/result.hpp"

namespace motcua {

struct CounterName {
    std::string id;
    std::string name;
};

struct PulledConfig {
    std::int64_t version = 0;  // > 0
    std::string site_id;
    std::string site_name;
    std::vector<CounterName> counters;
    RatingScale scale;  // built by rating_scale_from_rows, the function that checked it on the server
    // The "tickets" object as sent (JSON text); empty when it is missing or {}: the server sets no
    // queue and the kiosk's own queue settings apply. Checked by parse_kiosk_config, not here.
    std::string tickets_json;
    // Checked here (ids, names, PIN hashes that decode). Empty when the list is missing or []:
    // the server names no officers and the kiosk's own queue.officers apply.
    std::vector<Officer> officers;

    // The counter's display name; empty when the id is not in the configuration.
    std::string counter_name(const std::string& counter_id) const;
};

// Parses and checks every field the kiosk uses; on any problem names it and returns a failure
// (the caller keeps the configuration it had). Never throws, whatever the bytes.
Result<PulledConfig> parse_pulled_config(std::string_view bytes);

// The "version" of a configuration that failed to parse, when that much can be read (0 if not):
// lets staff see which version the server sent that the kiosk refused.
std::int64_t pulled_config_version_hint(std::string_view bytes);

}  // namespace motcua
