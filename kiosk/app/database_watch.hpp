// Wakes the window when another process on this machine commits to the shared event database
// (a counter calls a ticket: the board must show it now, not at its next timer). inotify on the
// database's folder, filtered to the database, its -wal file and the commit bell that QueueSession
// rings after each commit (queue_session.hpp: the -wal file changes before a commit is visible,
// the bell after); a thread turns the first change
// into one SDL event, and nothing more is sent until the window has acknowledged it, so a burst
// of commits costs one wake-up. An idle machine costs nothing: the thread sleeps in poll().
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "core/result.hpp"

namespace motcua::kiosk {

class DatabaseWatch {
public:
    // Needs SDL initialised (it registers its event type).
    static Result<std::unique_ptr<DatabaseWatch>> start(const std::string& database_path);
    ~DatabaseWatch();
    DatabaseWatch(const DatabaseWatch&) = delete;
    DatabaseWatch& operator=(const DatabaseWatch&) = delete;

    std::uint32_t event_type() const { return event_type_; }
    // The window has seen the event and is about to read the database: the next change wakes it again.
    void acknowledge() { pending_.store(false); }

private:
    DatabaseWatch() = default;
    void loop();

    int inotify_fd_ = -1;
    int stop_fd_ = -1;  // eventfd: written by the destructor to end loop()
    std::string db_name_, wal_name_, bell_name_;
    std::uint32_t event_type_ = 0;
    std::atomic<bool> pending_{false};
    std::thread thread_;
};

}  // namespace motcua::kiosk
