#include "kiosk/queue_config.hpp"

#include "core/queue/queue_settings_toml.hpp"

namespace motcua::kiosk {

namespace {
Result<queue::QueueSettings> pulled_queue_settings(const PulledConfig& pulled) {
    json tickets = json::parse(pulled.tickets_json, nullptr, false);
    if (tickets.is_discarded()) return Result<queue::QueueSettings>::failure("tickets: not valid JSON");
    return queue::QueueSettings::from_json(tickets);
}
}  // namespace

Result<PulledConfig> parse_kiosk_config(std::string_view bytes) {
    auto pulled = parse_pulled_config(bytes);
    if (!pulled || pulled->tickets_json.empty()) return pulled;
    if (auto queue = pulled_queue_settings(pulled.value()); !queue) return Result<PulledConfig>::failure(queue.error());
    return pulled;
}

Result<QueueConfig> queue_config(const Settings& settings, const PulledConfig* pulled) {
    using R = Result<QueueConfig>;
    QueueConfig config;
    const std::string from_server = pulled ? "server configuration version " + std::to_string(pulled->version) : "";

    if (pulled && !pulled->tickets_json.empty()) {
        auto queue = pulled_queue_settings(*pulled);
        // parse_kiosk_config refused such a configuration; this is a caller that skipped it.
        if (!queue) return R::failure("the " + from_server + " was not checked: " + queue.error());
        config.queue = std::move(queue.value());
        config.queue_source = from_server;
    } else {
        auto queue = queue::queue_settings_from_settings(settings);
        if (!queue) return R::failure(queue.error());
        config.queue = std::move(queue.value());
        config.queue_source = "kiosk settings";
    }

    if (pulled && !pulled->officers.empty()) {
        config.officers = pulled->officers;
        config.officers_source = from_server;
    } else {
        auto officers = officers_from_rows(settings.rows("queue.officers"), "queue.officers");
        if (!officers) return R::failure(officers.error());
        config.officers = std::move(officers.value());
        config.officers_source = "kiosk settings";
    }

    // The two parts may come from different places, so only here can they be checked together.
    for (const Officer& o : config.officers)
        for (const std::string& counter : o.counters)
            if (!config.queue.counter(counter))
                config.warnings.push_back("officer " + o.id + " (" + config.officers_source + ") lists counter " + counter +
                                          ", which is not a counter of the queue (" + config.queue_source + ")");

    config.site_name = pulled ? pulled->site_name : settings.text("queue.site_name");
    config.site_id = pulled && !pulled->site_id.empty() ? pulled->site_id : settings.text("dispenser.site_id");
    if (pulled) config.config_version = pulled->version;
    return config;
}

}  // namespace motcua::kiosk
