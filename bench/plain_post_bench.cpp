// The baseline for bench/drain_bench.sh: a plain libcurl client that posts a kiosk database's
// events to the server as ready-made, pre-compressed batches. Reading the database, building the
// JSON and gzip happen before the clock starts, so the timed part is HTTP, the server's parsing
// and its SQL only. motcua-sync against this number says what the kiosk side costs.
#include <curl/curl.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/event_store.hpp"
#include "core/gzip.hpp"
#include "core/protocol.hpp"

using namespace motcua;

namespace {
size_t keep_body(char* data, size_t size, size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s KIOSK_DB IDENTITY_JSON\n", argv[0]);
        return 64;
    }
    std::ifstream identity_file(argv[2]);
    json identity = json::parse(identity_file, nullptr, false);
    if (identity.is_discarded() || !identity.contains("token")) {
        std::fprintf(stderr, "%s is not a motcua-sync identity file\n", argv[2]);
        return 1;
    }
    const std::string device_id = identity["device_id"];
    const std::string url = identity["server_url"].get<std::string>() + std::string(protocol::kEventsPath);
    auto store = EventStore::open(argv[1]);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().c_str());
        return 1;
    }
    struct Batch {
        std::string body;  // gzip
        std::string batch_id;
        std::vector<EventText> events;
    };
    std::vector<Batch> batches;
    std::size_t plain_bytes = 0, events = 0;
    for (std::int64_t after = store->acked_through();;) {
        auto list = store->event_texts_after(after, protocol::kMaxBatchEvents, protocol::kMaxBatchBytes);
        if (list.empty()) break;
        std::string batch_id;
        std::string text = protocol::make_batch_text(device_id, store->db_instance(), list, 7 * 60, true, batch_id);
        plain_bytes += text.size();
        events += list.size();
        after = list.back().seq;
        batches.push_back({gzip_compress(text, protocol::kGzipLevel), batch_id, std::move(list)});
    }
    std::size_t up = 0, down = 0;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL* curl = curl_easy_init();
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Content-Encoding: gzip");
    headers = curl_slist_append(headers, "Expect:");
    headers = curl_slist_append(headers, ("Authorization: Bearer " + identity["token"].get<std::string>()).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip");  // as motcua-sync asks
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep_body);
    std::string answer;
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
    auto start = std::chrono::steady_clock::now();
    for (auto& b : batches) {
        answer.clear();
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, b.body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(b.body.size()));
        CURLcode rc = curl_easy_perform(curl);
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        if (rc != CURLE_OK || status != 200) {
            std::fprintf(stderr, "batch %s: curl %d, HTTP %ld: %s\n", b.batch_id.c_str(), rc, status, answer.c_str());
            return 1;
        }
        // Checked, as the kiosk does, so a wrong answer cannot pass for speed.
        if (auto ack = protocol::parse_ack(answer, b.batch_id, b.events); !ack) {
            std::fprintf(stderr, "%s\n", ack.error().c_str());
            return 1;
        }
        curl_off_t got = 0;
        curl_easy_getinfo(curl, CURLINFO_SIZE_DOWNLOAD_T, &got);
        up += b.body.size();
        down += static_cast<std::size_t>(got);
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    std::printf("plain libcurl: %zu events in %zu batches, %.3f s, %.0f events/s; body bytes per event: "
                "%.1f JSON, %.1f up (gzip), %.1f down\n",
                events, batches.size(), seconds, static_cast<double>(events) / seconds,
                static_cast<double>(plain_bytes) / static_cast<double>(events),
                static_cast<double>(up) / static_cast<double>(events),
                static_cast<double>(down) / static_cast<double>(events));
    return 0;
}
