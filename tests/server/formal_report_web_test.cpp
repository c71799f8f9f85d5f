// The formal report from the dashboard: a PDF for the leader of that centre, 403 for the leader
// of another, over real HTTP on 127.0.0.1 against a real SQLite file.
#include <catch2/catch.hpp>

#include <fstream>

#include "dashboard_support.hpp"
#include "dashboard_ratings.hpp"
#include "server_test_support.hpp"
#include "tests/support/process.hpp"

using namespace motcua;
using test::DashboardUnderTest;
using test::rate_at;

namespace {


std::string pdf_text(const test::TempDir& dir, const std::string& body) {
    dir.write("download.pdf", body);
    auto r = test::run({"/usr/bin/pdftotext", "-layout", dir.file("download.pdf"), "-"});
    REQUIRE(r.exit_code == 0);
    return r.output;
}

}  // namespace

TEST_CASE("the dashboard serves a centre's formal report as a PDF to its leader and 403 to another centre's") {
    DashboardUnderTest d;
    {
        server::web::WebAccounts accounts(d.store->database(), test::kTestHash);
        DashboardUnderTest::must(accounts.add_user({"lanhdao.qy", "Lãnh đạo Hoàn Kiếm", "leader", std::string("qy"), 0,
                                                    std::nullopt},
                                                   test::kPassword, d.now_ms.load()));
    }
    rate_at(d, "px", "q1", {1, 1, 1, 2});
    rate_at(d, "px", "q2", {3});
    const std::string leader = d.session_cookie("lanhdao.px");

    // The centre's page links the report of the month (and quarter) its period starts in.
    auto page = d.get("/dashboard?site=px&from=2026-11-01&to=2026-11-18", leader);
    REQUIRE(page);
    REQUIRE(page->status == 200);
    CHECK(page->body.find("href=\"/dashboard/report.pdf?site=px&amp;month=2026-11\"") != std::string::npos);
    CHECK(page->body.find("Tải báo cáo PDF tháng 11/2026") != std::string::npos);

    auto pdf = d.get("/dashboard/report.pdf?site=px&month=2026-11", leader);
    REQUIRE(pdf);
    REQUIRE(pdf->status == 200);
    CHECK(pdf->get_header_value("Content-Type") == "application/pdf");
    CHECK(pdf->get_header_value("Content-Disposition") == "attachment; filename=\"bao-cao-px-2026-11.pdf\"");
    REQUIRE(pdf->body.rfind("%PDF-", 0) == 0);
    const std::string text = pdf_text(d.dir, pdf->body);
    INFO(text);
    CHECK(text.find("THÀNH PHỐ HÀ NỘI") != std::string::npos);
    CHECK(text.find("PHƯỜNG BA ĐÌNH") != std::string::npos);
    CHECK(text.find("Tháng 11 năm 2026") != std::string::npos);
    CHECK(text.find("Tổng số phiếu đánh giá: 5 phiếu") != std::string::npos);
    CHECK(text.find("Tỷ lệ hài lòng theo Quyết định 766/QĐ-TTg: 80%") != std::string::npos);

    // The quarter, and the leader's own centre when no site is named.
    auto quarter = d.get("/dashboard/report.pdf?quarter=4%2F2026", leader);
    REQUIRE(quarter);
    REQUIRE(quarter->status == 200);
    CHECK(pdf_text(d.dir, quarter->body).find("Quý IV năm 2026") != std::string::npos);

    // Another centre's leader may not print this one; nor may anyone signed out.
    auto other = d.get("/dashboard/report.pdf?site=px&month=2026-11", d.session_cookie("lanhdao.qy"));
    REQUIRE(other);
    CHECK(other->status == 403);
    CHECK(other->body.find("%PDF") == std::string::npos);
    auto anonymous = d.client().Get("/dashboard/report.pdf?site=px&month=2026-11");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 303);
    CHECK(anonymous->get_header_value("Location") == "/login");

    // A malformed month; a centre that does not exist is refused as on its page.
    auto bad = d.get("/dashboard/report.pdf?site=px&month=2026-13", leader);
    REQUIRE(bad);
    CHECK(bad->status == 400);
    CHECK(bad->body.find("Kỳ báo cáo không hợp lệ") != std::string::npos);
    auto unknown = d.get("/dashboard/report.pdf?site=nowhere&month=2026-11", d.session_cookie("admin"));
    REQUIRE(unknown);
    CHECK(unknown->status == 403);
}
