// Exact pre-aggregation of ratings for reports. Each stored rating adds one count to a row per
// report slice (dimension) in the same transaction that stores the event, so a report sums rollup
// rows instead of scanning the events table. Rows are kept at two scopes: per site (all its
// counters) and per counter, so a report filtered or grouped by counter and one over whole sites
// both read only the rows they need; and at two grains, local day and local month, so a year's
// report reads twelve months of rows, not 365 days (per-ticket rows are kept at day grain only: a
// ticket is rated on one day).
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/event.hpp"
#include "core/sqlite.hpp"
#include "server/trust_flags.hpp"

namespace motcua::server {

// The slices. Every dimension except Reason holds each rating exactly once (a missing value is
// the key ""), so its rows also sum to the report's total. Reason holds a rating once per reason.
enum class RollupDim { Total, Hour, Officer, Service, Procedure, Linked, Ticket, Reason };
inline constexpr int kRollupDimCount = 8;
std::string_view rollup_dim_name(RollupDim dim);  // the value stored in rating_rollup.dim

// Trust flags (trust_flags.hpp) are counted in the same rows as the ratings, one column per flag
// (flag_no_ticket, flag_repeat, flag_burst, flag_outside_hours: how many of the row's ratings carry
// it), so any grouping reads its flag counts with its totals and a flag adds no row to write.

// A text field of an event's data as reports key it: a string as it is, an integer written out
// ("3" for 3), anything else or a missing field "".
std::string text_of(const json& data, const char* name);

// What a rating contributes, read from the stored event.
struct RatingFacts {
    std::int64_t at_utc_ms = 0;
    std::string site_id;
    std::string counter_id;
    std::string officer_id;    // "" when the rating names none
    std::string service_id;
    std::string procedure_id;
    std::string ticket_id;     // "" for a rating without a served ticket
    std::int64_t score = 0;
    std::vector<std::string> reasons;
    std::int64_t dossier_codes = 0;  // how many dossier codes the rating carries
    TrustFlagSet flags = 0;          // set by ingest or the rebuild, which know the rating's neighbours
};

// Reads the facts of a rating.submitted event the way ingest stores its columns. Nothing for a
// rating without an integer score (it is stored but is not on any scale).
std::optional<RatingFacts> rating_facts(const std::string& site_id, const std::string& counter_id,
                                        std::int64_t at_utc_ms, const json& data);

// Local calendar day (days since 1970-01-01 in local time) and local hour of a UTC instant.
std::int64_t local_day(std::int64_t utc_ms, int utc_offset_minutes);
int local_hour(std::int64_t utc_ms, int utc_offset_minutes);
std::string day_key(std::int64_t local_day);  // "2026-11-23"
// Local day of a calendar date; nothing when the date does not exist.
std::optional<std::int64_t> day_number(int year, int month, int day);
// The first local day of the month holding `local_day`, and of the month after it.
std::int64_t month_start(std::int64_t local_day);
std::int64_t next_month_start(std::int64_t local_day);

enum class RollupGrain { Day = 0, Month = 1 };

// Counts added by one transaction, merged in memory so a batch of 500 ratings from one kiosk
// writes a handful of rows, then written with `flush` before the transaction commits.
class RollupDeltas {
public:
    // Counts the rating in every slice, with the flags it carries.
    void add(const RatingFacts& facts, int utc_offset_minutes);
    // Counts (sign +1) or uncounts (-1) one flag of a rating already stored: a rating that arrives
    // after a later one of its kiosk database can change that one's repeat or burst flag.
    void change_flag(const RatingFacts& facts, TrustFlag flag, int sign, int utc_offset_minutes);
    void clear() { sums_.clear(); }
    bool empty() const { return sums_.empty(); }
    // Adds the counts to rating_rollup; throws sql::Error. `upsert` is the prepared statement of
    // kRollupUpsertSql (the store keeps it prepared).
    void flush(sql::Statement& upsert);

private:
    // dim, grain, by_counter, site, counter ("" at site scope), day, key, score
    using Key = std::tuple<int, int, int, std::string, std::string, std::int64_t, std::string, std::int64_t>;
    // The same key over the event's own strings: looking a key up builds no string.
    using KeyView = std::tuple<int, int, int, std::string_view, std::string_view, std::int64_t, std::string_view,
                               std::int64_t>;
    struct KeyHash {
        using is_transparent = void;
        std::size_t operator()(const KeyView& k) const;
        std::size_t operator()(const Key& k) const;
    };
    struct KeyEqual {
        using is_transparent = void;
        template <class A, class B>
        bool operator()(const A& a, const B& b) const { return a == b; }
    };
    struct Sums {
        std::int64_t ratings = 0;
        std::int64_t dossiers = 0;
        std::array<std::int64_t, kTrustFlagCount> flags{};
    };
    // Adds `ratings` ratings (and their dossiers) and `flag_delta` to each flag of `flags`.
    void bump(RollupDim dim, bool by_counter, const RatingFacts& f, std::int64_t day, std::int64_t month,
              std::string_view key, int ratings, TrustFlagSet flags, int flag_delta);
    // Every slice of the rating: counted (`plain`) with its flags, or only `flags` changed.
    void count(const RatingFacts& f, int utc_offset_minutes, bool plain, TrustFlagSet flags, int sign);
    // About 25 lookups per rating, most of them of keys the batch has already made.
    std::unordered_map<Key, Sums, KeyHash, KeyEqual> sums_;
};

extern const char* const kRollupUpsertSql;

// Recomputes every rollup row, flags included, from the events table (the back-fill of an
// existing database, and a change of the report time zone or of the trust rules). Ratings are
// read per kiosk database in seq order, as ingest sees them. Runs inside the caller's
// transaction; throws sql::Error.
void rebuild_rating_rollup(sql::Database& db, int utc_offset_minutes, const TrustRules& trust);

// One summed row as a report reads it.
struct RollupRow {
    std::string_view site_id;
    std::string_view counter_id;
    std::int64_t day = 0;
    std::string_view key;
    std::int64_t score = 0;
    std::int64_t ratings = 0;
    std::int64_t dossiers = 0;
    TrustCounts flags;  // of these ratings
};

struct RollupQuery {
    RollupDim dim = RollupDim::Total;
    RollupGrain grain = RollupGrain::Day;  // Month: from_day and to_day select months by their first day
    bool by_counter = false;               // counter-scope rows (needed to filter or group by counter)
    std::vector<std::string> site_ids;     // empty: every site
    std::optional<std::string> counter_id;
    std::int64_t from_day = 0;             // inclusive local days
    std::int64_t to_day = 0;
};

// Calls `visit` for every stored row matching the query; throws sql::Error.
void for_each_rollup_row(sql::Database& db, const RollupQuery& query, const std::function<void(const RollupRow&)>& visit);

}  // namespace motcua::server
