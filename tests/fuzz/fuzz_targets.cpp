#include "tests/fuzz/fuzz_targets.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "core/clock.hpp"
#include "core/event.hpp"
#include "core/gzip.hpp"
#include "core/pin_hash.hpp"
#include "core/protocol.hpp"
#include "core/pulled_config.hpp"
#include "core/queue/opening_hours_text.hpp"
#include "core/queue/queue_authority.hpp"
#include "core/queue/queue_order.hpp"
#include "core/rating.hpp"
#include "core/settings.hpp"
#include "core/ticket_ref.hpp"
#include "server/queue_report.hpp"
#include "server/rating_report.hpp"
#include "server/report_period.hpp"
#include "server/request_json.hpp"
#include "server/server_store.hpp"
#include "server/web/web_parse.hpp"
#include "sync/backoff.hpp"
#include "sync/device_identity.hpp"

namespace motcua::fuzz {

// ---- core (every program) ----

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
    (void)sync::parse_http_date(text);  // a server's Date header, for the clock skew
}

// Decoding only: a verify would run scrypt with whatever bounded parameters the bytes name.
void pin_hash_text(std::string_view bytes) {
    auto decoded = decode_pin_hash(bytes);
    if (decoded && (decoded->salt.empty() || decoded->hash.empty()))
        throw std::logic_error("a PIN hash without salt or hash was accepted");
}

// ---- the kiosk ----

void pulled_config(std::string_view bytes) {
    auto config = parse_pulled_config(bytes);
    (void)pulled_config_version_hint(bytes);
    if (config) (void)config->counter_name("3A");
}

void queue_settings_json(std::string_view bytes) {
    json j = json::parse(bytes, nullptr, false);
    if (j.is_discarded()) return;
    auto settings = queue::QueueSettings::from_json(j);
    if (settings) (void)queue::QueueSettings::from_json(settings->to_json());
}

void opening_hours_text(std::string_view bytes) {
    auto hours = queue::parse_opening_hours_text(bytes);
    if (!hours) return;
    // What was accepted prints back to text that reads as the same week.
    auto again = queue::parse_opening_hours_text(queue::opening_hours_text(hours.value()));
    if (!again || again->by_weekday != hours->by_weekday)
        throw std::logic_error("opening hours do not round-trip through their text");
}

// Events from another machine are outside bytes too: whatever they say, the fold and the
// commands after it must neither crash nor throw.
void queue_events(std::string_view bytes) {
    json list = json::parse(bytes, nullptr, false);
    if (list.is_discarded() || !list.is_array()) return;
    queue::QueueState state;
    for (const json& item : list) {
        if (!item.is_object()) continue;
        Event e;
        if (auto t = item.find("type"); t != item.end() && t->is_string()) e.type = t->get<std::string>();
        if (auto at = item.find("at"); at != item.end() && at->is_string()) e.at = at->get<std::string>();
        if (auto d = item.find("data"); d != item.end()) e.data = *d;
        (void)queue::apply(state, e);
    }
    queue::QueueSettings settings = queue::default_queue_settings();
    const std::int64_t now = 1795483800000;  // 2026-11-24 08:30 in Vietnam
    queue::QueueAuthority authority(settings, state);
    for (const auto& [id, counter] : state.counters) {
        (void)authority.call_next(id, counter.officer, now);
        (void)authority.finish(id, counter.officer, {"000.00.14.H12-210315-0001"}, now);
        (void)authority.transfer(id, counter.officer, {"dat-dai", ""}, now);
    }
    (void)authority.issue({"tu-phap-ho-tich", "", "elderly", "d"}, now);
    (void)authority.close_previous_days(now);
    (void)queue::estimate_wait(state, settings, "tu-phap-ho-tich", "", now);
    for (const auto& [id, ticket] : state.tickets) (void)queue::people_ahead_of(state, settings, id, now);
}

void ticket_ref(std::string_view bytes) {
    auto ref = parse_ticket_ref(bytes);
    // Whatever was accepted must encode back to the same ticket: the counter calls what it read.
    if (ref && parse_ticket_ref(encode_ticket_ref(ref.value()).value()).value() != ref.value())
        throw std::logic_error("a parsed ticket reference does not round-trip");
}

// ---- motcua-sync (kiosk side) ----

void sync_ack(std::string_view bytes) {
    Event a;
    a.id = "id-1";
    a.seq = 1;
    (void)protocol::parse_ack(bytes, "B", {a});
}

void identity_file(std::string_view bytes) {
    // One file per process, rewritten for each input: load_identity reads a path, as on a kiosk.
    static const std::string path =
        (std::filesystem::temp_directory_path() / ("motcua-fuzz-identity-" + std::to_string(getpid()) + ".json")).string();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    (void)sync::load_identity(path);
    std::filesystem::remove(path);
}

// ---- motcua-server ----

void server_batch(server::ServerStore& store, const server::Device& device, std::string_view bytes) {
    json batch = server::parse_request_json(bytes);
    if (batch.is_discarded()) return;  // the HTTP layer answers 400 before the store sees it
    const bool compact = server::asks_compact_ack(batch);
    if (server::batch_event_count(batch) > 500) return;  // answered 413 before the store sees it
    auto ack = store.ingest_batch(device, batch, 500, clock::unix_ms_now());
    if (ack) (void)server::ack_to_json(ack.value(), compact, 500).dump();
}

void server_enroll(server::ServerStore& store, std::string_view bytes) {
    // As HttpApi::enroll: an object with a string "code", other fields taken only when strings.
    json body = server::parse_request_json(bytes);
    if (body.is_discarded() || !body.is_object() || !body.contains("code") || !body["code"].is_string()) return;
    auto text = [&](const char* name) {
        auto it = body.find(name);
        return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    (void)store.enroll(text("code"), text("hostname"), text("app_version"), clock::unix_ms_now());
}

void server_heartbeat(server::ServerStore& store, const server::Device& device, std::string_view bytes) {
    // As HttpApi::heartbeat: any JSON object is recorded.
    json body = server::parse_request_json(bytes);
    if (body.is_discarded() || !body.is_object()) return;
    (void)store.record_heartbeat(device, body, clock::unix_ms_now());
}

void report_query_text(std::string_view bytes) {
    std::string text(bytes);
    for (int offset : {420, 0, -720, 840}) (void)server::parse_vn_date(text, offset);
    (void)server::parse_group_by(text);
    (void)server::parse_queue_group_by(text);
}

void report_period_text(std::string_view bytes) {
    for (auto period : {server::parse_report_month(bytes), server::parse_report_quarter(bytes)}) {
        if (!period) continue;
        // A period that parsed is one the report engine takes: two real dates, the first not after the last.
        auto from = server::parse_vn_date(period->from_date(), 420);
        auto to = server::parse_vn_date(period->to_date(), 420);
        if (!from || !to || *from > *to) throw std::logic_error("a parsed report period has no valid dates");
        (void)period->title();
        (void)period->key();
    }
}

void dashboard_request_text(std::string_view bytes) {
    (void)server::web::cookie_value(bytes, "motcua_session");
    if (auto day = server::web::parse_iso_date(bytes)) (void)server::web::add_days(*day, -29);
    (void)server::web::origin_matches_host(bytes, "127.0.0.1:8470");
    (void)server::web::origin_matches_host("http://127.0.0.1:8470", bytes);
}

}  // namespace motcua::fuzz

#ifdef MOTCUA_FUZZ_PRINT
#include "kiosk/print/escpos.hpp"

namespace motcua::fuzz {

void escpos_ticket(std::string_view bytes) {
    auto image = print::decode_ticket(bytes);
    // A decoded image encodes back to bytes that decode to the same image.
    if (image && print::decode_ticket(print::encode_ticket(image.value())).value() != image.value())
        throw std::logic_error("a decoded ticket does not round-trip");
}

}  // namespace motcua::fuzz
#endif

#ifdef MOTCUA_FUZZ_KIOSK
#include "kiosk/kiosk_settings.hpp"
#include "kiosk/queue_config.hpp"

namespace motcua::fuzz {

void kiosk_queue_toml(std::string_view bytes) {
    auto settings = Settings::parse(std::string(bytes), "kiosk.toml", kiosk::kiosk_settings());
    if (settings) (void)kiosk::queue_config(settings.value(), nullptr);
}

}  // namespace motcua::fuzz
#endif

#ifdef MOTCUA_FUZZ_VOICE
#include "kiosk/voice/call_phrase.hpp"
#include "kiosk/voice/clip_library.hpp"
#include "kiosk/voice/pcm_wav.hpp"

namespace motcua::fuzz {

void voice_clip(std::string_view bytes) {
    auto loaded = voice::load_clip_bytes(bytes.data(), bytes.size());
    // Loaded means sound and no reason to refuse it; refused means a reason a person can read.
    if (loaded.ok != loaded.error.empty() || (loaded.ok && loaded.samples.empty()))
        throw std::logic_error("a clip is loaded without sound, or refused without a reason");
    (void)voice::parse_pcm_wav(bytes);
    auto phrase = voice::call_phrase(bytes, bytes.substr(0, bytes.size() / 2));
    if (phrase.clips.size() < 3) throw std::logic_error("a call phrase lost its chime or its words");
}

}  // namespace motcua::fuzz
#endif
