#include "kiosk/roles/dispenser/dispenser_controller.hpp"

#include <algorithm>

#include <qrencode.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "core/clock.hpp"
#include "core/queue/local_day.hpp"
#include "core/queue/queue_order.hpp"
#include "core/ticket_ref.hpp"
#include "kiosk/print/escpos.hpp"

namespace motcua::kiosk::dispenser {

const char* screen_name(Screen s) {
    switch (s) {
        case Screen::Fields: return "fields";
        case Screen::Procedures: return "procedures";
        case Screen::Priority: return "priority";
        case Screen::Ticket: return "ticket";
        case Screen::Closed: return "closed";
        case Screen::Refused: return "refused";
        case Screen::OutOfService: return "out_of_service";
    }
    return "unknown";
}

namespace {
constexpr std::int64_t kPrintPollMs = 50;      // while a ticket is being printed
constexpr std::int64_t kStartRefreshMs = 30000;  // opening hours and "hết số" on the start screen
constexpr std::int64_t kConfigQuietMs = 3000;    // a new queue waits this long after the last touch

// The QR the screen draws: the same payload and error correction as the printed one.
void make_qr(ShownTicket& t) {
    if (t.reference.empty()) return;
    std::unique_ptr<QRcode, void (*)(QRcode*)> code(
        QRcode_encodeString(t.reference.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
    if (!code) return;
    t.qr_size = code->width;
    t.qr_modules.resize(static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width));
    for (std::size_t i = 0; i < t.qr_modules.size(); ++i) t.qr_modules[i] = code->data[i] & 1;
}
}  // namespace

Result<std::unique_ptr<DispenserController>> DispenserController::open(DispenserConfig config, EventStore& store,
                                                                       queue::QueueSettings settings,
                                                                       std::int64_t now_ms) {
    using R = Result<std::unique_ptr<DispenserController>>;
    auto target = print::parse_printer_target(config.printer_target);
    if (!target) return R::failure("printer.target: " + target.error());
    auto session = QueueSession::open(store, std::move(settings));
    if (!session) return R::failure(session.error());
    auto worker = std::make_unique<PrintWorker>(target.value(), config.printer_timeout_ms);
    return std::unique_ptr<DispenserController>(new DispenserController(
        std::move(config), store, std::move(session.value()), std::move(worker), now_ms));
}

DispenserController::DispenserController(DispenserConfig config, EventStore& store, QueueSession session,
                                         std::unique_ptr<PrintWorker> worker, std::int64_t now_ms)
    : config_(std::move(config)), store_(&store), session_(std::move(session)), worker_(std::move(worker)) {
    if (worker_->enabled()) {
        auto renderer = print::TicketRenderer::open(config_.fonts);
        if (renderer) renderer_ = std::move(renderer.value());
        else renderer_error_ = renderer.error();
    }
    load_queue_view();
    last_now_ms_ = now_ms;
    back_to_start(now_ms);
}

DispenserController::DispenserController(DispenserConfig config, std::string unavailable_reason, std::int64_t now_ms)
    : config_(std::move(config)) {
    model_.language = config_.start_language;
    model_.unavailable_reason = std::move(unavailable_reason);
    show(Screen::OutOfService, now_ms);
}

DispenserController::~DispenserController() {
    if (!session_) return;
    if (model_.screen == Screen::Ticket) settle_delivery();
    // The ticket being printed decides whether it was delivered: wait for the printer's answer,
    // bounded by printer.timeout_ms (20 x at most for a printer that takes bytes very slowly).
    while (worker_->busy()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    take_print_outcomes();
}

std::int64_t DispenserController::wall_now() const {
    return config_.wall_clock ? config_.wall_clock() : clock::unix_ms_now();
}

void DispenserController::show(Screen screen, std::int64_t now_ms) {
    model_.screen = screen;
    model_.screen_since_ms = now_ms;
}

void DispenserController::load_queue_view() {
    model_.priority_groups.clear();
    for (const auto& g : session_->settings().priority_groups) model_.priority_groups.push_back({g.code, g.name_vi, g.name_en});
    model_.hours_vi = opening_hours_lines(session_->settings().opening_hours, Language::Vi);
    model_.hours_en = opening_hours_lines(session_->settings().opening_hours, Language::En);
}

void DispenserController::follow(SiteQueue queue, std::int64_t now_ms) {
    model_.config_version = queue.current().config_version;
    model_.config_problem = queue.problem();
    site_queue_.emplace(std::move(queue));
    next_config_check_ms_ = now_ms + site_queue_->check_ms();
    alarm_refused_config(*store_, *site_queue_, model_.config_version);
}

void DispenserController::apply_config(const QueueConfig& config) {
    session_->set_settings(config.queue);
    config_.site_name = config.site_name;
    config_.site_id = config.site_id;
    model_.config_version = config.config_version;
    load_queue_view();
}

bool DispenserController::check_config(std::int64_t now_ms) {
    if (!site_queue_ || !session_ || now_ms < next_config_check_ms_) return false;
    // Never between the citizen's first answer and their ticket: those screens show the old queue.
    if (model_.screen != Screen::Fields && model_.screen != Screen::Closed) return false;
    // Nor under a finger: buttons do not move while someone is at the screen (the language button).
    if (now_ms - model_.last_input_ms < kConfigQuietMs) {
        next_config_check_ms_ = model_.last_input_ms + kConfigQuietMs;
        return false;
    }
    next_config_check_ms_ = now_ms + site_queue_->check_ms();
    auto next = site_queue_->poll();
    const bool problem_changed = model_.config_problem != site_queue_->problem();
    model_.config_problem = site_queue_->problem();
    if (problem_changed) alarm_refused_config(*store_, *site_queue_, model_.config_version);
    if (!next) return problem_changed;
    apply_config(*next);
    std::cerr << "motcua-kiosk: dispenser: now using the queue from " << next->queue_source << "\n";
    refresh_start(now_ms);
    return true;
}

void DispenserController::note_input(std::int64_t now_ms) { model_.last_input_ms = now_ms; }

void DispenserController::back_to_start(std::int64_t now_ms) {
    if (model_.screen == Screen::Ticket) settle_delivery();
    model_.field.clear();
    model_.procedure.clear();
    model_.procedures.clear();
    model_.refusal_key.clear();
    model_.ticket.reset();
    model_.language = config_.start_language;
    refresh_start(now_ms);
}

void DispenserController::refresh_start(std::int64_t now_ms) {
    const queue::QueueAuthority authority = session_->authority();
    const std::int64_t wall = wall_now();
    model_.fields.clear();
    for (const auto& f : session_->settings().fields) {
        // Asking the authority itself (nothing is committed): the button says what a tap would get.
        queue::CommandResult would = authority.issue({f.id, "", "", config_.dispenser_id}, wall);
        bool sold_out = !would.ok() && would.refusal().code == queue::refusal::kNoNumbersLeft;
        model_.fields.push_back({f.id, f.name_vi, f.name_en, sold_out});
    }
    show(authority.is_open_at(wall) ? Screen::Fields : Screen::Closed, now_ms);
}

bool DispenserController::apply_all(const Intents& intents, std::int64_t now_ms) {
    bool changed = false;
    for (const auto& i : intents) changed = apply(i, now_ms) || changed;
    return changed;
}

bool DispenserController::apply(const Intent& intent, std::int64_t now_ms) {
    if (!session_) return false;
    model_.last_input_ms = now_ms;
    if (std::holds_alternative<intent::ToggleLanguage>(intent)) {
        model_.language = model_.language == Language::Vi ? Language::En : Language::Vi;
        return true;
    }
    if (std::holds_alternative<intent::Done>(intent)) {
        if (model_.screen != Screen::Ticket && model_.screen != Screen::Refused) return false;
        back_to_start(now_ms);
        return true;
    }
    if (std::holds_alternative<intent::Back>(intent)) {
        if (model_.screen == Screen::Priority && !model_.procedures.empty()) {
            model_.procedure.clear();
            show(Screen::Procedures, now_ms);
        } else if (model_.screen == Screen::Priority || model_.screen == Screen::Procedures) {
            back_to_start(now_ms);
        } else {
            return false;
        }
        return true;
    }
    if (auto* pick = std::get_if<intent::PickField>(&intent)) {
        if (model_.screen != Screen::Fields) return false;
        const queue::Field* field = session_->settings().field(pick->id);
        if (!field) return false;
        for (const auto& b : model_.fields)
            if (b.id == pick->id && b.sold_out) return false;  // the button says "hết số"
        model_.field = field->id;
        model_.procedures.clear();
        for (const auto& p : field->procedures) model_.procedures.push_back({p.id, p.name_vi, p.name_en});
        show(model_.procedures.empty() ? Screen::Priority : Screen::Procedures, now_ms);
        if (model_.priority_groups.empty() && model_.procedures.empty()) issue("", now_ms);
        return true;
    }
    if (auto* pick = std::get_if<intent::PickProcedure>(&intent)) {
        if (model_.screen != Screen::Procedures) return false;
        model_.procedure = pick->id;
        show(Screen::Priority, now_ms);
        if (model_.priority_groups.empty()) issue("", now_ms);
        return true;
    }
    if (auto* pick = std::get_if<intent::PickPriority>(&intent)) {
        if (model_.screen != Screen::Priority) return false;
        issue(pick->code, now_ms);
        return true;
    }
    return false;
}

void DispenserController::issue(const std::string& priority, std::int64_t now_ms) {
    const std::int64_t wall = wall_now();
    // The estimate for a ticket taken now, on the queue as the database holds it.
    if (auto caught = session_->catch_up(); !caught) model_.last_error = caught.error();
    const queue::WaitEstimate estimate =
        queue::estimate_wait(session_->state(), session_->settings(), model_.field, priority, wall);
    queue::IssueRequest request{model_.field, model_.procedure, priority, config_.dispenser_id};
    auto run = session_->run([&](const queue::QueueAuthority& a) { return a.issue(request, wall); },
                             model_.config_version);
    if (!run) {
        // Nothing was written: never show a number that is not in the database.
        model_.last_error = run.error();
        std::cerr << "motcua-kiosk: dispenser: ticket NOT issued, database error: " << run.error() << "\n";
        model_.refusal_key = "dispenser.refused.database";
        show(Screen::Refused, now_ms);
        return;
    }
    if (!run->command.ok()) {
        const queue::Refusal& refusal = run->command.refusal();
        std::cerr << "motcua-kiosk: dispenser: ticket refused: " << refusal.code << ": " << refusal.message << "\n";
        if (refusal.code == queue::refusal::kClosed) {
            back_to_start(now_ms);
            return;
        }
        model_.refusal_key = "dispenser.refused." + refusal.code;
        if (refusal.code == queue::refusal::kNoNumbersLeft) refresh_start(now_ms);  // the button turns "hết số"
        show(Screen::Refused, now_ms);
        return;
    }
    const queue::Ticket* ticket = session_->state().ticket(run->command.ticket());
    if (!ticket) {  // committed but not folded: cannot happen with a sound fold; say it, show nothing false
        model_.last_error = "ticket " + run->command.ticket() + " committed but not found in the queue";
        std::cerr << "motcua-kiosk: dispenser: " << model_.last_error << "\n";
        model_.refusal_key = "dispenser.refused.database";
        show(Screen::Refused, now_ms);
        return;
    }
    ++model_.issued_count;
    const queue::QueueSettings& settings = session_->settings();
    ShownTicket shown;
    shown.id = ticket->id;
    shown.number = ticket->display;
    if (const queue::Field* f = settings.field(ticket->field)) {
        shown.field_name_vi = f->name_vi;
        shown.field_name_en = f->name_en;
        for (const auto& p : f->procedures)
            if (p.id == ticket->procedure) shown.procedure_vi = p.name_vi, shown.procedure_en = p.name_en;
    }
    if (const queue::PriorityGroup* g = settings.priority_group(ticket->priority))
        shown.priority_vi = g->name_vi, shown.priority_en = g->name_en;
    shown.people_ahead = queue::people_ahead_of(session_->state(), settings, ticket->id, wall);
    if (shown.people_ahead < 0) shown.people_ahead = estimate.people_ahead;
    if (estimate.basis != queue::EstimateBasis::none && estimate.open_counters > 0) {
        int minutes = static_cast<int>(
            (estimate.median_service_ms * shown.people_ahead / estimate.open_counters + 59999) / 60000);
        // Someone ahead is never "0 minutes", even when today's services were recorded as instant.
        if (shown.people_ahead > 0) minutes = std::max(minutes, 1);
        shown.wait_minutes = minutes;
    }
    auto ref = encode_ticket_ref({config_.site_id, ticket->day, ticket->display, ticket->id});
    if (ref) shown.reference = ref.value();
    else std::cerr << "motcua-kiosk: dispenser: no QR reference for " << ticket->id << ": " << ref.error() << "\n";
    make_qr(shown);
    shown.print = worker_->enabled() ? PrintState::Printing : PrintState::NotConfigured;
    model_.ticket = shown;
    show(Screen::Ticket, now_ms);
    if (worker_->enabled()) print(*ticket, shown);
}

void DispenserController::print(const queue::Ticket& ticket, const ShownTicket& shown) {
    auto fail = [&](const std::string& why) {
        model_.ticket->print = PrintState::Failed;
        raise_printer_alarm(print::alarm_for_print_failure(Status::failure(why)), ticket.id);
    };
    if (!renderer_) return fail("cannot open the ticket fonts: " + renderer_error_);
    if (shown.reference.empty()) return fail("no ticket reference for the QR code");
    print::TicketContent content;
    content.site_name = config_.site_name;
    content.field_name = shown.field_name_vi;
    content.number = shown.number;
    content.priority_label = shown.priority_vi;
    content.issued_unix_ms = ticket.issued_ms;
    content.utc_offset_minutes = session_->settings().utc_offset_minutes;
    content.people_ahead = shown.people_ahead;
    content.wait_minutes = shown.wait_minutes;
    content.qr_payload = shown.reference;
    content.footer = "Quý khách vui lòng chờ đến khi số được gọi";
    auto image = renderer_->render(content, config_.paper);
    if (!image) return fail("cannot draw the ticket: " + image.error());
    worker_->submit(ticket.id, print::encode_ticket(image.value()));
}

void DispenserController::raise_printer_alarm(const print::PrinterAlarm& alarm, const std::string& ticket_id) {
    model_.printer_problem_vi = alarm.vi;
    if (alarm.code == active_alarm_) return;  // one event per problem, not one per ticket
    std::cerr << "motcua-kiosk: dispenser: printer problem (" << alarm.code << "): " << alarm.en << "\n";
    json data{{"alarm", alarm.code},
              {"problem", alarm.en},
              {"printer", worker_->target().text()},
              {"ticket", ticket_id.empty() ? json(nullptr) : json(ticket_id)}};
    if (auto appended = store_->append(event_type::kDeviceAlarm, data, model_.config_version); appended) {
        active_alarm_ = alarm.code;
        ++model_.alarms_written;
    } else {
        model_.last_error = appended.error();
        std::cerr << "motcua-kiosk: dispenser: cannot record the printer alarm: " << appended.error() << "\n";
    }
}

bool DispenserController::take_print_outcomes() {
    if (!worker_) return false;
    bool changed = false;
    while (auto out = worker_->poll()) {
        changed = true;
        const bool printed = out->printed.ok();
        if (!printed) {
            raise_printer_alarm(print::alarm_for_print_failure(out->printed), out->ticket_id);
        } else if (auto alarm = print::alarm_for_status(out->status)) {
            raise_printer_alarm(*alarm, out->ticket_id);  // printed, but e.g. the paper is nearly out
        } else if (!active_alarm_.empty()) {
            std::cerr << "motcua-kiosk: dispenser: the printer works again\n";
            active_alarm_.clear();
            model_.printer_problem_vi.clear();
        }
        const PrintState state = printed ? PrintState::Printed : PrintState::Failed;
        if (model_.ticket && model_.ticket->id == out->ticket_id) model_.ticket->print = state;
        for (auto it = leaving_.begin(); it != leaving_.end(); ++it) {
            if (it->id != out->ticket_id) continue;
            ShownTicket t = std::move(*it);
            leaving_.erase(it);
            t.print = state;
            auto on_screen = std::move(model_.ticket);
            model_.ticket = std::move(t);
            settle_delivery();
            model_.ticket = std::move(on_screen);
            break;
        }
    }
    return changed;
}

void DispenserController::mark_ticket_drawn() {
    if (model_.screen == Screen::Ticket && model_.ticket) model_.ticket->drawn = true;
}

// The ghost rule: a ticket is delivered when the screen drew it (its number and QR were in front
// of the citizen) or the printer took all of its bytes. Leaving the ticket screen with neither
// cancels the ticket as "not_delivered", so no counter calls a number nobody holds; while its
// print is still going the decision waits for the printer's answer.
void DispenserController::settle_delivery() {
    if (!model_.ticket) return;
    const ShownTicket& t = *model_.ticket;
    if (t.drawn || t.print == PrintState::Printed) return;
    if (t.print == PrintState::Printing) {
        leaving_.push_back(t);
        return;
    }
    const std::int64_t wall = wall_now();
    auto run = session_->run([&](const queue::QueueAuthority& a) { return a.cancel(t.id, "not_delivered", wall); },
                             model_.config_version);
    if (!run) {
        model_.last_error = run.error();
        std::cerr << "motcua-kiosk: dispenser: ticket " << t.id << " was never received but could not be cancelled: "
                  << run.error() << "\n";
    } else if (!run->command.ok()) {
        std::cerr << "motcua-kiosk: dispenser: ticket " << t.id << " was never received; not cancelled: "
                  << run->command.refusal().message << "\n";  // e.g. already called by a counter
    } else {
        std::cerr << "motcua-kiosk: dispenser: ticket " << t.id << " cancelled: neither printed nor shown\n";
    }
}

bool DispenserController::tick(std::int64_t now_ms) {
    last_now_ms_ = now_ms;
    if (!session_) return false;
    bool changed = take_print_outcomes();
    auto caught = session_->catch_up();
    if (!caught) model_.last_error = caught.error();
    const Screen before = model_.screen;
    const bool start = model_.screen == Screen::Fields || model_.screen == Screen::Closed;
    if (model_.screen == Screen::Ticket || model_.screen == Screen::Refused) {
        if (now_ms - model_.screen_since_ms >= config_.ticket_ms) back_to_start(now_ms);
    } else if (model_.screen == Screen::Procedures || model_.screen == Screen::Priority) {
        if (now_ms - model_.last_input_ms >= config_.idle_ms) back_to_start(now_ms);
    } else if (start && model_.language != config_.start_language && now_ms - model_.last_input_ms >= config_.idle_ms) {
        model_.language = config_.start_language;  // a visitor switched to English and left
        changed = true;
    } else if (start && ((caught && caught.value()) || now_ms - model_.screen_since_ms >= kStartRefreshMs)) {
        auto fields = model_.fields;
        refresh_start(now_ms);
        changed = changed || model_.screen != before || !(fields.size() == model_.fields.size() &&
                                                          std::equal(fields.begin(), fields.end(), model_.fields.begin(),
                                                                     [](const FieldButton& a, const FieldButton& b) {
                                                                         return a.sold_out == b.sold_out;
                                                                     }));
    }
    changed = check_config(now_ms) || changed;
    return changed || model_.screen != before;
}

bool DispenserController::set_start_language(Language language) {
    config_.start_language = language;
    const bool at_start = model_.screen == Screen::Fields || model_.screen == Screen::Closed ||
                          model_.screen == Screen::OutOfService;
    if (!at_start || model_.language == language) return false;
    model_.language = language;
    return true;
}

std::optional<std::int64_t> DispenserController::next_deadline_ms() const {
    if (!session_) return std::nullopt;
    if (printing() || !leaving_.empty()) return last_now_ms_ + kPrintPollMs;
    switch (model_.screen) {
        case Screen::Ticket:
        case Screen::Refused: return model_.screen_since_ms + config_.ticket_ms;
        case Screen::Procedures:
        case Screen::Priority: return model_.last_input_ms + config_.idle_ms;
        case Screen::Fields:
        case Screen::Closed:
            if (model_.language != config_.start_language) return model_.last_input_ms + config_.idle_ms;
            if (site_queue_) return std::min(model_.screen_since_ms + kStartRefreshMs, next_config_check_ms_);
            return model_.screen_since_ms + kStartRefreshMs;
        case Screen::OutOfService: return std::nullopt;
    }
    return std::nullopt;
}

std::vector<std::string> opening_hours_lines(const queue::OpeningHours& hours, Language language) {
    static const char* vi[] = {"Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};
    static const char* en[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    const char** names = language == Language::Vi ? vi : en;
    auto same = [&](int a, int b) {
        const auto &x = hours.by_weekday[static_cast<std::size_t>(a)], &y = hours.by_weekday[static_cast<std::size_t>(b)];
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (x[i].open_minute != y[i].open_minute || x[i].close_minute != y[i].close_minute) return false;
        return true;
    };
    std::vector<std::string> lines;
    for (int day = 0; day < 7;) {
        int last = day;
        while (last + 1 < 7 && same(day, last + 1)) ++last;
        const auto& intervals = hours.by_weekday[static_cast<std::size_t>(day)];
        if (!intervals.empty()) {
            std::string line = names[day];
            if (last > day) line += std::string(" – ") + names[last];
            line += ": ";
            for (std::size_t i = 0; i < intervals.size(); ++i) {
                if (i) line += ", ";
                line += queue::minute_text(intervals[i].open_minute) + "–" + queue::minute_text(intervals[i].close_minute);
            }
            lines.push_back(line);
        }
        day = last + 1;
    }
    return lines;
}

}  // namespace motcua::kiosk::dispenser
