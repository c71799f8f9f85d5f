#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;

TEST_CASE("motcua-sync: a bad settings file names the file, line and key and exits 2") {
    test::TempDir dir;
    dir.write("sync.toml", "[sync]\ninterval_seconds = \"often\"\n");
    auto r = test::run({test::binary("motcua-sync"), "--config", dir.file("sync.toml"), "status"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("sync.toml:2:") && Catch::Contains("sync.interval_seconds"));
}

TEST_CASE("motcua-sync: run without enrolment says so and exits 4") {
    test::TempDir dir;
    dir.write("sync.toml", "[device]\nidentity_file = \"" + dir.file("device.json") + "\"\n");
    auto r = test::run({test::binary("motcua-sync"), "--config", dir.file("sync.toml"), "--db", dir.file("k.db"), "run", "--once"});
    CHECK(r.exit_code == 4);
    CHECK_THAT(r.output, Catch::Contains("enrol first"));
}

TEST_CASE("motcua-sync: an unknown option prints usage and exits 64") {
    auto r = test::run({test::binary("motcua-sync"), "--frobnicate"});
    CHECK(r.exit_code == 64);
    CHECK_THAT(r.output, Catch::Contains("usage:"));
}

TEST_CASE("config/sync.toml is exactly the documented defaults") {
    auto r = test::run({test::binary("motcua-sync"), "--print-default-config"});
    REQUIRE(r.exit_code == 0);
    std::ifstream in(std::string(MOTCUA_SOURCE_DIR) + "/config/sync.toml");
    std::stringstream file;
    file << in.rdbuf();
    CHECK(file.str() == r.output);
}
