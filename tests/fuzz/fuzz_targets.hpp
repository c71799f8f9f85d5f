// Entry points for every parser that reads bytes from outside: config files, server answers,
// event batches, compressed bodies, clock strings, request bodies, the identity file, report
// queries. Each takes arbitrary bytes and must neither crash nor throw. They run here over seeds
// and mutations (replay_test.cpp, under ASan + UBSan in CI); the same functions are meant to be
// wrapped by libFuzzer with clang. Grouped by the program whose parser they reach.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace motcua::server {
class ServerStore;
struct Device;
}  // namespace motcua::server

namespace motcua::fuzz {

// ---- core (every program) ----
void settings_toml(std::string_view bytes);   // Settings::parse with every program's table shape
void event_json(std::string_view bytes);      // Event::from_json + canonical hash
void gzip_body(std::string_view bytes);       // gzip_decompress of a request body
void clock_text(std::string_view bytes);      // parse_rfc3339, parse_retry_after and parse_http_date (Date)
void pin_hash_text(std::string_view bytes);   // decode_pin_hash of an officer's pin_hash from a config

// ---- the kiosk ----
void pulled_config(std::string_view bytes);   // parse_pulled_config of the file motcua-sync saves for the kiosk
void queue_settings_json(std::string_view bytes);  // QueueSettings::from_json of a config's `tickets`
void opening_hours_text(std::string_view bytes);   // parse_opening_hours_text of queue.opening_hours (TOML)
void queue_events(std::string_view bytes);    // a JSON list of events folded into a QueueState, then commands
void ticket_ref(std::string_view bytes);      // parse_ticket_ref of what a counter's scanner typed
#ifdef MOTCUA_FUZZ_KIOSK
void kiosk_queue_toml(std::string_view bytes);  // the queue and officers of a kiosk.toml, through queue_config
#endif
#ifdef MOTCUA_FUZZ_PRINT
void escpos_ticket(std::string_view bytes);   // print::decode_ticket of printer bytes (kiosk builds only)
#endif
#ifdef MOTCUA_FUZZ_VOICE
// A site's voice recording (voice.clips_dir) read by SDL and converted, the build's WAV reader,
// and the call phrase of a ticket number and counter id made of the same bytes (kiosk builds only).
void voice_clip(std::string_view bytes);
#endif

// ---- motcua-sync (kiosk side) ----
void sync_ack(std::string_view bytes);        // protocol::parse_ack of a server's answer
void identity_file(std::string_view bytes);   // load_identity of device.json as found on disk

// ---- motcua-server ----
// The JSON parse each handler does (server/http_api.cpp: parse_request_json, with its depth
// limit), then the store call it makes, into a real server database.
void server_batch(server::ServerStore& store, const server::Device& device, std::string_view bytes);  // POST /events
void server_enroll(server::ServerStore& store, std::string_view bytes);                               // POST /enroll
void server_heartbeat(server::ServerStore& store, const server::Device& device, std::string_view bytes);  // POST /heartbeat
void report_query_text(std::string_view bytes);  // parse_vn_date (from/to), parse_group_by, parse_queue_group_by
// The formal report's --month / --quarter and the dashboard's month= / quarter= (report_period.hpp).
void report_period_text(std::string_view bytes);
// The dashboard's reads of a browser request (server/web/web_parse.hpp): the Cookie header, the
// period picker's yyyy-mm-dd dates, a POST's Origin against the Host.
void dashboard_request_text(std::string_view bytes);

}  // namespace motcua::fuzz
