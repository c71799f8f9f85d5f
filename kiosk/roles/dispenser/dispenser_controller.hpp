// The ticket dispenser's rules: which fields can give a ticket now, the citizen's answers, the
// ticket committed (QueueSession::run, one write transaction) BEFORE the screen says "here is your
// ticket", then printed on a thread (PrintWorker) while the screen shows it with its QR code.
// Printer problems become one device.alarm event per problem and a banner; a ticket the citizen
// never received is cancelled (the ghost rule, below and in docs/protocol.md). No SDL, no ImGui.
//
// Two clocks: `now_ms` arguments are the window's monotonic clock (timers); the queue's day and
// opening hours come from `wall_clock` (Unix ms, injected so tests can set the day and hour).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/event_store.hpp"
#include "core/queue/queue_settings.hpp"
#include "kiosk/print/ticket_render.hpp"
#include "kiosk/queue_session.hpp"
#include "kiosk/site_queue.hpp"
#include "kiosk/roles/dispenser/dispenser_intents.hpp"
#include "kiosk/roles/dispenser/dispenser_model.hpp"
#include "kiosk/roles/dispenser/print_worker.hpp"

namespace motcua::kiosk::dispenser {

struct DispenserConfig {
    std::string dispenser_id = "dispenser-1";  // the issuer stamped on each ticket
    std::string site_id = "site";              // in the QR reference
    std::string site_name;                     // printed at the top of the ticket
    std::int64_t ticket_ms = 20000;            // the ticket screen stays this long
    std::int64_t idle_ms = 30000;              // an unanswered question goes back to the start
    Language start_language = Language::Vi;    // ui.language (or the IT screen's choice)
    std::string printer_target = "none";
    int printer_timeout_ms = 3000;
    print::Paper paper = print::Paper::mm80;
    print::TicketFonts fonts;
    std::function<std::int64_t()> wall_clock;  // empty: clock::unix_ms_now
};

class DispenserController {
public:
    // Fails when the queue's events cannot be read or printer.target is not understood.
    static Result<std::unique_ptr<DispenserController>> open(DispenserConfig config, EventStore& store,
                                                             queue::QueueSettings settings, std::int64_t now_ms);
    // Without a usable database: the out-of-service screen, and no ticket is ever issued.
    DispenserController(DispenserConfig config, std::string unavailable_reason, std::int64_t now_ms);
    // Settles the ticket on screen first (the ghost rule).
    ~DispenserController();

    const DispenserModel& model() const { return model_; }
    const DispenserConfig& config() const { return config_; }
    const QueueSession* session() const { return session_ ? &*session_ : nullptr; }

    // Follows the server's configuration from now on: a new queue (fields, procedures, limits,
    // hours, site) is applied only on the start screen untouched for a few seconds, between two
    // citizens. `queue.current()` must be the queue the controller was opened with.
    void follow(SiteQueue queue, std::int64_t now_ms);

    void note_input(std::int64_t now_ms);
    bool apply(const Intent& intent, std::int64_t now_ms);
    bool apply_all(const Intents& intents, std::int64_t now_ms);
    // The window drew the ticket screen: the citizen has their number (the ghost rule).
    void mark_ticket_drawn();
    // Timers, printer results and tickets other processes committed. True if the model changed.
    bool tick(std::int64_t now_ms);
    // The IT screen's choice: the start screen shows it now if nobody is at the dispenser, and
    // every return to the start uses it. True if the model changed.
    bool set_start_language(Language language);
    std::optional<std::int64_t> next_deadline_ms() const;
    // Whether a ticket's bytes are still going to the printer (tests wait for it).
    bool printing() const { return worker_ && worker_->busy(); }

private:
    DispenserController(DispenserConfig config, EventStore& store, QueueSession session,
                        std::unique_ptr<PrintWorker> worker, std::int64_t now_ms);
    std::int64_t wall_now() const;
    void show(Screen screen, std::int64_t now_ms);
    void back_to_start(std::int64_t now_ms);
    // Fields' "hết số", open or closed: the start screen as the queue is now.
    void refresh_start(std::int64_t now_ms);
    // The start screen's parts that come from the queue settings (priority groups, hours).
    void load_queue_view();
    // On the start screen: a newer configuration is applied. True if it was.
    bool check_config(std::int64_t now_ms);
    void apply_config(const QueueConfig& config);
    void issue(const std::string& priority, std::int64_t now_ms);
    void print(const queue::Ticket& ticket, const ShownTicket& shown);
    bool take_print_outcomes();
    void raise_printer_alarm(const print::PrinterAlarm& alarm, const std::string& ticket_id);
    // Leaving the ticket screen: cancels the ticket if the citizen never received it.
    void settle_delivery();

    DispenserConfig config_;
    EventStore* store_ = nullptr;
    std::optional<QueueSession> session_;
    std::unique_ptr<PrintWorker> worker_;
    std::optional<print::TicketRenderer> renderer_;
    std::string renderer_error_;
    std::string active_alarm_;        // the printer problem already alarmed, until a good print clears it
    std::vector<ShownTicket> leaving_;  // left the screen while their print was still going
    std::int64_t last_now_ms_ = 0;
    std::optional<SiteQueue> site_queue_;
    std::int64_t next_config_check_ms_ = 0;
    DispenserModel model_;
};

// The opening hours as lines for the closed screen, e.g. "Thứ Hai – Thứ Sáu: 07:30–11:30, 13:30–17:00".
std::vector<std::string> opening_hours_lines(const queue::OpeningHours& hours, Language language);

}  // namespace motcua::kiosk::dispenser
