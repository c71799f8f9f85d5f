// Where tickets go, from one setting (printer.target), and what the printer says about itself.
// Every write and read is bounded by a timeout (poll), so a printer that stops reading, or
// never answers, is reported instead of hanging the dispenser.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace motcua::print {

struct PrinterTarget {
    enum class Kind { none, file, tcp, device };
    Kind kind = Kind::none;
    std::string path;  // file or device path
    std::string host;  // tcp
    int port = 9100;   // tcp
    std::string text() const;
};

// "none", "file:/path", "tcp:HOST:PORT" (PORT defaults to 9100), "device:/dev/usb/lp0" or a
// serial port "device:/dev/ttyUSB0" (switched to raw bytes; its speed is left as the system set it).
Result<PrinterTarget> parse_printer_target(std::string_view text);

enum class PrinterState { ok, paper_near_end, paper_out, cover_open, offline, error, unknown, not_configured };
const char* printer_state_name(PrinterState state);  // "ok", "paper_out", ... for logs and output

struct PrinterStatus {
    PrinterState state = PrinterState::unknown;
    std::string detail;  // plain English: why unknown, or the raw answers
};

class Printer {
public:
    Printer(PrinterTarget target, int timeout_ms) : target_(std::move(target)), timeout_ms_(timeout_ms) {}
    const PrinterTarget& target() const { return target_; }
    bool enabled() const { return target_.kind != PrinterTarget::Kind::none; }

    // Sends the whole ticket (a failure when the target is none). Success means every byte was taken: written to the file or device,
    // or, over TCP, acknowledged by the printer's network side (not that paper came out: ask
    // status() for that). Fails when nothing moves for timeout_ms, or after 20 x timeout_ms in all.
    Status print(std::string_view bytes);

    // Asks with DLE EOT 1, 2 and 4. A printer (or file) that does not answer within timeout_ms
    // is `unknown`, never a hang.
    PrinterStatus status();

private:
    PrinterTarget target_;
    int timeout_ms_;
};

// What staff must be told about a printer, for the staff-visible alarm and the device.alarm event.
struct PrinterAlarm {
    std::string code;  // e.g. "printer_paper_out"
    std::string vi;    // for the staff screen
    std::string en;    // for logs
};

// None when nothing needs a person: ok, not configured, or a printer that does not report status.
std::optional<PrinterAlarm> alarm_for_status(const PrinterStatus& status);
PrinterAlarm alarm_for_print_failure(const Status& failure);

}  // namespace motcua::print
