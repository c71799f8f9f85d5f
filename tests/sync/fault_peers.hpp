// Peers on 127.0.0.1 that misbehave below HTTP: one accepts the connection and never answers,
// one answers with a trickle of bytes. They bind a port given by the test (the port a real
// server had), so the daemon keeps its enrolled URL, and close every socket when destroyed.
#pragma once
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace motcua::test {

class MisbehavingPeer {
public:
    enum class Mode { NeverAnswers, Trickles };

    MisbehavingPeer(int port, Mode mode) : mode_(mode) {
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int yes = 1;
        ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(static_cast<uint16_t>(port));
        if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 16) != 0) {
            ::close(listen_fd_);
            throw std::runtime_error("misbehaving peer cannot listen on port " + std::to_string(port));
        }
        thread_ = std::thread([this] { serve(); });
    }
    ~MisbehavingPeer() {
        stop_ = true;
        thread_.join();
        for (int fd : clients_) {
            // Reset, not a graceful close: no half-closed socket keeps the port for the real server.
            linger reset{1, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
            ::close(fd);
        }
        ::close(listen_fd_);
    }
    int connections() const { return connections_; }

private:
    void serve() {
        auto next_byte = std::chrono::steady_clock::now();
        while (!stop_) {
            pollfd p{listen_fd_, POLLIN, 0};
            if (::poll(&p, 1, 50) > 0) {
                int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
                if (fd >= 0) {
                    clients_.push_back(fd);
                    ++connections_;
                    if (mode_ == Mode::Trickles) {
                        // A status line and a long promised body, then one byte at a time.
                        std::string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
                        (void)!::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
                    }
                }
            }
            for (int fd : clients_) {  // drain what the client sends so it never blocks on us
                char buf[4096];
                while (::recv(fd, buf, sizeof buf, MSG_DONTWAIT) > 0) {
                }
            }
            if (mode_ == Mode::Trickles && std::chrono::steady_clock::now() >= next_byte) {
                for (int fd : clients_) (void)!::send(fd, " ", 1, MSG_NOSIGNAL);
                next_byte = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
            }
        }
    }

    Mode mode_;
    int listen_fd_ = -1;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::atomic<int> connections_{0};
    std::vector<int> clients_;
};

}  // namespace motcua::test
