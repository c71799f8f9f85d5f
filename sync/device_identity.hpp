// The device id and bearer token given once at enrolment, kept in a file only the
// service user can read.
#pragma once
#include <optional>
#include <string>

#include "core/result.hpp"

namespace motcua::sync {

struct DeviceIdentity {
    std::string device_id;
    std::string token;
    std::string server_url;
    std::string site_id;
    std::string counter_id;
};

Result<DeviceIdentity> load_identity(const std::string& path);
// Written to a temporary file, fsynced, chmod 0600, then renamed: never half a token.
Status save_identity(const std::string& path, const DeviceIdentity& identity);
// Same atomic recipe for any small file (the config cache).
Status write_file_atomically(const std::string& path, const std::string& content, unsigned mode);

}  // namespace motcua::sync
