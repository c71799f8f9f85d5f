#include "kiosk/app/database_watch.hpp"

#include "kiosk/queue_session.hpp"

#include <SDL.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace motcua::kiosk {

Result<std::unique_ptr<DatabaseWatch>> DatabaseWatch::start(const std::string& database_path) {
    using R = Result<std::unique_ptr<DatabaseWatch>>;
    namespace fs = std::filesystem;
    std::unique_ptr<DatabaseWatch> w(new DatabaseWatch());
    fs::path path = fs::absolute(database_path);
    w->db_name_ = path.filename().string();
    w->wal_name_ = w->db_name_ + "-wal";
    w->bell_name_ = fs::path(commit_bell_path(path.string())).filename().string();
    Uint32 type = SDL_RegisterEvents(1);
    if (type == static_cast<Uint32>(-1)) return R::failure("cannot register an SDL event for the database watch");
    w->event_type_ = type;
    w->inotify_fd_ = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (w->inotify_fd_ < 0) return R::failure(std::string("inotify_init1: ") + std::strerror(errno));
    const std::string dir = path.parent_path().string();
    if (inotify_add_watch(w->inotify_fd_, dir.c_str(), IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE) < 0)
        return R::failure("cannot watch " + dir + " for database changes: " + std::strerror(errno));
    w->stop_fd_ = eventfd(0, EFD_CLOEXEC);
    if (w->stop_fd_ < 0) return R::failure(std::string("eventfd: ") + std::strerror(errno));
    w->thread_ = std::thread([raw = w.get()] { raw->loop(); });
    return R(std::move(w));
}

DatabaseWatch::~DatabaseWatch() {
    if (thread_.joinable()) {
        std::uint64_t one = 1;
        if (write(stop_fd_, &one, sizeof one) < 0) {
            // Cannot happen for an eventfd below its maximum; the join below would then hang, so detach.
            thread_.detach();
        } else {
            thread_.join();
        }
    }
    if (inotify_fd_ >= 0) close(inotify_fd_);
    if (stop_fd_ >= 0) close(stop_fd_);
}

void DatabaseWatch::loop() {
    alignas(inotify_event) char buffer[4096];
    for (;;) {
        pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if (fds[1].revents) return;
        bool ours = false;
        for (;;) {
            ssize_t n = read(inotify_fd_, buffer, sizeof buffer);
            if (n <= 0) break;
            for (char* p = buffer; p < buffer + n;) {
                auto* ev = reinterpret_cast<inotify_event*>(p);
                if (ev->len > 0) {
                    std::string name(ev->name);
                    if (name == db_name_ || name == wal_name_ || name == bell_name_) ours = true;
                }
                p += sizeof(inotify_event) + ev->len;
            }
        }
        if (ours && !pending_.exchange(true)) {
            SDL_Event e{};
            e.type = event_type_;
            SDL_PushEvent(&e);
        }
    }
}

}  // namespace motcua::kiosk
