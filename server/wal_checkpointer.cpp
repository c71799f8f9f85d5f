#include "server/wal_checkpointer.hpp"

#include <ostream>

namespace motcua::server {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::start(const std::string& path,
                                                                std::chrono::milliseconds every, std::ostream& log) {
    auto db = sql::Database::open(path);
    if (!db) return Result<std::unique_ptr<WalCheckpointer>>::failure(db.error());
    return std::unique_ptr<WalCheckpointer>(new WalCheckpointer(std::move(db.value()), every, log));
}

WalCheckpointer::WalCheckpointer(sql::Database db, std::chrono::milliseconds every, std::ostream& log)
    : db_(std::move(db)), every_(every), log_(log) {
    thread_ = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

bool WalCheckpointer::checkpoint_once() {
    try {
        // PASSIVE: copies what no reader still needs and waits for nobody; the rest goes next time.
        db_.exec("PRAGMA wal_checkpoint(PASSIVE)");
        ++done_;
        if (failing_) log_ << "motcua-server: the database log is copied into the database file again\n";
        failing_ = false;
        return true;
    } catch (const sql::Error& e) {
        if (!failing_)
            log_ << "motcua-server: cannot copy the database log into the database file (" << e.what()
                 << "); the log grows until this works again, nothing is lost\n";
        failing_ = true;
        return false;
    }
}

void WalCheckpointer::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, every_, [this] { return stopping_; });
        lock.unlock();
        checkpoint_once();
        lock.lock();
    }
}

}  // namespace motcua::server
