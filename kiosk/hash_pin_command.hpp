// motcua-kiosk --hash-pin: IT types an officer's PIN (one line on stdin; nothing is echoed back
// by us, and a pipe works too) and gets the "$scrypt$..." string for pin_hash in
// [[queue.officers]] or the server's officer list.
#pragma once
#include <iosfwd>

namespace motcua::kiosk {

// Exit code: 0 and the hash on `out`, or 2 and the reason on `err` (no PIN, not 4 to 12 digits).
int run_hash_pin(std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace motcua::kiosk
