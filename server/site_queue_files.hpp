// Each site's queue (fields, procedures, counters, opening hours, policy, priority groups) kept on
// the server, so that every machine of a site (dispenser, counters, board) gets the same queue
// from it, and reports name fields and procedures. One file per site in queue.sites_dir,
// `<site id>.toml`, in the kiosk's [queue] format (config/kiosk.toml), checked as a kiosk checks
// its own; read at start.
#pragma once
#include <map>
#include <string>

#include "core/event.hpp"  // json
#include "core/result.hpp"

namespace motcua::server {

struct SiteQueues {
    std::map<std::string, json> tickets;  // site id -> the configuration's "tickets" object
    std::map<std::string, std::string> field_names;      // field id -> Vietnamese name, across sites
    std::map<std::string, std::string> procedure_names;  // procedure id -> Vietnamese name
};

// Reads every `*.toml` of `dir` (none when the folder does not exist). A file that does not parse
// or describes an impossible queue fails the whole load, naming the file and the key.
Result<SiteQueues> load_site_queue_files(const std::string& dir);

}  // namespace motcua::server
