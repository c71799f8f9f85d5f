// gzip framing (zlib) for request bodies over 1 KiB.
#pragma once
#include <zlib.h>

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace motcua {

std::string gzip_compress(std::string_view data, int level = 6);
Result<std::string> gzip_decompress(std::string_view data, std::size_t max_output = 64u << 20);

// Compresses text given piece by piece into one gzip stream, so that the whole plain text never
// has to be held. Throws std::runtime_error when zlib cannot start (out of memory).
class GzipWriter {
public:
    explicit GzipWriter(int level = 6);
    ~GzipWriter();
    GzipWriter(const GzipWriter&) = delete;
    GzipWriter& operator=(const GzipWriter&) = delete;

    void write(std::string_view text);
    // The whole stream, holding no spare capacity. Write nothing after it.
    std::string finish();

private:
    void deflate_input(int flush);

    z_stream zs_{};
    std::string out_;
    std::size_t used_ = 0;
};

}  // namespace motcua
