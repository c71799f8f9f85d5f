// A thermal printer on 127.0.0.1 played by a thread in the test: it takes tickets, answers
// DLE EOT status questions with chosen bytes, or misbehaves (stops reading, never answers).
// Every wait in it is bounded; it stops when the object goes away.
#pragma once
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace motcua::test {

class FakePrinter {
public:
    enum class Mode {
        normal,        // reads tickets to the end; answers status questions with `answers`
        stop_reading,  // accepts, then never reads a byte (a jammed printer with a full buffer)
        mute,          // reads everything, never answers a status question
    };
    struct Answers {
        unsigned char n1, n2, n4;  // the bytes sent back to DLE EOT 1, 2 and 4
    };
    static constexpr Answers kAllClear{0x12, 0x12, 0x12};

    explicit FakePrinter(Mode mode, Answers answers = kAllClear, int receive_buffer = 0);
    ~FakePrinter();
    FakePrinter(const FakePrinter&) = delete;
    FakePrinter& operator=(const FakePrinter&) = delete;

    int port() const { return port_; }
    std::string target() const { return "tcp:127.0.0.1:" + std::to_string(port_); }
    // The bytes of the first ticket connection once the sender closed it; empty after 10 s.
    std::string wait_for_ticket();

private:
    void serve();
    void handle(int fd);
    Mode mode_;
    Answers answers_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::string> tickets_;
    std::thread thread_;
};

}  // namespace motcua::test
