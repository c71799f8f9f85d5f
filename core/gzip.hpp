// gzip framing (zlib) for request bodies over 1 KiB.
#pragma once
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace motcua {

std::string gzip_compress(std::string_view data, int level = 6);
Result<std::string> gzip_decompress(std::string_view data, std::size_t max_output = 64u << 20);

}  // namespace motcua
