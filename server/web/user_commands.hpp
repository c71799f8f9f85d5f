// `motcua-server user add|passwd|retire|list`: dashboard accounts from the command line. Passwords
// are read from the first line of stdin (never from arguments, which other users can see in ps).
#pragma once
#include <iosfwd>
#include <map>
#include <string>

#include "core/sqlite.hpp"

namespace motcua::server::web {

// `action` is add, passwd, retire or list; `options` the command's --name value pairs
// (add: username, name, role, site; passwd and retire: username). Returns the exit code
// (0 ok, 1 refused with a message on `err`).
int run_user_command(const std::string& action, const std::map<std::string, std::string>& options, bool as_json,
                     sql::Database& db, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace motcua::server::web
