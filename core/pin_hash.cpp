#include "core/pin_hash.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <charconv>

#include "core/crypto.hpp"

namespace motcua {

namespace {

constexpr std::string_view kScheme = "$scrypt$";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr std::uint64_t kMaxMemoryBytes = 256ull << 20;

// base64url without padding, as crypto::base64url writes it; nullopt-like failure on any other byte.
bool base64url_decode(std::string_view text, std::vector<std::uint8_t>& out) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '-') return 62;
        if (c == '_') return 63;
        return -1;
    };
    if (text.size() % 4 == 1) return false;
    out.clear();
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        int v = value(c);
        if (v < 0) return false;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xFF));
        }
    }
    // Leftover bits must be zero, so each hash has exactly one spelling.
    return (acc & ((1u << bits) - 1)) == 0;
}

// "ln=14" -> 14 within [min, max]
bool read_param(std::string_view item, std::string_view name, int min, int max, int& out) {
    if (item.size() <= name.size() + 1 || item.substr(0, name.size()) != name || item[name.size()] != '=') return false;
    std::string_view digits = item.substr(name.size() + 1);
    if (digits.size() > 3) return false;
    int v = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc() || end != digits.data() + digits.size() || v < min || v > max) return false;
    out = v;
    return true;
}

std::uint64_t scrypt_memory(const PinHashParams& p) {
    return 128ull * static_cast<std::uint64_t>(p.r) * ((1ull << p.log2_n) + static_cast<std::uint64_t>(p.p) + 2);
}

bool derive(std::string_view pin, const std::vector<std::uint8_t>& salt, const PinHashParams& p,
            std::vector<std::uint8_t>& out) {
    // Room for scrypt's working memory plus OpenSSL's own bookkeeping.
    std::uint64_t maxmem = scrypt_memory(p) + (1u << 20);
    return EVP_PBE_scrypt(pin.data(), pin.size(), salt.data(), salt.size(), 1ull << p.log2_n,
                          static_cast<std::uint64_t>(p.r), static_cast<std::uint64_t>(p.p), maxmem, out.data(),
                          out.size()) == 1;
}

std::string encode(const PinHashParams& p, const std::vector<std::uint8_t>& salt,
                   const std::vector<std::uint8_t>& hash) {
    return std::string(kScheme) + "ln=" + std::to_string(p.log2_n) + ",r=" + std::to_string(p.r) +
           ",p=" + std::to_string(p.p) + "$" + crypto::base64url(salt) + "$" + crypto::base64url(hash);
}

}  // namespace

Result<DecodedPinHash> decode_pin_hash(std::string_view stored) {
    using R = Result<DecodedPinHash>;
    if (stored.substr(0, kScheme.size()) != kScheme)
        return R::failure("a PIN hash must start with \"$scrypt$\" (made by motcua-kiosk --hash-pin)");
    std::string_view rest = stored.substr(kScheme.size());
    auto dollar1 = rest.find('$');
    if (dollar1 == std::string_view::npos) return R::failure("a PIN hash needs parameters, salt and hash");
    auto dollar2 = rest.find('$', dollar1 + 1);
    if (dollar2 == std::string_view::npos) return R::failure("a PIN hash needs parameters, salt and hash");
    std::string_view params = rest.substr(0, dollar1);
    std::string_view salt = rest.substr(dollar1 + 1, dollar2 - dollar1 - 1);
    std::string_view hash = rest.substr(dollar2 + 1);

    DecodedPinHash d;
    auto comma1 = params.find(',');
    auto comma2 = comma1 == std::string_view::npos ? comma1 : params.find(',', comma1 + 1);
    if (comma2 == std::string_view::npos || params.find(',', comma2 + 1) != std::string_view::npos ||
        !read_param(params.substr(0, comma1), "ln", 10, 20, d.params.log2_n) ||
        !read_param(params.substr(comma1 + 1, comma2 - comma1 - 1), "r", 1, 32, d.params.r) ||
        !read_param(params.substr(comma2 + 1), "p", 1, 4, d.params.p))
        return R::failure("a PIN hash's parameters must read \"ln=10..20,r=1..32,p=1..4\"");
    if (scrypt_memory(d.params) > kMaxMemoryBytes)
        return R::failure("a PIN hash's parameters need more than 256 MiB of memory");
    if (!base64url_decode(salt, d.salt) || d.salt.size() < 8 || d.salt.size() > 64)
        return R::failure("a PIN hash's salt must be 8 to 64 bytes in base64url");
    if (!base64url_decode(hash, d.hash) || d.hash.size() < 16 || d.hash.size() > 64)
        return R::failure("a PIN hash's hash must be 16 to 64 bytes in base64url");
    return d;
}

Status check_pin_text(std::string_view pin) {
    if (pin.size() < 4 || pin.size() > 12) return Status::failure("a PIN must be 4 to 12 digits");
    for (char c : pin)
        if (c < '0' || c > '9') return Status::failure("a PIN must be digits only");
    return Status::success();
}

Result<std::string> hash_pin(std::string_view pin, const PinHashParams& params) {
    if (auto ok = check_pin_text(pin); !ok) return Result<std::string>::failure(ok.error());
    return hash_secret(pin, params);
}

Result<std::string> hash_secret(std::string_view pin, const PinHashParams& params) {
    std::vector<std::uint8_t> salt;
    try {
        salt = crypto::random_bytes(kSaltBytes);
    } catch (const std::exception& e) {
        return Result<std::string>::failure(e.what());
    }
    std::vector<std::uint8_t> hash(kHashBytes);
    if (!derive(pin, salt, params, hash)) return Result<std::string>::failure("OpenSSL scrypt failed");
    std::string stored = encode(params, salt, hash);
    // What we write must be what we accept: a hash that verify would refuse is never handed out.
    if (auto check = decode_pin_hash(stored); !check) return Result<std::string>::failure(check.error());
    return stored;
}

Result<bool> verify_pin(std::string_view pin, std::string_view stored) {
    auto decoded = decode_pin_hash(stored);
    if (!decoded) return Result<bool>::failure(decoded.error());
    std::vector<std::uint8_t> computed(decoded->hash.size());
    if (!derive(pin, decoded->salt, decoded->params, computed)) return Result<bool>::failure("OpenSSL scrypt failed");
    return CRYPTO_memcmp(computed.data(), decoded->hash.data(), computed.size()) == 0;
}

std::int64_t PinLockout::locked_for_ms(const std::string& officer, std::int64_t now_ms) const {
    auto it = entries_.find(officer);
    if (it == entries_.end() || it->second.locked_until_ms <= now_ms) return 0;
    return it->second.locked_until_ms - now_ms;
}

bool PinLockout::starts_again(const Entry& e, std::int64_t now_ms) const {
    if (e.locked_until_ms != 0) return e.locked_until_ms <= now_ms;  // lock over
    return window_ms_ > 0 && e.wrong > 0 && now_ms - e.first_wrong_ms >= window_ms_;
}

int PinLockout::wrong_count(const std::string& officer, std::int64_t now_ms) const {
    auto it = entries_.find(officer);
    if (it == entries_.end() || starts_again(it->second, now_ms)) return 0;
    return it->second.wrong;
}

bool PinLockout::record_wrong(const std::string& officer, std::int64_t now_ms) {
    // Bounded memory however many codes are typed: forget entries that no longer lock anyone.
    // (Typing a thousand codes to clear a count takes longer than the lock it avoids.)
    if (entries_.size() >= 1000) {
        for (auto it = entries_.begin(); it != entries_.end();)
            it = it->second.locked_until_ms > now_ms ? std::next(it) : entries_.erase(it);
    }
    Entry& e = entries_[officer];
    if (e.locked_until_ms > now_ms) return false;  // already refused; the caller did not try the PIN
    if (starts_again(e, now_ms)) e = Entry{};      // a fresh count
    if (e.wrong == 0) e.first_wrong_ms = now_ms;
    if (++e.wrong < max_wrong_) return false;
    e.locked_until_ms = now_ms + lock_ms_;
    return true;
}

void PinLockout::record_right(const std::string& officer) { entries_.erase(officer); }

}  // namespace motcua
