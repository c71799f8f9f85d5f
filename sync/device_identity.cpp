#include "sync/device_identity.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace motcua::sync {

using json = nlohmann::json;

Result<DeviceIdentity> load_identity(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        return Result<DeviceIdentity>::failure(path + ": no device identity; enrol first with 'motcua-sync enroll'");
    std::stringstream buffer;
    buffer << in.rdbuf();
    json j = json::parse(buffer.str(), nullptr, false);
    auto is_text_or_absent = [&](const char* key) { return !j.contains(key) || j[key].is_string(); };
    if (j.is_discarded() || !j.is_object() || !j.contains("device_id") || !j.contains("token") ||
        !j["device_id"].is_string() || !j["token"].is_string() || !is_text_or_absent("server_url") ||
        !is_text_or_absent("site_id") || !is_text_or_absent("counter_id"))
        return Result<DeviceIdentity>::failure(path + ": device identity file is damaged; enrol again");
    DeviceIdentity id;
    id.device_id = j["device_id"];
    id.token = j["token"];
    id.server_url = j.value("server_url", std::string());
    id.site_id = j.value("site_id", std::string());
    id.counter_id = j.value("counter_id", std::string());
    return id;
}

Status write_file_atomically(const std::string& path, const std::string& content, unsigned mode) {
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    std::string tmp = path + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) return Status::failure(tmp + ": " + std::strerror(errno));
    fchmod(fd, mode);
    size_t written = 0;
    while (written < content.size()) {
        ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            std::string why = std::strerror(errno);
            ::close(fd);
            ::unlink(tmp.c_str());
            return Status::failure(tmp + ": " + why);
        }
        written += static_cast<size_t>(n);
    }
    if (fsync(fd) != 0 || ::close(fd) != 0) {
        ::unlink(tmp.c_str());
        return Status::failure(tmp + ": could not flush to disk");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) return Status::failure(path + ": " + std::strerror(errno));
    if (!parent.empty()) {
        int dir = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir >= 0) {
            fsync(dir);
            ::close(dir);
        }
    }
    return Status::success();
}

Status save_identity(const std::string& path, const DeviceIdentity& id) {
    json j{{"device_id", id.device_id},
           {"token", id.token},
           {"server_url", id.server_url},
           {"site_id", id.site_id},
           {"counter_id", id.counter_id}};
    return write_file_atomically(path, j.dump(2) + "\n", 0600);
}

}  // namespace motcua::sync
