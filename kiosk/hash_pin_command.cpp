#include "kiosk/hash_pin_command.hpp"

#include <istream>
#include <ostream>
#include <string>

#include "core/pin_hash.hpp"

namespace motcua::kiosk {

int run_hash_pin(std::istream& in, std::ostream& out, std::ostream& err) {
    std::string pin;
    if (!std::getline(in, pin)) {
        err << "motcua-kiosk --hash-pin: no PIN on standard input (type it and press Enter)\n";
        return 2;
    }
    if (!pin.empty() && pin.back() == '\r') pin.pop_back();  // typed on Windows or sent by a terminal
    auto hash = hash_pin(pin);
    if (!hash) {
        err << "motcua-kiosk --hash-pin: " << hash.error() << "\n";
        return 2;
    }
    out << hash.value() << "\n";
    return 0;
}

}  // namespace motcua::kiosk
