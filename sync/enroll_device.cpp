#include "sync/enroll_device.hpp"

#include <unistd.h>

#include <utility>

#include "sync/http_client.hpp"
#include "sync/run_loop.hpp"
#include "sync/sync_engine.hpp"

namespace motcua::sync {

EnrollOutcome enroll_device(const Settings& settings, EventStore& store, const std::string& server_url,
                            const std::string& code) {
    EnrollOutcome out;
    const std::string server = server_url.empty() ? settings.text("server.url") : server_url;
    char host[256] = {0};
    gethostname(host, sizeof host - 1);
    HttpClient http(tls_from(settings));
    auto result = enroll(http, server, code, host, store.db_instance());
    out.message = result.message;
    if (!result.ok) {
        out.code_refused = result.code_refused;
        return out;
    }
    const std::string& path = settings.text("device.identity_file");
    if (auto s = save_identity(path, result.identity); !s) {
        out.message = "enrolled, but could not save the identity: " + s.error();
        return out;
    }
    // The kiosk stamps ratings with the counter it was enrolled for.
    for (auto& [key, value] : {std::pair{"device_id", result.identity.device_id},
                               std::pair{"site_id", result.identity.site_id},
                               std::pair{"counter_id", result.identity.counter_id},
                               std::pair{"sync_state", std::string("enrolled")}}) {
        if (auto s = store.set_meta(key, value); !s) {
            out.message = "enrolled, but " + s.error();
            return out;
        }
    }
    out.ok = true;
    out.message = result.message + " (site " + result.identity.site_id + ", counter " + result.identity.counter_id +
                  "); identity saved to " + path;
    out.identity = result.identity;
    return out;
}

}  // namespace motcua::sync
