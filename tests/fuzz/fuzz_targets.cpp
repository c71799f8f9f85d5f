#include "tests/fuzz/fuzz_targets.hpp"

#include <string>

#include "core/clock.hpp"
#include "core/event.hpp"
#include "core/gzip.hpp"
#include "core/protocol.hpp"
#include "core/rating.hpp"
#include "core/settings.hpp"
#include "sync/backoff.hpp"

namespace motcua::fuzz {

void settings_toml(std::string_view bytes) {
    static const SettingSpecs specs{
        {"server.url", std::string("https://127.0.0.1:8470"), "url"},
        {"sync.interval_seconds", std::int64_t{5}, "seconds", 1, 3600},
        {"ui.show_cursor", false, "cursor"},
        {"ui.languages", std::vector<std::string>{"vi", "en"}, "languages"},
        {"rating.levels", default_rating_level_rows(), "levels"},
    };
    auto settings = Settings::parse(std::string(bytes), "fuzz.toml", specs);
    if (settings) (void)rating_scale_from_rows(settings->rows("rating.levels"), {});
}

void sync_ack(std::string_view bytes) {
    Event a;
    a.id = "id-1";
    a.seq = 1;
    (void)protocol::parse_ack(bytes, "B", {a});
}

void event_json(std::string_view bytes) {
    json j = json::parse(bytes, nullptr, false);
    if (j.is_discarded()) return;
    try {
        Event e = Event::from_json(j);
        (void)compute_event_hash(e);
    } catch (const std::invalid_argument&) {
        // A named, expected refusal.
    } catch (const json::type_error&) {
        // Invalid UTF-8 inside strings: the server quarantines such an event.
    }
}

void gzip_body(std::string_view bytes) { (void)gzip_decompress(bytes, 1 << 20); }

void clock_text(std::string_view bytes) {
    std::string text(bytes);
    std::int64_t ms = 0;
    if (clock::parse_rfc3339(text, ms)) (void)clock::rfc3339_ms(ms);
    (void)sync::parse_retry_after(text, 0);
}

}  // namespace motcua::fuzz

#include "server/server_store.hpp"

namespace motcua::fuzz {

void server_batch(server::ServerStore& store, const server::Device& device, std::string_view bytes) {
    json batch = json::parse(bytes, nullptr, false);
    if (batch.is_discarded()) return;  // the HTTP layer answers 400 before the store sees it
    const bool compact = server::asks_compact_ack(batch);
    if (server::batch_event_count(batch) > 500) return;  // answered 413 before the store sees it
    auto ack = store.ingest_batch(device, batch, 500, clock::unix_ms_now());
    if (ack) (void)server::ack_to_json(ack.value(), compact, 500).dump();
}

}  // namespace motcua::fuzz
