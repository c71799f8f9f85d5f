// A fresh directory per test, removed afterwards (kept when MOTCUA_KEEP_TEST_DIRS is set).
#pragma once
#include <filesystem>
#include <string>

namespace motcua::test {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }
    void write(const std::string& name, const std::string& content) const;

private:
    std::filesystem::path path_;
};

}  // namespace motcua::test
