// The ticket reference a counter's keyboard-wedge scanner types from a ticket's QR code.
#include <catch2/catch.hpp>

#include "core/ticket_ref.hpp"
#include "core/uuid.hpp"

using namespace motcua;

namespace {
const TicketRef kRef{"xa-an-phu", "2026-11-24", "A012", "0194f3a2-7c1e-7b2a-9d4e-5f6a7b8c9d0e"};
}

TEST_CASE("ticket ref: a ticket survives encoding and parsing unchanged") {
    auto text = encode_ticket_ref(kRef);
    REQUIRE(text.ok());
    auto back = parse_ticket_ref(text.value());
    REQUIRE(back.ok());
    CHECK(back.value() == kRef);

    TicketRef other{"Trung tâm HCC Phường 3", "2030-02-28", "UT-105", "not-a-uuid-17"};
    auto other_text = encode_ticket_ref(other);
    REQUIRE(other_text.ok());
    CHECK(parse_ticket_ref(other_text.value()).value() == other);
}

TEST_CASE("ticket ref: only symbols that input methods and keyboard layouts leave alone") {
    for (int i = 0; i < 50; ++i) {
        TicketRef r = kRef;
        r.ticket_id = uuid_v7();
        std::string text = encode_ticket_ref(r).value();
        CHECK(text.rfind("TN1K", 0) == 0);
        for (char c : text) {
            INFO(text);
            // No vowels (Telex and VNI rewrite after them), no D or W (Telex), no layout-moving
            // letters, no punctuation.
            CHECK(std::string("0123456789BCFGHJKNTV").find(c) != std::string::npos);
        }
        CHECK(text.size() < 90);  // small enough for a QR that scans off 58 mm paper
    }
}

TEST_CASE("ticket ref: what a scanner types is read with its Enter and in lower case") {
    std::string text = encode_ticket_ref(kRef).value();
    CHECK(parse_ticket_ref(text + "\r\n").value() == kRef);
    std::string lower;
    for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(parse_ticket_ref(" " + lower + "\n").value() == kRef);  // Caps Lock was on
}

TEST_CASE("ticket ref: a misread or mistyped reference is refused not taken for another ticket") {
    std::string text = encode_ticket_ref(kRef).value();
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == 'K') continue;  // a separator moved is caught too but says so differently
        std::string typo = text;
        typo[i] = typo[i] == '7' ? '8' : '7';
        INFO(typo);
        CHECK_FALSE(parse_ticket_ref(typo).ok());
    }
    auto swapped = text;
    std::swap(swapped[10], swapped[11]);
    if (swapped != text) CHECK_FALSE(parse_ticket_ref(swapped).ok());
    CHECK(parse_ticket_ref(text.substr(0, text.size() - 1)).error().find("damaged") != std::string::npos);
    CHECK(parse_ticket_ref("hello").error().find("not a ticket reference") != std::string::npos);
    CHECK(parse_ticket_ref("TN2K00K261124K41K41K0000").error().find("another version") != std::string::npos);
}

TEST_CASE("ticket ref: empty fields and impossible days are refused when encoding") {
    TicketRef r = kRef;
    r.site_id.clear();
    CHECK_FALSE(encode_ticket_ref(r).ok());
    r = kRef;
    r.day = "2026-02-29";  // not a leap year
    CHECK_FALSE(encode_ticket_ref(r).ok());
    r.day = "2028-02-29";
    CHECK(encode_ticket_ref(r).ok());
    r.day = "24/11/2026";
    CHECK_FALSE(encode_ticket_ref(r).ok());
    r = kRef;
    r.number = std::string(65, 'A');
    CHECK_FALSE(encode_ticket_ref(r).ok());
}
