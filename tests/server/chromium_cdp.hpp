// Debian's headless Chromium driven over the DevTools protocol on --remote-debugging-pipe
// (fd 3: commands in, fd 4: answers out, each JSON message ended by a NUL byte). Enough of the
// protocol to fill a form, wait for the page, run a check and take a full-page screenshot.
#pragma once
#include <fcntl.h>
#include <openssl/evp.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>

#include "core/event.hpp"  // json

namespace motcua::test {

class Chromium {
public:
    explicit Chromium(const std::string& user_data_dir) {
        int commands[2], answers[2];
        if (pipe(commands) != 0 || pipe(answers) != 0) throw std::runtime_error("pipe failed");
        pid_ = fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            dup2(commands[0], 3);
            dup2(answers[1], 4);
            int null = open("/dev/null", O_WRONLY);
            dup2(null, 1);
            dup2(null, 2);
            for (int fd = 5; fd < 1024; ++fd) close(fd);
            setpgid(0, 0);
            std::string profile = "--user-data-dir=" + user_data_dir;
            execlp("chromium", "chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                   "--disable-background-networking", "--no-first-run", "--disable-extensions",
                   "--remote-debugging-pipe", "--lang=vi", profile.c_str(), "about:blank", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(commands[0]);
        close(answers[1]);
        to_ = commands[1];
        from_ = answers[0];
        json target = call("Target.createTarget", {{"url", "about:blank"}});
        json attached = call("Target.attachToTarget", {{"targetId", target["targetId"]}, {"flatten", true}});
        session_ = attached["sessionId"].get<std::string>();
    }
    ~Chromium() {
        close(to_);
        close(from_);
        kill(-pid_, SIGTERM);
        kill(pid_, SIGTERM);
        for (int i = 0; i < 100; ++i) {
            if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
                kill(-pid_, SIGKILL);  // its renderer and helper processes, if any linger
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        kill(-pid_, SIGKILL);
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    Chromium(const Chromium&) = delete;
    Chromium& operator=(const Chromium&) = delete;

    // A command to the browser (page_session false) or to our page; returns its result.
    json call(const std::string& method, const json& params = json::object(), bool page_session = false) {
        const int id = next_id_++;
        json message{{"id", id}, {"method", method}, {"params", params}};
        if (page_session) message["sessionId"] = session_;
        std::string text = message.dump();
        text.push_back('\0');
        for (std::size_t sent = 0; sent < text.size();) {
            ssize_t n = write(to_, text.data() + sent, text.size() - sent);
            if (n <= 0) throw std::runtime_error("chromium closed its command pipe");
            sent += static_cast<std::size_t>(n);
        }
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (true) {
            auto end = buffer_.find('\0');
            if (end != std::string::npos) {
                json answer = json::parse(buffer_.substr(0, end), nullptr, false);
                buffer_.erase(0, end + 1);
                if (answer.is_object() && answer.value("id", -1) == id) {
                    if (answer.contains("error")) throw std::runtime_error(method + ": " + answer["error"].dump());
                    return answer["result"];
                }
                continue;  // an event, or an answer to someone else
            }
            if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error(method + ": no answer in 30 s");
            pollfd p{from_, POLLIN, 0};
            if (poll(&p, 1, 1000) <= 0) continue;
            char chunk[65536];
            ssize_t n = read(from_, chunk, sizeof chunk);
            if (n <= 0) throw std::runtime_error("chromium closed its answer pipe");
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }
    json page(const std::string& method, const json& params = json::object()) { return call(method, params, true); }

    // The value of a JavaScript expression in the page.
    json eval(const std::string& expression) {
        json r = page("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}});
        return r["result"].contains("value") ? r["result"]["value"] : json();
    }
    // Polls (every 100 ms, at most 20 s) until the expression is true; false if it never is.
    bool wait_for(const std::string& expression) {
        for (int i = 0; i < 200; ++i) {
            if (eval(expression) == json(true)) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    }
    void size(int width, int height, bool mobile) {
        page("Emulation.setDeviceMetricsOverride",
             {{"width", width}, {"height", height}, {"deviceScaleFactor", 1}, {"mobile", mobile}});
    }
    void go(const std::string& url) { page("Page.navigate", {{"url", url}}); }
    // The whole page, however long, as a PNG file.
    void screenshot(const std::string& path, int width) {
        int height = eval("document.documentElement.scrollHeight").get<int>();
        json shot = page("Page.captureScreenshot",
                         {{"format", "png"}, {"captureBeyondViewport", true},
                          {"clip", {{"x", 0}, {"y", 0}, {"width", width}, {"height", height}, {"scale", 1}}}});
        std::string b64 = shot["data"].get<std::string>();
        std::string png(b64.size() / 4 * 3, '\0');
        int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(png.data()),
                                reinterpret_cast<const unsigned char*>(b64.data()), static_cast<int>(b64.size()));
        if (n < 0) throw std::runtime_error("screenshot is not base64");
        std::size_t pad = b64.size() >= 2 && b64[b64.size() - 2] == '=' ? 2 : (!b64.empty() && b64.back() == '=' ? 1 : 0);
        png.resize(static_cast<std::size_t>(n) - pad);
        std::ofstream(path, std::ios::binary) << png;
    }

private:
    pid_t pid_ = -1;
    int to_ = -1;
    int from_ = -1;
    int next_id_ = 1;
    std::string buffer_;
    std::string session_;
};

}  // namespace motcua::test
