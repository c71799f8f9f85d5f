#include "server/web/user_commands.hpp"

#include <iostream>

#include "core/clock.hpp"
#include "core/event.hpp"  // json
#include "server/web/web_accounts.hpp"

namespace motcua::server::web {

namespace {

std::string option(const std::map<std::string, std::string>& options, const std::string& name) {
    auto it = options.find(name);
    return it == options.end() ? std::string() : it->second;
}

// The first line of stdin without its line break (a password may hold spaces).
std::string read_password(std::istream& in) {
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

}  // namespace

int run_user_command(const std::string& action, const std::map<std::string, std::string>& options, bool as_json,
                     sql::Database& db, std::istream& in, std::ostream& out, std::ostream& err) {
    WebAccounts accounts(db);
    const std::int64_t now = clock::unix_ms_now();
    auto refuse = [&](const std::string& message) {
        err << "motcua-server: " << message << "\n";
        return 1;
    };
    const std::string username = option(options, "username");
    if (action == "add") {
        WebUser user;
        user.username = username;
        user.display_name = option(options, "name");
        user.role = option(options, "role");
        if (!option(options, "site").empty()) user.site_id = option(options, "site");
        if (auto added = accounts.add_user(user, read_password(in), now); !added) return refuse(added.error());
        out << "user " << username << " added\n";
        return 0;
    }
    if (action == "passwd") {
        if (auto changed = accounts.set_password(username, read_password(in)); !changed) return refuse(changed.error());
        out << "password of " << username << " changed; their sessions ended\n";
        return 0;
    }
    if (action == "retire") {
        if (auto retired = accounts.retire(username, now); !retired) return refuse(retired.error());
        out << "user " << username << " retired; their sessions ended\n";
        return 0;
    }
    // list
    json list = json::array();
    for (auto& u : accounts.users()) {
        if (as_json) {
            list.push_back({{"username", u.username}, {"name", u.display_name}, {"role", u.role},
                            {"site", u.site_id ? json(*u.site_id) : json()},
                            {"created_at", clock::rfc3339_ms(u.created_at_ms)},
                            {"retired_at", u.retired_at_ms ? json(clock::rfc3339_ms(*u.retired_at_ms)) : json()}});
        } else {
            out << u.username << "\t" << u.display_name << "\t" << u.role << "\t" << u.site_id.value_or("(tất cả)")
                << (u.retired_at_ms ? "\tđã nghỉ" : "") << "\n";
        }
    }
    if (as_json) out << list.dump(2) << "\n";
    return 0;
}

}  // namespace motcua::server::web
