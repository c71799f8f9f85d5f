// Test helper: appends ratings as fast as it can and prints "committed N" after each append
// returns, the moment a kiosk would show "Cảm ơn". The crash test kills it with SIGKILL.
#include <cstdio>

#include "core/event_store.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: append_until_killed DB\n");
        return 64;
    }
    auto store = motcua::EventStore::open(argv[1]);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().c_str());
        return 1;
    }
    for (int i = 0;; ++i) {
        auto e = store->append(motcua::event_type::kRatingSubmitted, motcua::json{{"score", 1 + i % 3}});
        if (!e) {
            std::fprintf(stderr, "%s\n", e.error().c_str());
            return 1;
        }
        std::printf("committed %lld\n", static_cast<long long>(e->seq));
        std::fflush(stdout);
    }
}
