#include "tests/print/fake_printer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace motcua::test {

FakePrinter::FakePrinter(Mode mode, Answers answers, int receive_buffer) : mode_(mode), answers_(answers) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (receive_buffer > 0)  // inherited by accepted sockets: a printer with little room
        ::setsockopt(listen_fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 4) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        throw std::runtime_error("fake printer: cannot listen on 127.0.0.1");
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
}

FakePrinter::~FakePrinter() {
    stop_ = true;
    thread_.join();
    ::close(listen_fd_);
}

std::string FakePrinter::wait_for_ticket() {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(10), [this] { return !tickets_.empty(); });
    return tickets_.empty() ? std::string() : tickets_.front();
}

void FakePrinter::serve() {
    while (!stop_) {
        pollfd p{listen_fd_, POLLIN, 0};
        if (::poll(&p, 1, 50) != 1) continue;
        int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        handle(fd);
        ::close(fd);
    }
}

// One connection at a time, as a real printer's port 9100 takes them.
void FakePrinter::handle(int fd) {
    std::string received;
    bool status_talk = false;
    while (!stop_) {
        if (mode_ == Mode::stop_reading) {
            ::poll(nullptr, 0, 50);
            continue;
        }
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 50) != 1) continue;
        char buf[4096];
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) break;  // the sender closed: the ticket is complete
        if (received.empty() && buf[0] == 0x10) status_talk = true;
        received.append(buf, static_cast<std::size_t>(n));
        if (!status_talk || mode_ == Mode::mute) continue;
        while (received.size() >= 3) {  // answer each DLE EOT n
            unsigned char q = static_cast<unsigned char>(received[2]);
            unsigned char a = q == 1 ? answers_.n1 : q == 2 ? answers_.n2 : answers_.n4;
            ::send(fd, &a, 1, MSG_NOSIGNAL);
            received.erase(0, 3);
        }
    }
    if (!status_talk && !received.empty()) {
        std::lock_guard lock(mutex_);
        tickets_.push_back(received);
        changed_.notify_all();
    }
}

}  // namespace motcua::test
