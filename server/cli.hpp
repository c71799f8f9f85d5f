// motcua-server's command line: parses arguments, loads settings, runs one subcommand.
// Exit codes: 0 ok, 1 runtime failure (database, port, missing site), 2 bad configuration,
// 64 usage error. Never lets an exception escape.
#pragma once
#include <iosfwd>

namespace motcua::server {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadConfig = 2;
inline constexpr int kExitUsage = 64;

int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace motcua::server
