// The kiosk's PIN-protected IT screen (issue 7): its model, the rules (opening gesture, PIN with
// lockout, idle close) and its actions (status, enrolment, printer test, restart). No SDL, no
// ImGui: the window's monotonic clock comes in as `now_ms`; the slow actions (enrolment talks to
// the server, a printer may take seconds, reading the status checks the whole hash chain: 0.7 s
// at 100 000 events) run on a worker thread and are collected in tick().
#pragma once
#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <string>

#include "core/event_store.hpp"
#include "core/pin_hash.hpp"
#include "core/settings.hpp"
#include "kiosk/it/it_status.hpp"
#include "kiosk/language.hpp"

namespace motcua::kiosk {

// Exit code of motcua-kiosk when IT staff restart it from the IT screen; the systemd unit
// (Restart=always) and a desktop session's loop start it again.
inline constexpr int kRestartExitCode = 3;

enum class ItScreen { Closed, Disabled, Pin, Status, EnrolCode };

struct ItModel {
    ItScreen screen = ItScreen::Closed;
    std::string pin;          // digits typed so far (drawn as dots)
    std::string pin_message;  // why the last PIN was refused, in Vietnamese
    std::string disabled_reason;
    ItStatusView status;
    std::string status_problem;  // the database could not be read
    std::string enrol_code;
    bool busy = false;           // an action or a status read runs on the worker thread
    std::string busy_words;      // "Đang đăng ký...", "Đang kiểm tra dữ liệu của máy..."
    std::string result_message;  // the last action's outcome, in Vietnamese
    bool result_ok = false;
    bool can_print_test = false;  // the dispenser role has a printer
    std::optional<Language> start_language;  // the citizen screen's; nothing: the role has one language
    std::optional<int> exit_code;  // restart asked
};

struct ItConfig {
    std::string pin_hash;                    // it.pin_hash; empty: the IT screen is disabled
    std::int64_t idle_ms = 60'000;           // it.idle_seconds
    std::string role_name;
    std::string sync_config_path;            // it.sync_config
    std::optional<std::function<int(std::string&)>> print_test;  // dispenser: prints a test slip, returns 0 if ok
    std::function<std::int64_t()> wall_clock;  // Unix ms; default clock::unix_ms_now
};

class ItPanel {
public:
    // `store` may be null (database unusable): the screen then says so.
    ItPanel(ItConfig config, EventStore* store);
    ~ItPanel();
    ItPanel(const ItPanel&) = delete;
    ItPanel& operator=(const ItPanel&) = delete;

    const ItModel& model() const { return model_; }
    bool is_open() const { return model_.screen != ItScreen::Closed; }

    // Five taps in the corner within kCornerTapWindowMs open the PIN pad (a citizen does not tap
    // an empty corner five times). Returns true when the panel opened.
    static constexpr int kCornerTaps = 5;
    static constexpr std::int64_t kCornerTapWindowMs = 3000;
    bool corner_tap(std::int64_t now_ms);
    bool open(std::int64_t now_ms);  // the Ctrl+Alt+I key
    bool close();

    bool pin_key(char digit, std::int64_t now_ms);
    bool pin_backspace(std::int64_t now_ms);
    bool pin_submit(std::int64_t now_ms);

    bool refresh(std::int64_t now_ms);
    bool show_enrol(std::int64_t now_ms);
    bool enrol_key(char c, std::int64_t now_ms);
    bool enrol_backspace(std::int64_t now_ms);
    bool enrol_submit(std::int64_t now_ms);
    bool cancel_enrol(std::int64_t now_ms);
    bool print_test(std::int64_t now_ms);
    bool restart();
    // Keeps the choice in the kiosk database (meta kiosk_start_language, read again at every start)
    // and shows it; the caller hands it to the role. True if the model changed.
    bool choose_start_language(Language language, std::int64_t now_ms);
    void show_start_language(std::optional<Language> language) { model_.start_language = language; }

    void note_input(std::int64_t now_ms);
    // Idle close and the worker's result. True if the model changed.
    bool tick(std::int64_t now_ms);
    std::optional<std::int64_t> next_deadline_ms() const;
    bool busy() const { return model_.busy; }

    // The enrolment code alphabet (the server's: no I, L, O, 0, 1).
    static constexpr const char* kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

private:
    struct StatusRead {
        ItStatusView view;
        std::string problem;  // in Vietnamese; empty when `view` holds the status
    };
    struct ActionResult {
        bool ok = false;
        std::string message_vi;       // empty for a status read alone: the last action's words stay
        std::optional<StatusRead> status = {};  // read after the action, on the same worker
    };
    // What the worker needs to read the status: copies, nothing of the panel's.
    struct StatusSource {
        std::string db_path;
        std::string sync_config_path;
        std::string role_name;
        std::int64_t wall_now_ms = 0;
    };
    // Reads the status over its own connection to the database (any thread).
    static StatusRead read_status(const StatusSource& source);
    StatusSource status_source() const;
    static ActionResult enrol_with_code(const std::string& db_path, const std::string& code,
                                        const std::string& sync_config);
    // Shows the status screen's facts as they are now: read on the worker, shown by tick().
    void start_status_read(std::int64_t now_ms);
    void start(std::string busy_words, std::function<ActionResult()> work, std::int64_t now_ms);

    ItConfig config_;
    EventStore* store_;
    ItModel model_;
    PinLockout lockout_;
    std::int64_t last_input_ms_ = 0;
    std::int64_t next_poll_ms_ = 0;
    std::int64_t corner_taps_[kCornerTaps] = {};
    int corner_count_ = 0;
    std::future<ActionResult> work_;
};

}  // namespace motcua::kiosk
