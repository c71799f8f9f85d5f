#include "kiosk/roles/dispenser/print_worker.hpp"

namespace motcua::kiosk::dispenser {

PrintWorker::PrintWorker(print::PrinterTarget target, int timeout_ms) : printer_(std::move(target), timeout_ms) {
    if (printer_.enabled()) thread_ = std::thread([this] { run(); });
}

PrintWorker::~PrintWorker() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void PrintWorker::submit(std::string ticket_id, std::string bytes) {
    {
        std::lock_guard lock(mutex_);
        jobs_.emplace_back(std::move(ticket_id), std::move(bytes));
        ++in_flight_;
    }
    wake_.notify_one();
}

std::optional<PrintOutcome> PrintWorker::poll() {
    std::lock_guard lock(mutex_);
    if (done_.empty()) return std::nullopt;
    PrintOutcome out = std::move(done_.front());
    done_.pop_front();
    return out;
}

bool PrintWorker::busy() const {
    std::lock_guard lock(mutex_);
    return in_flight_ > 0;
}

void PrintWorker::run() {
    for (;;) {
        std::pair<std::string, std::string> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
            // Tickets already queued are still printed at shutdown: each is someone's number.
            if (jobs_.empty()) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        PrintOutcome out{job.first, printer_.print(job.second), {}};
        if (out.printed) out.status = printer_.status();
        std::lock_guard lock(mutex_);
        done_.push_back(std::move(out));
        --in_flight_;
    }
}

}  // namespace motcua::kiosk::dispenser
