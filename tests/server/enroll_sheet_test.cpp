// The enrolment sheet IT staff print: every QR on it must be the code printed next to it, and every
// code must enrol the counter named on its card. Read back as a phone or a scanner would: zbarimg on
// the PNG, and the PDF rasterised with pdftoppm first.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "core/clock.hpp"
#include "server/server_store.hpp"
#include "server_test_support.hpp"

using namespace motcua;

namespace {

std::string server_program() { return test::binary("motcua-server"); }

// "q1\tABCD-EFGH" lines printed by the command: counter id -> code.
std::map<std::string, std::string> printed_codes(const std::string& output) {
    std::map<std::string, std::string> codes;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) {
        auto tab = line.find('\t');
        if (tab != std::string::npos) codes[line.substr(0, tab)] = line.substr(tab + 1);
    }
    return codes;
}

std::set<std::string> qr_texts(const std::vector<std::string>& images) {
    std::set<std::string> texts;
    for (auto& image : images) {
        auto r = test::run({"/bin/sh", "-c", "zbarimg --quiet --raw \"$0\" 2>/dev/null", image});
        REQUIRE(r.exit_code == 0);
        std::istringstream in(r.output);
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) texts.insert(line);
    }
    return texts;
}

void make_site(const std::string& db, int counters) {
    REQUIRE(test::run({server_program(), "--db", db, "site", "add", "--id", "ha", "--name", "Trung tâm Hội An"}).exit_code == 0);
    for (int i = counters; i >= 1; --i) {
        std::string n = std::to_string(i);
        REQUIRE(test::run({server_program(), "--db", db, "counter", "add", "--site", "ha", "--id", "q" + n, "--name",
                           "Quầy " + n}).exit_code == 0);
    }
}

}  // namespace

TEST_CASE("enroll-sheet prints one code per counter and every QR on the PNG pages enrols that counter") {
    test::TempDir dir;
    std::string db = dir.file("s.db");
    make_site(db, 7);
    auto r = test::run({server_program(), "--db", db, "enroll-sheet", "--site", "ha", "--out", dir.file("sheet.png"),
                        "--server-url", "https://motcua.example.vn"});
    REQUIRE(r.exit_code == 0);
    auto codes = printed_codes(r.output);
    REQUIRE(codes.size() == 7);
    // Seven cards at six per page: two pages, and the counters in the order people count them.
    REQUIRE(std::filesystem::exists(dir.file("sheet.png")));
    REQUIRE(std::filesystem::exists(dir.file("sheet-2.png")));
    CHECK(r.output.find("q2\t") < r.output.find("q7\t"));

    std::set<std::string> expected;
    for (auto& [counter, code] : codes) expected.insert(code);
    CHECK(qr_texts({dir.file("sheet.png"), dir.file("sheet-2.png")}) == expected);

    auto store = server::ServerStore::open(db);
    REQUIRE(store);
    for (auto& [counter, code] : codes) {
        auto enrolled = store.value().enroll(code, "kiosk-" + counter, "0.1.0", clock::unix_ms_now());
        REQUIRE(enrolled);
        CHECK(enrolled.value().device.counter_id == counter);
        CHECK_FALSE(store.value().enroll(code, "again", "0.1.0", clock::unix_ms_now()));  // one use only
    }
}

TEST_CASE("enroll-sheet writes a PDF whose QR codes read back after printing to pixels") {
    test::TempDir dir;
    std::string db = dir.file("s.db");
    make_site(db, 3);
    auto r = test::run({server_program(), "--db", db, "enroll-sheet", "--site", "ha", "--counters", "q3,q1", "--out",
                        dir.file("codes.pdf")});
    REQUIRE(r.exit_code == 0);
    auto codes = printed_codes(r.output);
    REQUIRE(codes.size() == 2);
    CHECK(codes.count("q1") == 1);
    CHECK(codes.count("q3") == 1);
    REQUIRE(test::run({"/usr/bin/pdftoppm", "-r", "150", "-png", dir.file("codes.pdf"), dir.file("page")}).exit_code == 0);
    REQUIRE(std::filesystem::exists(dir.file("page-1.png")));
    CHECK_FALSE(std::filesystem::exists(dir.file("page-2.png")));
    CHECK(qr_texts({dir.file("page-1.png")}) == std::set<std::string>{codes["q1"], codes["q3"]});
}

TEST_CASE("enroll-sheet refuses an unknown counter or file type in plain words") {
    test::TempDir dir;
    std::string db = dir.file("s.db");
    make_site(db, 2);
    auto r = test::run({server_program(), "--db", db, "enroll-sheet", "--site", "ha", "--counters", "q9", "--out",
                        dir.file("x.pdf")});
    CHECK(r.exit_code != 0);
    CHECK(r.output.find("site ha has no counter q9") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.file("x.pdf")));
    r = test::run({server_program(), "--db", db, "enroll-sheet", "--site", "ha", "--out", dir.file("x.docx")});
    CHECK(r.exit_code != 0);
    CHECK(r.output.find("must end in .pdf or .png") != std::string::npos);
    r = test::run({server_program(), "--db", db, "enroll-sheet", "--site", "nowhere", "--out", dir.file("x.pdf")});
    CHECK(r.exit_code != 0);
    CHECK(r.output.find("unknown site nowhere") != std::string::npos);
}
