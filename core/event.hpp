// The event model of ../docs/protocol.md: every action on a kiosk becomes one event,
// numbered without gaps per database instance and chained by SHA-256.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace motcua {

using json = nlohmann::json;

namespace event_type {
inline constexpr std::string_view kTicketIssued = "ticket.issued";
inline constexpr std::string_view kTicketCalled = "ticket.called";
inline constexpr std::string_view kTicketRecalled = "ticket.recalled";
inline constexpr std::string_view kTicketServing = "ticket.serving";
inline constexpr std::string_view kTicketServed = "ticket.served";
inline constexpr std::string_view kTicketNoShow = "ticket.no_show";
inline constexpr std::string_view kTicketTransferred = "ticket.transferred";
inline constexpr std::string_view kTicketCancelled = "ticket.cancelled";
inline constexpr std::string_view kCounterPaused = "counter.paused";
inline constexpr std::string_view kCounterResumed = "counter.resumed";
inline constexpr std::string_view kOfficerSignedIn = "officer.signed_in";
inline constexpr std::string_view kOfficerSignedOut = "officer.signed_out";
inline constexpr std::string_view kRatingSubmitted = "rating.submitted";
inline constexpr std::string_view kDeviceAlarm = "device.alarm";
}  // namespace event_type

inline const std::string kGenesisHash(64, '0');

struct Event {
    std::int64_t seq = 0;
    std::string id;
    std::string type;
    std::string at;          // RFC 3339 with ms and offset, device wall clock
    std::int64_t mono_ms = 0;
    std::string boot_id;
    json data = json::object();
    std::string prev_hash = kGenesisHash;
    std::string hash;

    json to_json() const;
    // Throws std::invalid_argument naming the missing or mistyped field.
    static Event from_json(const json& j);
};

// An event as motcua-sync puts it in a batch: the JSON text of Event::to_json, made straight from
// the stored row (whose data column already holds canonical JSON), plus what the ack is checked against.
struct EventText {
    std::int64_t seq = 0;
    std::string id;
    std::string json;
};

// Canonical JSON: keys sorted by byte order, no white space, UTF-8 unescaped.
// Throws nlohmann::json::type_error on invalid UTF-8.
std::string canonical_json(const json& value);
// hash = sha256_hex(prev_hash || canonical({at, data, id, seq, type}))
std::string compute_event_hash(const Event& e);
// The same, for a caller that already holds canonical_json(e.data) (the server stores that text).
std::string compute_event_hash(const Event& e, std::string_view canonical_data);

}  // namespace motcua
