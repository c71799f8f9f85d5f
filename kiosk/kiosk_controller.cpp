#include "kiosk/kiosk_controller.hpp"

#include <algorithm>

namespace motcua::kiosk {

Result<KioskConfig> KioskConfig::from_settings(const Settings& settings) {
    KioskConfig config;
    auto scale = rating_scale_from_rows(settings.rows("rating.levels"), settings.rows("rating.reasons"));
    if (!scale) return Result<KioskConfig>::failure(scale.error());
    config.scale = scale.value();
    auto language = parse_language(settings.text("ui.language"));
    if (!language) return Result<KioskConfig>::failure("ui.language: must be \"vi\" or \"en\"");
    config.start_language = *language;
    config.counter = settings.text("device.counter");
    config.officer = settings.text("device.officer");
    config.thanks_ms = settings.integer("ui.thanks_seconds") * 1000;
    config.idle_ms = settings.integer("ui.idle_seconds") * 1000;
    return config;
}

KioskController::KioskController(KioskConfig config, EventStore& store, std::int64_t now_ms)
    : config_(std::move(config)), store_(&store) {
    model_.scale = config_.scale;
    model_.language = config_.start_language;
    model_.last_input_ms = now_ms;
    model_.screen_since_ms = now_ms;
}

KioskController::KioskController(KioskConfig config, std::string unavailable_reason, std::int64_t now_ms)
    : config_(std::move(config)), store_(nullptr) {
    model_.scale = config_.scale;
    model_.language = config_.start_language;
    model_.last_input_ms = now_ms;
    model_.last_error = std::move(unavailable_reason);
    show(Screen::OutOfService, now_ms);
}

void KioskController::note_input(std::int64_t now_ms) { model_.last_input_ms = now_ms; }

void KioskController::show(Screen screen, std::int64_t now_ms) {
    model_.screen = screen;
    model_.screen_since_ms = now_ms;
    model_.thanks_until_ms.reset();
    if (screen == Screen::Thanks) model_.thanks_until_ms = now_ms + config_.thanks_ms;
}

void KioskController::reset_to_start(std::int64_t now_ms) {
    model_.pending.reset();
    model_.language = config_.start_language;
    show(Screen::Rating, now_ms);
}

json KioskController::rating_data(const PendingRating& rating) {
    json counter = nullptr;
    if (!config_.counter.empty()) counter = config_.counter;
    else if (auto enrolled = store_->meta("counter_id"); enrolled && !enrolled->empty()) counter = *enrolled;
    return json{{"ticket_id", nullptr},
                {"counter", counter},
                {"officer", config_.officer.empty() ? json(nullptr) : json(config_.officer)},
                {"service", nullptr},
                {"score", rating.score},
                {"reasons", rating.reasons},
                {"comment", ""}};
}

// The thank-you is shown only after the event is durably committed.
bool KioskController::save(std::int64_t now_ms) {
    if (!model_.pending || !store_) return false;
    json data;
    try {
        data = rating_data(*model_.pending);
    } catch (const std::exception& e) {  // meta() reads SQLite and may throw on a broken file
        model_.last_error = std::string("could not read the counter id: ") + e.what();
        show(Screen::SaveFailed, now_ms);
        return true;
    }
    auto saved = store_->append(event_type::kRatingSubmitted, data);
    if (!saved) {
        model_.last_error = saved.error();
        show(Screen::SaveFailed, now_ms);  // pending kept so the citizen or officer can retry
        return true;
    }
    model_.last_error.clear();
    model_.pending.reset();
    ++model_.saved_count;
    show(Screen::Thanks, now_ms);
    return true;
}

bool KioskController::apply(const Intent& intent, std::int64_t now_ms) {
    note_input(now_ms);
    const Screen screen = model_.screen;
    return std::visit(
        [&](auto&& i) -> bool {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, intent::Rate>) {
                if (screen != Screen::Rating) return false;  // a second tap on the same frame, or a stale one
                const RatingLevel* level = model_.scale.level(i.score);
                if (!level) return false;
                model_.pending = PendingRating{i.score, {}};
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

bool KioskController::apply_all(const Intents& intents, std::int64_t now_ms) {
    bool changed = false;
    for (auto& i : intents) changed = apply(i, now_ms) || changed;
    return changed;
}

std::optional<std::int64_t> KioskController::next_deadline_ms() const {
    if (!store_) {  // out of service: only the language goes back to the start one
        if (model_.language == config_.start_language) return std::nullopt;
        return model_.last_input_ms + config_.idle_ms;
    }
    std::optional<std::int64_t> next = model_.thanks_until_ms;
    bool away_from_start = model_.screen != Screen::Rating || model_.language != config_.start_language;
    if (away_from_start) {
        std::int64_t idle_at = model_.last_input_ms + config_.idle_ms;
        if (!next || idle_at < *next) next = idle_at;
    }
    return next;
}

bool KioskController::tick(std::int64_t now_ms) {
    if (!store_) {
        if (model_.language == config_.start_language || now_ms - model_.last_input_ms < config_.idle_ms) return false;
        model_.language = config_.start_language;
        return true;
    }
    if (model_.thanks_until_ms && now_ms >= *model_.thanks_until_ms) {
        reset_to_start(now_ms);
        return true;
    }
    bool away_from_start = model_.screen != Screen::Rating || model_.language != config_.start_language;
    if (away_from_start && now_ms - model_.last_input_ms >= config_.idle_ms) {
        reset_to_start(now_ms);
        return true;
    }
    return false;
}

}  // namespace motcua::kiosk
