#include "sync/http_client.hpp"

#include <algorithm>
#include <cctype>

#include "core/clock.hpp"
#include "core/gzip.hpp"
#include "sync/backoff.hpp"
#include "core/protocol.hpp"

namespace motcua::sync {

std::optional<std::string> HttpResponse::header(const std::string& name) const {
    auto it = headers.find(name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
}

namespace {
size_t write_body(char* data, size_t size, size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

size_t write_header(char* data, size_t size, size_t count, void* user) {
    std::string line(data, size * count);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        std::string value = line.substr(colon + 1);
        auto first = value.find_first_not_of(" \t");
        auto last = value.find_last_not_of(" \t\r\n");
        value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
        (*static_cast<std::map<std::string, std::string>*>(user))[name] = value;
    }
    return size * count;
}
}  // namespace

Status check_server_url(const std::string& url) {
    if (url.rfind("https://", 0) == 0) return Status::success();
    if (url.rfind("http://", 0) == 0) {
        std::string rest = url.substr(7);
        std::string host = rest.substr(0, rest.find_first_of(":/"));
        if (rest.rfind("[::1]", 0) == 0 || host == "localhost" || host.rfind("127.", 0) == 0) return Status::success();
        return Status::failure("server.url " + url +
                               ": plain http:// is only allowed to this machine (127.0.0.1); use https://");
    }
    return Status::failure("server.url " + url + ": must start with https://");
}

HttpClient::HttpClient(TlsOptions options) : curl_(curl_easy_init()), options_(std::move(options)) {}
HttpClient::~HttpClient() { curl_easy_cleanup(curl_); }

Result<HttpResponse> HttpClient::perform(const std::string& url, curl_slist* headers) {
    HttpResponse response;
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, write_header);
    curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &response.headers);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, options_.timeout_seconds);
    curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, std::min(options_.timeout_seconds, options_.connect_timeout_seconds));
    curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes);
    curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_TIME, options_.low_speed_seconds);
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl_, CURLOPT_USERAGENT, "motcua-sync/" MOTCUA_VERSION);
    // Answers may come gzip-compressed (libcurl inflates them); acks are then a few bytes per batch.
    curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING, "gzip");
    if (!options_.ca_file.empty()) curl_easy_setopt(curl_, CURLOPT_CAINFO, options_.ca_file.c_str());
    if (!options_.pinned_public_key.empty())
        curl_easy_setopt(curl_, CURLOPT_PINNEDPUBLICKEY, options_.pinned_public_key.c_str());
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error);
    CURLcode rc = curl_easy_perform(curl_);
    curl_slist_free_all(headers);
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, nullptr);
    if (rc != CURLE_OK) {
        std::string why = error[0] ? error : curl_easy_strerror(rc);
        if (rc == CURLE_OPERATION_TIMEDOUT) why += " (request abandoned; it will be retried)";
        return Result<HttpResponse>::failure(url + ": " + why);
    }
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &response.status);
    if (auto date = response.header("date")) {
        if (auto server_ms = parse_http_date(*date))
            // Date has whole seconds: the server's clock was somewhere in [date, date + 1 s).
            response.clock_skew_ms = clock::unix_ms_now() - (*server_ms + 500);
    }
    return response;
}

Result<HttpResponse> HttpClient::post_json(const std::string& url, const std::string& body, const std::string& bearer,
                                           bool gzip_body) {
    if (!gzip_body) return post_encoded(url, body, bearer, false);
    return post_encoded(url, gzip_compress(body, protocol::kGzipLevel), bearer, true);
}

Result<HttpResponse> HttpClient::post_encoded(const std::string& url, const std::string& payload,
                                              const std::string& bearer, bool gzipped) {
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Accept: application/json");
    headers = curl_slist_append(headers, "Expect:");
    if (!bearer.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + bearer).c_str());
    if (gzipped) headers = curl_slist_append(headers, "Content-Encoding: gzip");
    curl_easy_setopt(curl_, CURLOPT_HTTPGET, 0L);
    curl_easy_setopt(curl_, CURLOPT_POST, 1L);
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, payload.data());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(payload.size()));
    return perform(url, headers);
}

Result<HttpResponse> HttpClient::get(const std::string& url, const std::string& bearer, const std::string& if_none_match) {
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Accept: application/json");
    if (!bearer.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + bearer).c_str());
    if (!if_none_match.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + if_none_match).c_str());
    curl_easy_setopt(curl_, CURLOPT_POST, 0L);
    curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
    return perform(url, headers);
}

}  // namespace motcua::sync
