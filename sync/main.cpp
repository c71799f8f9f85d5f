// motcua-sync: wires settings, the kiosk's event store and libcurl into the sync engine.
#include <curl/curl.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "sync/sync_command.hpp"

int main(int argc, char** argv) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    std::vector<std::string> args(argv + 1, argv + argc);
    int rc = motcua::sync::run_command(args);
    curl_global_cleanup();
    return rc;
}
