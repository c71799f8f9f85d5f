// Copies the server database's write-ahead log back into the database file on a thread of its
// own, so that ingest requests only append to the log and fsync it. Without it SQLite checkpoints
// inside whichever commit pushes the log past 1 000 pages: that request then also writes and
// fsyncs the database file before it can answer. A checkpoint moves data between two files of
// the same database; it never decides whether a commit is durable (the commit's own fsync does).
#pragma once
#include <chrono>
#include <atomic>
#include <condition_variable>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.hpp"
#include "core/sqlite.hpp"

namespace motcua::server {

class WalCheckpointer {
public:
    // Opens its own connection to `path`; the serving connection should then stop checkpointing
    // by itself (ServerStore::checkpoint_in_commits(false)). A failed checkpoint is written to `log`
    // once until one succeeds again; SQLite's own checkpoint in commits stays the fallback only if
    // this cannot start.
    static Result<std::unique_ptr<WalCheckpointer>> start(const std::string& path, std::chrono::milliseconds every,
                                                          std::ostream& log);
    ~WalCheckpointer();  // one last checkpoint, then the thread ends
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    int checkpoints() const { return done_; }  // how many completed (for tests)

private:
    WalCheckpointer(sql::Database db, std::chrono::milliseconds every, std::ostream& log);
    void run();
    bool checkpoint_once();

    sql::Database db_;
    std::chrono::milliseconds every_;
    std::ostream& log_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool failing_ = false;
    std::atomic<int> done_{0};
    std::thread thread_;
};

}  // namespace motcua::server
