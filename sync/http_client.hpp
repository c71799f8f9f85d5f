// One kept-alive libcurl handle for talking to the district server. TLS verification is
// never switched off; plain http:// is only allowed to loopback.
#pragma once
#include <curl/curl.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/result.hpp"

namespace motcua::sync {

struct HttpResponse {
    long status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names
    // This machine's clock minus the server's, from the Date header when the answer arrived.
    std::optional<std::int64_t> clock_skew_ms;
    std::optional<std::string> header(const std::string& name) const;
};

struct TlsOptions {
    std::string ca_file;
    std::string pinned_public_key;
    long timeout_seconds = 30;
    long connect_timeout_seconds = 10;
    // A transfer slower than low_speed_bytes per second for low_speed_seconds is abandoned: a
    // server that trickles bytes, or accepts and never answers, must not hold the daemon.
    long low_speed_bytes = 10;
    long low_speed_seconds = 20;
};

class HttpClient {
public:
    explicit HttpClient(TlsOptions options);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // A failure here is a transport failure (no connection, timeout, TLS); HTTP errors come back as responses.
    Result<HttpResponse> post_json(const std::string& url, const std::string& body, const std::string& bearer,
                                   bool gzip_body);
    // Posts JSON that is already encoded for the wire: `payload` is gzip when `gzipped`.
    Result<HttpResponse> post_encoded(const std::string& url, const std::string& payload, const std::string& bearer,
                                      bool gzipped);
    Result<HttpResponse> get(const std::string& url, const std::string& bearer, const std::string& if_none_match = "");

private:
    Result<HttpResponse> perform(const std::string& url, curl_slist* headers);
    CURL* curl_;
    TlsOptions options_;
};

// Checks a server URL: https anywhere, http only to 127.0.0.0/8, ::1 or localhost.
Status check_server_url(const std::string& url);

}  // namespace motcua::sync
