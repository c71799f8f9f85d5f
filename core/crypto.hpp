// Hashing and randomness from OpenSSL: SHA-256 for the event chain and token hashes,
// a CSPRNG for tokens, UUIDs and backoff jitter.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::crypto {

std::string sha256_hex(std::string_view bytes);
std::vector<std::uint8_t> random_bytes(std::size_t count);
std::uint64_t random_u64();
std::string base64url(const std::vector<std::uint8_t>& bytes);
// Constant-time comparison for secrets.
bool equal_secret(std::string_view a, std::string_view b);

}  // namespace motcua::crypto
