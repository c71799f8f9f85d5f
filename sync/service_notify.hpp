// Tells systemd how the daemon is doing (the sd_notify protocol: one datagram on the Unix socket
// named by $NOTIFY_SOCKET), without linking libsystemd. Outside a Type=notify unit there is no
// NOTIFY_SOCKET and every call does nothing.
#pragma once
#include <chrono>
#include <string>

namespace motcua::sync {

class ServiceNotifier {
public:
    // Reads NOTIFY_SOCKET and WATCHDOG_USEC from the environment.
    ServiceNotifier();

    void ready() { send("READY=1"); }
    void stopping() { send("STOPPING=1"); }
    // Pets the watchdog, at most twice per watchdog period (a no-op without WatchdogSec=).
    void alive();

private:
    void send(const std::string& message);

    std::string socket_path_;
    std::chrono::steady_clock::duration watchdog_period_{};
    std::chrono::steady_clock::time_point last_alive_{};
};

}  // namespace motcua::sync
