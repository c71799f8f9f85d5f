// Runs the real binaries from tests: a child process with its stdout captured,
// killed (SIGTERM, then SIGKILL) when the handle goes away.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace motcua::test {

struct RunResult {
    int exit_code = -1;  // -1 when killed by a signal
    std::string output;  // stdout and stderr together
};

// Runs to completion, with a time limit after which the child is killed.
RunResult run(const std::vector<std::string>& argv, std::chrono::seconds limit = std::chrono::seconds(60),
              const std::vector<std::string>& extra_env = {});

class Process {
public:
    Process(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {});
    ~Process();
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    // Waits until a line of output contains `needle`; returns that line ("" on timeout or exit).
    std::string wait_for_line(const std::string& needle, std::chrono::milliseconds limit = std::chrono::seconds(20));
    const std::string& output();  // everything read so far
    void terminate();             // SIGTERM and wait
    void kill_hard();             // SIGKILL and wait: the process dies mid-step (the kernel keeps its page cache)
    bool running();
    pid_t pid() const { return pid_; }
    int exit_code() const { return exit_code_; }  // after the process ended; -1 if killed

private:
    void read_available(int timeout_ms);
    pid_t pid_ = -1;
    int exit_code_ = -1;
    int out_fd_ = -1;
    std::string buffer_;
};

// A motcua-server process serving on 127.0.0.1, and the port it chose.
struct ServingServer {
    std::unique_ptr<Process> process;
    int port = 0;
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};
// Starts `motcua-server ARGS serve --port WANTED` (0: any free port) and waits for the line
// that says where it listens. Throws, with what the server printed, if it never says so.
ServingServer start_server(const std::vector<std::string>& args_before_serve, int wanted_port = 0);

std::string binary(const std::string& name);  // path of a built program, e.g. "motcua-server"
// Output without its trailing line breaks: what a command printed as its one value (a code, a path).
std::string chomp(std::string text);

}  // namespace motcua::test
