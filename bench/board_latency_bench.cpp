// Call -> shown on the lobby board in another process, and a burst of calls.
//   bench_board_latency MOTCUA_KIOSK [calls=200] [burst=1000] [idle-seconds=10]
// Starts `motcua-kiosk --role board` (offscreen without a display, SDL's disk audio driver) on a
// fresh database and plays the counters itself in this process: each call is committed, its
// commit time taken on CLOCK_MONOTONIC, and the board's "board: showing N ... mono_us=T" line
// (the frame that contains the call) gives the other end on the same clock. Then it measures the
// board's idle CPU (before any call, like bench/kiosk_runtime.sh), and the burst: `burst` calls
// committed as fast as possible, every one must be queued for speaking in order and the last one
// shown; reports the time from the last commit to the frame showing it, and the peak RSS.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "kiosk/queue_session.hpp"

using namespace motcua;

namespace {

std::int64_t mono_us() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct Board {
    pid_t pid = -1;
    int fd = -1;
    std::string pending;
    std::vector<std::string> lines;

    // Reads what the board printed until a line containing `needle` arrives; returns it ("" on timeout).
    std::string wait_for(const std::string& needle, int timeout_ms, size_t from = 0) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        size_t checked = from;
        for (;;) {
            for (; checked < lines.size(); ++checked)
                if (lines[checked].find(needle) != std::string::npos) return lines[checked];
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
            if (left.count() <= 0) return "";
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
            char buf[65536];
            ssize_t n = read(fd, buf, sizeof buf);
            if (n <= 0) return "";
            pending.append(buf, static_cast<size_t>(n));
            for (size_t nl; (nl = pending.find('\n')) != std::string::npos;) {
                lines.push_back(pending.substr(0, nl));
                pending.erase(0, nl + 1);
            }
        }
    }
};

Board start_board(const std::string& kiosk, const std::string& db, const std::string& dir) {
    int pipefd[2];
    if (pipe(pipefd) != 0) std::exit(1);
    Board b;
    b.pid = fork();
    if (b.pid == 0) {
        dup2(pipefd[1], 1);
        dup2(pipefd[1], 2);
        close(pipefd[0]);
        setenv("SDL_AUDIODRIVER", "disk", 1);
        setenv("SDL_DISKAUDIOFILE", (dir + "/audio.raw").c_str(), 1);
        execl(kiosk.c_str(), kiosk.c_str(), "--role", "board", "--db", db.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(pipefd[1]);
    b.fd = pipefd[0];
    return b;
}

std::int64_t field_us(const std::string& line, const std::string& key) {
    auto at = line.find(key);
    return at == std::string::npos ? -1 : std::stoll(line.substr(at + key.size()));
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

long proc_ticks(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string s;
    std::getline(in, s);
    std::istringstream fields(s.substr(s.rfind(')') + 2));
    std::string f;
    long utime = 0, stime = 0;
    for (int i = 3; fields >> f; ++i) {
        if (i == 14) utime = std::stol(f);
        if (i == 15) { stime = std::stol(f); break; }
    }
    return utime + stime;
}

long peak_rss_kb(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: bench_board_latency MOTCUA_KIOSK [calls=200] [burst=1000] [idle-seconds=10]\n";
        return 2;
    }
    const std::string kiosk = argv[1];
    const int calls = argc > 2 ? std::atoi(argv[2]) : 200;
    const int burst = argc > 3 ? std::atoi(argv[3]) : 1000;
    const int idle_s = argc > 4 ? std::atoi(argv[4]) : 10;
    char tmpl[] = "/tmp/motcua-board-bench-XXXXXX";
    if (!mkdtemp(tmpl)) return 1;
    const std::string dir = tmpl, db = dir + "/kiosk.db";

    // The counters: the default queue (as the board has it), open all day; counters 1 and 2.
    queue::QueueSettings settings = queue::default_queue_settings();
    for (auto& day : settings.opening_hours.by_weekday) day = {{0, 24 * 60}};
    settings.opening_hours.closed_dates.clear();
    EventStore store = std::move(EventStore::open(db).value());
    kiosk::QueueSession q = std::move(kiosk::QueueSession::open(store, settings).value());
    auto must = [&](const kiosk::QueueSession::Command& c) {
        auto out = q.run(c);
        if (!out || !out->command.ok()) {
            std::cerr << "command failed: " << (out ? out->command.refusal().message : out.error()) << "\n";
            std::exit(1);
        }
        return out->command.ticket();
    };
    const int per_counter = (calls + burst) / 2 + 1;
    if (per_counter > 999) {
        std::cerr << "at most 1996 calls in all (999 numbers per field, two counters)\n";
        return 2;
    }
    for (int c = 0; c < 2; ++c) {
        const std::string counter = settings.counters[static_cast<size_t>(c)].id;
        for (int i = 0; i < per_counter; ++i)
            must([&](const queue::QueueAuthority& a) {
                return a.issue({settings.counters[static_cast<size_t>(c)].fields[0], "", "", "bench"}, clock::unix_ms_now());
            });
        must([&](const queue::QueueAuthority& a) { return a.sign_in(counter, "cb" + counter, clock::unix_ms_now()); });
    }
    bool busy[2] = {false, false};
    auto call = [&](int c) {
        const std::string counter = settings.counters[static_cast<size_t>(c)].id, officer = "cb" + counter;
        if (busy[c]) must([&](const queue::QueueAuthority& a) { return a.finish(counter, officer, {}, clock::unix_ms_now()); });
        busy[c] = true;
        return must([&](const queue::QueueAuthority& a) { return a.call_next(counter, officer, clock::unix_ms_now()); });
    };

    Board board = start_board(kiosk, db, dir);
    if (board.wait_for("first frame shown", 10000).empty()) {
        std::cerr << "the board showed no frame\n";
        kill(board.pid, SIGTERM);
        waitpid(board.pid, nullptr, 0);
        return 1;
    }
    // Idle: nothing called yet, the clock's minute timer only.
    std::this_thread::sleep_for(std::chrono::seconds(2));
    long t1 = proc_ticks(board.pid);
    std::this_thread::sleep_for(std::chrono::seconds(idle_s));
    long t2 = proc_ticks(board.pid);
    const double idle_cpu = 100.0 * static_cast<double>(t2 - t1) / static_cast<double>(sysconf(_SC_CLK_TCK)) / idle_s;

    std::vector<double> latency_ms;
    int n = 0;
    for (int i = 0; i < calls; ++i) {
        call(i % 2);
        const std::int64_t committed = mono_us();
        ++n;
        std::string line = board.wait_for("board: showing " + std::to_string(n) + " ", 70000);
        if (line.empty()) {
            std::cerr << "call " << n << " never shown; the board said:\n";
            for (const auto& l : board.lines) std::cerr << "  " << l << "\n";
            kill(board.pid, SIGTERM);
            waitpid(board.pid, nullptr, 0);
            return 1;
        }
        latency_ms.push_back(static_cast<double>(field_us(line, "mono_us=") - committed) / 1000.0);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }

    const size_t burst_from = board.lines.size();
    std::vector<std::string> expected;
    const std::int64_t burst_start = mono_us();
    for (int i = 0; i < burst; ++i) {
        const std::string id = call(i % 2);
        expected.push_back(q.state().ticket(id)->display + " -> " + settings.counters[static_cast<size_t>(i % 2)].id);
    }
    const std::int64_t burst_committed = mono_us();
    const int last = n + burst;
    std::string shown = board.wait_for("board: showing " + std::to_string(last) + " ", 60000, burst_from);
    std::string queued = board.wait_for("board: queued " + std::to_string(last) + " ", 60000, burst_from);
    std::vector<std::string> got;
    for (size_t i = burst_from; i < board.lines.size(); ++i) {
        const std::string& l = board.lines[i];
        if (l.rfind("board: queued ", 0) != 0) continue;
        auto sp = l.find(' ', 14);
        got.push_back(l.substr(sp + 1, l.rfind(" for speaking") - sp - 1));
    }
    const bool in_order = got == expected;
    const long rss_kb = peak_rss_kb(board.pid);
    kill(board.pid, SIGTERM);
    waitpid(board.pid, nullptr, 0);
    std::filesystem::remove_all(dir);

    std::printf("board: call -> shown in another process, %d calls one at a time\n", calls);
    std::printf("  p50 %.1f ms, p99 %.1f ms, max %.1f ms (target < 100 ms)\n", percentile(latency_ms, 0.5),
                percentile(latency_ms, 0.99), percentile(latency_ms, 1.0));
    std::printf("burst of %d calls committed in %.0f ms (%.0f calls/s, two counters, call + finish each)\n", burst,
                static_cast<double>(burst_committed - burst_start) / 1000.0,
                burst * 1e6 / static_cast<double>(burst_committed - burst_start));
    std::printf("  queued for speaking: %zu of %d, in commit order: %s\n", got.size(), burst, in_order ? "yes" : "NO");
    if (!shown.empty())
        std::printf("  last call shown %.1f ms after the last commit\n",
                    static_cast<double>(field_us(shown, "mono_us=") - burst_committed) / 1000.0);
    else
        std::printf("  last call NOT shown within 60 s\n");
    std::printf("idle CPU over %d s before any call: %.2f %% of one core (target < 0.5 %%)\n", idle_s, idle_cpu);
    std::printf("peak RSS after the burst: %.1f MB (target < 60 MB)\n", static_cast<double>(rss_kb) / 1024.0);
    return in_order && !shown.empty() && !queued.empty() ? 0 : 1;
}
