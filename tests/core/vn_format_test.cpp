#include <catch2/catch.hpp>

#include "core/clock.hpp"
#include "core/vn_format.hpp"

using namespace motcua;

TEST_CASE("counts use a dot for thousands as Vietnamese reports do") {
    CHECK(vn::count(0) == "0");
    CHECK(vn::count(87) == "87");
    CHECK(vn::count(1659) == "1.659");
    CHECK(vn::count(1234567) == "1.234.567");
}

TEST_CASE("percentages use a comma and drop trailing zeros") {
    CHECK(vn::percent(1526, 1659) == "91,98%");
    CHECK(vn::percent(131, 1659) == "7,9%");
    CHECK(vn::percent(2, 1659) == "0,12%");
    CHECK(vn::percent(86, 100) == "86%");
    CHECK(vn::percent(2, 3) == "66,67%");
    CHECK(vn::percent(0, 0) == "0%");
}

TEST_CASE("RFC 3339 timestamps carry milliseconds and the +07:00 offset, and parse back") {
    std::string text = clock::rfc3339_ms(1795914899010, 420);
    CHECK(text == "2026-11-29T08:14:59.010+07:00");
    std::int64_t ms = 0;
    REQUIRE(clock::parse_rfc3339(text, ms));
    CHECK(ms == 1795914899010);
    REQUIRE(clock::parse_rfc3339("2026-11-29T01:14:59Z", ms));
    CHECK(ms == 1795914899000);
    CHECK_FALSE(clock::parse_rfc3339("27/11/2026", ms));
    CHECK_FALSE(clock::parse_rfc3339("2026-11-27T01:14:59", ms));
}

TEST_CASE("ticket times read dd/mm/yyyy HH:mm in local time across midnight and year ends") {
    CHECK(vn::date_time(1795482900000, 420) == "24/11/2026 08:15");  // 01:15 UTC
    CHECK(vn::date_time(1798761599000, 420) == "01/01/2027 06:59");  // 23:59:59 UTC on 31/12/2026
    CHECK(vn::date_time(1798732800000, 420) == "31/12/2026 23:00");  // 16:00 UTC
    CHECK(vn::date_time(0, 0) == "01/01/1970 00:00");
}

TEST_CASE("the issuing unit's name is written in upper case with every Vietnamese letter and tone kept") {
    CHECK(vn::upper("Trung tâm Phục vụ hành chính công phường Đông Hà") == "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG ĐÔNG HÀ");
    CHECK(vn::upper("Ủy ban nhân dân xã Ứng Hòa, ấp Mỹ Lợi") == "ỦY BAN NHÂN DÂN XÃ ỨNG HÒA, ẤP MỸ LỢI");
    CHECK(vn::upper("ăâđêôơư ỳỵỷỹ ữựừửứ") == "ĂÂĐÊÔƠƯ ỲỴỶỸ ỮỰỪỬỨ");
    CHECK(vn::upper("Số 3A – «quầy»") == "SỐ 3A – «QUẦY»");  // digits and punctuation unchanged
    CHECK(vn::upper(std::string("a\xff" "b\xe1\xba")) == std::string("A\xff" "B\xe1\xba"));  // broken bytes copied
}
