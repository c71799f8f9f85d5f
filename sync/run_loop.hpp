// `motcua-sync run`: the daemon's loop. Pushes, pulls configuration, sends heartbeats, and
// records its health for `status`; every failure is retried (nothing is dropped), and a
// database error is a logged retry, not a crash.
#pragma once
#include "core/settings.hpp"
#include "sync/http_client.hpp"

namespace motcua::sync {

TlsOptions tls_from(const Settings& settings);
// Returns an exit code (sync_command.hpp). With `once`, stops when the outbox is empty or at the first failure.
int run_daemon(const Settings& settings, bool once);

}  // namespace motcua::sync
