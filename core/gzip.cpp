#include "core/gzip.hpp"

#include <algorithm>
#include <stdexcept>

namespace motcua {

std::string gzip_compress(std::string_view data, int level) {
    GzipWriter writer(level);
    writer.write(data);
    return writer.finish();
}

Result<std::string> gzip_decompress(std::string_view data, std::size_t max_output) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 32) != Z_OK) return Result<std::string>::failure("inflateInit2 failed");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char buf[16384];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            return Result<std::string>::failure("body is not valid gzip");
        }
        out.append(buf, sizeof buf - zs.avail_out);
        if (out.size() > max_output) {
            inflateEnd(&zs);
            return Result<std::string>::failure("body inflates past the size limit");
        }
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            inflateEnd(&zs);
            return Result<std::string>::failure("gzip body is truncated");
        }
    }
    inflateEnd(&zs);
    return out;
}

GzipWriter::GzipWriter(int level) {
    if (deflateInit2(&zs_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
}

GzipWriter::~GzipWriter() { deflateEnd(&zs_); }

void GzipWriter::write(std::string_view text) {
    zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    zs_.avail_in = static_cast<uInt>(text.size());
    deflate_input(Z_NO_FLUSH);
}

std::string GzipWriter::finish() {
    zs_.next_in = nullptr;
    zs_.avail_in = 0;
    deflate_input(Z_FINISH);
    out_.resize(used_);
    out_.shrink_to_fit();
    return std::move(out_);
}

void GzipWriter::deflate_input(int flush) {
    while (true) {
        if (out_.size() - used_ < 1024) out_.resize(std::max<std::size_t>(16384, out_.size() * 2));
        zs_.next_out = reinterpret_cast<Bytef*>(out_.data() + used_);
        zs_.avail_out = static_cast<uInt>(out_.size() - used_);
        int rc = deflate(&zs_, flush);
        used_ = out_.size() - zs_.avail_out;
        if (rc == Z_STREAM_END) return;
        if (rc != Z_OK && rc != Z_BUF_ERROR) throw std::runtime_error("deflate failed");
        // Done with this input once zlib took all of it and still had room left to write.
        if (flush != Z_FINISH && zs_.avail_in == 0 && zs_.avail_out != 0) return;
    }
}

}  // namespace motcua
