// Prints tickets on a thread of its own, so a printer that hangs for its whole timeout (a TCP
// printer that stops reading, say) never freezes the dispenser's screen: the ticket is already
// shown while its bytes go out. After each ticket it asks the printer's status (DLE EOT), so
// paper running out is noticed on the ticket that used the last of it, not on the next one.
#pragma once
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kiosk/print/printer.hpp"

namespace motcua::kiosk::dispenser {

struct PrintOutcome {
    std::string ticket_id;
    Status printed;               // every byte was taken by the printer (or the file)
    print::PrinterStatus status;  // asked after the ticket; `unknown` when the printer does not say
};

class PrintWorker {
public:
    PrintWorker(print::PrinterTarget target, int timeout_ms);
    ~PrintWorker();  // waits for the ticket being sent (bounded by the printer's timeouts)
    PrintWorker(const PrintWorker&) = delete;
    PrintWorker& operator=(const PrintWorker&) = delete;

    bool enabled() const { return printer_.enabled(); }
    const print::PrinterTarget& target() const { return printer_.target(); }
    void submit(std::string ticket_id, std::string bytes);
    // A finished ticket, if any; never waits.
    std::optional<PrintOutcome> poll();
    bool busy() const;  // a ticket queued or being sent

private:
    void run();

    print::Printer printer_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::pair<std::string, std::string>> jobs_;
    std::deque<PrintOutcome> done_;
    int in_flight_ = 0;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace motcua::kiosk::dispenser
