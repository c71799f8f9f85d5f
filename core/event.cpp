#include "core/event.hpp"

#include <stdexcept>

#include "core/crypto.hpp"

namespace motcua {

json Event::to_json() const {
    return json{{"id", id},           {"seq", seq},           {"type", type}, {"at", at},
                {"mono_ms", mono_ms}, {"boot_id", boot_id},   {"prev_hash", prev_hash},
                {"hash", hash},       {"data", data}};
}

namespace {
template <class T>
T field(const json& j, const char* name) {
    auto it = j.find(name);
    if (it == j.end()) throw std::invalid_argument(std::string("missing field '") + name + "'");
    try {
        return it->get<T>();
    } catch (const json::exception&) {
        throw std::invalid_argument(std::string("field '") + name + "' has the wrong type");
    }
}
}  // namespace

Event Event::from_json(const json& j) {
    if (!j.is_object()) throw std::invalid_argument("event is not an object");
    Event e;
    e.id = field<std::string>(j, "id");
    if (!j.contains("seq") || !j["seq"].is_number_integer()) throw std::invalid_argument("field 'seq' must be an integer");
    e.seq = j["seq"].get<std::int64_t>();
    e.type = field<std::string>(j, "type");
    e.at = field<std::string>(j, "at");
    if (!j.contains("mono_ms") || !j["mono_ms"].is_number_integer())
        throw std::invalid_argument("field 'mono_ms' must be an integer");
    e.mono_ms = j["mono_ms"].get<std::int64_t>();
    e.boot_id = field<std::string>(j, "boot_id");
    e.prev_hash = field<std::string>(j, "prev_hash");
    e.hash = field<std::string>(j, "hash");
    auto d = j.find("data");
    if (d == j.end() || !d->is_object()) throw std::invalid_argument("field 'data' must be an object");
    e.data = *d;
    return e;
}

std::string canonical_json(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::strict); }

std::string compute_event_hash(const Event& e) { return compute_event_hash(e, canonical_json(e.data)); }

std::string compute_event_hash(const Event& e, std::string_view canonical_data) {
    // Spelled out instead of building a json object, so data is not copied and dumped again;
    // the keys are in byte order, exactly as canonical_json would write them.
    std::string text;
    text.reserve(e.prev_hash.size() + canonical_data.size() + e.at.size() + e.id.size() + e.type.size() + 64);
    text.append(e.prev_hash).append("{\"at\":").append(canonical_json(e.at));
    text.append(",\"data\":").append(canonical_data);
    text.append(",\"id\":").append(canonical_json(e.id));
    text.append(",\"seq\":").append(std::to_string(e.seq));
    text.append(",\"type\":").append(canonical_json(e.type)).append("}");
    return crypto::sha256_hex(text);
}

}  // namespace motcua
