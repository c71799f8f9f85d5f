// Test helper: appends N ratings to a kiosk database and exits, as the kiosk would write them.
// Run under faketime to get events stamped by a kiosk whose clock is wrong.
#include <cstdio>
#include <cstdlib>

#include "core/event_store.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: append_ratings DB COUNT\n");
        return 64;
    }
    auto store = motcua::EventStore::open(argv[1]);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().c_str());
        return 1;
    }
    int count = std::atoi(argv[2]);
    for (int i = 0; i < count; ++i) {
        auto e = store->append(motcua::event_type::kRatingSubmitted,
                               motcua::json{{"ticket_id", nullptr}, {"counter", "3A"}, {"officer", nullptr},
                                            {"service", nullptr}, {"score", 1 + i % 3}, {"reasons", motcua::json::array()}});
        if (!e) {
            std::fprintf(stderr, "%s\n", e.error().c_str());
            return 1;
        }
    }
    std::printf("appended %d\n", count);
    return 0;
}
