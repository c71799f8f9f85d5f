#include "sync/service_notify.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace motcua::sync {

ServiceNotifier::ServiceNotifier() {
    if (const char* path = std::getenv("NOTIFY_SOCKET")) socket_path_ = path;
    if (const char* usec = std::getenv("WATCHDOG_USEC")) {
        long long value = std::atoll(usec);
        if (value > 0) watchdog_period_ = std::chrono::microseconds(value);
    }
}

void ServiceNotifier::alive() {
    if (watchdog_period_ == std::chrono::steady_clock::duration::zero()) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_alive_ < watchdog_period_ / 2) return;
    last_alive_ = now;
    send("WATCHDOG=1");
}

void ServiceNotifier::send(const std::string& message) {
    if (socket_path_.empty()) return;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (socket_path_.size() >= sizeof(address.sun_path)) return;
    std::memcpy(address.sun_path, socket_path_.data(), socket_path_.size());
    if (address.sun_path[0] == '@') address.sun_path[0] = '\0';  // abstract socket namespace
    int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return;  // a missed message ends in systemd's start or watchdog timeout and a restart
    auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socket_path_.size());
    (void)::sendto(fd, message.data(), message.size(), MSG_NOSIGNAL, reinterpret_cast<sockaddr*>(&address), length);
    ::close(fd);
}

}  // namespace motcua::sync
