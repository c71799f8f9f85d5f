// motcua-sync: wires settings, the kiosk's event store and libcurl into the sync engine.
#include <curl/curl.h>
#include <malloc.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "sync/sync_command.hpp"

int main(int argc, char** argv) {
    // Two threads at most (the batch in flight is posted from a second one) and little to
    // allocate: one malloc arena instead of one per thread keeps the daemon's memory small.
    mallopt(M_ARENA_MAX, 1);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    std::vector<std::string> args(argv + 1, argv + argc);
    int rc = motcua::sync::run_command(args);
    curl_global_cleanup();
    return rc;
}
