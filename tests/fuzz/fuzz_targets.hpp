// Entry points for every parser that reads bytes from outside: config files, server answers,
// event batches, compressed bodies, clock strings. Each takes arbitrary bytes and must neither
// crash nor throw. They run here over seeds and deterministic mutations (replay_test.cpp, under
// ASan + UBSan in CI); the same functions are meant to be wrapped by libFuzzer with clang.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace motcua::fuzz {

void settings_toml(std::string_view bytes);   // Settings::parse with every program's table shape
void sync_ack(std::string_view bytes);        // protocol::parse_ack of a server's answer
void event_json(std::string_view bytes);      // Event::from_json + canonical hash
void gzip_body(std::string_view bytes);       // gzip_decompress of a request body
void clock_text(std::string_view bytes);      // parse_rfc3339, parse_retry_after and parse_http_date (Date)

}  // namespace motcua::fuzz

namespace motcua::server {
class ServerStore;
struct Device;
}  // namespace motcua::server

namespace motcua::fuzz {
// A batch as POSTed to /api/v1/events, after JSON parsing, into a real server database.
void server_batch(server::ServerStore& store, const server::Device& device, std::string_view bytes);
}  // namespace motcua::fuzz
