// The trust flags of a rating as ingest stores it (trust_flags.hpp), the same flags
// rebuild_rating_rollup gives reading the events per kiosk database in seq order. The usual
// rating is the newest of its kiosk database: its previous rating is carried in last_rating_ and
// its ticket needs one indexed lookup. A rating arriving after later ones of its database (a gap
// filled late) is looked up on both sides, and may change the repeat or burst flag of the rating
// after it, which was counted before it arrived.
#include "server/server_store.hpp"

namespace motcua::server {

namespace {

std::optional<RatingFacts> stored_rating_facts(sql::Statement& st) {
    if (!st.step()) return std::nullopt;
    auto data = json::parse(st.column_text(3), nullptr, false);
    return rating_facts(st.column_text(0), st.column_text(1), st.column_int(2), data);
}

}  // namespace

void ServerStore::flag_rating(const std::string& db_instance, std::int64_t seq, bool newest,
                              const std::optional<std::string>& ticket, RatingFacts& facts) {
    facts.flags |= standing_flags(trust_, !facts.ticket_id.empty(), facts.at_utc_ms, report_offset_minutes_);
    auto stored = [this, &db_instance](std::int64_t at_seq) {
        auto& st = cached(
            "SELECT site_id, coalesce(counter_id, ''), at_utc_ms, data FROM events WHERE db_instance = ? AND seq = ?");
        st.bind(1, db_instance).bind(2, at_seq);
        auto found = stored_rating_facts(st);
        st.reset();
        return found;
    };

    if (ticket && !ticket->empty()) {
        auto& earlier = cached(
            "SELECT EXISTS(SELECT 1 FROM events WHERE db_instance = ? AND ticket_id = ? AND score IS NOT NULL "
            "AND seq < ?)");
        earlier.bind(1, db_instance).bind(2, *ticket).bind(3, seq);
        earlier.step();
        const bool repeat = earlier.column_int(0) != 0;
        earlier.reset();
        if (repeat) {
            facts.flags |= flag_bit(TrustFlag::Repeat);
        } else if (!newest) {
            // This one is now the ticket's first rating: the one that was first becomes a repeat.
            auto& later = cached(
                "SELECT seq FROM events WHERE db_instance = ? AND ticket_id = ? AND score IS NOT NULL AND seq > ? "
                "ORDER BY seq LIMIT 1");
            later.bind(1, db_instance).bind(2, *ticket).bind(3, seq);
            std::optional<std::int64_t> was_first;
            if (later.step()) was_first = later.column_int(0);
            later.reset();
            if (was_first)
                if (auto first = stored(*was_first))
                    rollup_deltas_.change_flag(*first, TrustFlag::Repeat, +1, report_offset_minutes_);
        }
    }

    if (newest) {
        if (last_rating_.seq != 0 && is_burst(trust_, last_rating_.at_utc_ms, facts.at_utc_ms))
            facts.flags |= flag_bit(TrustFlag::Burst);
        last_rating_ = {seq, facts.at_utc_ms};
        return;
    }
    auto& before = cached(
        "SELECT at_utc_ms FROM events WHERE db_instance = ? AND score IS NOT NULL AND seq < ? ORDER BY seq DESC LIMIT 1");
    before.bind(1, db_instance).bind(2, seq);
    std::optional<std::int64_t> previous_at;
    if (before.step()) previous_at = before.column_int(0);
    before.reset();
    if (previous_at && is_burst(trust_, *previous_at, facts.at_utc_ms)) facts.flags |= flag_bit(TrustFlag::Burst);
    auto& after = cached(
        "SELECT seq, at_utc_ms FROM events WHERE db_instance = ? AND score IS NOT NULL AND seq > ? ORDER BY seq LIMIT 1");
    after.bind(1, db_instance).bind(2, seq);
    std::optional<std::pair<std::int64_t, std::int64_t>> next;
    if (after.step()) next = std::pair{after.column_int(0), after.column_int(1)};
    after.reset();
    if (!next) return;
    // The next rating's previous one was the rating before this one; now it is this one.
    const bool was_burst = previous_at && is_burst(trust_, *previous_at, next->second);
    const bool is_now = is_burst(trust_, facts.at_utc_ms, next->second);
    if (was_burst != is_now)
        if (auto following = stored(next->first))
            rollup_deltas_.change_flag(*following, TrustFlag::Burst, is_now ? +1 : -1, report_offset_minutes_);
}

}  // namespace motcua::server
