#include "server/cli.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/rating.hpp"
#include "core/natural_order.hpp"
#include "server/enroll_sheet.hpp"
#include "server/formal_report.hpp"
#include "server/formal_report_pdf.hpp"
#include "server/http_api.hpp"
#include "server/queue_report.hpp"
#include "server/rating_report.hpp"
#include "server/report_texts.hpp"
#include "server/server_settings.hpp"
#include "server/site_queue_files.hpp"
#include "server/server_store.hpp"
#include "server/wal_checkpointer.hpp"
#include "server/web/dashboard.hpp"
#include "server/web/user_commands.hpp"

namespace motcua::server {

namespace {

constexpr const char* kDefaultConfigPath = "/etc/motcua/server.toml";

constexpr const char* kUsage = R"(usage: motcua-server [--config FILE] [--db PATH] COMMAND [OPTIONS]

Commands:
  serve [--listen ADDR] [--port N]           run the HTTP(S) server (--port 0 picks a free port)
  site add --id ID --name NAME [--parent ID]  add a site (province, centre or reception point)
  counter add --site ID --id C --name NAME    add a counter to a site
  enroll-code create --site ID --counter C [--ttl-hours N]
                                              print a one-time enrolment code for a kiosk
  enroll-sheet --site ID --out FILE.pdf|FILE.png [--counters C1,C2] [--ttl-hours N]
               [--server-url URL]             one new code per counter of the site (all by default),
                                              printed as an A4 sheet of cards with QR codes
  report [--site ID] [--counter C] [--from dd/mm/yyyy] [--to dd/mm/yyyy] [--lang vi|en]
         [--group-by site|counter|officer|service|procedure|day|month|hour|ticket|linked]
         [--json | --csv]                     satisfaction report from the stored ratings: levels,
                                              the Quyết định 766 rate, reasons, one slice
  report --queue [--site ID] [--counter C] [--from dd/mm/yyyy] [--to dd/mm/yyyy]
         [--group-by field|counter|hour]
         [--lang vi|en] [--json | --csv]      queue report: tickets issued, served, no-show; waiting
                                              and service time (median, p90); the busiest hour
  report --formal --month MM/YYYY | --quarter Q/YYYY [--site ID] [--place NAME]
         --out FILE.pdf|FILE.png              the formal monthly or quarterly report, to print and
                                              sign (A4; a .png is page 1, as a preview)
  devices [--json]                            fleet: device, site, counter, last heartbeat, outbox,
                                              and each device's event sequences (new or handed over)
  device revoke --device ID                   stop accepting a device's token
  alarms [--json]                             tamper conflicts and claims, seq gaps, hash chain breaks,
                                              sequence hand-overs and new sequences
  user add --username U --name NAME --role admin|leader [--site ID]
                                              add a dashboard account (a leader sees only --site and
                                              the sites below it); the password is read from stdin
  user passwd --username U                    set a new password (from stdin); ends their sessions
  user retire --username U                    stop an account (kept, never deleted)
  user list [--json]                          dashboard accounts

Options for every command:
  --config FILE   settings file (default /etc/motcua/server.toml when it exists)
  --db PATH       database file, overrides storage.db_path
  --print-default-config, --help, --version
)";

const std::set<std::string> kFlags = {"json", "csv", "queue", "formal", "help", "version", "print-default-config"};

struct Args {
    std::vector<std::string> words;
    std::map<std::string, std::string> options;
    std::set<std::string> flags;
};

struct UsageError {
    std::string message;
};

Args parse_args(int argc, char** argv) {
    Args args;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--", 0) != 0) {
            args.words.push_back(a);
            continue;
        }
        std::string name = a.substr(2);
        if (kFlags.count(name)) {
            args.flags.insert(name);
            continue;
        }
        auto eq = name.find('=');
        if (eq != std::string::npos) {
            args.options[name.substr(0, eq)] = name.substr(eq + 1);
        } else {
            if (i + 1 >= argc) throw UsageError{"option --" + name + " needs a value"};
            args.options[name] = argv[++i];
        }
    }
    return args;
}

void allow_only(const Args& args, std::set<std::string> allowed, std::set<std::string> flags = {}) {
    allowed.insert({"config", "db"});
    for (auto& [name, value] : args.options)
        if (!allowed.count(name)) throw UsageError{"unknown option --" + name};
    for (auto& f : args.flags)
        if (!flags.count(f)) throw UsageError{"option --" + f + " does not apply here"};
}

std::string required(const Args& args, const std::string& name) {
    auto it = args.options.find(name);
    if (it == args.options.end() || it->second.empty()) throw UsageError{"missing --" + name};
    return it->second;
}

std::optional<std::string> optional_option(const Args& args, const std::string& name) {
    auto it = args.options.find(name);
    if (it == args.options.end()) return std::nullopt;
    return it->second;
}

std::int64_t integer_option(const std::string& name, const std::string& text, std::int64_t lo, std::int64_t hi) {
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi)
        throw UsageError{"--" + name + " must be a whole number from " + std::to_string(lo) + " to " +
                         std::to_string(hi)};
    return v;
}

std::string local_time(std::int64_t unix_ms, int offset_minutes) {
    // "2026-11-23T08:14:59.010+07:00" -> "23/11/2026 08:14"
    std::string t = clock::rfc3339_ms(unix_ms, offset_minutes);
    return t.substr(8, 2) + "/" + t.substr(5, 2) + "/" + t.substr(0, 4) + " " + t.substr(11, 5);
}

// A kiosk's clock against the server's, for staff: "nhanh 1 ngày", "chậm 3 phút", "đúng giờ".
std::string clock_offset_words(std::int64_t offset_ms) {
    // Rounded to the nearest unit shown: a year measured as 364.99 days reads "365 ngày".
    std::int64_t s = ((offset_ms < 0 ? -offset_ms : offset_ms) + 500) / 1000;
    if (s < 5) return "đúng giờ";
    std::string amount = s < 120      ? std::to_string(s) + " giây"
                         : s < 7200   ? std::to_string((s + 30) / 60) + " phút"
                         : s < 172800 ? std::to_string((s + 1800) / 3600) + " giờ"
                                      : std::to_string((s + 43200) / 86400) + " ngày";
    return (offset_ms > 0 ? "nhanh " : "chậm ") + amount;
}

// Context every command shares once settings are loaded.
struct Context {
    Settings settings{server_settings()};
    RatingScale scale;
    ReportNames names;
    std::string db_path;
    std::ostream& out;
    std::ostream& err;
    std::map<std::string, json> site_tickets = {};  // queue.sites_dir
    TrustRules trust = default_trust_rules();  // from trust.*, checked when the settings are loaded
};

int open_store(Context& ctx, std::optional<ServerStore>& store) {
    // Reports count ratings in the configured local days and hours (the store's rollups).
    auto opened = ServerStore::open(ctx.db_path, static_cast<int>(ctx.settings.integer("report.utc_offset_minutes")),
                                    ctx.trust);
    if (!opened) {
        ctx.err << "motcua-server: " << opened.error() << "\n";
        return kExitFailure;
    }
    store.emplace(std::move(opened.value()));
    return kExitOk;
}

int fail(Context& ctx, const std::string& message) {
    ctx.err << "motcua-server: " << message << "\n";
    return kExitFailure;
}

// Blocks SIGTERM/SIGINT in every thread (httplib's workers inherit the mask) and stops the
// server from one waiting thread, where calling stop() is safe, unlike in a signal handler.
int serve(Context& ctx, const Args& args) {
    allow_only(args, {"listen", "port"});
    std::string listen = optional_option(args, "listen").value_or(ctx.settings.text("server.listen"));
    int port = static_cast<int>(args.options.count("port") ? integer_option("port", args.options.at("port"), 0, 65535)
                                                           : ctx.settings.integer("server.port"));
    const std::string& cert = ctx.settings.text("tls.cert_file");
    if (cert.empty() && !is_loopback_address(listen)) {
        ctx.err << "motcua-server: refusing to serve plain HTTP on " << listen
                << ": device tokens would cross the network unencrypted. Set tls.cert_file and tls.key_file, "
                   "or listen on 127.0.0.1.\n";
        return kExitBadConfig;
    }
    std::optional<ServerStore> store;
    if (int rc = open_store(ctx, store); rc != kExitOk) return rc;
    // Blocked in every thread started from here on; the watcher below takes them with sigwait.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    // Checkpoints on their own thread, once a second, instead of inside an ingest request's commit.
    // Without it SQLite copies the log inside commits, as it does by default: slower, nothing lost.
    std::unique_ptr<WalCheckpointer> checkpointer;
    std::string without_checkpointer;
    if (auto started = WalCheckpointer::start(ctx.db_path, std::chrono::seconds(1), ctx.err); !started) {
        without_checkpointer = started.error();
    } else {
        try {
            store->database().exec("PRAGMA wal_autocheckpoint=0");
            checkpointer = std::move(started.value());
        } catch (const sql::Error& e) {
            without_checkpointer = e.what();
        }
    }
    if (!without_checkpointer.empty())
        ctx.err << "motcua-server: database log copied inside commits (" << without_checkpointer << ")\n";
    auto server = make_http_server(cert, ctx.settings.text("tls.key_file"));
    if (!server) {
        ctx.err << "motcua-server: " << server.error() << "\n";
        return kExitBadConfig;
    }
    ApiOptions options;
    options.max_batch_events = static_cast<int>(ctx.settings.integer("server.max_batch_events"));
    options.utc_offset_minutes = static_cast<int>(ctx.settings.integer("report.utc_offset_minutes"));
    options.scale = ctx.scale;
    options.names = ctx.names;
    options.level_rows = ctx.settings.rows("rating.levels");
    options.reason_rows = ctx.settings.rows("rating.reasons");
    options.officer_rows = ctx.settings.rows("queue.officers");
    options.site_tickets = ctx.site_tickets;
    options.report_access_token = ctx.settings.text("report.access_token");
    apply_limit_settings(ctx.settings, options);
    std::mutex log_mutex;
    options.log = [&ctx, &log_mutex](const std::string& line) {
        std::lock_guard lock(log_mutex);
        ctx.err << "motcua-server: " << line << std::endl;
    };
    HttpApi api(*store, options);
    httplib::Server& http = *server.value();
    api.install(http);
    web::DashboardOptions web_options;
    web_options.scale = ctx.scale;
    web_options.names = ctx.names;
    web_options.utc_offset_minutes = options.utc_offset_minutes;
    web_options.session.idle_ms = ctx.settings.integer("web.session_idle_minutes") * 60'000;
    web_options.session.absolute_ms = ctx.settings.integer("web.session_max_hours") * 3'600'000;
    web_options.login_max_failures = static_cast<int>(ctx.settings.integer("web.login_max_failures"));
    web_options.login_lock_ms = ctx.settings.integer("web.login_lock_minutes") * 60'000;
    web_options.chartjs_dir = ctx.settings.text("web.chartjs_dir");
    web_options.report_place = ctx.settings.text("report.place");
    web_options.fleet_silent_ms = ctx.settings.integer("web.fleet_silent_minutes") * 60'000;
    web_options.enroll_code_ttl_hours = ctx.settings.integer("enroll.code_ttl_hours");
    web_options.secure_cookies = !cert.empty();
    web_options.limits = &api.limits();
    web::Dashboard dashboard(*store, api.store_mutex(), web_options);
    dashboard.install(http);

    int bound = port == 0 ? http.bind_to_any_port(listen) : (http.bind_to_port(listen, port) ? port : -1);
    if (bound < 0) return fail(ctx, "cannot listen on " + listen + ":" + std::to_string(port) + " (in use?)");
    api.widen_accept_backlog();

    std::atomic<bool> listen_done{false};
    std::thread watcher([&] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        // stop() is a no-op until listen_after_bind() has started its loop: a signal that comes
        // right after the "listening" line must wait for that, or the server would never stop.
        while (!listen_done) {
            if (http.is_running()) {
                http.stop();
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });

    std::string host = listen.find(':') != std::string::npos ? "[" + listen + "]" : listen;
    ctx.out << "motcua-server: listening on " << (cert.empty() ? "http" : "https") << "://" << host << ":" << bound
            << std::endl;
    bool clean = http.listen_after_bind();
    listen_done = true;
    // listen ended on its own (not by a signal): wake the watcher so it can be joined.
    pthread_kill(watcher.native_handle(), SIGTERM);
    watcher.join();
    ctx.err << "motcua-server: stopped\n";
    return clean ? kExitOk : kExitFailure;
}

int site_add(Context& ctx, const Args& args) {
    allow_only(args, {"id", "name", "parent"});
    Site site{required(args, "id"), required(args, "name"), optional_option(args, "parent")};
    std::optional<ServerStore> store;
    if (int rc = open_store(ctx, store); rc != kExitOk) return rc;
    if (auto added = store->add_site(site); !added) return fail(ctx, added.error());
    ctx.out << "site " << site.id << " added\n";
    return kExitOk;
}

int counter_add(Context& ctx, const Args& args) {
    allow_only(args, {"site", "id", "name"});
    Counter counter{required(args, "site"), required(args, "id"), required(args, "name")};
    std::optional<ServerStore> store;
    if (int rc = open_store(ctx, store); rc != kExitOk) return rc;
    if (auto added = store->add_counter(counter); !added) return fail(ctx, added.error());
    ctx.out << "counter " << counter.id << " added to site " << counter.site_id << "\n";
    return kExitOk;
}

int enroll_code_create(Context& ctx, const Args& args) {
    allow_only(args, {"site", "counter", "ttl-hours"});
    std::string site = required(args, "site");
    std::string counter = required(args, "counter");
    std::int64_t ttl = args.options.count("ttl-hours")
                           ? integer_option("ttl-hours", args.options.at("ttl-hours"), 0, 24 * 365)
                           : ctx.settings.integer("enroll.code_ttl_hours");
    std::optional<ServerStore> store;
    if (int rc = open_store(ctx, store); rc != kExitOk) return rc;
    auto code = store->create_enroll_code(site, counter, ttl, clock::unix_ms_now());
    if (!code) return fail(ctx, code.error());
    ctx.out << code.value() << "\n";  // only the code: scripts capture it
    return kExitOk;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> items;
    std::string item;
    for (char c : text + ",") {
        if (c != ',') { item += c; continue; }
        if (!item.empty()) items.push_back(item);
        item.clear();
    }
    return items;
}

int enroll_sheet(Context& ctx, const Args& args) {
    allow_only(args, {"site", "out", "counters", "ttl-hours", "server-url"});
    std::string site_id = required(args, "site");
    std::string out = required(args, "out");
    if (auto ok = check_enroll_sheet_path(out); !ok) return fail(ctx, ok.error());
    std::int64_t ttl = args.options.count("ttl-hours")
                           ? integer_option("ttl-hours", args.options.at("ttl-hours"), 1, 24 * 365)
                           : ctx.settings.integer("enroll.code_ttl_hours");
    std::optional<ServerStore> store;
    if (int rc = open_store(ctx, store); rc != kExitOk) return rc;
    auto site = store->site(site_id);
    if (!site) return fail(ctx, "unknown site " + site_id);
    std::vector<Counter> counters = store->counters(site_id);
    if (auto wanted = optional_option(args, "counters")) {
        std::vector<Counter> chosen;
        for (auto& id : split_list(*wanted)) {
            auto it = std::find_if(counters.begin(), counters.end(), [&](const Counter& c) { return c.id == id; });
            if (it == counters.end()) return fail(ctx, "site " + site_id + " has no counter " + id);
            chosen.push_back(*it);
        }
        counters = chosen;
    }
    if (counters.empty()) return fail(ctx, "site " + site_id + " has no counters: add them first (counter add)");
    std::stable_sort(counters.begin(), counters.end(),
                     [](const Counter& a, const Counter& b) { return natural_less(a.name, b.name); });

    EnrollSheet sheet{site_id, site->name, optional_option(args, "server-url").value_or(""), clock::unix_ms_now(),
                      static_cast<int>(ctx.settings.integer("report.utc_offset_minutes")), {}};
    for (auto& c : counters) {
        auto code = store->create_enroll_code(site_id, c.id, ttl, sheet.printed_at_ms);
        if (!code) return fail(ctx, code.error());
        sheet.cards.push_back({c.id, c.name, code.value(), sheet.printed_at_ms + ttl * 3600 * 1000});
    }
    auto written = write_enroll_sheet(sheet, out);
    // The codes exist now whether or not the sheet could be written; they expire unused after ttl.
    if (!written)
        return fail(ctx, written.error() + " (the " + std::to_string(sheet.cards.size()) +
                             " codes just created expire unused in " + std::to_string(ttl) + " hours)");
    for (auto& card : sheet.cards) ctx.out << card.counter_id << "\t" << card.code << "\n";
    for (auto& file : written.value()) ctx.out << "wrote " << file << "\n";
    return kExitOk;
}

// What a text report is about: "Phường Ba Đình (px), quầy q2", or every site.
std::string report_scope(ServerStore& store, const std::optional<std::string>& site_id,
                         const std::optional<std::string>& counter_id, const std::string& lang_name) {
    const ReportLang lang = report_lang(lang_name);
    std::string scope = report_text("scope.all", lang);
    if (site_id) scope = store.site(*site_id)->name + " (" + *site_id + ")";
    if (counter_id) scope += ", " + report_text("scope.counter", lang) + " " + *counter_id;
    return scope;
}

int queue_report_command(Context& ctx, const Args& args) {
    allow_only(args, {"site", "counter", "from", "to", "group-by", "lang"}, {"queue", "json", "csv"});
    QueueQuery query;
    query.site_id = optional_option(args, "site");
    query.counter_id = optional_option(args, "counter");
    query.from_date = optional_option(args, "from");
    query.to_date = optional_option(args, "to");
    query.lang = optional_option(args, "lang").value_or("vi");
    if (query.lang != "vi" && query.lang != "en") throw UsageError{"--lang must be vi or en"};
    query.utc_offset_minutes = static_cast<int>(ctx.settings.integer("report.utc_offset_minutes"));
    auto group = parse_queue_group_by(optional_option(args, "group-by").value_or(""));
    if (!group) throw UsageError{group.error()};
    query.group_by = group.value();
    std::optional<ServerStore> store;
    if (int rc = open_store(ctx, store); rc != kExitOk) return rc;
    auto result = queue_report(*store, query);
    if (!result) return fail(ctx, result.error());
    if (args.flags.count("json")) ctx.out << queue_report_to_json(result.value(), query).dump(2) << "\n";
    else if (args.flags.count("csv")) ctx.out << queue_report_to_csv(result.value(), query);
    else {
        ctx.out << queue_report_to_text(result.value(), query,
                                        report_scope(*store, query.site_id, query.counter_id, query.lang));
    }
    return kExitOk;
}

// The formal report of one month or quarter, as a PDF to print or a PNG of its first page.
int formal_report_command(Context& ctx, const Args& args) {
    allow_only(args, {"site", "month", "quarter", "place", "out"}, {"formal"});
    auto month = optional_option(args, "month");
    auto quarter = optional_option(args, "quarter");
    if (month.has_value() == quarter.has_value()) throw UsageError{"--formal needs one of --month and --quarter"};
    std::optional<ReportPeriod> period = month ? parse_report_month(*month) : parse_report_quarter(*quarter);
    if (!period)
        throw UsageError{month ? "--month must be a month like 10/2026, not '" + *month + "'"
                               : "--quarter must be a quarter like 4/2026 (1 to 4), not '" + *quarter + "'"};
    const std::string out = required(args, "out");
    if (auto ok = check_formal_report_path(out); !ok) throw UsageError{ok.error()};
    FormalReportRequest request{optional_option(args, "site"), *period,
                                optional_option(args, "place").value_or(ctx.settings.text("report.place")),
                                static_cast<int>(ctx.settings.integer("report.utc_offset_minutes")),
                                clock::unix_ms_now()};
    std::optional<ServerStore> store;
    if (int rc = open_store(ctx, store); rc != kExitOk) return rc;
    auto gathered = gather_formal_report(*store, ctx.scale, ctx.names, request);
    if (!gathered) return fail(ctx, gathered.error());
    auto written = write_formal_report(gathered.value(), out);
    if (!written) return fail(ctx, written.error());
    for (auto& file : written.value()) ctx.out << "wrote " << file << "\n";
    return kExitOk;
}

int report(Context& ctx, const Args& args) {
    if (args.flags.count("json") && args.flags.count("csv")) throw UsageError{"choose one of --json and --csv"};
    if (args.flags.count("formal") && args.flags.count("queue")) throw UsageError{"choose one of --formal and --queue"};
    if (args.flags.count("formal")) return formal_report_command(ctx, args);
    if (args.flags.count("queue")) return queue_report_command(ctx, args);
    allow_only(args, {"site", "counter", "from", "to", "group-by", "lang"}, {"json", "csv"});
    ReportQuery query;
    query.site_id = optional_option(args, "site");
    query.counter_id = optional_option(args, "counter");
    query.from_date = optional_option(args, "from");
    query.to_date = optional_option(args, "to");
    query.lang = optional_option(args, "lang").value_or("vi");
    if (query.lang != "vi" && query.lang != "en") throw UsageError{"--lang must be vi or en"};
    query.utc_offset_minutes = static_cast<int>(ctx.settings.integer("report.utc_offset_minutes"));
    auto group = parse_group_by(optional_option(args, "group-by").value_or(""));
    if (!group) throw UsageError{group.error()};
    query.group_by = group.value();
    std::optional<ServerStore> store;
    if (int rc = open_store(ctx, store); rc != kExitOk) return rc;
    auto result = rating_report(*store, ctx.scale, query, ctx.names);
    if (!result) return fail(ctx, result.error());
    if (args.flags.count("json")) {
        ctx.out << report_to_json(result.value(), query).dump(2) << "\n";
        return kExitOk;
    }
    if (args.flags.count("csv")) {
        ctx.out << report_to_csv(result.value(), query);
        return kExitOk;
    }
    ctx.out << report_to_text(result.value(), query, report_scope(*store, query.site_id, query.counter_id, query.lang));
    return kExitOk;
}

// Where each device's event sequences (kiosk databases) came from: its own new sequence from
// seq 1, or one continued from a revoked device after a hand-over.
json sequences_json(const std::vector<Sequence>& sequences, const std::string& device_id,
                    const std::vector<Handover>& handovers, int offset) {
    json list = json::array();
    for (auto& s : sequences) {
        if (s.device_id != device_id) continue;
        json from;
        for (auto& h : handovers)
            if (h.db_instance == s.db_instance && h.to_device == device_id)
                from = {{"device_id", h.from_device}, {"at", clock::rfc3339_ms(h.handed_at_ms, offset)},
                        {"trigger", h.trigger}, {"enroll_code", h.enroll_code}, {"acked_through", h.acked_through}};
        list.push_back({{"db_instance", s.db_instance}, {"acked_through", s.acked_through},
                        {"highest_seq", s.highest_seq}, {"new_sequence", from.is_null()}, {"continued_from", from}});
    }
    return list;
}

int devices(Context& ctx, const Args& args) {
    allow_only(args, {}, {"json"});
    std::optional<ServerStore> store;
    if (int rc = open_store(ctx, store); rc != kExitOk) return rc;
    int offset = static_cast<int>(ctx.settings.integer("report.utc_offset_minutes"));
    auto fleet = store->fleet();
    auto handovers = store->handovers();
    auto sequences = store->sequences();
    if (args.flags.count("json")) {
        json list = json::array();
        for (auto& f : fleet) {
            json handed_on = json::array();
            for (auto& h : handovers)
                if (h.from_device == f.device.device_id)
                    handed_on.push_back({{"db_instance", h.db_instance}, {"to_device", h.to_device},
                                         {"at", clock::rfc3339_ms(h.handed_at_ms, offset)}});
            list.push_back({{"device_id", f.device.device_id},
                            {"site", f.device.site_id},
                            {"counter", f.device.counter_id},
                            {"hostname", f.device.hostname},
                            {"app_version", f.device.app_version},
                            {"revoked", f.device.revoked},
                            {"last_heartbeat", f.last_heartbeat_ms ? json(clock::rfc3339_ms(*f.last_heartbeat_ms, offset)) : json()},
                            {"outbox_depth", f.outbox_depth ? json(*f.outbox_depth) : json()},
                            {"clock_offset_ms", f.clock_offset_ms ? json(*f.clock_offset_ms) : json()},
                            {"clock_skew_reported_ms", f.reported_skew_ms ? json(*f.reported_skew_ms) : json()},
                            {"sync_problem", f.sync_problem.empty() ? json() : json(f.sync_problem)},
                            {"sequences", sequences_json(sequences, f.device.device_id, handovers, offset)},
                            {"handed_over", handed_on}});
        }
        ctx.out << list.dump(2) << "\n";
        return kExitOk;
    }
    ctx.out << "thiết bị\tđơn vị\tquầy\tmáy\tphiên bản\tnhịp cuối\tchờ gửi\tđồng hồ\n";
    for (auto& f : fleet) {
        ctx.out << f.device.device_id << "\t" << f.device.site_id << "\t" << f.device.counter_id << "\t"
                << f.device.hostname << "\t" << f.device.app_version << "\t"
                << (f.last_heartbeat_ms ? local_time(*f.last_heartbeat_ms, offset) : "chưa có") << "\t"
                << (f.outbox_depth ? std::to_string(*f.outbox_depth) : "-") << "\t"
                << (f.clock_offset_ms ? clock_offset_words(*f.clock_offset_ms) : "-")
                << (f.device.revoked ? "\tđã thu hồi" : "")
                << (f.sync_problem.empty() ? "" : "\tcần người xử lý: " + f.sync_problem) << "\n";
        for (auto& s : sequences) {
            if (s.device_id != f.device.device_id) continue;
            ctx.out << "  chuỗi " << s.db_instance << ": "
                    << (s.highest_seq == 0 ? std::string("chưa nhận sự kiện nào")
                                           : "đã nhận liền mạch đến seq " + std::to_string(s.acked_through));
            if (s.highest_seq > s.acked_through) ctx.out << " (cao nhất " << s.highest_seq << ", còn thiếu)";
            const Handover* from = nullptr;
            for (auto& h : handovers)
                if (h.db_instance == s.db_instance && h.to_device == f.device.device_id) from = &h;
            if (!from)
                ctx.out << "; chuỗi mới, bắt đầu từ seq 1\n";
            else
                ctx.out << "; tiếp nối chuỗi của " << from->from_device << " (khi đó đến seq " << from->acked_through
                        << "), chuyển giao lúc " << local_time(from->handed_at_ms, offset) << ", mã "
                        << (from->enroll_code.empty() ? "?" : from->enroll_code) << "\n";
        }
        for (auto& h : handovers)
            if (h.from_device == f.device.device_id)
                ctx.out << "  chuỗi " << h.db_instance << ": đã chuyển giao cho " << h.to_device << " lúc "
                        << local_time(h.handed_at_ms, offset) << "\n";
    }
    if (fleet.empty()) ctx.out << "(chưa có thiết bị nào đăng ký)\n";
    return kExitOk;
}

int device_revoke(Context& ctx, const Args& args) {
    allow_only(args, {"device"});
    std::string id = required(args, "device");
    std::optional<ServerStore> store;
    if (int rc = open_store(ctx, store); rc != kExitOk) return rc;
    if (auto revoked = store->revoke_device(id); !revoked) return fail(ctx, revoked.error());
    ctx.out << "device " << id << " revoked\n";
    return kExitOk;
}

int alarms(Context& ctx, const Args& args) {
    allow_only(args, {}, {"json"});
    std::optional<ServerStore> store;
    if (int rc = open_store(ctx, store); rc != kExitOk) return rc;
    int offset = static_cast<int>(ctx.settings.integer("report.utc_offset_minutes"));
    json list = json::array();
    for (auto& a : store->alarms()) {
        if (args.flags.count("json"))
            list.push_back({{"kind", a.kind}, {"device_id", a.device_id}, {"db_instance", a.db_instance},
                            {"seq", a.seq}, {"detail", a.detail}, {"raised_at", clock::rfc3339_ms(a.raised_at_ms, offset)}});
        else
            ctx.out << local_time(a.raised_at_ms, offset) << "\t" << a.kind << "\t" << a.device_id << "\tseq " << a.seq
                    << "\t" << a.detail << "\n";
    }
    if (args.flags.count("json")) ctx.out << list.dump(2) << "\n";
    return kExitOk;
}

int user(Context& ctx, const Args& args, const std::string& action) {
    if (action == "add") allow_only(args, {"username", "name", "role", "site"});
    else if (action == "list") allow_only(args, {}, {"json"});
    else allow_only(args, {"username"});
    if (action != "list") required(args, "username");
    std::optional<ServerStore> store;
    if (int rc = open_store(ctx, store); rc != kExitOk) return rc;
    std::map<std::string, std::string> options(args.options.begin(), args.options.end());
    return web::run_user_command(action, options, args.flags.count("json") > 0, store->database(), std::cin, ctx.out,
                                 ctx.err);
}

int load_settings(Context& ctx, const Args& args) {
    std::optional<std::string> path = optional_option(args, "config");
    if (!path && std::filesystem::exists(kDefaultConfigPath)) path = kDefaultConfigPath;
    if (path) {
        auto loaded = Settings::load_file(*path, server_settings());
        if (!loaded) {
            ctx.err << "motcua-server: " << loaded.error() << "\n";
            return kExitBadConfig;
        }
        ctx.settings = loaded.value();
    }
    // A setting the server cannot work with: said with the file it came from, exit 2.
    auto bad_setting = [&](const std::string& error) {
        ctx.err << "motcua-server: " << path.value_or("default settings") << ": " << error << "\n";
        return kExitBadConfig;
    };
    auto scale = rating_scale_from_rows(ctx.settings.rows("rating.levels"), ctx.settings.rows("rating.reasons"));
    if (!scale) return bad_setting(scale.error());
    ctx.scale = scale.value();
    ctx.names.officers = officer_names(ctx.settings.rows("queue.officers"));
    if (auto officers = check_server_officers(ctx.settings.rows("queue.officers")); !officers)
        return bad_setting(officers.error());
    auto queues = load_site_queue_files(ctx.settings.text("queue.sites_dir"));
    if (!queues) return bad_setting(queues.error());
    ctx.site_tickets = std::move(queues->tickets);
    ctx.names.fields = std::move(queues->field_names);
    ctx.names.procedures = std::move(queues->procedure_names);
    auto trust = make_trust_rules(ctx.settings.integer("trust.burst_seconds"), ctx.settings.text("trust.opening_hours"));
    if (!trust) return bad_setting(trust.error());
    ctx.trust = trust.value();
    ctx.db_path = optional_option(args, "db").value_or(ctx.settings.text("storage.db_path"));
    return kExitOk;
}

int dispatch(Context& ctx, const Args& args) {
    const auto& w = args.words;
    auto is = [&](std::initializer_list<const char*> words) {
        if (w.size() != words.size()) return false;
        std::size_t i = 0;
        for (auto* word : words)
            if (w[i++] != word) return false;
        return true;
    };
    if (is({"serve"})) return serve(ctx, args);
    if (is({"site", "add"})) return site_add(ctx, args);
    if (is({"counter", "add"})) return counter_add(ctx, args);
    if (is({"enroll-code", "create"})) return enroll_code_create(ctx, args);
    if (is({"enroll-sheet"})) return enroll_sheet(ctx, args);
    if (is({"report"})) return report(ctx, args);
    if (is({"devices"})) return devices(ctx, args);
    if (is({"device", "revoke"})) return device_revoke(ctx, args);
    if (is({"alarms"})) return alarms(ctx, args);
    for (const char* action : {"add", "passwd", "retire", "list"})
        if (is({"user", action})) return user(ctx, args, action);
    std::string given;
    for (auto& word : w) given += (given.empty() ? "" : " ") + word;
    throw UsageError{w.empty() ? "no command given" : "unknown command '" + given + "'"};
}

}  // namespace

int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err) {
    Context ctx{Settings(server_settings()), {}, {}, {}, out, err};
    try {
        Args args = parse_args(argc, argv);
        if (args.flags.count("help")) {
            out << kUsage;
            return kExitOk;
        }
        if (args.flags.count("version")) {
            out << "motcua-server " << MOTCUA_VERSION << " (sync protocol 1)\n";
            return kExitOk;
        }
        if (args.flags.count("print-default-config")) {
            out << Settings::documented_toml(server_settings(), "motcua-server settings");
            return kExitOk;
        }
        if (int rc = load_settings(ctx, args); rc != kExitOk) return rc;
        return dispatch(ctx, args);
    } catch (const UsageError& e) {
        err << "motcua-server: " << e.message << "\n\n" << kUsage;
        return kExitUsage;
    } catch (const sql::Error& e) {
        err << "motcua-server: database error: " << e.what() << "\n";
        return kExitFailure;
    }
}

}  // namespace motcua::server
