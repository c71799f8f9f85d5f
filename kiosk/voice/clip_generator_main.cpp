// motcua-voice-clips (build tool): writes the lobby board's voice clips into the build tree.
// One WAV per clip of clip_specs(), spoken by Debian's espeak-ng Vietnamese voice and trimmed of
// its silences, the synthesised chime, and clips.txt (each file name and the words it says, the
// list a site records its own voice from).
//   motcua-voice-clips --espeak /usr/bin/espeak-ng --out DIR
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "kiosk/voice/call_phrase.hpp"
#include "kiosk/voice/chime.hpp"
#include "kiosk/voice/pcm_wav.hpp"

extern char** environ;

namespace {

using namespace motcua::voice;

constexpr int kRate = 22050;        // espeak-ng's own rate: no resampling at build time
constexpr int kWordsPerMinute = 150; // a little slower than espeak-ng's 175: a hall is noisy
constexpr int kSilence = 250;        // espeak-ng's pauses are near-silent; speech peaks near 30000
constexpr int kKeepMs = 25;
constexpr size_t kParallel = 4;     // espeak-ng runs take ~70 ms, mostly start-up

struct Job {
    std::string name;
    std::string raw_path;
    pid_t pid = -1;
};

pid_t start_espeak(const std::string& espeak, const std::string& words, const std::string& out_path) {
    std::vector<std::string> args = {espeak, "-v", "vi", "-s", std::to_string(kWordsPerMinute), "-w", out_path, words};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    if (posix_spawn(&pid, espeak.c_str(), nullptr, nullptr, argv.data(), environ) != 0) return -1;
    return pid;
}

bool finish(const Job& job, const std::filesystem::path& out) {
    int status = 0;
    if (job.pid < 0 || waitpid(job.pid, &status, 0) != job.pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::cerr << "motcua-voice-clips: espeak-ng failed for clip " << job.name << "\n";
        return false;
    }
    auto raw = read_pcm_wav(job.raw_path);
    std::filesystem::remove(job.raw_path);
    if (!raw) {
        std::cerr << "motcua-voice-clips: " << raw.error() << "\n";
        return false;
    }
    PcmSound trimmed = trim_silence(raw.value(), kSilence, kKeepMs);
    if (trimmed.samples.empty()) {
        std::cerr << "motcua-voice-clips: espeak-ng said nothing for clip " << job.name << "\n";
        return false;
    }
    auto written = write_pcm_wav((out / (job.name + ".wav")).string(), trimmed);
    if (!written) {
        std::cerr << "motcua-voice-clips: " << written.error() << "\n";
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::string espeak, out_dir;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--espeak") espeak = argv[i + 1];
        else if (a == "--out") out_dir = argv[i + 1];
    }
    if (espeak.empty() || out_dir.empty()) {
        std::cerr << "usage: motcua-voice-clips --espeak PATH --out DIR\n";
        return 2;
    }
    std::filesystem::path out(out_dir);
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    if (ec) {
        std::cerr << "motcua-voice-clips: cannot create " << out_dir << ": " << ec.message() << "\n";
        return 1;
    }
    bool ok = true;
    if (!write_pcm_wav((out / (std::string(kChimeClip) + ".wav")).string(), make_chime(kRate))) ok = false;

    // clips.txt is the build's stamp: it appears only once every clip has been written.
    const std::filesystem::path list_path = out / "clips.txt", partial_path = out / "clips.txt.partial";
    std::ofstream list(partial_path, std::ios::trunc);
    list << "# Voice clips of the lobby board: file name, then the words it says.\n"
            "# A site's own recording of a clip (voice.clips_dir) is used instead of the generated one.\n";
    std::vector<Job> running;
    for (const auto& spec : clip_specs()) {
        std::string name(spec.name);
        list << name << ".wav\t" << (spec.words.empty() ? "(a short two-tone chime before each call)" : spec.words)
             << "\n";
        if (spec.words.empty()) continue;
        if (running.size() >= kParallel) {
            ok = finish(running.front(), out) && ok;
            running.erase(running.begin());
        }
        Job job{name, (out / (name + ".raw.wav")).string(), -1};
        job.pid = start_espeak(espeak, std::string(spec.words), job.raw_path);
        running.push_back(job);
    }
    for (auto& job : running) ok = finish(job, out) && ok;
    list.close();
    if (!list) ok = false;
    if (ok) std::filesystem::rename(partial_path, list_path, ec);
    else std::filesystem::remove(partial_path, ec);
    if (ec) {
        std::cerr << "motcua-voice-clips: cannot write " << list_path.string() << ": " << ec.message() << "\n";
        ok = false;
    }
    return ok ? 0 : 1;
}
