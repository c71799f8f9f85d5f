#include "kiosk/roles/counter/counter_controller.hpp"

#include <algorithm>
#include <cctype>

#include "core/clock.hpp"
#include "core/queue/dossier_code.hpp"
#include "core/queue/queue_order.hpp"
#include "core/sqlite.hpp"
#include "core/ticket_ref.hpp"

namespace motcua::kiosk {

const char* counter_screen_name(CounterScreen screen) {
    switch (screen) {
        case CounterScreen::SignIn: return "sign_in";
        case CounterScreen::Console: return "console";
        case CounterScreen::OutOfService: return "out_of_service";
    }
    return "unknown";
}

const char* counter_dialog_name(CounterDialog dialog) {
    switch (dialog) {
        case CounterDialog::None: return "";
        case CounterDialog::NoShow: return "no_show";
        case CounterDialog::Transfer: return "transfer";
        case CounterDialog::WalkIn: return "walk_in";
    }
    return "unknown";
}

namespace {

constexpr std::size_t kMaxCodeLength = 32;
constexpr std::size_t kMaxEntryLength = 160;  // a scanned ticket reference is about 100 characters
constexpr std::int64_t kRefreshMs = 30'000;   // waiting times on screen are in minutes

std::string trim(std::string_view text) {
    std::size_t a = 0, b = text.size();
    while (a < b && std::isspace(static_cast<unsigned char>(text[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(text[b - 1]))) --b;
    return std::string(text.substr(a, b - a));
}

std::string upper(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

// "A012", "b7": a prefix of letters, then digits.
bool looks_like_ticket_number(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    if (i == 0 || i == text.size() || text.size() > 12) return false;
    return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i), text.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

CounterController::CounterController(CounterConfig config, queue::QueueSettings settings, EventStore& store,
                                     std::int64_t /*now_ms*/)
    : config_(std::move(config)), lockout_(config_.max_wrong_pins, config_.lock_ms) {
    if (!config_.wall_clock) config_.wall_clock = clock::unix_ms_now;
    model_.site_name = config_.site_name;
    model_.utc_offset_minutes = settings.utc_offset_minutes;
    std::string counter = config_.counter;
    if (counter.empty()) {
        try {
            counter = store.meta("counter_id").value_or("");
        } catch (const sql::Error& e) {
            model_.screen = CounterScreen::OutOfService;
            model_.out_of_service_key = "counter.oos.database";
            model_.out_of_service_reason = std::string("cannot read the enrolled counter id: ") + e.what();
            return;
        }
    }
    model_.counter_id = counter;
    const queue::Counter* known = settings.counter(counter);
    if (counter.empty() || !known) {
        model_.screen = CounterScreen::OutOfService;
        model_.out_of_service_key = counter.empty() ? "counter.oos.no_counter" : "counter.oos.unknown_counter";
        model_.out_of_service_reason =
            counter.empty() ? "no counter id: set device.counter or enrol the kiosk"
                            : "counter \"" + counter + "\" is not in the queue settings (queue.counters)";
        return;
    }
    model_.counter_name = known->name;
    auto opened = QueueSession::open(store, std::move(settings));
    if (!opened) {
        model_.screen = CounterScreen::OutOfService;
        model_.out_of_service_key = "counter.oos.database";
        model_.out_of_service_reason = opened.error();
        return;
    }
    session_.emplace(std::move(opened.value()));
    refresh();
}

CounterController::CounterController(CounterConfig config, std::string unavailable_reason)
    : config_(std::move(config)), lockout_(config_.max_wrong_pins, config_.lock_ms) {
    if (!config_.wall_clock) config_.wall_clock = clock::unix_ms_now;
    model_.screen = CounterScreen::OutOfService;
    model_.out_of_service_key = "counter.oos.database";
    model_.out_of_service_reason = std::move(unavailable_reason);
}

void CounterController::follow(SiteQueue queue, std::int64_t now_ms) {
    model_.config_version = queue.current().config_version;
    if (!queue.problem().empty()) {
        model_.config_problem_key = "counter.config.refused";
        model_.config_problem = queue.problem();
    }
    site_queue_.emplace(std::move(queue));
    next_config_check_ms_ = now_ms + site_queue_->check_ms();
    if (session_) alarm_refused_config(session_->store(), *site_queue_, model_.config_version);
}

void CounterController::check_config(std::int64_t now_ms) {
    if (!site_queue_ || !session_) return;
    if (now_ms >= next_config_check_ms_) {
        next_config_check_ms_ = now_ms + site_queue_->check_ms();
        if (auto next = site_queue_->poll()) waiting_config_ = std::move(next);
        if (!site_queue_->problem().empty()) {
            if (model_.config_problem != site_queue_->problem())
                alarm_refused_config(session_->store(), *site_queue_, model_.config_version);
            model_.config_problem_key = "counter.config.refused";
            model_.config_problem = site_queue_->problem();
        } else if (model_.config_problem_key == "counter.config.refused") {
            model_.config_problem_key.clear();
            model_.config_problem.clear();
        }
    }
    apply_waiting_config();
}

void CounterController::apply_waiting_config() {
    // Never under an open question or a half-typed entry: the choices there are the old ones.
    if (!waiting_config_ || model_.dialog != CounterDialog::None || !model_.entry.empty()) return;
    QueueConfig next = std::move(*waiting_config_);
    waiting_config_.reset();
    apply_config(next);
}

void CounterController::apply_config(const QueueConfig& config) {
    const queue::Counter* known = config.queue.counter(model_.counter_id);
    if (!known) {
        // Keeps working with the last good queue: the officer's work goes on, IT is told.
        model_.config_problem_key = "counter.config.counter_gone";
        model_.config_problem = "counter \"" + model_.counter_id + "\" is not in the " + config.queue_source +
                                "; this counter keeps the queue it had";
        log(model_.config_problem);
        return;
    }
    if (model_.config_problem_key == "counter.config.counter_gone") {
        model_.config_problem_key.clear();
        model_.config_problem.clear();
    }
    session_->set_settings(config.queue);
    config_.officers = config.officers;  // the next sign-in; whoever is signed in stays
    config_.site_name = config.site_name;
    config_.site_id = config.site_id;
    model_.site_name = config.site_name;
    model_.counter_name = known->name;
    model_.config_version = config.config_version;
    log("now using the queue from " + config.queue_source + " and the officers from " + config.officers_source);
    refresh();
}

std::int64_t CounterController::wall() const { return config_.wall_clock(); }

std::vector<std::string> CounterController::take_log() {
    std::vector<std::string> out;
    out.swap(log_);
    return out;
}

void CounterController::say(std::string key, std::string arg, bool error) {
    model_.message = {std::move(key), std::move(arg), error};
}

bool CounterController::apply_all(const counter_intent::Intents& intents, std::int64_t now_ms) {
    bool changed = false;
    for (const auto& i : intents) changed = apply(i, now_ms) || changed;
    return changed;
}

bool CounterController::apply(const counter_intent::Intent& intent, std::int64_t now_ms) {
    using namespace counter_intent;
    if (model_.screen == CounterScreen::OutOfService) return false;
    const CounterModel before = model_;
    const bool signed_in = model_.screen == CounterScreen::Console;
    const std::string& counter = model_.counter_id;
    const std::string officer = model_.officer;
    const std::int64_t at = wall();
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, FocusOfficer>) {
                model_.focus = SignInFocus::Officer;
            } else if constexpr (std::is_same_v<T, FocusPin>) {
                model_.focus = SignInFocus::Pin;
            } else if constexpr (std::is_same_v<T, KeypadDigit>) {
                text_input(std::string(1, i.digit), now_ms);
            } else if constexpr (std::is_same_v<T, KeypadBackspace>) {
                backspace();
            } else if constexpr (std::is_same_v<T, SubmitSignIn>) {
                if (!signed_in) sign_in(now_ms);
            } else if (!signed_in) {
                // Everything else needs an officer signed in here.
            } else if constexpr (std::is_same_v<T, SignOut>) {
                sign_out(now_ms);
            } else if constexpr (std::is_same_v<T, CallNext>) {
                run([&](const queue::QueueAuthority& q) { return q.call_next(counter, officer, at); }, "counter.done.called");
            } else if constexpr (std::is_same_v<T, Recall>) {
                run([&](const queue::QueueAuthority& q) { return q.recall(counter, officer, at); }, "counter.done.recalled");
            } else if constexpr (std::is_same_v<T, CallEntered> || std::is_same_v<T, AddDossierCode>) {
                submit_entry(now_ms);
            } else if constexpr (std::is_same_v<T, RemoveDossierCode>) {
                auto& codes = model_.dossier_codes;
                codes.erase(std::remove(codes.begin(), codes.end(), i.code), codes.end());
            } else if constexpr (std::is_same_v<T, ClearEntry>) {
                model_.entry.clear();
            } else if constexpr (std::is_same_v<T, StartServing>) {
                run([&](const queue::QueueAuthority& q) { return q.start_serving(counter, officer, at); },
                    "counter.done.serving");
            } else if constexpr (std::is_same_v<T, Finish>) {
                const std::vector<std::string> codes = model_.dossier_codes;
                if (run([&](const queue::QueueAuthority& q) { return q.finish(counter, officer, codes, at); },
                        "counter.done.finished"))
                    model_.dossier_codes.clear();
            } else if constexpr (std::is_same_v<T, AskNoShow>) {
                if (model_.actions.no_show) model_.dialog = CounterDialog::NoShow;
            } else if constexpr (std::is_same_v<T, NoShow>) {
                model_.dialog = CounterDialog::None;
                run([&](const queue::QueueAuthority& q) { return q.no_show(counter, officer, i.requeue, at); },
                    i.requeue ? "counter.done.no_show_requeued" : "counter.done.no_show");
            } else if constexpr (std::is_same_v<T, AskTransfer>) {
                if (model_.actions.transfer) model_.dialog = CounterDialog::Transfer;
            } else if constexpr (std::is_same_v<T, TransferToField> || std::is_same_v<T, TransferToCounter>) {
                model_.dialog = CounterDialog::None;
                queue::Destination to;
                if constexpr (std::is_same_v<T, TransferToField>) to.field = i.field;
                else to.counter = i.counter;
                if (run([&](const queue::QueueAuthority& q) { return q.transfer(counter, officer, to, at); },
                        "counter.done.transferred"))
                    model_.dossier_codes.clear();
            } else if constexpr (std::is_same_v<T, Pause>) {
                run([&](const queue::QueueAuthority& q) { return q.pause(counter, officer, at); }, "counter.done.paused");
            } else if constexpr (std::is_same_v<T, Resume>) {
                run([&](const queue::QueueAuthority& q) { return q.resume(counter, officer, at); }, "counter.done.resumed");
            } else if constexpr (std::is_same_v<T, AskWalkIn>) {
                if (model_.actions.walk_in) {
                    model_.dialog = CounterDialog::WalkIn;
                    model_.walk_in_priority.clear();
                }
            } else if constexpr (std::is_same_v<T, ChooseWalkInPriority>) {
                model_.walk_in_priority = i.code;
            } else if constexpr (std::is_same_v<T, WalkIn>) {
                model_.dialog = CounterDialog::None;
                queue::IssueRequest request{i.field, "", model_.walk_in_priority, counter};
                run([&](const queue::QueueAuthority& q) { return q.walk_in(counter, officer, request, at); },
                    "counter.done.walk_in");
            } else if constexpr (std::is_same_v<T, CloseDialog>) {
                model_.dialog = CounterDialog::None;
            }
        },
        intent);
    check_config(now_ms);  // a configuration that waited for the dialog to close
    return model_ != before;
}

bool CounterController::text_input(std::string_view utf8, std::int64_t /*now_ms*/) {
    if (model_.screen == CounterScreen::OutOfService) return false;
    const CounterModel before = model_;
    for (char c : utf8) {
        if (static_cast<unsigned char>(c) < 0x20) continue;  // control characters: keys come separately
        if (model_.screen == CounterScreen::SignIn) {
            if (model_.focus == SignInFocus::Officer) {
                if (model_.officer_code.size() < kMaxCodeLength && c != ' ') model_.officer_code += c;
            } else if (std::isdigit(static_cast<unsigned char>(c)) && model_.pin.size() < kMaxCodeLength) {
                model_.pin += c;  // PINs are digits (core/pin_hash.hpp)
            }
        } else if (model_.entry.size() < kMaxEntryLength) {
            model_.entry += c;
        }
    }
    return model_ != before;
}

bool CounterController::enter(std::int64_t now_ms) {
    if (model_.screen == CounterScreen::OutOfService) return false;
    const CounterModel before = model_;
    if (model_.screen == CounterScreen::SignIn) {
        if (model_.focus == SignInFocus::Officer && model_.pin.empty() && !trim(model_.officer_code).empty())
            model_.focus = SignInFocus::Pin;
        else
            sign_in(now_ms);
    } else {
        submit_entry(now_ms);
        apply_waiting_config();  // the entry was used and cleared
    }
    return model_ != before;
}

bool CounterController::backspace() {
    std::string* text = nullptr;
    if (model_.screen == CounterScreen::SignIn)
        text = model_.focus == SignInFocus::Officer ? &model_.officer_code : &model_.pin;
    else if (model_.screen == CounterScreen::Console)
        text = &model_.entry;
    if (!text || text->empty()) return false;
    // One whole UTF-8 character.
    while (!text->empty() && (static_cast<unsigned char>(text->back()) & 0xC0) == 0x80) text->pop_back();
    if (!text->empty()) text->pop_back();
    return true;
}

bool CounterController::escape() {
    if (model_.dialog != CounterDialog::None) {
        model_.dialog = CounterDialog::None;
        apply_waiting_config();
        return true;
    }
    if (model_.screen == CounterScreen::Console && !model_.entry.empty()) {
        model_.entry.clear();
        apply_waiting_config();
        return true;
    }
    return false;
}

bool CounterController::tab() {
    if (model_.screen != CounterScreen::SignIn) return false;
    model_.focus = model_.focus == SignInFocus::Officer ? SignInFocus::Pin : SignInFocus::Officer;
    return true;
}

bool CounterController::sign_in(std::int64_t now_ms) {
    const std::string code = trim(model_.officer_code);
    if (code.empty()) {
        model_.focus = SignInFocus::Officer;
        say("counter.signin.need_code", {}, true);
        return false;
    }
    if (model_.pin.empty()) {
        model_.focus = SignInFocus::Pin;
        say("counter.signin.need_pin", {}, true);
        return false;
    }
    const std::string pin = model_.pin;
    model_.pin.clear();
    if (std::int64_t locked = lockout_.locked_for_ms(code, now_ms); locked > 0) {
        say("counter.signin.locked", std::to_string((locked + 999) / 1000), true);
        return false;
    }
    const Officer* officer = find_officer(config_.officers, code);
    bool right = false;
    if (officer) {
        auto verified = verify_pin(pin, officer->pin_hash);
        if (!verified) log("officer " + code + " has a malformed PIN hash: " + verified.error());
        right = verified && verified.value();
    } else if (!config_.officers.empty()) {
        // An unknown code takes as long to refuse as a wrong PIN: timing tells nothing either.
        (void)verify_pin(pin, config_.officers.front().pin_hash);
    }
    if (!right) {
        lockout_.record_wrong(code, now_ms);
        log("sign-in refused at counter " + model_.counter_id + ": wrong officer code or PIN for \"" + code + "\"");
        if (std::int64_t locked = lockout_.locked_for_ms(code, now_ms); locked > 0)
            say("counter.signin.locked", std::to_string((locked + 999) / 1000), true);
        else
            say("counter.signin.wrong", std::to_string(config_.max_wrong_pins - lockout_.wrong_count(code, now_ms)),
                true);
        model_.focus = SignInFocus::Pin;
        return false;
    }
    lockout_.record_right(code);
    if (!officer->may_sign_in_at(model_.counter_id)) {
        log("officer " + code + " may not sign in at counter " + model_.counter_id);
        say("counter.signin.not_this_counter", model_.counter_id, true);
        return false;
    }
    const std::string counter = model_.counter_id;
    const std::int64_t at = wall();
    auto out = session_->run([&](const queue::QueueAuthority& q) { return q.sign_in(counter, code, at); },
                             model_.config_version);
    if (!out) {
        log("sign-in NOT saved: " + out.error());
        say("counter.database_error", {}, true);
        return false;
    }
    if (!out->command.ok()) {
        log("sign-in refused: " + out->command.refusal().message);
        say("counter.refused." + out->command.refusal().code, {}, true);
        return false;
    }
    log("officer " + code + " signed in at counter " + counter);
    model_.officer = code;
    model_.officer_name = officer->name.empty() ? code : officer->name;
    model_.officer_code.clear();
    model_.focus = SignInFocus::Officer;
    model_.screen = CounterScreen::Console;
    model_.dialog = CounterDialog::None;
    model_.entry.clear();
    say("counter.signin.done", model_.officer_name);
    refresh();
    return true;
}

void CounterController::sign_out(std::int64_t /*now_ms*/) {
    const std::string counter = model_.counter_id, officer = model_.officer;
    const std::int64_t at = wall();
    if (!run([&](const queue::QueueAuthority& q) { return q.sign_out(counter, officer, at); }, "counter.done.signed_out"))
        return;
    log("officer " + officer + " signed out at counter " + counter);
    model_.officer.clear();
    model_.officer_name.clear();
    model_.screen = CounterScreen::SignIn;
    model_.dialog = CounterDialog::None;
    model_.entry.clear();
    model_.dossier_codes.clear();
    refresh();
}

bool CounterController::run(const QueueSession::Command& command, std::string_view done_key) {
    auto out = session_->run(command, model_.config_version);
    if (!out) {
        log("queue command NOT saved at counter " + model_.counter_id + ": " + out.error());
        say("counter.database_error", {}, true);
        refresh();
        return false;
    }
    if (!out->command.ok()) {
        const auto& r = out->command.refusal();
        log("refused at counter " + model_.counter_id + ": " + r.message);
        std::string arg = model_.current ? model_.current->display : std::string();
        say("counter.refused." + r.code, arg, true);
        refresh();
        return false;
    }
    std::string display;
    if (const queue::Ticket* t = session_->state().ticket(out->command.ticket())) display = t->display;
    say(std::string(done_key), display);
    refresh();
    return true;
}

bool CounterController::submit_entry(std::int64_t /*now_ms*/) {
    const std::string text = trim(model_.entry);
    if (text.empty()) return false;
    const std::string counter = model_.counter_id, officer = model_.officer;
    const std::int64_t at = wall();
    auto call = [&](const std::string& ref, const std::string& shown) {
        bool ok = run([&](const queue::QueueAuthority& q) { return q.call_specific(counter, officer, ref, at); },
                      "counter.done.called");
        if (!ok && model_.message.key == "counter.refused.ticket_not_found") model_.message.arg = shown;
        if (!ok && model_.message.key == "counter.refused.wrong_status") model_.message.arg = shown;
        if (!ok && model_.message.key == "counter.refused.not_this_counter") model_.message.arg = shown;
        return ok;
    };
    bool done = false;
    if (auto ref = parse_ticket_ref(text)) {
        // A scanned ticket. Its id names it exactly; the printed number is the fallback.
        const std::string today = queue::queue_day(session_->state(), session_->settings(), at);
        if (!config_.site_id.empty() && ref->site_id != config_.site_id) {
            log("scanned ticket " + ref->number + " is from site \"" + ref->site_id + "\", not this site (\"" +
                config_.site_id + "\")");
            say("counter.scan.other_site", ref->number, true);
        } else if (ref->day != today) {
            log("scanned ticket " + ref->number + " is from " + ref->day + ", not today");
            say("counter.scan.other_day", ref->number, true);
        } else {
            const bool known_id = session_->state().ticket(ref->ticket_id) != nullptr;
            done = call(known_id ? ref->ticket_id : upper(ref->number), ref->number);
        }
    } else if (auto code = queue::normalise_dossier_code(text)) {
        if (!model_.current) {
            say("counter.dossier.no_ticket", *code, true);
        } else {
            if (std::find(model_.dossier_codes.begin(), model_.dossier_codes.end(), *code) == model_.dossier_codes.end())
                model_.dossier_codes.push_back(*code);
            say("counter.dossier.added", *code);
            done = true;
        }
    } else if (looks_like_ticket_number(text)) {
        done = call(upper(text), upper(text));
    } else if (upper(text).rfind("TN1", 0) == 0) {
        log("unreadable ticket reference scanned: " + ref.error());
        say("counter.scan.unreadable", {}, true);
    } else {
        say("counter.entry.unknown", text, true);
    }
    if (done) model_.entry.clear();
    return done;
}

bool CounterController::tick(std::int64_t now_ms) {
    if (!session_) return false;
    const CounterModel before = model_;
    auto caught = session_->catch_up();
    if (!caught) {
        log("cannot read the queue: " + caught.error());
        say("counter.database_error", {}, true);
    }
    if (model_.screen == CounterScreen::Console) {
        // Another console took the counter over (sign-in at the same counter): this one signs out.
        const queue::CounterState* c = session_->state().counter(model_.counter_id);
        if (!c || c->officer != model_.officer) {
            log("officer " + model_.officer + " is no longer signed in at counter " + model_.counter_id);
            say("counter.signin.taken_over", c ? c->officer : std::string(), true);
            model_.officer.clear();
            model_.officer_name.clear();
            model_.screen = CounterScreen::SignIn;
            model_.dialog = CounterDialog::None;
            model_.dossier_codes.clear();
            model_.entry.clear();
        }
    }
    refresh();
    check_config(now_ms);
    next_refresh_ms_ = now_ms + kRefreshMs;
    return model_ != before;
}

std::optional<std::int64_t> CounterController::next_deadline_ms() const {
    std::optional<std::int64_t> next;
    if (model_.screen == CounterScreen::Console) next = next_refresh_ms_;
    if (site_queue_ && session_) next = next ? std::min(*next, next_config_check_ms_) : next_config_check_ms_;
    return next;
}

}  // namespace motcua::kiosk
