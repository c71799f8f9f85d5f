// The motcua-sync command line: enroll, run, status. Exit codes follow sysexits where one fits.
#pragma once
#include <string>
#include <vector>

namespace motcua::sync {

namespace exit_code {
inline constexpr int kOk = 0;
inline constexpr int kFailure = 1;        // database or file could not be used
inline constexpr int kBadConfig = 2;      // settings file wrong: message names file:line:key
inline constexpr int kCodeRefused = 3;    // enrolment code wrong, used or expired
inline constexpr int kNotEnrolled = 4;    // no identity, or (run) the server no longer knows this device
inline constexpr int kDeviceUnknown = 5;  // status: the server no longer knows this device; enrol again
inline constexpr int kNeedsPerson = 6;    // the server refuses in a way waiting will not fix, or the chain is broken
inline constexpr int kBehind = 7;         // status: the oldest unsent event is older than sync.behind_warning_minutes
inline constexpr int kUsage = 64;
inline constexpr int kTempFail = 75;      // --once: server unreachable, events kept for later
}  // namespace exit_code

int run_command(const std::vector<std::string>& args);

}  // namespace motcua::sync
