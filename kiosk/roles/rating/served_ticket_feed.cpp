#include "kiosk/roles/rating/served_ticket_feed.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/sqlite.hpp"

namespace motcua::kiosk {

namespace {
constexpr int kFoldBatch = 2000;

std::string text(const json& data, const char* key) {
    auto it = data.find(key);
    return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

Result<std::vector<ServedTicket>> ServedTicketFeed::catch_up(EventStore& store) {
    std::vector<ServedTicket> served;
    try {
        for (;;) {
            std::vector<Event> batch = store.events_after(folded_seq_, kFoldBatch, std::size_t{64} << 20);
            for (const Event& e : batch) {
                folded_seq_ = e.seq;
                if (e.type == event_type::kRatingSubmitted) {
                    if (auto id = text(e.data, "ticket_id"); !id.empty()) rated_.insert(id);
                    continue;
                }
                if (e.type != event_type::kTicketServed || counter_.empty()) continue;
                if (text(e.data, "counter") != counter_) continue;
                ServedTicket t;
                t.ticket_id = text(e.data, "ticket");
                if (t.ticket_id.empty()) continue;  // not a ticket the queue library wrote
                t.display = text(e.data, "display");
                t.field = text(e.data, "field");
                t.counter = counter_;
                t.officer = text(e.data, "officer");
                if (auto codes = e.data.find("dossier_codes"); codes != e.data.end() && codes->is_array())
                    for (const auto& code : *codes)
                        if (code.is_string()) t.dossier_codes.push_back(code.get<std::string>());
                if (!clock::parse_rfc3339(e.at, t.served_unix_ms)) t.served_unix_ms = 0;
                t.seq = e.seq;
                last_served_seq_ = e.seq;
                served.push_back(std::move(t));
            }
            if (batch.size() < static_cast<std::size_t>(kFoldBatch)) break;
        }
    } catch (const sql::Error& err) {
        return Result<std::vector<ServedTicket>>::failure(std::string("cannot read the served tickets: ") + err.what());
    }
    // A rating later in the same batch (a restart after the citizen rated) removes its ticket.
    std::erase_if(served, [&](const ServedTicket& t) { return rated(t.ticket_id); });
    return served;
}

}  // namespace motcua::kiosk
