#include "kiosk/it/it_panel.hpp"

#include <chrono>
#include <cstring>
#include <exception>

#include "core/clock.hpp"
#include "sync/enroll_device.hpp"

namespace motcua::kiosk {

namespace {
constexpr const char* kLockKey = "it";
constexpr size_t kMaxPinDigits = 12;
constexpr size_t kMaxCodeChars = 16;
// While an action runs, look for its result this often (the screen shows "đang ...").
constexpr std::int64_t kPollMs = 100;
}  // namespace

ItPanel::ItPanel(ItConfig config, EventStore* store) : config_(std::move(config)), store_(store) {
    if (!config_.wall_clock) config_.wall_clock = clock::unix_ms_now;
    model_.can_print_test = config_.print_test.has_value();
}

ItPanel::~ItPanel() {
    if (work_.valid()) work_.wait();  // the worker uses this panel's settings: let it finish
}

bool ItPanel::corner_tap(std::int64_t now_ms) {
    if (is_open()) return false;
    // Keep the last kCornerTaps tap times; open when the oldest of them is recent enough.
    std::memmove(corner_taps_, corner_taps_ + 1, sizeof(corner_taps_[0]) * (kCornerTaps - 1));
    corner_taps_[kCornerTaps - 1] = now_ms;
    if (corner_count_ < kCornerTaps) ++corner_count_;
    if (corner_count_ < kCornerTaps || now_ms - corner_taps_[0] > kCornerTapWindowMs) return false;
    corner_count_ = 0;
    return open(now_ms);
}

bool ItPanel::open(std::int64_t now_ms) {
    if (is_open()) return false;
    last_input_ms_ = now_ms;
    model_.pin.clear();
    model_.pin_message.clear();
    model_.result_message.clear();
    if (config_.pin_hash.empty()) {
        model_.screen = ItScreen::Disabled;
        model_.disabled_reason = "Màn hình kỹ thuật chưa được bật: cài đặt it.pin_hash đang trống. Cán bộ kỹ thuật "
                                 "tạo mã bằng lệnh motcua-kiosk --hash-pin rồi ghi vào it.pin_hash.";
    } else if (auto decoded = decode_pin_hash(config_.pin_hash); !decoded) {
        model_.screen = ItScreen::Disabled;
        model_.disabled_reason = "Màn hình kỹ thuật chưa dùng được: cài đặt it.pin_hash không hợp lệ (" +
                                 decoded.error() + "). Tạo lại bằng lệnh motcua-kiosk --hash-pin.";
    } else {
        model_.screen = ItScreen::Pin;
    }
    return true;
}

bool ItPanel::close() {
    if (!is_open()) return false;
    model_.screen = ItScreen::Closed;
    model_.pin.clear();
    model_.enrol_code.clear();
    return true;
}

bool ItPanel::pin_key(char digit, std::int64_t now_ms) {
    last_input_ms_ = now_ms;
    if (model_.screen != ItScreen::Pin || digit < '0' || digit > '9' || model_.pin.size() >= kMaxPinDigits) return false;
    model_.pin.push_back(digit);
    return true;
}

bool ItPanel::pin_backspace(std::int64_t now_ms) {
    last_input_ms_ = now_ms;
    if (model_.screen != ItScreen::Pin || model_.pin.empty()) return false;
    model_.pin.pop_back();
    return true;
}

bool ItPanel::pin_submit(std::int64_t now_ms) {
    last_input_ms_ = now_ms;
    if (model_.screen != ItScreen::Pin || model_.pin.empty()) return false;  // OK on nothing typed: no try used
    if (std::int64_t locked = lockout_.locked_for_ms(kLockKey, now_ms); locked > 0) {
        model_.pin.clear();
        model_.pin_message = "Nhập sai quá nhiều lần. Thử lại sau " + duration_vi(locked) + ".";
        return true;
    }
    auto right = verify_pin(model_.pin, config_.pin_hash);
    model_.pin.clear();
    if (right && right.value()) {
        lockout_.record_right(kLockKey);
        model_.pin_message.clear();
        model_.screen = ItScreen::Status;
        start_status_read(now_ms);
        return true;
    }
    lockout_.record_wrong(kLockKey, now_ms);
    if (std::int64_t locked = lockout_.locked_for_ms(kLockKey, now_ms); locked > 0) {
        model_.pin_message = "Mã PIN không đúng. Nhập sai quá nhiều lần: thử lại sau " + duration_vi(locked) + ".";
    } else {
        int left = PinLockout::kDefaultMaxWrong - lockout_.wrong_count(kLockKey, now_ms);
        model_.pin_message = "Mã PIN không đúng. Còn " + std::to_string(left) + " lần thử.";
    }
    return true;
}

ItPanel::StatusSource ItPanel::status_source() const {
    return {store_ ? store_->path() : std::string(), config_.sync_config_path, config_.role_name, config_.wall_clock()};
}

ItPanel::StatusRead ItPanel::read_status(const StatusSource& source) {
    auto sync_settings = load_sync_settings(source.sync_config_path);
    if (!sync_settings)
        return {{}, "Không đọc được cài đặt của motcua-sync (" + source.sync_config_path + "): " + sync_settings.error()};
    // Its own connection: the window's one stays on the window's thread.
    auto store = EventStore::open(source.db_path);
    if (!store) return {{}, "Không đọc được cơ sở dữ liệu: " + store.error()};
    auto status = read_it_status(store.value(), sync_settings.value(), source.role_name, source.wall_now_ms);
    if (!status) return {{}, "Không đọc được cơ sở dữ liệu: " + status.error()};
    return {std::move(status.value()), ""};
}

void ItPanel::start_status_read(std::int64_t now_ms) {
    if (!store_) {
        model_.status_problem = "Không mở được cơ sở dữ liệu của máy: màn hình đang ngừng phục vụ.";
        return;
    }
    start("Đang kiểm tra dữ liệu của máy...", [source = status_source()]() -> ActionResult {
        return {true, "", read_status(source)};
    }, now_ms);
}

bool ItPanel::refresh(std::int64_t now_ms) {
    last_input_ms_ = now_ms;
    if (model_.screen != ItScreen::Status || model_.busy) return false;
    start_status_read(now_ms);
    return true;
}

bool ItPanel::show_enrol(std::int64_t now_ms) {
    last_input_ms_ = now_ms;
    if (model_.screen != ItScreen::Status || model_.busy) return false;
    model_.screen = ItScreen::EnrolCode;
    model_.enrol_code.clear();
    model_.result_message.clear();
    return true;
}

bool ItPanel::enrol_key(char c, std::int64_t now_ms) {
    last_input_ms_ = now_ms;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (model_.screen != ItScreen::EnrolCode || model_.enrol_code.size() >= kMaxCodeChars ||
        !std::strchr(kCodeAlphabet, c) || c == '\0')
        return false;
    model_.enrol_code.push_back(c);
    return true;
}

bool ItPanel::enrol_backspace(std::int64_t now_ms) {
    last_input_ms_ = now_ms;
    if (model_.screen != ItScreen::EnrolCode || model_.enrol_code.empty()) return false;
    model_.enrol_code.pop_back();
    return true;
}

bool ItPanel::cancel_enrol(std::int64_t now_ms) {
    last_input_ms_ = now_ms;
    if (model_.screen != ItScreen::EnrolCode || model_.busy) return false;
    model_.screen = ItScreen::Status;
    return true;
}

bool ItPanel::enrol_submit(std::int64_t now_ms) {
    last_input_ms_ = now_ms;
    if (model_.screen != ItScreen::EnrolCode || model_.busy || model_.enrol_code.empty()) return false;
    if (!store_) {
        model_.result_ok = false;
        model_.result_message = "Không đăng ký được: cơ sở dữ liệu của máy không mở được.";
        return true;
    }
    std::string db_path = store_->path();
    std::string code = model_.enrol_code;
    std::string sync_config = config_.sync_config_path;
    start("Đang đăng ký với máy chủ...", [db_path, code, sync_config, source = status_source()]() -> ActionResult {
        ActionResult r = enrol_with_code(db_path, code, sync_config);
        r.status = read_status(source);  // the status screen shows the new state when it returns
        return r;
    }, now_ms);
    return true;
}

ItPanel::ActionResult ItPanel::enrol_with_code(const std::string& db_path, const std::string& code,
                                               const std::string& sync_config) {
    auto settings = load_sync_settings(sync_config);
    if (!settings) return {false, "Không đọc được cài đặt của motcua-sync: " + settings.error()};
    if (settings->text("server.url").empty())
        return {false, "Chưa có địa chỉ máy chủ: ghi server.url vào cài đặt của motcua-sync (" + sync_config + ")."};
    // Its own connection, like the status read's.
    auto store = EventStore::open(db_path);
    if (!store) return {false, "Không mở được cơ sở dữ liệu: " + store.error()};
    auto outcome = sync::enroll_device(settings.value(), store.value(), "", code);
    if (outcome.ok)
        return {true, "Đăng ký thành công: thiết bị " + outcome.identity.device_id + ", điểm " +
                          outcome.identity.site_id + ", quầy " + outcome.identity.counter_id + "."};
    if (outcome.code_refused)
        return {false, "Máy chủ từ chối mã này (sai, đã dùng hoặc hết hạn). Xin mã mới ở máy chủ. Chi tiết: " +
                           outcome.message};
    return {false, "Không đăng ký được: " + outcome.message};
}

bool ItPanel::print_test(std::int64_t now_ms) {
    last_input_ms_ = now_ms;
    if (model_.screen != ItScreen::Status || model_.busy || !config_.print_test) return false;
    auto print = *config_.print_test;
    start("Đang in phiếu thử...", [print, source = status_source()]() -> ActionResult {
        std::string details;
        int code = print(details);
        ActionResult r{code == 0, code == 0 ? "Đã in phiếu thử. " + details : "In thử không thành công. " + details};
        r.status = read_status(source);
        return r;
    }, now_ms);
    return true;
}

bool ItPanel::restart() {
    if (model_.screen != ItScreen::Status || model_.busy) return false;
    model_.exit_code = kRestartExitCode;
    return true;
}

bool ItPanel::choose_start_language(Language language, std::int64_t now_ms) {
    last_input_ms_ = now_ms;
    if (model_.screen != ItScreen::Status || model_.busy || !model_.start_language || !store_) return false;
    if (auto saved = store_->set_meta(meta_key::kStartLanguage, language_code(language)); !saved) {
        model_.result_ok = false;
        model_.result_message = "Không lưu được lựa chọn ngôn ngữ: " + saved.error();
        return true;
    }
    model_.start_language = language;
    model_.result_ok = true;
    model_.result_message = std::string("Màn hình của công dân bắt đầu bằng ") +
                            (language == Language::Vi ? "tiếng Việt" : "tiếng Anh (English)") +
                            ". Máy giữ lựa chọn này cả khi khởi động lại.";
    return true;
}

void ItPanel::start(std::string busy_words, std::function<ActionResult()> work, std::int64_t now_ms) {
    model_.busy = true;
    model_.busy_words = std::move(busy_words);
    last_input_ms_ = now_ms;
    next_poll_ms_ = now_ms + kPollMs;
    work_ = std::async(std::launch::async, [work = std::move(work)]() -> ActionResult {
        try {
            return work();
        } catch (const std::exception& e) {  // a thread's edge: say it on screen, never terminate
            return {false, std::string("Lỗi: ") + e.what()};
        }
    });
}

void ItPanel::note_input(std::int64_t now_ms) { last_input_ms_ = now_ms; }

bool ItPanel::tick(std::int64_t now_ms) {
    if (model_.busy) next_poll_ms_ = now_ms + kPollMs;
    if (model_.busy && work_.valid() && work_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        ActionResult r = work_.get();
        model_.busy = false;
        if (!r.message_vi.empty()) {  // an action's outcome (a status read alone says nothing)
            model_.result_ok = r.ok;
            model_.result_message = r.message_vi;
            if (model_.screen == ItScreen::EnrolCode && r.ok) model_.screen = ItScreen::Status;
        }
        if (r.status) {
            model_.status = std::move(r.status->view);
            model_.status_problem = std::move(r.status->problem);
        }
        last_input_ms_ = now_ms;  // the idle time starts when the result is shown
        return true;
    }
    if (is_open() && !model_.busy && now_ms - last_input_ms_ >= config_.idle_ms) return close();
    return false;
}

std::optional<std::int64_t> ItPanel::next_deadline_ms() const {
    if (!is_open()) return std::nullopt;
    if (model_.busy) return next_poll_ms_;  // polled: the result arrives at any time
    return last_input_ms_ + config_.idle_ms;
}

}  // namespace motcua::kiosk
