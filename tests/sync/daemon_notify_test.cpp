// motcua-sync under systemd's Type=notify: the real daemon, a real Unix datagram socket standing in
// for systemd's NOTIFY_SOCKET, and the real server on 127.0.0.1.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "tests/sync/daemon_rig.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

// A bound datagram socket, as systemd offers one to a Type=notify service.
class NotifySocket {
public:
    explicit NotifySocket(const std::string& path) : path_(path) {
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        REQUIRE(path.size() < sizeof(address.sun_path));
        std::memcpy(address.sun_path, path.data(), path.size());
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
        timeval tick{0, 100 * 1000};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tick, sizeof(tick));
    }
    ~NotifySocket() { ::close(fd_); }

    // Collects messages until `count` of them equal `wanted` or `limit` passes; returns whether they came.
    bool wait_for(const std::string& wanted, int count = 1, std::chrono::milliseconds limit = 20s) {
        auto until = std::chrono::steady_clock::now() + limit;
        while (seen(wanted) < count && std::chrono::steady_clock::now() < until) {
            char buffer[256];
            auto n = ::recv(fd_, buffer, sizeof(buffer), 0);
            if (n > 0) messages_.emplace_back(buffer, static_cast<std::size_t>(n));
        }
        return seen(wanted) >= count;
    }
    int seen(const std::string& wanted) const {
        return static_cast<int>(std::count(messages_.begin(), messages_.end(), wanted));
    }

private:
    std::string path_;
    int fd_ = -1;
    std::vector<std::string> messages_;
};

}  // namespace

TEST_CASE("the sync daemon tells systemd it is ready then alive while it waits and that it stops on SIGTERM") {
    DaemonRig rig;
    rig.enrol_with_real_server();
    NotifySocket systemd(rig.dir.file("notify"));
    // WATCHDOG_USEC as systemd sets it for WatchdogSec=1: the daemon must pet at least every 0.5 s.
    auto daemon = rig.start_daemon({}, {"NOTIFY_SOCKET=" + rig.dir.file("notify"), "WATCHDOG_USEC=1000000"});
    CHECK(systemd.wait_for("READY=1"));
    rig.rate(3);
    CHECK(wait_until([&] { return rig.pending() == 0; }));
    // interval_seconds = 1 and a heartbeat every 5 s: several watchdog pets come while it sleeps.
    CHECK(systemd.wait_for("WATCHDOG=1", 4));
    CHECK(systemd.seen("STOPPING=1") == 0);
    daemon->terminate();
    CHECK(systemd.wait_for("STOPPING=1", 1, 5s));
    CHECK(daemon->exit_code() == 0);
}

TEST_CASE("the sync daemon does not say it is ready when it is not enrolled") {
    DaemonRig rig;  // no device.json: `run` must fail, and systemd must see a failed start
    NotifySocket systemd(rig.dir.file("notify"));
    auto r = rig.sync({"run"}, {}, {"NOTIFY_SOCKET=" + rig.dir.file("notify"), "WATCHDOG_USEC=1000000"});
    CHECK(r.exit_code != 0);
    CHECK_FALSE(systemd.wait_for("READY=1", 1, 500ms));
}
