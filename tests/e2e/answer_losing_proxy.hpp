// A loopback HTTP proxy between motcua-sync and motcua-server that can make a batch's answer
// never arrive. Every request is forwarded to the server on its own connection. When the test
// has armed a cut, the next POST of a batch is treated one of two ways:
//   - AfterCommit: the proxy reads the server's complete answer (so the server has committed the
//     batch), then waits for the test to SIGKILL the server, and closes the kiosk's connection
//     without answering: the kiosk never learns its batch was stored.
//   - InFlight: the proxy forwards the batch and at once waits for the test to SIGKILL the server,
//     which may have committed the batch or not; again the kiosk gets no answer.
// The proxy only pauses; the killing and restarting is the test's (it owns the server process).
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/gzip.hpp"

namespace motcua::test {

class AnswerLosingProxy {
public:
    enum class Cut { AfterCommit, InFlight };

    explicit AnswerLosingProxy(int upstream_port) : upstream_port_(upstream_port) {
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr = loopback(0);
        if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::listen(listen_fd_, 16) != 0)
            throw std::runtime_error("proxy: cannot listen on 127.0.0.1");
        socklen_t len = sizeof addr;
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        accept_thread_ = std::thread([this] { accept_loop(); });
    }
    ~AnswerLosingProxy() {
        stop_ = true;
        release();
        accept_thread_.join();
        for (auto& t : connections_) t.join();
        ::close(listen_fd_);
    }
    AnswerLosingProxy(const AnswerLosingProxy&) = delete;
    AnswerLosingProxy& operator=(const AnswerLosingProxy&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    // The next batch POST is cut this way.
    void arm(Cut cut) {
        std::lock_guard lock(mutex_);
        armed_ = cut;
    }
    // Waits until a cut batch is held; true when one is (the server may now be killed).
    bool wait_for_held(std::chrono::milliseconds limit) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, limit, [&] { return held_; });
    }
    // The server is dead: the held connection is closed without an answer.
    void release() {
        std::lock_guard lock(mutex_);
        held_ = false;
        released_ = true;
        changed_.notify_all();
    }
    int cuts() {
        std::lock_guard lock(mutex_);
        return cuts_;
    }
    // Bodies of the answers to batches that were passed on to the kiosk.
    std::vector<std::string> batch_answers() {
        std::lock_guard lock(mutex_);
        return answers_;
    }

private:
    static sockaddr_in loopback(int port) {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return addr;
    }

    // Reads one HTTP message (headers, then a Content-Length body) from fd into `out`.
    bool read_message(int fd, std::string& out) {
        out.clear();
        std::size_t header_end = std::string::npos;
        std::size_t total = 0;
        while (!stop_) {
            if (header_end == std::string::npos) {
                header_end = out.find("\r\n\r\n");
                if (header_end != std::string::npos) {
                    header_end += 4;
                    total = header_end + content_length(out.substr(0, header_end));
                }
            }
            if (header_end != std::string::npos && out.size() >= total) return true;
            pollfd pfd{fd, POLLIN, 0};
            if (::poll(&pfd, 1, 100) <= 0) continue;
            char buf[16384];
            ssize_t n = ::read(fd, buf, sizeof buf);
            if (n <= 0) return false;
            out.append(buf, static_cast<std::size_t>(n));
        }
        return false;
    }

    static std::size_t content_length(std::string headers) {
        for (auto& c : headers) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto at = headers.find("\r\ncontent-length:");
        if (at == std::string::npos) return 0;
        return static_cast<std::size_t>(std::strtoull(headers.c_str() + at + 17, nullptr, 10));
    }

    static bool write_all(int fd, const std::string& data) {
        std::size_t done = 0;
        while (done < data.size()) {
            ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
            if (n <= 0) return false;
            done += static_cast<std::size_t>(n);
        }
        return true;
    }

    // Holds the kiosk's connection until the test has killed the server (or the proxy stops).
    void hold() {
        std::unique_lock lock(mutex_);
        ++cuts_;
        held_ = true;
        released_ = false;
        changed_.notify_all();
        changed_.wait(lock, [&] { return released_ || stop_; });
    }

    void serve(int client) {
        std::string request, answer;
        while (!stop_ && read_message(client, request)) {
            bool is_batch = request.rfind("POST /api/v1/events ", 0) == 0;
            std::optional<Cut> cut;
            if (is_batch) {
                std::lock_guard lock(mutex_);
                std::swap(cut, armed_);
            }
            int upstream = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            sockaddr_in addr = loopback(upstream_port_);
            bool ok = upstream >= 0 && ::connect(upstream, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                      write_all(upstream, request);
            if (ok && cut == Cut::InFlight) {
                hold();
                ok = false;
            } else if (ok) {
                ok = read_message(upstream, answer);
                if (ok && cut == Cut::AfterCommit) {
                    hold();
                    ok = false;
                }
            }
            if (upstream >= 0) ::close(upstream);
            // A server that is down, or a cut: the kiosk's connection closes without an answer.
            if (!ok) break;
            if (is_batch) {
                std::lock_guard lock(mutex_);
                std::size_t end_of_head = answer.find("\r\n\r\n");
                std::string head = answer.substr(0, end_of_head), body = answer.substr(end_of_head + 4);
                std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
                // The kiosk accepts gzip, so the server may compress the answer: keep it readable.
                if (head.find("content-encoding: gzip") != std::string::npos)
                    if (auto plain = gzip_decompress(body); plain) body = plain.value();
                answers_.push_back(std::move(body));
            }
            if (!write_all(client, answer)) break;
        }
        ::close(client);
    }

    void accept_loop() {
        while (!stop_) {
            pollfd pfd{listen_fd_, POLLIN, 0};
            if (::poll(&pfd, 1, 100) <= 0) continue;
            int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (client >= 0) connections_.emplace_back([this, client] { serve(client); });
        }
    }

    int upstream_port_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::thread accept_thread_;
    std::vector<std::thread> connections_;  // touched only by the accept thread until it is joined
    std::mutex mutex_;
    std::condition_variable changed_;
    std::optional<Cut> armed_;
    bool held_ = false;
    bool released_ = false;
    int cuts_ = 0;
    std::vector<std::string> answers_;
};

}  // namespace motcua::test
