// cpp-httplib's connection workers, bounded. Its own ThreadPool (0.11) has max(8, cores - 1)
// threads compiled into Debian's library and an unbounded list of accepted connections: one
// connection holds a worker for as long as it is kept alive, so with more kiosks than workers the
// rest wait in that list, unseen, for as long as it takes. Here the worker count and the number of
// connections allowed to wait are settings; a connection beyond them is still read (httplib owns
// the socket), but on one of the turn-away threads, where turning_away() is true and the server
// answers 503 with Retry-After before routing (HttpApi::install) and closes it. A client that
// connects and sends nothing holds a turn-away thread for server.keep_alive_seconds (httplib waits
// that long for a request): many such clients delay the 503s, never the workers' connections.
#pragma once
#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace motcua::server {

class BoundedWorkers : public httplib::TaskQueue {
public:
    // `on_turned_away` runs (on the accepting thread) for each connection sent to be turned away.
    BoundedWorkers(std::size_t workers, std::size_t max_waiting, std::function<void()> on_turned_away);
    ~BoundedWorkers() override;

    void enqueue(std::function<void()> fn) override;
    void shutdown() override;

    // True on a turn-away thread: the request being handled must get 503.
    static bool turning_away();

private:
    struct Lane {
        std::deque<std::function<void()>> jobs;
        std::vector<std::thread> threads;
        std::condition_variable wake;
    };
    void run(Lane& lane, bool turn_away);

    std::size_t max_waiting_;
    std::function<void()> on_turned_away_;
    std::mutex mutex_;
    std::size_t idle_workers_ = 0;  // workers not running a connection
    bool shutting_down_ = false;
    Lane workers_;
    Lane turn_away_;
};

}  // namespace motcua::server
