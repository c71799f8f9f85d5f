// A scripted HTTP peer on 127.0.0.1 for the failures a real district server rarely shows on
// demand: captive portals, truncated bodies, 413, 429 with Retry-After, 401.
#pragma once
#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace motcua::test {

// What the peer saw of one request, in arrival order.
struct SeenRequest {
    std::string method;
    std::string path;
    std::string content_encoding;  // "" when the body was sent as is
    std::chrono::steady_clock::time_point at;  // when the request had arrived in full
};

class ScriptedServer {
public:
    using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
    explicit ScriptedServer(Handler handler) : handler_(std::move(handler)) {
        auto handle = [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard<std::mutex> lock(mutex_);
            ++requests_;
            last_body_ = req.body;
            seen_.push_back({req.method, req.path, req.get_header_value("Content-Encoding"), std::chrono::steady_clock::now()});
            try {
                handler_(req, res);
            } catch (const std::exception& e) {
                // Visible in the test output: a broken script is the test's fault, not the client's.
                std::fprintf(stderr, "scripted server handler threw: %s\n", e.what());
                res.status = 500;
            }
        };
        server_.Post(".*", handle);
        server_.Get(".*", handle);
        // One request per connection, announced with "Connection: close", so no test depends on
        // connection reuse. The wait for a request's first bytes stays cpp-httplib's default (5 s):
        // with a keep-alive timeout of 0 it waited about 10 ms, even for a connection's first
        // request, and closed the socket unread when a loaded machine was slower than that; tests
        // then saw a Retry that no real server would have caused.
        server_.set_keep_alive_max_count(1);
        server_.set_read_timeout(1, 0);
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    ~ScriptedServer() {
        server_.stop();
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int requests() {
        std::lock_guard<std::mutex> lock(mutex_);
        return requests_;
    }
    std::string last_body() {
        std::lock_guard<std::mutex> lock(mutex_);
        return last_body_;
    }
    std::vector<SeenRequest> seen() {
        std::lock_guard<std::mutex> lock(mutex_);
        return seen_;
    }

private:
    httplib::Server server_;
    Handler handler_;
    std::thread thread_;
    std::mutex mutex_;
    int port_ = 0;
    int requests_ = 0;
    std::string last_body_;
    std::vector<SeenRequest> seen_;
};

}  // namespace motcua::test
