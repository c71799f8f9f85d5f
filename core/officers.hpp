// Who may sign in at a counter: from the kiosk's settings ([[queue.officers]]) or the server's
// pulled configuration ("officers"), same keys in both (docs/protocol.md, Configuration).
#pragma once
#include <string>
#include <vector>

#include "core/event.hpp"  // json
#include "core/result.hpp"
#include "core/settings.hpp"

namespace motcua {

struct Officer {
    std::string id;        // the code typed at sign-in, stored on queue events as "officer"
    std::string name;      // shown on the staff console
    std::string pin_hash;  // "$scrypt$..." (core/pin_hash.hpp); checked to decode when read
    std::vector<std::string> counters;  // counter ids where they may sign in; empty = any counter

    bool may_sign_in_at(const std::string& counter_id) const;
};

const Officer* find_officer(const std::vector<Officer>& officers, const std::string& id);

// TOML rows: id, name, pin_hash, counters ("1, 3A": ids separated by commas; empty = any).
// `where` names the setting in errors ("queue.officers" -> "queue.officers entry 2: ...").
Result<std::vector<Officer>> officers_from_rows(const std::vector<SettingRow>& rows, const std::string& where);

// The config's list: objects with text id, name, pin_hash and a list of text counters (may be
// left out). Same checks as the rows: ids unique and not empty, a name, a PIN hash that decodes.
Result<std::vector<Officer>> officers_from_json(const json& list, const std::string& where);

// As the server sends them (the same keys officers_from_json reads).
json officers_to_json(const std::vector<Officer>& officers);

}  // namespace motcua
