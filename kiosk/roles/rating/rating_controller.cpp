#include "kiosk/roles/rating/rating_controller.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "kiosk/queue_config.hpp"

namespace motcua::kiosk {

Result<RatingConfig> RatingConfig::from_settings(const Settings& settings) {
    RatingConfig config;
    auto scale = rating_scale_from_rows(settings.rows("rating.levels"), settings.rows("rating.reasons"));
    if (!scale) return Result<RatingConfig>::failure(scale.error());
    config.scale = scale.value();
    auto language = parse_language(settings.text("ui.language"));
    if (!language) return Result<RatingConfig>::failure("ui.language: must be \"vi\" or \"en\"");
    config.start_language = *language;
    config.counter = settings.text("device.counter");
    config.officer = settings.text("device.officer");
    config.thanks_ms = settings.integer("ui.thanks_seconds") * 1000;
    config.idle_ms = settings.integer("ui.idle_seconds") * 1000;
    config.pulled_config_path = settings.text("device.config_cache");
    config.config_check_ms = settings.integer("ui.config_check_seconds") * 1000;
    config.ticket_rating_ms = settings.integer("ui.ticket_rating_seconds") * 1000;
    return config;
}

RatingController::RatingController(RatingConfig config, EventStore& store, std::int64_t now_ms)
    : config_(std::move(config)), store_(&store) {
    model_.scale = config_.scale;
    model_.language = config_.start_language;
    model_.last_input_ms = now_ms;
    model_.screen_since_ms = now_ms;
    if (!config_.pulled_config_path.empty()) {
        pulled_file_.emplace(config_.pulled_config_path);
        restore_last_good_config();
        check_pulled_config(now_ms, true);  // nobody is rating yet: the last saved configuration is used at once
    }
    start_ticket_feed(now_ms);
}

RatingController::RatingController(RatingConfig config, std::string unavailable_reason, std::int64_t now_ms)
    : config_(std::move(config)), store_(nullptr) {
    model_.scale = config_.scale;
    model_.language = config_.start_language;
    model_.last_input_ms = now_ms;
    model_.last_error = std::move(unavailable_reason);
    show(Screen::OutOfService, now_ms);
}

void RatingController::note_input(std::int64_t now_ms) { model_.last_input_ms = now_ms; }

void RatingController::show(Screen screen, std::int64_t now_ms) {
    model_.screen = screen;
    model_.screen_since_ms = now_ms;
    model_.thanks_until_ms.reset();
    if (screen == Screen::Thanks) model_.thanks_until_ms = now_ms + config_.thanks_ms;
}

void RatingController::reset_to_start(std::int64_t now_ms) {
    return_pending_ticket(now_ms);
    model_.pending.reset();
    model_.language = config_.start_language;
    show(Screen::Rating, now_ms);
}

std::string RatingController::counter_id() {
    if (!config_.counter.empty()) return config_.counter;
    auto enrolled = store_->meta("counter_id");
    return enrolled.value_or("");
}

// `ticket_link` says whether the rating is about a served ticket ("served") or was made on the
// plain screen ("none"), so the server can count both without guessing from nulls.
json RatingController::rating_data(const PendingRating& rating) {
    if (rating.ticket) {
        const ServedTicket& t = rating.ticket->ticket;
        return json{{"ticket_id", t.ticket_id},
                    {"ticket_display", t.display},
                    {"ticket_link", "served"},
                    {"counter", t.counter},
                    {"officer", t.officer.empty() ? json(nullptr) : json(t.officer)},
                    {"service", t.field.empty() ? json(nullptr) : json(t.field)},
                    {"dossier_codes", t.dossier_codes},
                    {"score", rating.score},
                    {"reasons", rating.reasons},
                    {"comment", ""}};
    }
    json counter = nullptr;
    if (auto id = counter_id(); !id.empty()) counter = id;
    return json{{"ticket_id", nullptr},
                {"ticket_link", "none"},
                {"counter", counter},
                {"officer", config_.officer.empty() ? json(nullptr) : json(config_.officer)},
                {"service", nullptr},
                {"dossier_codes", json::array()},
                {"score", rating.score},
                {"reasons", rating.reasons},
                {"comment", ""}};
}

void RatingController::start_ticket_feed(std::int64_t now_ms) {
    std::string counter;
    try {
        counter = counter_id();
    } catch (const std::exception& e) {
        model_.ticket_problem = std::string("could not read the counter id: ") + e.what() +
                                "; ratings are not linked to served tickets until a restart";
    }
    feed_.emplace(counter);
    if (counter.empty() && model_.ticket_problem.empty())
        model_.ticket_problem = "no counter id (device.counter, or enrolment by motcua-sync): ratings are not "
                                "linked to served tickets";
    auto served = feed_->catch_up(*store_);
    if (!served) {
        model_.ticket_problem = served.error();
        return;
    }
    if (served->empty() || served->back().seq != feed_->last_served_seq()) return;
    // After a restart: the newest ticket finished here and not rated is asked about again only if
    // it was finished so recently that its citizen may still be at the counter.
    const ServedTicket& last = served->back();
    const std::int64_t wall_now = config_.wall_now_ms ? config_.wall_now_ms() : clock::unix_ms_now();
    const std::int64_t age = wall_now - last.served_unix_ms;
    if (last.served_unix_ms > 0 && age >= 0 && age < config_.ticket_rating_ms)
        offer_ticket(last, now_ms + (config_.ticket_rating_ms - age), now_ms);
}

bool RatingController::follow_served_tickets(std::int64_t now_ms) {
    if (!feed_) return false;
    auto served = feed_->catch_up(*store_);
    if (!served) {
        bool changed = model_.ticket_problem != served.error();
        model_.ticket_problem = served.error();
        return changed;
    }
    if (served->empty()) return false;
    // Several finished between two looks (the screen was busy): only the newest citizen is here.
    for (std::size_t i = 0; i + 1 < served->size(); ++i) {
        ++model_.tickets_replaced;
        model_.last_unrated = (*served)[i].display;
    }
    offer_ticket(served->back(), now_ms + config_.ticket_rating_ms, now_ms);
    return true;
}

void RatingController::note_unrated(const TicketToRate& ticket, bool replaced) {
    ++(replaced ? model_.tickets_replaced : model_.tickets_timed_out);
    model_.last_unrated = ticket.ticket.display;
}

// Serving is never blocked by rating: a newer finished ticket replaces one still waiting for its
// rating (that one stays unrated). A citizen already choosing reasons keeps their own ticket.
void RatingController::offer_ticket(const ServedTicket& ticket, std::int64_t until_ms, std::int64_t now_ms) {
    if (model_.ticket) note_unrated(*model_.ticket, true);
    auto named = [](const std::map<std::string, std::string>& names, const std::string& id) {
        auto it = names.find(id);
        return it == names.end() || it->second.empty() ? id : it->second;
    };
    model_.ticket = TicketToRate{ticket, named(config_.field_names, ticket.field),
                                 named(config_.officer_names, ticket.officer), until_ms};
    if (model_.screen == Screen::Thanks) show(Screen::Rating, now_ms);  // the next citizen is waiting
}

void RatingController::return_pending_ticket(std::int64_t now_ms) {
    if (!model_.pending || !model_.pending->ticket) return;
    TicketToRate& mine = *model_.pending->ticket;
    if (model_.ticket || now_ms >= mine.until_ms) {
        note_unrated(mine, model_.ticket.has_value());
        return;
    }
    model_.ticket = std::move(mine);
}

// The thank-you is shown only after the event is durably committed.
bool RatingController::save(std::int64_t now_ms) {
    if (!model_.pending || !store_) return false;
    json data;
    try {
        data = rating_data(*model_.pending);
    } catch (const std::exception& e) {  // meta() reads SQLite and may throw on a broken file
        model_.last_error = std::string("could not read the counter id: ") + e.what();
        show(Screen::SaveFailed, now_ms);
        return true;
    }
    // Stamped with the configuration the citizen saw, not whatever motcua-sync saved since.
    auto saved = store_->append(event_type::kRatingSubmitted, data, model_.config_version);
    if (!saved) {
        model_.last_error = saved.error();
        show(Screen::SaveFailed, now_ms);  // pending kept so the citizen or officer can retry
        return true;
    }
    model_.last_error.clear();
    if (model_.pending->ticket && feed_) feed_->mark_rated(model_.pending->ticket->ticket.ticket_id);
    model_.pending.reset();
    ++model_.saved_count;
    show(Screen::Thanks, now_ms);
    return true;
}

bool RatingController::apply(const Intent& intent, std::int64_t now_ms) {
    note_input(now_ms);
    const Screen screen = model_.screen;
    return std::visit(
        [&](auto&& i) -> bool {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, intent::Rate>) {
                if (screen != Screen::Rating) return false;  // a second tap on the same frame, or a stale one
                const RatingLevel* level = model_.scale.level(i.score);
                if (!level) return false;
                // The ticket on screen now belongs to this rating: it cannot be rated a second time.
                model_.pending = PendingRating{i.score, {}, std::move(model_.ticket)};
                model_.ticket.reset();
                if (level->asks_reason) {
                    show(Screen::Reasons, now_ms);
                    return true;
                }
                return save(now_ms);
            } else if constexpr (std::is_same_v<T, intent::ToggleReason>) {
                if (screen != Screen::Reasons || !model_.pending) return false;
                auto& chosen = model_.pending->reasons;
                if (auto it = std::find(chosen.begin(), chosen.end(), i.code); it != chosen.end()) {
                    chosen.erase(it);
                    return true;
                }
                bool known = false;
                for (auto& r : model_.scale.reasons) known = known || r.code == i.code;
                if (!known) return false;
                chosen.push_back(i.code);
                // Keep the scale's order so the same choice always stores the same list.
                std::vector<std::string> ordered;
                for (auto& r : model_.scale.reasons)
                    if (std::find(chosen.begin(), chosen.end(), r.code) != chosen.end()) ordered.push_back(r.code);
                chosen = std::move(ordered);
                return true;
            } else if constexpr (std::is_same_v<T, intent::SubmitReasons>) {
                if (screen != Screen::Reasons) return false;
                return save(now_ms);
            } else if constexpr (std::is_same_v<T, intent::SkipReasons>) {
                if (screen != Screen::Reasons || !model_.pending) return false;
                model_.pending->reasons.clear();
                return save(now_ms);
            } else if constexpr (std::is_same_v<T, intent::Back>) {
                if (screen != Screen::Reasons && screen != Screen::SaveFailed) return false;
                return_pending_ticket(now_ms);
                model_.pending.reset();
                show(Screen::Rating, now_ms);
                return true;
            } else if constexpr (std::is_same_v<T, intent::RetrySave>) {
                if (screen != Screen::SaveFailed) return false;
                return save(now_ms);
            } else if constexpr (std::is_same_v<T, intent::ToggleLanguage>) {
                model_.language = model_.language == Language::Vi ? Language::En : Language::Vi;
                return true;
            }
        },
        intent);
}

bool RatingController::apply_all(const Intents& intents, std::int64_t now_ms) {
    bool changed = false;
    for (auto& i : intents) changed = apply(i, now_ms) || changed;
    return changed;
}

std::optional<std::int64_t> RatingController::next_deadline_ms() const {
    if (!store_) {  // out of service: only the language goes back to the start one
        if (model_.language == config_.start_language) return std::nullopt;
        return model_.last_input_ms + config_.idle_ms;
    }
    std::optional<std::int64_t> next = model_.thanks_until_ms;
    auto consider = [&](std::int64_t at) {
        if (!next || at < *next) next = at;
    };
    if (model_.ticket) consider(model_.ticket->until_ms);
    bool away_from_start = model_.screen != Screen::Rating || model_.language != config_.start_language;
    if (away_from_start) consider(model_.last_input_ms + config_.idle_ms);
    // A low-rate look for a new configuration, only while nobody is rating.
    else if (pulled_file_ && !model_.pending)
        consider(std::max(next_config_check_ms_, model_.last_input_ms + kConfigSwitchQuietMs));
    return next;
}

bool RatingController::tick(std::int64_t now_ms) {
    if (!store_) {
        if (model_.language == config_.start_language || now_ms - model_.last_input_ms < config_.idle_ms) return false;
        model_.language = config_.start_language;
        return true;
    }
    bool changed = follow_served_tickets(now_ms);
    if (model_.ticket && now_ms >= model_.ticket->until_ms) {
        note_unrated(*model_.ticket, false);
        model_.ticket.reset();
        changed = true;
    }
    if (model_.thanks_until_ms && now_ms >= *model_.thanks_until_ms) {
        reset_to_start(now_ms);
        changed = true;
    } else if (bool away_from_start = model_.screen != Screen::Rating || model_.language != config_.start_language;
               away_from_start && now_ms - model_.last_input_ms >= config_.idle_ms) {
        reset_to_start(now_ms);
        changed = true;
    }
    return check_pulled_config(now_ms, false) || changed;
}

bool RatingController::set_start_language(Language language) {
    config_.start_language = language;
    const bool at_rest = (model_.screen == Screen::Rating && !model_.pending) || model_.screen == Screen::OutOfService;
    if (!at_rest || model_.language == language) return false;
    model_.language = language;
    return true;
}

bool RatingController::between_citizens(std::int64_t now_ms) const {
    return model_.screen == Screen::Rating && !model_.pending && model_.language == config_.start_language &&
           now_ms - model_.last_input_ms >= kConfigSwitchQuietMs;
}

bool RatingController::check_pulled_config(std::int64_t now_ms, bool force) {
    if (!pulled_file_ || !store_) return false;
    if (!force && (now_ms < next_config_check_ms_ || !between_citizens(now_ms))) return false;
    next_config_check_ms_ = now_ms + config_.config_check_ms;
    auto update = pulled_file_->poll();
    if (!update) return false;
    if (!update->config) {
        record_config_problem(update->config.error(), update->version_hint);
        return false;  // the screen keeps the last good configuration
    }
    if (update->config->version == model_.config_version && model_.config_problem.empty()) return false;
    use_pulled_config(update->config.value(), update->bytes);
    return true;
}

// A restart must not fall back to the kiosk's own scale because sync has since saved a broken file.
void RatingController::restore_last_good_config() {
    try {
        auto text = store_->meta(kLastGoodConfigMeta);
        if (!text || text->empty()) return;
        auto pulled = parse_kiosk_config(*text);
        if (pulled) use_pulled_config(pulled.value(), "");
    } catch (const std::exception&) {
        // Unreadable database: the file alone decides, as before the first good configuration.
    }
}

// Everything the screens draw from the configuration changes here, in one step, so no frame
// mixes the old scale with the new reasons.
void RatingController::use_pulled_config(const PulledConfig& pulled, const std::string& bytes) {
    std::string counter;
    try {
        counter = counter_id();
    } catch (const std::exception&) {
        // The enrolment meta could not be read: show no counter name rather than a wrong one.
    }
    model_.scale = pulled.scale;
    model_.config_version = pulled.version;
    model_.site_name = pulled.site_name;
    model_.counter_name = counter.empty() ? std::string() : pulled.counter_name(counter);
    model_.config_problem.clear();
    // For staff and motcua-sync status; the screen already shows the configuration if these fail.
    (void)store_->set_meta(meta_key::kKioskConfigVersion, std::to_string(pulled.version));
    (void)store_->set_meta(meta_key::kKioskConfigProblem, "");
    if (!bytes.empty()) (void)store_->set_meta(kLastGoodConfigMeta, bytes);
}

void RatingController::record_config_problem(const std::string& problem, std::int64_t refused_version) {
    std::string in_force = model_.config_version > 0 ? "version " + std::to_string(model_.config_version)
                                                     : "the kiosk's own settings";
    model_.config_problem = "the server configuration in " + pulled_file_->path() +
                            (refused_version > 0 ? " (version " + std::to_string(refused_version) + ")" : "") +
                            " is not used: " + problem + "; the screen keeps " + in_force;
    (void)store_->set_meta(meta_key::kKioskConfigProblem, model_.config_problem);
    raise_config_rejected_alarm(*store_, refused_version, problem, model_.config_version);
}

}  // namespace motcua::kiosk
