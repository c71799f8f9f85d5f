#include "server/report_rollup.hpp"

#include <cstdio>
#include <set>
#include <string>

namespace motcua::server {

namespace {

constexpr std::int64_t kDayMs = 24 * 3600 * 1000;

constexpr std::string_view kDimNames[kRollupDimCount] = {"total",     "hour",   "officer", "service",
                                                          "procedure", "linked", "ticket",  "reason"};


std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::string text_of(const json& data, const char* name) {
    auto it = data.find(name);
    if (it == data.end()) return "";
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
    return "";
}

const char* const kRollupUpsertSql =
    "INSERT INTO rating_rollup(dim, grain, by_counter, site_id, counter_id, day, key, score, ratings, dossiers, "
    "flag_no_ticket, flag_repeat, flag_burst, flag_outside_hours) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(dim, grain, by_counter, site_id, counter_id, day, key, score) DO UPDATE SET "
    "ratings = ratings + excluded.ratings, dossiers = dossiers + excluded.dossiers, "
    "flag_no_ticket = flag_no_ticket + excluded.flag_no_ticket, flag_repeat = flag_repeat + excluded.flag_repeat, "
    "flag_burst = flag_burst + excluded.flag_burst, "
    "flag_outside_hours = flag_outside_hours + excluded.flag_outside_hours";

std::string_view rollup_dim_name(RollupDim dim) { return kDimNames[static_cast<int>(dim)]; }

std::optional<RatingFacts> rating_facts(const std::string& site_id, const std::string& counter_id,
                                        std::int64_t at_utc_ms, const json& data) {
    if (!data.is_object()) return std::nullopt;
    auto score = data.find("score");
    if (score == data.end() || !score->is_number_integer()) return std::nullopt;
    RatingFacts f;
    f.at_utc_ms = at_utc_ms;
    f.site_id = site_id;
    f.counter_id = counter_id;
    f.officer_id = text_of(data, "officer");
    f.service_id = text_of(data, "service");
    f.procedure_id = text_of(data, "procedure");
    f.ticket_id = text_of(data, "ticket_id");
    f.score = score->get<std::int64_t>();
    if (auto reasons = data.find("reasons"); reasons != data.end() && reasons->is_array()) {
        for (auto& r : *reasons) {
            if (r.is_string()) f.reasons.push_back(r.get<std::string>());
            else if (r.is_number_integer()) f.reasons.push_back(std::to_string(r.get<std::int64_t>()));
        }
    }
    if (auto codes = data.find("dossier_codes"); codes != data.end() && codes->is_array())
        for (auto& c : *codes)
            if (c.is_string() && !c.get_ref<const std::string&>().empty()) ++f.dossier_codes;
    return f;
}

std::int64_t local_day(std::int64_t utc_ms, int utc_offset_minutes) {
    return floor_div(utc_ms + std::int64_t{utc_offset_minutes} * 60000, kDayMs);
}

int local_hour(std::int64_t utc_ms, int utc_offset_minutes) {
    std::int64_t local = utc_ms + std::int64_t{utc_offset_minutes} * 60000;
    return static_cast<int>((local - floor_div(local, kDayMs) * kDayMs) / 3600000);
}

std::string day_key(std::int64_t days) {
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    std::int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    std::int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    std::int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
    return buf;
}

std::optional<std::int64_t> day_number(int y, int m, int d) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return std::nullopt;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
    // Days from civil (Howard Hinnant's algorithm), the inverse of day_key.
    std::int64_t yy = y - (m <= 2 ? 1 : 0);
    std::int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    std::int64_t yoe = yy - era * 400;
    std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::int64_t month_start(std::int64_t days) {
    std::string key = day_key(days);  // yyyy-mm-dd
    return day_number(std::stoi(key.substr(0, 4)), std::stoi(key.substr(5, 2)), 1).value_or(days);
}

std::int64_t next_month_start(std::int64_t days) {
    std::string key = day_key(days);
    int y = std::stoi(key.substr(0, 4)), m = std::stoi(key.substr(5, 2));
    return (m == 12 ? day_number(y + 1, 1, 1) : day_number(y, m + 1, 1)).value_or(days + 1);
}

std::size_t RollupDeltas::KeyHash::operator()(const KeyView& k) const {
    auto& [dim, grain, by_counter, site, counter, day, slice, score] = k;
    std::size_t h = static_cast<std::size_t>(dim * 64 + grain * 8 + by_counter);
    auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
    std::hash<std::string_view> text;
    mix(text(site));
    mix(text(counter));
    mix(std::hash<std::int64_t>{}(day));
    mix(text(slice));
    mix(std::hash<std::int64_t>{}(score));
    return h;
}

std::size_t RollupDeltas::KeyHash::operator()(const Key& k) const {
    auto& [dim, grain, by_counter, site, counter, day, slice, score] = k;
    return (*this)(KeyView{dim, grain, by_counter, site, counter, day, slice, score});
}

void RollupDeltas::bump(RollupDim dim, bool by_counter, const RatingFacts& f, std::int64_t day, std::int64_t month,
                        std::string_view key, int ratings, TrustFlagSet flags, int flag_delta) {
    for (auto [grain, when] : {std::pair{RollupGrain::Day, day}, std::pair{RollupGrain::Month, month}}) {
        // A ticket is rated on one day: month rows would only repeat its day rows.
        if (dim == RollupDim::Ticket && grain == RollupGrain::Month) continue;
        const KeyView view{static_cast<int>(dim), static_cast<int>(grain), by_counter ? 1 : 0, f.site_id,
                           by_counter ? std::string_view(f.counter_id) : std::string_view(), when, key, f.score};
        auto it = sums_.find(view);
        if (it == sums_.end())
            it = sums_.emplace(Key{std::get<0>(view), std::get<1>(view), std::get<2>(view), std::string(f.site_id),
                                   std::string(std::get<4>(view)), when, std::string(key), f.score},
                               Sums{})
                     .first;
        it->second.ratings += ratings;
        it->second.dossiers += ratings * f.dossier_codes;
        if (flags != 0)
            for (std::size_t i = 0; i < kTrustFlagCount; ++i)
                if (flags & (1u << i)) it->second.flags[i] += flag_delta;
    }
}

void RollupDeltas::count(const RatingFacts& f, int utc_offset_minutes, bool plain, TrustFlagSet flags, int sign) {
    const std::int64_t day = local_day(f.at_utc_ms, utc_offset_minutes);
    const std::int64_t month = month_start(day);
    char hour[4];
    std::snprintf(hour, sizeof hour, "%02d", local_hour(f.at_utc_ms, utc_offset_minutes));
    const std::string_view hour_key = hour;
    const std::string_view linked = f.ticket_id.empty() ? "none" : "ticket";
    const int ratings = plain ? sign : 0;
    auto slice = [&](RollupDim dim, bool by_counter, std::string_view key) {
        bump(dim, by_counter, f, day, month, key, ratings, flags, sign);
    };
    for (bool by_counter : {false, true}) {
        slice(RollupDim::Total, by_counter, "");
        slice(RollupDim::Hour, by_counter, hour_key);
        slice(RollupDim::Officer, by_counter, f.officer_id);
        slice(RollupDim::Service, by_counter, f.service_id);
        slice(RollupDim::Procedure, by_counter, f.procedure_id);
        slice(RollupDim::Linked, by_counter, linked);
        // A rating counts once per reason there: its flags are counted in the other slices.
        if (plain)
            for (auto& reason : f.reasons) bump(RollupDim::Reason, by_counter, f, day, month, reason, sign, 0, 0);
    }
    // One group per ticket is a listing as long as the ratings: kept per counter only.
    slice(RollupDim::Ticket, true, f.ticket_id);
}

void RollupDeltas::add(const RatingFacts& f, int utc_offset_minutes) { count(f, utc_offset_minutes, true, f.flags, 1); }

void RollupDeltas::change_flag(const RatingFacts& f, TrustFlag flag, int sign, int utc_offset_minutes) {
    count(f, utc_offset_minutes, false, flag_bit(flag), sign);
}

void RollupDeltas::flush(sql::Statement& upsert) {
    for (auto& [key, sums] : sums_) {
        if (sums.ratings == 0 && sums.dossiers == 0 && sums.flags == Sums{}.flags) continue;  // undone in the batch
        auto& [dim, grain, by_counter, site, counter, day, slice, score] = key;
        upsert.reset();
        upsert.bind(1, rollup_dim_name(static_cast<RollupDim>(dim))).bind(2, std::int64_t{grain});
        upsert.bind(3, std::int64_t{by_counter}).bind(4, site).bind(5, counter).bind(6, day).bind(7, slice);
        upsert.bind(8, score).bind(9, sums.ratings).bind(10, sums.dossiers);
        for (int i = 0; i < kTrustFlagCount; ++i) upsert.bind(11 + i, sums.flags[static_cast<std::size_t>(i)]);
        upsert.step();
    }
    upsert.reset();
    sums_.clear();
}

void rebuild_rating_rollup(sql::Database& db, int utc_offset_minutes, const TrustRules& trust) {
    db.exec("DELETE FROM rating_rollup");
    RollupDeltas deltas;
    // Per kiosk database in seq order: the order the trust flags are defined in, the same one
    // ingest keeps. Read along the partial index events_rating_seq, which is in that order, rather
    // than sorting every rating's data text in a temporary tree.
    auto events = db.prepare(
        "SELECT site_id, coalesce(counter_id, ''), at_utc_ms, data, db_instance, seq, coalesce(ticket_id, '') "
        "FROM events INDEXED BY events_rating_seq WHERE type = 'rating.submitted' AND score IS NOT NULL "
        "ORDER BY db_instance, seq");
    auto upsert = db.prepare(kRollupUpsertSql);
    std::int64_t pending = 0;
    std::string db_instance;
    bool any_previous = false;  // a rating of this kiosk database came before
    std::int64_t previous_at = 0;
    std::set<std::string> tickets_rated;  // of the current kiosk database
    while (events.step()) {
        if (events.column_text(4) != db_instance) {
            db_instance = events.column_text(4);
            any_previous = false;
            tickets_rated.clear();
        }
        auto data = json::parse(events.column_text(3), nullptr, false);
        auto facts = rating_facts(events.column_text(0), events.column_text(1), events.column_int(2), data);
        if (!facts) continue;  // not on any scale: stored, never counted (as at ingest)
        const std::string ticket = events.column_text(6);
        facts->flags |= standing_flags(trust, !facts->ticket_id.empty(), facts->at_utc_ms, utc_offset_minutes);
        if (!ticket.empty() && !tickets_rated.insert(ticket).second) facts->flags |= flag_bit(TrustFlag::Repeat);
        if (any_previous && is_burst(trust, previous_at, facts->at_utc_ms)) facts->flags |= flag_bit(TrustFlag::Burst);
        previous_at = facts->at_utc_ms;
        any_previous = true;
        deltas.add(*facts, utc_offset_minutes);
        // Written every 100 000 ratings: the per-ticket rows alone would not fit in memory for
        // millions of events, and the upsert adds to rows already written.
        if (++pending == 100000) {
            deltas.flush(upsert);
            pending = 0;
        }
    }
    deltas.flush(upsert);
    auto meta = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
    meta.bind(1, std::string("rollup_utc_offset_minutes")).bind(2, std::to_string(utc_offset_minutes));
    meta.step();
    meta.reset();
    meta.bind(1, std::string("rollup_trust_rules")).bind(2, trust.fingerprint());
    meta.step();
}

void for_each_rollup_row(sql::Database& db, const RollupQuery& query,
                         const std::function<void(const RollupRow&)>& visit) {
    std::string sql =
        "SELECT site_id, counter_id, day, key, score, ratings, dossiers, flag_no_ticket, flag_repeat, flag_burst, "
        "flag_outside_hours FROM rating_rollup "
        "WHERE dim = ?1 AND grain = ?5 AND by_counter = ?2 AND day >= ?3 AND day <= ?4";
    sql += query.by_counter ? (query.counter_id ? " AND counter_id = ?6" : "") : " AND counter_id = ''";
    if (!query.site_ids.empty()) {
        sql += " AND site_id IN (";
        for (std::size_t i = 0; i < query.site_ids.size(); ++i) sql += (i ? ", ?" : "?") + std::to_string(7 + i);
        sql += ")";
    }
    // Raw statement: rows are read through the text SQLite holds (no copy per row), as reports
    // sum hundreds of thousands of them.
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
        throw sql::Error(std::string("cannot read the rollup: ") + sqlite3_errmsg(db.handle()));
    struct Finalize {
        sqlite3_stmt* st;
        ~Finalize() { sqlite3_finalize(st); }
    } finalize{st};
    const std::string_view dim = rollup_dim_name(query.dim);
    sqlite3_bind_text(st, 1, dim.data(), static_cast<int>(dim.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, query.by_counter ? 1 : 0);
    sqlite3_bind_int64(st, 3, query.from_day);
    sqlite3_bind_int64(st, 4, query.to_day);
    sqlite3_bind_int64(st, 5, static_cast<int>(query.grain));
    if (query.by_counter && query.counter_id) sqlite3_bind_text(st, 6, query.counter_id->c_str(), -1, SQLITE_TRANSIENT);
    for (std::size_t i = 0; i < query.site_ids.size(); ++i)
        sqlite3_bind_text(st, static_cast<int>(7 + i), query.site_ids[i].c_str(), -1, SQLITE_TRANSIENT);
    auto text = [st](int col) {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(st, col));
        return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(st, col))) : std::string_view();
    };
    int rc = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        RollupRow row;
        row.site_id = text(0);
        row.counter_id = text(1);
        row.day = sqlite3_column_int64(st, 2);
        row.key = text(3);
        row.score = sqlite3_column_int64(st, 4);
        row.ratings = sqlite3_column_int64(st, 5);
        row.dossiers = sqlite3_column_int64(st, 6);
        for (int i = 0; i < kTrustFlagCount; ++i) row.flags.count[static_cast<std::size_t>(i)] = sqlite3_column_int64(st, 7 + i);
        visit(row);
    }
    if (rc != SQLITE_DONE) throw sql::Error(std::string("cannot read the rollup: ") + sqlite3_errmsg(db.handle()));
}

}  // namespace motcua::server
