// Test helper for the durability test: opens the store, prints the synchronous mode of the
// store's own connection, appends N ratings through EventStore::append and exits normally, so
// the fsync-counting shim (sync_count_shim.cpp) can report how many syncs the commits issued.
// Built twice: as is, and as append_n_events_sync_off, linked with sync_off_wrap.cpp, which turns
// the store's "PRAGMA synchronous=FULL" into OFF: the durability test must tell the two apart.
#include <cstdio>
#include <cstdlib>

#include "core/event_store.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: append_n_events DB N\n");
        return 64;
    }
    auto store = motcua::EventStore::open(argv[1]);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().c_str());
        return 1;
    }
    std::printf("synchronous %lld\n", static_cast<long long>(store->synchronous_mode()));
    const long n = std::strtol(argv[2], nullptr, 10);
    for (long i = 0; i < n; ++i) {
        auto e = store->append(motcua::event_type::kRatingSubmitted, motcua::json{{"score", 1 + i % 3}});
        if (!e) {
            std::fprintf(stderr, "%s\n", e.error().c_str());
            return 1;
        }
    }
    std::printf("appended %ld\n", n);
    return 0;
}
