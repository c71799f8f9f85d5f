// The queue as a role sees it: one call gives the queue settings, the officers and the site name,
// from the server's pulled configuration where it sets them, else from the kiosk's own TOML.
//
//   auto pulled = parse_kiosk_config(bytes);                    // the file motcua-sync saved
//   auto config = queue_config(settings, pulled ? &*pulled : nullptr);
//   if (!config) { /* settings error: show it to staff, exit 2 at start */ }
//
// Which source wins, part by part: the pulled `tickets` object when the server sent a non-empty
// one, else [queue] of the TOML; the pulled `officers` when the server listed any, else
// [[queue.officers]]; the pulled site name, else queue.site_name.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/officers.hpp"
#include "core/pulled_config.hpp"
#include "core/queue/queue_settings.hpp"
#include "core/result.hpp"
#include "core/settings.hpp"

namespace motcua::kiosk {

struct QueueConfig {
    queue::QueueSettings queue;
    std::vector<Officer> officers;  // empty: nobody can sign in at a counter
    std::string site_name;          // printed on tickets, shown on the board
    // The site id in the tickets' QR (the pulled configuration's, else dispenser.site_id) and the
    // pulled configuration's version (0 when there is none), stamped on the events written while
    // this configuration is in force.
    std::string site_id;
    std::int64_t config_version = 0;
    // Where each part came from, in plain words for status output and logs:
    // "server configuration version 7" or "kiosk settings".
    std::string queue_source;
    std::string officers_source;
    // Not errors, but surely mistakes a person should see (status output, staff console), e.g.
    // "officer cb01 (kiosk settings) lists counter 9, which is not a counter of the queue (server
    // configuration version 7)": such an officer simply cannot sign in there.
    std::vector<std::string> warnings;
};

// Every check the kiosk makes of the server's configuration before using any of it:
// parse_pulled_config, then QueueSettings::from_json of its `tickets`. A configuration whose
// tickets are wrong is refused as a whole, the key named ("tickets.fields[2].range: ..."), and the
// caller keeps the last good one, as for a bad rating scale.
Result<PulledConfig> parse_kiosk_config(std::string_view bytes);

// The queue in force. `pulled` must have come from parse_kiosk_config (or be null: no server
// configuration). Fails when the TOML's queue settings or officers are wrong (the key named) and
// they are needed, i.e. not replaced by the pulled configuration.
Result<QueueConfig> queue_config(const Settings& settings, const PulledConfig* pulled);

}  // namespace motcua::kiosk
