// How long an officer waits for their PIN to be checked (verify_pin, scrypt) with the default
// parameters and its neighbours, against one SHA-256 of the PIN in the same run: the
// ratio is what a guesser pays per try compared with an unsalted fast hash. Target: 50-100 ms.
//
//   build/default/bench/bench_pin_hash [runs=10]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/crypto.hpp"
#include "core/pin_hash.hpp"

using namespace motcua;
using Clock = std::chrono::steady_clock;

namespace {
double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}
}  // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
    auto start = Clock::now();
    const int sha_runs = 10000;
    for (int i = 0; i < sha_runs; ++i) (void)crypto::sha256_hex("204517");
    double sha_ms = ms_since(start) / sha_runs;
    std::printf("sha256 of a PIN: %.4f ms\n", sha_ms);
    const PinHashParams candidates[] = {{13, 8, 1}, {14, 8, 1}, {14, 8, 2}, {15, 8, 1}};
    for (const PinHashParams& params : candidates) {
        auto stored = hash_pin("204517", params);
        if (!stored) {
            std::fprintf(stderr, "hash_pin failed: %s\n", stored.error().c_str());
            return 1;
        }
        std::vector<double> ms;
        for (int i = 0; i < runs; ++i) {
            auto t = Clock::now();
            auto ok = verify_pin("204517", stored.value());
            ms.push_back(ms_since(t));
            if (!ok || !ok.value()) return 1;
        }
        std::sort(ms.begin(), ms.end());
        const PinHashParams def;
        bool is_default = params.log2_n == def.log2_n && params.r == def.r && params.p == def.p;
        std::printf("verify ln=%d,r=%d,p=%d%s (%llu MiB): p50 %.1f ms, max %.1f ms, %.0fx sha256\n", params.log2_n,
                    params.r, params.p, is_default ? " (default)" : "",
                    (128ull * static_cast<unsigned>(params.r) << params.log2_n) >> 20, ms[ms.size() / 2], ms.back(),
                    ms[ms.size() / 2] / sha_ms);
    }
    return 0;
}
