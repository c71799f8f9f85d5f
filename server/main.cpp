// Only wiring: everything motcua-server does is in cli.cpp and the libraries it calls.
#include <iostream>

#include "server/cli.hpp"

int main(int argc, char** argv) {
    try {
        return motcua::server::run_cli(argc, argv, std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << "motcua-server: unexpected error: " << e.what() << "\n";
    } catch (...) {
        std::cerr << "motcua-server: unexpected error\n";
    }
    return motcua::server::kExitFailure;
}
