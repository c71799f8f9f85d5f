// Helpers for the server tests: chained events as a kiosk makes them, and a real
// motcua-server process on a free loopback port with one site, one counter and a code.
#pragma once
#include <httplib.h>

#include <memory>
#include <string>
#include <vector>

#include "core/event.hpp"
#include "core/protocol.hpp"
#include "core/uuid.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace motcua::test {

// Ratings with the given scores, chained from `prev_hash`, seqs from `first_seq`, all on one day.
inline std::vector<Event> rating_chain(const std::vector<int>& scores, std::int64_t first_seq = 1,
                                       std::string prev_hash = kGenesisHash,
                                       const std::string& at = "2026-11-23T08:14:59.010+07:00",
                                       const std::string& counter = "q1") {
    std::vector<Event> out;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        Event e;
        e.seq = first_seq + static_cast<std::int64_t>(i);
        e.id = uuid_v7();
        e.type = std::string(event_type::kRatingSubmitted);
        e.at = at;
        e.mono_ms = 1000 + e.seq;
        e.boot_id = "7d1f1c8e-0000-4000-8000-000000000001";
        e.data = json{{"ticket_id", nullptr}, {"counter", counter}, {"officer", "cb01"}, {"service", "ho_tich"},
                      {"score", scores[i]}, {"reasons", json::array()}};
        e.prev_hash = prev_hash;
        e.hash = compute_event_hash(e);
        prev_hash = e.hash;
        out.push_back(e);
    }
    return out;
}

// One step of a queue ticket's life: its event type, local time "HH:MM:SS" on `day` (UTC+7) and
// what the event adds to the ticket's fields (counter, officer, ...).
struct QueueStep {
    std::string_view type;
    std::string time;
    json more;
};

// Appends the queue events of the ticket `display` ("A001") of field `field` on `day`
// (YYYY-MM-DD) to `events`, continuing their seq and hash chain (from seq 1 when empty).
inline void append_queue_chain(std::vector<Event>& events, const std::string& day, const std::string& field,
                               const std::string& display, const std::vector<QueueStep>& steps) {
    const json ticket{{"ticket", day + "/" + field + "/" + display}, {"day", day}, {"field", field},
                      {"prefix", display.substr(0, 1)}, {"number", std::stoi(display.substr(1))},
                      {"display", display}, {"priority", nullptr}, {"procedure", nullptr}};
    for (auto& step : steps) {
        Event e;
        e.seq = events.empty() ? 1 : events.back().seq + 1;
        e.id = uuid_v7();
        e.type = std::string(step.type);
        e.at = day + "T" + step.time + ".000+07:00";
        e.mono_ms = 1000 + e.seq;
        e.boot_id = "7d1f1c8e-0000-4000-8000-000000000001";
        e.data = ticket;
        for (auto& [key, value] : step.more.items()) e.data[key] = value;
        e.prev_hash = events.empty() ? kGenesisHash : events.back().hash;
        e.hash = compute_event_hash(e);
        events.push_back(e);
    }
}

inline std::string run_ok(const std::vector<std::string>& argv) {
    auto r = run(argv, std::chrono::seconds(30));
    if (r.exit_code != 0) throw std::runtime_error("command failed: " + r.output);
    return chomp(r.output);
}

class ServerUnderTest {
public:
    // `settings_toml`: a server.toml for this server (empty: built-in defaults).
    explicit ServerUnderTest(const std::string& settings_toml = "") : db(dir.file("server.db")) {
        admin({"site", "add", "--id", "hn", "--name", "Hà Nội"});
        admin({"site", "add", "--id", "px", "--name", "Phường Ba Đình", "--parent", "hn"});
        admin({"counter", "add", "--site", "px", "--id", "q1", "--name", "Quầy 1"});
        admin({"counter", "add", "--site", "px", "--id", "q2", "--name", "Quầy 2"});
        std::vector<std::string> argv{binary("motcua-server"), "--db", db, "serve", "--port", "0"};
        if (!settings_toml.empty()) {
            dir.write("server.toml", settings_toml);
            argv.insert(argv.begin() + 1, {"--config", dir.file("server.toml")});
        }
        process = std::make_unique<Process>(argv);
        std::string line = process->wait_for_line("listening on http://127.0.0.1:");
        if (line.empty()) throw std::runtime_error("server did not start: " + process->output());
        port = std::stoi(line.substr(line.rfind(':') + 1));
    }

    std::string admin(std::vector<std::string> args) {
        args.insert(args.begin(), {binary("motcua-server"), "--db", db});
        return run_ok(args);
    }
    std::string new_code(const std::string& ttl_hours = "72") {
        return admin({"enroll-code", "create", "--site", "px", "--counter", "q1", "--ttl-hours", ttl_hours});
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(10);
        return c;
    }
    // Enrols with a fresh code; returns {device_id, token}.
    std::pair<std::string, std::string> enroll() {
        auto c = client();
        auto res = c.Post(std::string(protocol::kEnrollPath),
                          json{{"code", new_code()}, {"hostname", "kiosk-test"}, {"app_version", "0.1.0"}}.dump(),
                          "application/json");
        if (!res || res->status != 200) throw std::runtime_error("enrol failed");
        auto body = json::parse(res->body);
        return {body["device_id"].get<std::string>(), body["token"].get<std::string>()};
    }
    httplib::Result post_events(const std::string& token, const std::string& body, bool gzip = false) const {
        auto c = client();
        httplib::Headers headers{{"Authorization", "Bearer " + token}};
        if (gzip) headers.emplace("Content-Encoding", "gzip");
        return c.Post(std::string(protocol::kEventsPath), headers, body, "application/json");
    }

    TempDir dir;
    std::string db;
    std::unique_ptr<Process> process;
    int port = 0;
};

}  // namespace motcua::test
