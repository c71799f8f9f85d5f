// The counter staff console's rules: sign-in with officer code and PIN (slow hash, lockout),
// then every queue action of the counter through the QueueSession, each refusal kept as a
// message key the screen words in Vietnamese. No SDL, no ImGui: the window's monotonic clock
// comes in as `now_ms` (lockout, timers) and the wall clock through `wall_clock` (the queue's day,
// waiting times), so every rule is unit-tested.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/officers.hpp"
#include "core/pin_hash.hpp"
#include "kiosk/queue_session.hpp"
#include "kiosk/site_queue.hpp"
#include "kiosk/roles/counter/counter_intents.hpp"
#include "kiosk/roles/counter/counter_model.hpp"

namespace motcua::kiosk {

struct CounterConfig {
    std::string counter;  // empty: the EventStore meta "counter_id" (written at enrolment)
    std::vector<Officer> officers;
    std::string site_name;
    // The site id a scanned ticket's QR must carry (the server configuration's site, else
    // dispenser.site_id); empty: not checked.
    std::string site_id;
    int max_wrong_pins = PinLockout::kDefaultMaxWrong;
    std::int64_t lock_ms = PinLockout::kDefaultLockMs;
    std::function<std::int64_t()> wall_clock;  // Unix ms; default clock::unix_ms_now
};

class CounterController {
public:
    CounterController(CounterConfig config, queue::QueueSettings settings, EventStore& store, std::int64_t now_ms);
    // Without a usable database: the out-of-service screen, no action possible.
    CounterController(CounterConfig config, std::string unavailable_reason);

    const CounterModel& model() const { return model_; }
    const QueueSession* session() const { return session_ ? &*session_ : nullptr; }

    // Follows the server's configuration from now on. A new one applies at once to the next
    // sign-in (officers, PINs) and to the waiting list and fields, but never while a dialog is
    // open or something is typed in the entry box: then when it is closed or cleared. The officer
    // signed in stays signed in. A configuration without this counter is not used here (the
    // banner says so). `queue.current()` must be what the controller was made with.
    void follow(SiteQueue queue, std::int64_t now_ms);

    bool apply(const counter_intent::Intent& intent, std::int64_t now_ms);
    bool apply_all(const counter_intent::Intents& intents, std::int64_t now_ms);
    // Typed text: the officer code or PIN on the sign-in screen, else the entry box (a ticket
    // number, a dossier code, or what a keyboard-wedge scanner types).
    bool text_input(std::string_view utf8, std::int64_t now_ms);
    // Enter submits what was typed or scanned; Tab moves between code and PIN; Backspace; Escape
    // closes a dialog or clears the entry.
    bool enter(std::int64_t now_ms);
    bool backspace();
    bool escape();
    bool tab();

    // Folds what other processes committed (tickets issued at the dispenser, a sign-in elsewhere)
    // and refreshes the screen. True if the model changed.
    bool tick(std::int64_t now_ms);
    std::optional<std::int64_t> next_deadline_ms() const;

    // Plain English lines for the log since the last call (refusals, database errors, sign-ins).
    std::vector<std::string> take_log();

private:
    bool sign_in(std::int64_t now_ms);
    void sign_out(std::int64_t now_ms);
    // Runs one queue command for this counter and officer; on success clears `clear_entry`'s box.
    bool run(const QueueSession::Command& command, std::string_view done_key);
    bool submit_entry(std::int64_t now_ms);
    void refresh();
    // Looks for a new configuration (when due) and applies a waiting one when nothing is open.
    void check_config(std::int64_t now_ms);
    // The configuration received while a dialog was open or an entry typed, once neither is.
    void apply_waiting_config();
    void apply_config(const QueueConfig& config);
    void say(std::string key, std::string arg = {}, bool error = false);
    void log(std::string line) { log_.push_back(std::move(line)); }
    std::int64_t wall() const;

    CounterConfig config_;
    std::optional<QueueSession> session_;
    PinLockout lockout_;
    CounterModel model_;
    std::vector<std::string> log_;
    std::int64_t next_refresh_ms_ = 0;
    std::string dossier_ticket_;  // the ticket the dossier codes belong to
    std::optional<SiteQueue> site_queue_;
    std::optional<QueueConfig> waiting_config_;  // received while a dialog was open
    std::int64_t next_config_check_ms_ = 0;
};

}  // namespace motcua::kiosk
