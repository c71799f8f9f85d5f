// motcua-kiosk --print-test run as IT staff run it, with the printer set in a settings file.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "kiosk/print/escpos.hpp"
#include "tests/print/fake_printer.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;

namespace {
std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

TEST_CASE("print-test command: a file printer gets the ticket bytes and --out writes the PNG preview") {
    test::TempDir dir;
    dir.write("kiosk.toml", "[printer]\ntarget = \"file:" + dir.file("printer.bin") + "\"\npaper_mm = 58\n");
    auto r = test::run({test::binary("motcua-kiosk"), "--config", dir.file("kiosk.toml"), "--print-test", "--out",
                        dir.file("ticket.png")});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    auto image = print::decode_ticket(read_file(dir.file("printer.bin")));
    REQUIRE(image.ok());
    CHECK(image->width == 384);
    std::string png = read_file(dir.file("ticket.png"));
    CHECK(png.substr(1, 3) == "PNG");
    CHECK(r.output.find("printer status: unknown") != std::string::npos);
}

TEST_CASE("print-test command: a printer out of paper makes it fail and name the alarm") {
    test::FakePrinter fake(test::FakePrinter::Mode::normal, {0x1A, 0x32, 0x72});
    test::TempDir dir;
    dir.write("kiosk.toml", "[printer]\ntarget = \"" + fake.target() + "\"\ntimeout_ms = 2000\n");
    auto r = test::run({test::binary("motcua-kiosk"), "--config", dir.file("kiosk.toml"), "--print-test"});
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("printer status: paper_out") != std::string::npos);
    CHECK(r.output.find("printer_paper_out") != std::string::npos);
    auto image = print::decode_ticket(fake.wait_for_ticket());
    REQUIRE(image.ok());
    CHECK(image->width == 576);  // 80 mm by default
}

TEST_CASE("print-test command: an unreachable printer fails with the reason") {
    test::TempDir dir;
    dir.write("kiosk.toml", "[printer]\ntarget = \"device:" + dir.file("no-such-lp0") + "\"\n");
    auto r = test::run({test::binary("motcua-kiosk"), "--config", dir.file("kiosk.toml"), "--print-test"});
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("FAILED") != std::string::npos);
    CHECK(r.output.find("no-such-lp0") != std::string::npos);
}
