// The printer connections against real sockets, files and pipes: a fake printer on 127.0.0.1
// that takes tickets, reports paper out, stops reading mid-ticket, or never answers.
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "kiosk/print/escpos.hpp"
#include "kiosk/print/printer.hpp"
#include "kiosk/print/print_test_command.hpp"
#include "kiosk/print/ticket_render.hpp"
#include "tests/print/fake_printer.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::print;
using test::FakePrinter;

namespace {

std::string sample_ticket_bytes() {
    TicketFonts fonts{"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                      "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"};
    auto ticket = render_ticket(sample_ticket(1795482900000, 420), Paper::mm80, fonts);
    REQUIRE(ticket.ok());
    return encode_ticket(ticket.value());
}

// A valid ticket far larger than any socket buffer: 576 x 8000 dots, about 576 KB.
std::string huge_ticket_bytes() {
    Bitmap tall(576, 8000);
    for (int y = 0; y < tall.height; y += 2) tall.fill_rect(0, y, 576, 1);
    return encode_ticket(tall);
}

Printer tcp_printer(const FakePrinter& fake, int timeout_ms) {
    return Printer(parse_printer_target(fake.target()).value(), timeout_ms);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("printer: a printer on TCP receives the whole ticket byte for byte") {
    FakePrinter fake(FakePrinter::Mode::normal);
    std::string bytes = sample_ticket_bytes();
    Printer printer = tcp_printer(fake, 3000);
    Status printed = printer.print(bytes);
    INFO(printed.error());
    REQUIRE(printed.ok());
    CHECK(fake.wait_for_ticket() == bytes);
}

TEST_CASE("printer: paper-out answers to DLE EOT are reported as paper out with a staff alarm") {
    FakePrinter fake(FakePrinter::Mode::normal, {0x1A, 0x32, 0x72});  // offline, stopped at paper end, no paper
    PrinterStatus status = tcp_printer(fake, 2000).status();
    INFO(status.detail);
    CHECK(status.state == PrinterState::paper_out);
    auto alarm = alarm_for_status(status);
    REQUIRE(alarm.has_value());
    CHECK(alarm->code == "printer_paper_out");
    CHECK(alarm->vi.find("hết giấy") != std::string::npos);
    CHECK(alarm->en.find("out of paper") != std::string::npos);
}

TEST_CASE("printer: an open cover and a nearly empty roll are told apart") {
    FakePrinter cover(FakePrinter::Mode::normal, {0x1A, 0x16, 0x12});
    CHECK(tcp_printer(cover, 2000).status().state == PrinterState::cover_open);
    FakePrinter low(FakePrinter::Mode::normal, {0x12, 0x12, 0x1E});
    PrinterStatus s = tcp_printer(low, 2000).status();
    CHECK(s.state == PrinterState::paper_near_end);
    CHECK(alarm_for_status(s)->code == "printer_paper_near_end");
}

TEST_CASE("printer: a healthy printer reports ok and raises no alarm") {
    FakePrinter fake(FakePrinter::Mode::normal);
    PrinterStatus s = tcp_printer(fake, 2000).status();
    CHECK(s.state == PrinterState::ok);
    CHECK_FALSE(alarm_for_status(s).has_value());
}

TEST_CASE("printer: a printer that stops reading mid-ticket fails the print with a clear error") {
    FakePrinter fake(FakePrinter::Mode::stop_reading, FakePrinter::kAllClear, 4096);
    std::string bytes = huge_ticket_bytes();
    Status printed = tcp_printer(fake, 500).print(bytes);
    REQUIRE_FALSE(printed.ok());
    CHECK(printed.error().find("stopped taking data for 500 ms") != std::string::npos);
    CHECK(printed.error().find("of " + std::to_string(bytes.size()) + " bytes") != std::string::npos);
    auto alarm = alarm_for_print_failure(printed);
    CHECK(alarm.code == "printer_failed");
    CHECK(alarm.en.find("stopped taking data") != std::string::npos);
}

TEST_CASE("printer: a printer that never answers DLE EOT is unknown and the question returns") {
    FakePrinter fake(FakePrinter::Mode::mute);
    PrinterStatus s = tcp_printer(fake, 300).status();
    CHECK(s.state == PrinterState::unknown);
    CHECK(s.detail.find("no answer to DLE EOT within 300 ms") != std::string::npos);
    CHECK_FALSE(alarm_for_status(s).has_value());
}

TEST_CASE("printer: nobody listening on the printer's port is a print failure and an offline status") {
    int port = 0;
    {
        FakePrinter gone(FakePrinter::Mode::normal);
        port = gone.port();
    }  // closed: the port now refuses connections
    Printer printer(parse_printer_target("tcp:127.0.0.1:" + std::to_string(port)).value(), 1000);
    Status printed = printer.print("\x1B@");
    REQUIRE_FALSE(printed.ok());
    CHECK(printed.error().find("cannot connect to the printer 127.0.0.1:" + std::to_string(port)) != std::string::npos);
    PrinterStatus s = printer.status();
    CHECK(s.state == PrinterState::offline);
    CHECK(alarm_for_status(s)->code == "printer_offline");
}

TEST_CASE("printer: a file target receives exactly the ticket's bytes") {
    test::TempDir dir;
    std::string bytes = sample_ticket_bytes();
    Printer printer(parse_printer_target("file:" + dir.file("ticket.bin")).value(), 1000);
    REQUIRE(printer.print(bytes).ok());
    CHECK(read_file(dir.file("ticket.bin")) == bytes);
    CHECK(printer.status().state == PrinterState::unknown);
}

TEST_CASE("printer: a device that stops taking data fails within the timeout instead of hanging") {
    test::TempDir dir;
    std::string fifo = dir.file("lp0");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);  // a device nobody drains: its buffer fills and stays full
    Printer printer(parse_printer_target("device:" + fifo).value(), 300);
    Status printed = printer.print(huge_ticket_bytes());
    REQUIRE_FALSE(printed.ok());
    CHECK(printed.error().find("stopped taking data for 300 ms") != std::string::npos);
    CHECK(printer.status().state == PrinterState::unknown);  // and a silent device is not a hang either
}

TEST_CASE("printer: a serial printer gets the ticket unaltered and answers status on the same line") {
    // A pseudo-terminal stands in for /dev/ttyUSB0: the test reads the printer's side.
    int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    REQUIRE(master >= 0);
    REQUIRE(::grantpt(master) == 0);
    REQUIRE(::unlockpt(master) == 0);
    std::string port = ::ptsname(master);
    std::string received;
    std::atomic<bool> stop{false};
    std::thread printer_side([&] {
        while (!stop) {
            pollfd p{master, POLLIN, 0};
            if (::poll(&p, 1, 20) != 1) continue;
            char buf[4096];
            ssize_t n = ::read(master, buf, sizeof buf);
            if (n <= 0) continue;
            received.append(buf, static_cast<std::size_t>(n));
            // A question may arrive in one read with the end of the ticket (which ends in a cut).
            std::size_t end = received.size();
            if (end >= 3 && received[end - 3] == 0x10 && received[end - 2] == 0x04) {
                unsigned char answer = received[end - 1] == 4 ? 0x1E : 0x12;  // roll nearly used up
                (void)::write(master, &answer, 1);
            }
        }
    });
    std::string bytes = sample_ticket_bytes();  // has 0x0A and 0x0D bytes a terminal would rewrite
    Printer printer(parse_printer_target("device:" + port).value(), 2000);
    Status printed = printer.print(bytes);
    PrinterStatus status = printer.status();
    ::poll(nullptr, 0, 100);  // let the last bytes through the terminal
    stop = true;
    printer_side.join();
    ::close(master);
    INFO(printed.error());
    REQUIRE(printed.ok());
    CHECK(received.substr(0, bytes.size()) == bytes);
    INFO(status.detail);
    CHECK(status.state == PrinterState::paper_near_end);
}

TEST_CASE("printer: targets are read from one setting and wrong ones are refused") {
    CHECK(parse_printer_target("none")->kind == PrinterTarget::Kind::none);
    auto tcp = parse_printer_target("tcp:192.168.1.50:9100");
    REQUIRE(tcp.ok());
    CHECK(tcp->host == "192.168.1.50");
    CHECK(tcp->port == 9100);
    CHECK(parse_printer_target("tcp:printer.local")->port == 9100);
    CHECK(parse_printer_target("device:/dev/usb/lp0")->path == "/dev/usb/lp0");
    CHECK(parse_printer_target("file:/tmp/t.bin")->kind == PrinterTarget::Kind::file);
    CHECK_FALSE(parse_printer_target("tcp:host:99999").ok());
    CHECK_FALSE(parse_printer_target("device:lp0").ok());
    CHECK_FALSE(parse_printer_target("usb").ok());
    Printer off(parse_printer_target("none").value(), 1000);
    CHECK_FALSE(off.enabled());
    CHECK_FALSE(off.print("x").ok());
    CHECK(off.status().state == PrinterState::not_configured);
}
