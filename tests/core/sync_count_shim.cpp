// Test-only LD_PRELOAD library: counts the fsync and fdatasync calls a program makes (SQLite's
// commits among them) and writes the total to the file named by MOTCUA_SYNC_COUNT_FILE when the
// program exits normally. The calls themselves go through to the C library unchanged.
#include <dlfcn.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace {

std::atomic<long> g_syncs{0};

template <typename Fn>
Fn next_symbol(const char* name) {
    return reinterpret_cast<Fn>(dlsym(RTLD_NEXT, name));
}

struct Reporter {
    ~Reporter() {
        const char* path = std::getenv("MOTCUA_SYNC_COUNT_FILE");
        if (!path) return;
        if (FILE* f = std::fopen(path, "w")) {
            std::fprintf(f, "%ld\n", g_syncs.load());
            std::fclose(f);
        }
    }
} g_reporter;

}  // namespace

extern "C" int fsync(int fd) {
    using Fn = int (*)(int);
    static Fn real = next_symbol<Fn>("fsync");
    ++g_syncs;
    return real(fd);
}

extern "C" int fdatasync(int fd) {
    using Fn = int (*)(int);
    static Fn real = next_symbol<Fn>("fdatasync");
    ++g_syncs;
    return real(fd);
}
