#include "tests/support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <regex>
#include <stdexcept>
#include <thread>

namespace motcua::test {

namespace {
pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env, int& out_fd) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        setpgid(0, 0);
        for (auto& e : extra_env) putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> args;
        for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        std::fprintf(stderr, "exec %s failed: %s\n", args[0], std::strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    out_fd = fds[0];
    return pid;
}

int decode_status(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }
}  // namespace

std::string binary(const std::string& name) {
    for (const char* dir : {"/sync/", "/server/", "/kiosk/", "/bench/"}) {
        std::string path = std::string(MOTCUA_BINARY_DIR) + dir + name;
        if (access(path.c_str(), X_OK) == 0) return path;
    }
    throw std::runtime_error("built program not found: " + name);
}

std::string chomp(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

RunResult run(const std::vector<std::string>& argv, std::chrono::seconds limit, const std::vector<std::string>& env) {
    Process p(argv, env);
    auto deadline = std::chrono::steady_clock::now() + limit;
    RunResult result;
    while (true) {
        if (!p.running()) {
            result.output = p.output();
            result.exit_code = p.exit_code();
            return result;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            p.kill_hard();
            result.output = p.output() + "\n[test: killed after time limit]";
            return result;
        }
        p.output();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

Process::Process(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
    pid_ = spawn(argv, env, out_fd_);
}

Process::~Process() {
    terminate();
    if (out_fd_ >= 0) close(out_fd_);
}

void Process::read_available(int timeout_ms) {
    if (out_fd_ < 0) return;
    pollfd pfd{out_fd_, POLLIN, 0};
    while (poll(&pfd, 1, timeout_ms) > 0) {
        char buf[4096];
        ssize_t n = read(out_fd_, buf, sizeof buf);
        if (n <= 0) {
            close(out_fd_);
            out_fd_ = -1;
            return;
        }
        buffer_.append(buf, static_cast<size_t>(n));
        timeout_ms = 0;
    }
}

const std::string& Process::output() {
    read_available(0);
    return buffer_;
}

std::string Process::wait_for_line(const std::string& needle, std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    size_t scanned = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        read_available(50);
        size_t pos = buffer_.find(needle, scanned > needle.size() ? scanned - needle.size() : 0);
        if (pos != std::string::npos) {
            size_t start = buffer_.rfind('\n', pos);
            start = start == std::string::npos ? 0 : start + 1;
            size_t end = buffer_.find('\n', pos);
            return buffer_.substr(start, end == std::string::npos ? std::string::npos : end - start);
        }
        scanned = buffer_.size();
        if (out_fd_ < 0 && !running()) return "";
    }
    return "";
}

bool Process::running() {
    if (pid_ <= 0) return false;
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
        exit_code_ = decode_status(status);
        pid_ = -1;
        return false;
    }
    if (r < 0) pid_ = -1;
    return r == 0;
}

void Process::terminate() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 100 && running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (pid_ > 0) kill_hard();
}

void Process::kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    exit_code_ = -1;
    pid_ = -1;
    read_available(0);
}

ServingServer start_server(const std::vector<std::string>& args_before_serve, int wanted_port) {
    std::vector<std::string> argv{binary("motcua-server")};
    argv.insert(argv.end(), args_before_serve.begin(), args_before_serve.end());
    argv.insert(argv.end(), {"serve", "--port", std::to_string(wanted_port)});
    ServingServer served;
    served.process = std::make_unique<Process>(argv);
    std::string line = served.process->wait_for_line("listening on http://127.0.0.1:");
    std::smatch m;
    if (!std::regex_search(line, m, std::regex(R"(127\.0\.0\.1:(\d+))")))
        throw std::runtime_error("motcua-server did not start listening; it printed:\n" + served.process->output());
    served.port = std::stoi(m[1]);
    return served;
}

}  // namespace motcua::test
