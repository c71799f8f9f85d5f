#include "kiosk/print/printer.hpp"

#include <fcntl.h>
#include <linux/sockios.h>
#include <netdb.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

#include "kiosk/print/escpos.hpp"

namespace motcua::print {

namespace {

using Clock = std::chrono::steady_clock;

class Fd {
public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    ~Fd() { if (fd_ >= 0) ::close(fd_); }
    Fd(Fd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
    Fd& operator=(Fd&&) = delete;
    Fd(const Fd&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

std::string errno_text() { return std::strerror(errno); }

Result<Fd> connect_tcp(const PrinterTarget& t, int timeout_ms) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    std::string where = t.host + ":" + std::to_string(t.port);
    if (int rc = getaddrinfo(t.host.c_str(), std::to_string(t.port).c_str(), &hints, &found); rc != 0)
        return Result<Fd>::failure("cannot find the printer " + where + ": " + gai_strerror(rc));
    std::string last_error = "no address";
    for (addrinfo* a = found; a; a = a->ai_next) {
        Fd fd(::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol));
        if (fd.get() < 0) continue;
        if (::connect(fd.get(), a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
            last_error = errno_text();
            continue;
        }
        pollfd p{fd.get(), POLLOUT, 0};
        int ready = ::poll(&p, 1, timeout_ms);
        int err = 0;
        socklen_t len = sizeof err;
        if (ready == 1 && ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0) {
            freeaddrinfo(found);
            return Result<Fd>(std::move(fd));
        }
        last_error = ready == 0 ? "no answer within " + std::to_string(timeout_ms) + " ms" : std::strerror(err ? err : errno);
    }
    freeaddrinfo(found);
    return Result<Fd>::failure("cannot connect to the printer " + where + ": " + last_error);
}

Result<Fd> open_target(const PrinterTarget& t, int timeout_ms) {
    switch (t.kind) {
        case PrinterTarget::Kind::tcp: return connect_tcp(t, timeout_ms);
        case PrinterTarget::Kind::file: {
            Fd fd(::open(t.path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
            if (fd.get() < 0) return Result<Fd>::failure("cannot open " + t.path + ": " + errno_text());
            return Result<Fd>(std::move(fd));
        }
        case PrinterTarget::Kind::device: {
            Fd fd(::open(t.path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
            if (fd.get() < 0) return Result<Fd>::failure("cannot open the printer " + t.path + ": " + errno_text());
            termios tio{};
            if (::tcgetattr(fd.get(), &tio) == 0) {  // a serial port: raw bytes, no echo, no line editing
                ::cfmakeraw(&tio);
                (void)::tcsetattr(fd.get(), TCSANOW, &tio);
            }
            return Result<Fd>(std::move(fd));
        }
        case PrinterTarget::Kind::none: break;
    }
    return Result<Fd>::failure("printing is off (printer.target = none)");
}

// Writes everything, waiting at most timeout_ms for each step of progress.
Status write_all(const Fd& fd, std::string_view bytes, int timeout_ms, bool socket, const std::string& name) {
    const auto overall = Clock::now() + std::chrono::milliseconds(std::int64_t{timeout_ms} * 20);
    std::size_t done = 0;
    auto stalled = [&](const std::string& why) {
        return Status::failure("the printer " + name + " " + why + " after " + std::to_string(done) + " of " +
                               std::to_string(bytes.size()) + " bytes");
    };
    while (done < bytes.size()) {
        if (Clock::now() > overall) return stalled("was still taking the ticket " + std::to_string(timeout_ms * 20) + " ms later");
        pollfd p{fd.get(), POLLOUT, 0};
        int ready = ::poll(&p, 1, timeout_ms);
        if (ready < 0 && errno == EINTR) continue;
        if (ready == 0) return stalled("stopped taking data for " + std::to_string(timeout_ms) + " ms");
        if (ready < 0) return stalled("could not be waited for (" + errno_text() + ")");
        ssize_t n = socket ? ::send(fd.get(), bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL)
                           : ::write(fd.get(), bytes.data() + done, bytes.size() - done);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
        if (n < 0) return stalled("refused data (" + errno_text() + ")");
        done += static_cast<std::size_t>(n);
    }
    if (!socket) return Status::success();
    // Bytes in our send queue are not yet at the printer: wait until its side has acknowledged
    // them all, so a printer that stopped reading is reported now rather than never.
    int pending = 0, last_pending = -1;
    auto last_progress = Clock::now();
    while (::ioctl(fd.get(), SIOCOUTQ, &pending) == 0 && pending > 0) {
        if (pending != last_pending) {
            last_pending = pending;
            last_progress = Clock::now();
        } else if (Clock::now() - last_progress > std::chrono::milliseconds(timeout_ms)) {
            done = bytes.size() - static_cast<std::size_t>(pending);
            return stalled("stopped taking data for " + std::to_string(timeout_ms) + " ms");
        }
        if (Clock::now() > overall) return stalled("was still taking the ticket " + std::to_string(timeout_ms * 20) + " ms later");
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return Status::success();
}

// One DLE EOT n question; nullopt when no status byte comes back within the timeout.
std::optional<std::uint8_t> ask(const Fd& fd, int n, int timeout_ms, bool socket) {
    char drain[64];
    while (true) {  // answers left over from before are not this one's
        pollfd p{fd.get(), POLLIN, 0};
        if (::poll(&p, 1, 0) != 1 || !(p.revents & POLLIN) || ::read(fd.get(), drain, sizeof drain) <= 0) break;
    }
    const char question[3] = {kDle, kEot, static_cast<char>(n)};
    if (!write_all(fd, std::string_view(question, 3), timeout_ms, socket, "").ok()) return std::nullopt;
    auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (true) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return std::nullopt;
        pollfd p{fd.get(), POLLIN, 0};
        int ready = ::poll(&p, 1, static_cast<int>(left));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return std::nullopt;
        std::uint8_t b = 0;
        ssize_t got = ::read(fd.get(), &b, 1);
        if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (got <= 0) return std::nullopt;  // closed, or an error
        if (is_status_byte(b)) return b;    // other bytes (noise, echoes) are skipped
    }
}

}  // namespace

std::string PrinterTarget::text() const {
    switch (kind) {
        case Kind::none: return "none";
        case Kind::file: return "file:" + path;
        case Kind::tcp: return "tcp:" + host + ":" + std::to_string(port);
        case Kind::device: return "device:" + path;
    }
    return "none";
}

Result<PrinterTarget> parse_printer_target(std::string_view text) {
    using R = Result<PrinterTarget>;
    PrinterTarget t;
    auto rest_after = [&](std::string_view prefix) { return std::string(text.substr(prefix.size())); };
    if (text == "none" || text.empty()) return t;
    if (text.rfind("file:", 0) == 0 || text.rfind("device:", 0) == 0) {
        bool file = text[0] == 'f';
        t.kind = file ? PrinterTarget::Kind::file : PrinterTarget::Kind::device;
        t.path = rest_after(file ? "file:" : "device:");
        if (t.path.empty() || t.path[0] != '/') return R::failure("printer target \"" + std::string(text) + "\": the path must be absolute");
        return t;
    }
    if (text.rfind("tcp:", 0) == 0) {
        t.kind = PrinterTarget::Kind::tcp;
        std::string rest = rest_after("tcp:");
        auto colon = rest.rfind(':');
        t.host = colon == std::string::npos ? rest : rest.substr(0, colon);
        if (colon != std::string::npos) {
            std::string port = rest.substr(colon + 1);
            bool digits = !port.empty() && port.size() <= 5 && port.find_first_not_of("0123456789") == std::string::npos;
            if (!digits || std::stoi(port) < 1 || std::stoi(port) > 65535)
                return R::failure("printer target \"" + std::string(text) + "\": the port must be 1..65535");
            t.port = std::stoi(port);
        }
        if (t.host.empty()) return R::failure("printer target \"" + std::string(text) + "\": no host");
        return t;
    }
    return R::failure("printer target \"" + std::string(text) +
                      "\" is not none, file:/path, tcp:HOST:PORT or device:/dev/...");
}

const char* printer_state_name(PrinterState state) {
    switch (state) {
        case PrinterState::ok: return "ok";
        case PrinterState::paper_near_end: return "paper_near_end";
        case PrinterState::paper_out: return "paper_out";
        case PrinterState::cover_open: return "cover_open";
        case PrinterState::offline: return "offline";
        case PrinterState::error: return "error";
        case PrinterState::unknown: return "unknown";
        case PrinterState::not_configured: return "not_configured";
    }
    return "unknown";
}

Status Printer::print(std::string_view bytes) {
    auto fd = open_target(target_, timeout_ms_);
    if (!fd) return fd.status();
    return write_all(fd.value(), bytes, timeout_ms_, target_.kind == PrinterTarget::Kind::tcp, target_.text());
}

PrinterStatus Printer::status() {
    if (target_.kind == PrinterTarget::Kind::none) return {PrinterState::not_configured, "printer.target is none"};
    if (target_.kind == PrinterTarget::Kind::file) return {PrinterState::unknown, "a file does not answer status questions"};
    auto fd = open_target(target_, timeout_ms_);
    if (!fd) return {PrinterState::offline, fd.error()};
    bool socket = target_.kind == PrinterTarget::Kind::tcp;
    PrinterFlags flags;
    std::string answers;
    for (int n : {1, 2, 4}) {
        auto b = ask(fd.value(), n, timeout_ms_, socket);
        if (!b) {
            if (n == 1)
                return {PrinterState::unknown,
                        "no answer to DLE EOT within " + std::to_string(timeout_ms_) + " ms (" + target_.text() + ")"};
            continue;  // some printers answer only n = 1; what they said still counts
        }
        apply_status_byte(n, *b, flags);
        char hex[16];
        std::snprintf(hex, sizeof hex, "%s%d=0x%02X", answers.empty() ? "" : " ", n, *b);
        answers += hex;
    }
    PrinterState state = flags.paper_out   ? PrinterState::paper_out
                         : flags.cover_open ? PrinterState::cover_open
                         : flags.error      ? PrinterState::error
                         : flags.offline    ? PrinterState::offline
                         : flags.paper_near_end ? PrinterState::paper_near_end
                                                : PrinterState::ok;
    return {state, "DLE EOT answers " + answers};
}

std::optional<PrinterAlarm> alarm_for_status(const PrinterStatus& status) {
    switch (status.state) {
        case PrinterState::paper_out:
            return PrinterAlarm{"printer_paper_out", "Máy in số thứ tự đã hết giấy. Vui lòng thay cuộn giấy mới.",
                                "ticket printer is out of paper"};
        case PrinterState::paper_near_end:
            return PrinterAlarm{"printer_paper_near_end", "Máy in số thứ tự sắp hết giấy. Vui lòng chuẩn bị cuộn giấy mới.",
                                "ticket printer paper is nearly out"};
        case PrinterState::cover_open:
            return PrinterAlarm{"printer_cover_open", "Nắp máy in số thứ tự đang mở. Vui lòng đóng nắp máy in.",
                                "ticket printer cover is open"};
        case PrinterState::error:
            return PrinterAlarm{"printer_error",
                                "Máy in số thứ tự báo lỗi (kẹt dao cắt hoặc đầu in quá nóng). Vui lòng kiểm tra máy in.",
                                "ticket printer reports an error (cutter jam or head too hot): " + status.detail};
        case PrinterState::offline:
            return PrinterAlarm{"printer_offline", "Máy in số thứ tự không sẵn sàng. Vui lòng kiểm tra nguồn điện và dây kết nối.",
                                "ticket printer is offline: " + status.detail};
        case PrinterState::ok:
        case PrinterState::unknown:
        case PrinterState::not_configured: break;
    }
    return std::nullopt;
}

PrinterAlarm alarm_for_print_failure(const Status& failure) {
    return PrinterAlarm{"printer_failed",
                        "Không in được phiếu số thứ tự. Vui lòng kiểm tra máy in và dây kết nối.",
                        "ticket not printed: " + failure.error()};
}

}  // namespace motcua::print
