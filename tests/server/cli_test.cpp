// motcua-server as IT staff use it from a shell: exit codes, messages, printed output.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "core/settings.hpp"
#include "server/server_settings.hpp"
#include "server_test_support.hpp"

using namespace motcua;

namespace {
std::string server_program() { return test::binary("motcua-server"); }
std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

TEST_CASE("config/server.toml is exactly the documented defaults") {
    std::string expected = Settings::documented_toml(server::server_settings(), "motcua-server settings");
    CHECK(read_file(std::string(MOTCUA_SOURCE_DIR) + "/config/server.toml") == expected);
    auto printed = test::run({server_program(), "--print-default-config"});
    CHECK(printed.exit_code == 0);
    CHECK(printed.output == expected);
    // And it loads back without complaint.
    CHECK(Settings::parse(expected, "server.toml", server::server_settings()).ok());
}

TEST_CASE("a bad server.toml exits 2 naming file, line and key") {
    test::TempDir dir;
    dir.write("server.toml", "[server]\nlisten = \"127.0.0.1\"\nport = \"eighty\"\n");
    auto r = test::run({server_program(), "--config", dir.file("server.toml"), "--db", dir.file("s.db"), "devices"});
    CHECK(r.exit_code == 2);
    CHECK(r.output.find(dir.file("server.toml") + ":3:") != std::string::npos);
    CHECK(r.output.find("server.port") != std::string::npos);

    dir.write("typo.toml", "[server]\nprot = 1\n");
    r = test::run({server_program(), "--config", dir.file("typo.toml"), "devices"});
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("server.prot") != std::string::npos);
}

TEST_CASE("an officer whose pin_hash is not a hash stops the server at start naming the entry") {
    test::TempDir dir;
    dir.write("server.toml", "[[queue.officers]]\nsite = \"px\"\nid = \"cb01\"\nname = \"An\"\npin_hash = \"1234\"\n");
    auto r = test::run({server_program(), "--config", dir.file("server.toml"), "--db", dir.file("s.db"), "devices"});
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("queue.officers entry 1.pin_hash: a PIN hash must start with") != std::string::npos);
}

TEST_CASE("opening hours for the trust flags that cannot be read stop the server at start naming the key") {
    test::TempDir dir;
    dir.write("server.toml", "[trust]\nopening_hours = \"Mon-Sat 7h-17h30\"\n");
    auto r = test::run({server_program(), "--config", dir.file("server.toml"), "--db", dir.file("s.db"), "devices"});
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("trust.opening_hours: \"7h-17h30\" must read HH:MM-HH:MM") != std::string::npos);
}

TEST_CASE("unknown commands and flags exit 64 with usage") {
    auto r = test::run({server_program(), "frobnicate"});
    CHECK(r.exit_code == 64);
    CHECK(r.output.find("usage: motcua-server") != std::string::npos);
    test::TempDir dir;
    r = test::run({server_program(), "--db", dir.file("s.db"), "report", "--colour", "red"});
    CHECK(r.exit_code == 64);
    r = test::run({server_program(), "--db", dir.file("s.db"), "report", "--group-by", "weather"});
    CHECK(r.exit_code == 64);
    CHECK(test::run({server_program(), "--help"}).exit_code == 0);
    CHECK(test::run({server_program(), "--version"}).output.find("motcua-server") != std::string::npos);
}

TEST_CASE("a database that cannot be opened exits 1 with a clear message") {
    auto r = test::run({server_program(), "--db", "/nonexistent-dir/server.db", "devices"});
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("cannot open database /nonexistent-dir/server.db") != std::string::npos);
    test::TempDir dir;
    dir.write("not-a-db", std::string(8192, 'z'));
    r = test::run({server_program(), "--db", dir.file("not-a-db"), "devices"});
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("motcua-server:") != std::string::npos);
}

TEST_CASE("plain HTTP on a non-loopback address is refused") {
    test::TempDir dir;
    auto r = test::run({server_program(), "--db", dir.file("s.db"), "serve", "--listen", "0.0.0.0", "--port", "0"},
                       std::chrono::seconds(10));
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("tls.cert_file") != std::string::npos);
}

TEST_CASE("enroll-code create prints only the code, and needs an existing counter") {
    test::TempDir dir;
    std::string db = dir.file("s.db");
    test::run_ok({server_program(), "--db", db, "site", "add", "--id", "px", "--name", "Phường X"});
    test::run_ok({server_program(), "--db", db, "counter", "add", "--site", "px", "--id", "3A", "--name", "Quầy 3A"});
    auto r = test::run({server_program(), "--db", db, "enroll-code", "create", "--site", "px", "--counter", "3A"});
    CHECK(r.exit_code == 0);
    REQUIRE(r.output.size() == 10);  // ABCD-EFGH and a newline
    CHECK(r.output[4] == '-');
    r = test::run({server_program(), "--db", db, "enroll-code", "create", "--site", "px", "--counter", "9"});
    CHECK(r.exit_code == 1);
    r = test::run({server_program(), "--db", db, "site", "add", "--id", "px", "--name", "again"});
    CHECK(r.exit_code == 1);
}

TEST_CASE("the CLI report prints the Vietnamese summary of stored ratings") {
    test::ServerUnderTest s;
    auto [device_id, token] = s.enroll();
    auto body = protocol::make_batch(device_id, uuid_v4(), test::rating_chain({1, 1, 2}), 420).dump();
    REQUIRE(s.post_events(token, body)->status == 200);
    std::string text = s.admin({"report", "--site", "px", "--from", "01/11/2026", "--to", "30/11/2026",
                                "--group-by", "counter"});
    CHECK(text.find("Phường Ba Đình") != std::string::npos);
    CHECK(text.find("3 phiếu, rất hài lòng 66,67%, hài lòng 33,33%, không hài lòng 0%") != std::string::npos);
    CHECK(text.find("Quầy 1: 3 phiếu") != std::string::npos);
    auto as_json = json::parse(s.admin({"report", "--json", "--from", "24/11/2026"}));
    CHECK(as_json["total"] == 0);
    CHECK(as_json["summary"] == "0 phiếu");
    CHECK(text.find("Tỷ lệ hài lòng theo Quyết định 766/QĐ-TTg: 100% (tính theo phiếu đánh giá") != std::string::npos);
    std::string csv = s.admin({"report", "--csv", "--site", "px", "--group-by", "counter"});
    CHECK(csv.find("nhom:counter,q1,Quầy 1,3,2,\"66,67%\",1,\"33,33%\",0,0%,rating,3,0,100%") != std::string::npos);
    std::string english = s.admin({"report", "--lang", "en", "--site", "px"});
    CHECK(english.find("3 ratings, very satisfied 66,67%") != std::string::npos);
}
