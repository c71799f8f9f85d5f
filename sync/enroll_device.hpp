// Enrolment as `motcua-sync enroll` does it: the one-time code to the server, the identity file
// saved, the ids written into the kiosk database's meta table. Shared by the command line and the
// kiosk's IT screen, so both enrol the same way.
#pragma once
#include <string>

#include "core/event_store.hpp"
#include "core/settings.hpp"
#include "sync/device_identity.hpp"

namespace motcua::sync {

struct EnrollOutcome {
    bool ok = false;
    bool code_refused = false;  // the server refused the code (wrong, used or expired): a new code is needed
    std::string message;        // plain English words for the log (the server's own, or what failed)
    DeviceIdentity identity;    // set when ok
};

// `settings`: motcua-sync's settings (server.url when `server_url` is empty, device.identity_file,
// TLS). Blocks for at most the HTTP timeouts.
EnrollOutcome enroll_device(const Settings& settings, EventStore& store, const std::string& server_url,
                            const std::string& code);

}  // namespace motcua::sync
