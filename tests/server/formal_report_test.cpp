// The formal monthly report a leader prints and signs: a month of ratings at two counters by two
// officers, plus ratings just outside the month at the Asia/Ho_Chi_Minh boundaries, counted here
// from the events themselves, then read back from the PDF with pdftotext as the printed words.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "core/clock.hpp"
#include "core/pin_hash.hpp"
#include "server/server_store.hpp"
#include "server_test_support.hpp"

using namespace motcua;

namespace {

std::string server_program() { return test::binary("motcua-server"); }

struct Rating {
    std::string at;  // UTC: the test, not the server, decides which local day it falls on
    std::string counter, officer;
    int score;
    std::vector<std::string> reasons;
    std::vector<std::string> dossier_codes = {};
};

// Pushes the events as one newly enrolled kiosk of `site` would, through the store's ingest.
void push(const std::string& db, const std::string& site, const std::string& counter, const std::vector<Event>& events) {
    auto store = server::ServerStore::open(db);
    REQUIRE(store);
    const std::int64_t now = clock::unix_ms_now();
    auto code = store.value().create_enroll_code(site, counter, 72, now);
    REQUIRE(code);
    auto device = store.value().enroll(code.value(), "kiosk-" + site, "0.1.0", now);
    REQUIRE(device);
    const std::string db_instance = uuid_v4();
    for (std::size_t i = 0; i < events.size(); i += 400) {
        std::vector<Event> part(events.begin() + i, events.begin() + std::min(events.size(), i + 400));
        auto batch = protocol::make_batch(device.value().device.device_id, db_instance, part, 420);
        REQUIRE(store.value().ingest_batch(device.value().device, batch, 500, now).ok());
    }
}

// A regular expression for `text` as printed, where any space may have become a line break.
std::string words(const std::string& text) {
    std::string re;
    for (char ch : text) {
        if (ch == ' ') re += "\\s+";
        else if (std::string("()[]{}.*+?^$|\\").find(ch) != std::string::npos) re += std::string("\\") + ch;
        else re += ch;
    }
    return re;
}

// The ratings as one chain of rating.submitted events.
void ingest(const std::string& db, const std::string& site, const std::string& counter, const std::vector<Rating>& ratings) {
    std::vector<Event> events;
    std::string prev = kGenesisHash;
    for (auto& r : ratings) {
        Event e;
        e.seq = static_cast<std::int64_t>(events.size()) + 1;
        e.id = uuid_v7();
        e.type = std::string(event_type::kRatingSubmitted);
        e.at = r.at;
        e.mono_ms = 1000 + e.seq;
        e.boot_id = "7d1f1c8e-0000-4000-8000-000000000001";
        e.data = json{{"ticket_id", nullptr}, {"counter", r.counter}, {"officer", r.officer}, {"service", "ho_tich"},
                      {"score", r.score}, {"reasons", r.reasons}, {"dossier_codes", r.dossier_codes}};
        e.prev_hash = prev;
        e.hash = compute_event_hash(e);
        prev = e.hash;
        events.push_back(e);
    }
    push(db, site, counter, events);
}

// Local month (UTC+7) of a UTC time "2026-10-31T16:59:00.000Z": the test's own arithmetic.
std::string local_month(const std::string& utc) {
    int y = std::stoi(utc.substr(0, 4)), m = std::stoi(utc.substr(5, 2)), d = std::stoi(utc.substr(8, 2));
    int h = std::stoi(utc.substr(11, 2));
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (h + 7 >= 24 && d == days[m - 1] + (m == 2 && y % 4 == 0 ? 1 : 0)) {  // past local midnight of the month's last day
        if (++m == 13) m = 1, ++y;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d/%04d", m, y);
    return buf;
}

// "63,16%" from 12 of 19, two decimals, trailing zeros cut: written here apart from vn::percent.
std::string percent(std::int64_t part, std::int64_t total) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", 100.0 * static_cast<double>(part) / static_cast<double>(total));
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    for (auto& c : s)
        if (c == '.') c = ',';
    return s + "%";
}

std::string pdf_text(const std::string& pdf) {
    auto r = test::run({"/usr/bin/pdftotext", "-layout", pdf, "-"});
    REQUIRE(r.exit_code == 0);
    return r.output;
}

std::string pdf_page_text(const std::string& pdf, int page) {
    auto r = test::run({"/usr/bin/pdftotext", "-layout", "-f", std::to_string(page), "-l", std::to_string(page), pdf, "-"});
    REQUIRE(r.exit_code == 0);
    return r.output;
}

int pdf_pages(const std::string& pdf) {
    auto r = test::run({"/usr/bin/pdfinfo", pdf});
    REQUIRE(r.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_search(r.output, m, std::regex(R"(Pages:\s+(\d+))")));
    return std::stoi(m[1].str());
}

bool has(const std::string& text, const std::string& pattern) { return std::regex_search(text, std::regex(pattern)); }

// A centre under a province, three counters (one never rated), two named officers.
struct Centre {
    test::TempDir dir;
    std::string db = dir.file("server.db");
    std::string config = dir.file("server.toml");

    Centre() {
        admin({"site", "add", "--id", "qn", "--name", "Tỉnh Quảng Nam"});
        admin({"site", "add", "--id", "ha", "--name", "Trung tâm Phục vụ hành chính công phường Hội An", "--parent", "qn"});
        admin({"counter", "add", "--site", "ha", "--id", "q10", "--name", "Quầy 10"});
        admin({"counter", "add", "--site", "ha", "--id", "q2", "--name", "Quầy 2"});
        admin({"counter", "add", "--site", "ha", "--id", "q3", "--name", "Quầy 3"});
        auto hash = hash_pin("1234", PinHashParams{10, 8, 1});
        REQUIRE(hash);
        dir.write("server.toml", "[[queue.officers]]\nid = \"cb01\"\nname = \"Nguyễn Văn An\"\npin_hash = \"" +
                                     hash.value() + "\"\n[[queue.officers]]\nid = \"cb02\"\nname = \"Trần Thị Bình\"\npin_hash = \"" +
                                     hash.value() + "\"\n");
    }
    void admin(std::vector<std::string> args) {
        args.insert(args.begin(), {server_program(), "--db", db});
        test::run_ok(args);
    }
    test::RunResult report(std::vector<std::string> args) {
        args.insert(args.begin(), {server_program(), "--config", config, "--db", db, "report", "--formal"});
        return test::run(args);
    }
};

std::vector<Rating> october() {
    std::vector<Rating> r;
    auto add = [&](const std::string& at, const std::string& counter, const std::string& officer, int score, int n,
                   std::vector<std::string> reasons = {}) {
        for (int i = 0; i < n; ++i) r.push_back({at, counter, officer, score, reasons});
    };
    add("2026-10-06T02:00:00.000Z", "q2", "cb01", 1, 7);
    add("2026-10-07T03:00:00.000Z", "q2", "cb01", 2, 2);
    add("2026-10-08T04:00:00.000Z", "q2", "cb01", 3, 1, {"wait_time", "attitude"});
    add("2026-10-13T02:00:00.000Z", "q10", "cb02", 1, 4);
    add("2026-10-14T02:00:00.000Z", "q10", "cb02", 2, 1);
    add("2026-10-15T02:00:00.000Z", "q10", "cb02", 3, 2, {"wait_time"});
    add("2026-09-30T17:00:00.000Z", "q10", "cb02", 2, 1);  // 01/10 00:00 local: in October
    add("2026-10-31T16:59:00.000Z", "q2", "cb01", 1, 1);   // 31/10 23:59 local: in October
    add("2026-10-31T17:00:00.000Z", "q2", "cb01", 3, 1);   // 01/11 00:00 local: November
    add("2026-09-30T16:59:00.000Z", "q10", "cb02", 3, 1);  // 30/09 23:59 local: September
    return r;
}

}  // namespace

TEST_CASE("the formal monthly report prints the month's counts, percents and 766 rate as counted from the events") {
    Centre c;
    const auto ratings = october();
    ingest(c.db, "ha", "q2", ratings);
    // What the printed report must say, counted from the events of local October.
    std::map<int, std::int64_t> by_score;
    std::map<std::string, std::map<int, std::int64_t>> by_counter, by_officer;
    std::int64_t total = 0;
    for (auto& r : ratings) {
        if (local_month(r.at) != "10/2026") continue;
        ++total;
        ++by_score[r.score];
        ++by_counter[r.counter][r.score];
        ++by_officer[r.officer][r.score];
    }
    REQUIRE(total == 19);  // the two ratings outside the month are not among them

    auto r = c.report({"--site", "ha", "--month", "10/2026", "--place", "Hội An", "--out", c.dir.file("bc.pdf")});
    REQUIRE(r.exit_code == 0);
    CHECK(r.output.find("wrote " + c.dir.file("bc.pdf")) != std::string::npos);
    const std::string text = pdf_text(c.dir.file("bc.pdf"));
    INFO(text);
    CHECK(has(text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    CHECK(has(text, "Độc lập - Tự do - Hạnh phúc"));
    CHECK(has(text, "TỈNH QUẢNG NAM"));
    CHECK(has(text, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH"));  // the centre's name, upper case, on two lines
    CHECK(has(text, "PHƯỜNG HỘI AN"));
    CHECK(has(text, "Hội An, ngày …… tháng …… năm ……"));
    CHECK(has(text, "BÁO CÁO KẾT QUẢ ĐÁNH GIÁ SỰ HÀI LÒNG"));
    CHECK(has(text, "Tháng 10 năm 2026"));
    CHECK(has(text, "Từ ngày 01/10/2026 đến ngày 31/10/2026"));
    CHECK(has(text, "Tổng số phiếu đánh giá: " + std::to_string(total) + " phiếu"));
    const char* labels[] = {"Rất hài lòng", "Hài lòng", "Không hài lòng"};
    for (int score = 1; score <= 3; ++score) {
        INFO("level " << labels[score - 1]);
        CHECK(has(text, std::string("\\d\\s+") + labels[score - 1] + "\\s+" + std::to_string(by_score[score]) + "\\s+" +
                            percent(by_score[score], total)));
    }
    // 766, per rating (no dossier codes): (total − not satisfied) ÷ total.
    CHECK(has(text, "Tỷ lệ hài lòng theo Quyết định 766/QĐ-TTg: " + percent(total - by_score[3], total)));
    CHECK(has(text, "tính theo phiếu đánh giá"));
    // The trust flags are said, not taken out: no rating here names a served ticket.
    CHECK(has(text, words("Cần xem lại (các phiếu này vẫn được tính trong tổng số và tỷ lệ): Không gắn phiếu phục vụ: " +
                          std::to_string(total) + ",")));
    // The table by counter: Quầy 2 before Quầy 3 before Quầy 10, each with its own counts.
    auto row = [&](const std::string& name, const std::map<int, std::int64_t>& s) {
        std::int64_t n = 0;
        for (auto& [score, k] : s) n += k;
        std::string re = name + "\\s+" + std::to_string(n);
        for (int score = 1; score <= 3; ++score) {
            std::int64_t k = s.count(score) ? s.at(score) : 0;
            re += "\\s+" + std::to_string(k) + " \\(" + percent(k, n) + "\\)";
        }
        return re + "\\s+" + percent(n - (s.count(3) ? s.at(3) : 0), n);
    };
    CHECK(has(text, row("Quầy 2", by_counter["q2"])));
    CHECK(has(text, row("Quầy 10", by_counter["q10"])));
    CHECK(has(text, "Quầy 3\\s+0\\s+0\\s+0\\s+0\\s+–"));
    CHECK(text.find("Quầy 2 ") < text.find("Quầy 3 "));
    CHECK(text.find("Quầy 3 ") < text.find("Quầy 10 "));
    // The table by officer, by name.
    CHECK(has(text, row("Nguyễn Văn An \\(cb01\\)", by_officer["cb01"])));
    CHECK(has(text, row("Trần Thị Bình \\(cb02\\)", by_officer["cb02"])));
    // Reasons of the 3 unhappy ratings: wait_time on all 3, attitude on 1.
    CHECK(has(text, "Số phiếu ở mức có hỏi lý do: 3 phiếu"));
    CHECK(has(text, "Thời gian chờ, giải quyết quá lâu\\s+3\\s+100%"));
    CHECK(has(text, "Thái độ cán bộ chưa tốt\\s+1\\s+33,33%"));
    // No tickets were issued: no queue section. The signatures and the page number.
    CHECK_FALSE(has(text, "Cấp số thứ tự"));
    CHECK(has(text, "NGƯỜI LẬP BÁO CÁO\\s+THỦ TRƯỞNG ĐƠN VỊ"));
    CHECK(has(text, "\\(Ký, ghi rõ họ tên\\)\\s+\\(Ký, ghi rõ họ tên\\)"));
    CHECK(has(text, "Trang 1/" + std::to_string(pdf_pages(c.dir.file("bc.pdf")))));

    // The same figures as the API's report for the same days.
    auto json_report = test::run({server_program(), "--config", c.config, "--db", c.db, "report", "--site", "ha",
                                  "--from", "01/10/2026", "--to", "31/10/2026", "--json"});
    REQUIRE(json_report.exit_code == 0);
    auto j = json::parse(json_report.output);
    CHECK(j["total"] == total);
    CHECK(has(text, "766/QĐ-TTg: " + j["qd766"]["percent"].get<std::string>()));
}

TEST_CASE("the formal quarterly report counts the quarter and names it in Roman numerals") {
    Centre c;
    ingest(c.db, "ha", "q2", october());
    auto r = c.report({"--site", "ha", "--quarter", "4/2026", "--out", c.dir.file("q.pdf")});
    REQUIRE(r.exit_code == 0);
    const std::string text = pdf_text(c.dir.file("q.pdf"));
    INFO(text);
    CHECK(has(text, "Quý IV năm 2026"));
    CHECK(has(text, "Từ ngày 01/10/2026 đến ngày 31/12/2026"));
    CHECK(has(text, "Tổng số phiếu đánh giá: 20 phiếu"));  // October's 19 and the one of 01/11 00:00
    // No place given and none set: dots to fill in by hand.
    CHECK(has(text, "……………, ngày …… tháng …… năm ……"));
    // The place set once in the server's settings (report.place).
    std::ofstream(c.config, std::ios::app) << "[report]\nplace = \"Tam Kỳ\"\n";
    r = c.report({"--site", "ha", "--quarter", "4/2026", "--out", c.dir.file("q.pdf")});
    REQUIRE(r.exit_code == 0);
    CHECK(has(pdf_text(c.dir.file("q.pdf")), "Tam Kỳ, ngày …… tháng …… năm ……"));
}

TEST_CASE("the formal report has a queue section when the centre issued tickets in the period") {
    Centre c;
    ingest(c.db, "ha", "q2", october());
    // 20/10/2026: A001 waits 4 min at Quầy 2 and is served in 6; A002 waits 10 min at Quầy 10 and
    // is served in 5; A003 waits 2 min and does not come. A004 on 01/11 is outside the month.
    const json dispenser{{"issuer_kind", "dispenser"}, {"issuer", "d1"}};
    auto at = [](const char* counter) { return json{{"counter", counter}, {"officer", "cb01"}, {"how", "next"}}; };
    auto served = [](const char* counter) {
        return json{{"counter", counter}, {"officer", "cb01"}, {"dossier_codes", json::array()}};
    };
    std::vector<Event> events;
    test::append_queue_chain(events, "2026-10-20", "ho_tich", "A001",
                             {{event_type::kTicketIssued, "08:00:00", dispenser},
                              {event_type::kTicketCalled, "08:04:00", at("q2")},
                              {event_type::kTicketServed, "08:10:00", served("q2")}});
    test::append_queue_chain(events, "2026-10-20", "ho_tich", "A002",
                             {{event_type::kTicketIssued, "08:30:00", dispenser},
                              {event_type::kTicketCalled, "08:40:00", at("q10")},
                              {event_type::kTicketServed, "08:45:00", served("q10")}});
    test::append_queue_chain(events, "2026-10-20", "ho_tich", "A003",
                             {{event_type::kTicketIssued, "09:00:00", dispenser},
                              {event_type::kTicketCalled, "09:02:00", at("q2")},
                              {event_type::kTicketNoShow, "09:05:00",
                               {{"counter", "q2"}, {"officer", "cb01"}, {"requeue", false}}}});
    test::append_queue_chain(events, "2026-11-01", "ho_tich", "A001",
                             {{event_type::kTicketIssued, "00:00:00", dispenser}});
    push(c.db, "ha", "q2", events);
    auto r = c.report({"--site", "ha", "--month", "10/2026", "--out", c.dir.file("queue.pdf")});
    REQUIRE(r.exit_code == 0);
    const std::string text = pdf_text(c.dir.file("queue.pdf"));
    INFO(text);
    CHECK(has(text, "5. Cấp số thứ tự, thời gian chờ và thời gian phục vụ"));
    CHECK(has(text, "Số thứ tự đã cấp\\s+3\\n"));
    CHECK(has(text, "Đã phục vụ\\s+2\\n"));
    CHECK(has(text, "Vắng mặt khi được gọi\\s+1 \\(33,33% số đã cấp\\)"));
    // Waiting 2, 4, 10 min: median 4, 90 % within the 3rd of 3. Service 5, 6: median 5,5.
    CHECK(has(text, "Thời gian chờ đến lần gọi đầu\\s+4 phút\\s+10 phút\\s+3\\n"));
    CHECK(has(text, "Thời gian phục vụ\\s+5,5 phút\\s+6 phút\\s+2\\n"));
}

TEST_CASE("a province's formal report has a row per centre below it and counts 766 per dossier when codes are given") {
    Centre c;
    c.admin({"site", "add", "--id", "tk", "--name", "Trung tâm Phục vụ hành chính công phường Tam Kỳ", "--parent", "qn"});
    c.admin({"counter", "add", "--site", "tk", "--id", "q2", "--name", "Quầy 2"});  // the same id as Hội An's Quầy 2
    ingest(c.db, "ha", "q2", october());  // 19 ratings in October, no dossier codes
    ingest(c.db, "tk", "q2",
           {{"2026-10-05T02:00:00.000Z", "q2", "cb01", 1, {}, {"HS-1", "HS-2"}},
            {"2026-10-05T03:00:00.000Z", "q2", "cb01", 1, {}, {"HS-3", "HS-4"}},
            {"2026-10-05T04:00:00.000Z", "q2", "cb01", 1, {}, {"HS-5", "HS-6"}},
            {"2026-10-05T05:00:00.000Z", "q2", "cb01", 3, {"guidance"}, {"HS-7"}}});
    auto r = c.report({"--site", "qn", "--month", "10/2026", "--out", c.dir.file("tinh.pdf")});
    REQUIRE(r.exit_code == 0);
    const std::string text = pdf_text(c.dir.file("tinh.pdf"));
    INFO(text);
    CHECK(has(text, "TỈNH QUẢNG NAM"));
    CHECK(has(text, "Tổng số phiếu đánh giá: 23 phiếu"));
    // 7 dossier codes on the ratings, 1 of them on an unhappy one: 6 ÷ 7.
    CHECK(has(text, "766/QĐ-TTg: " + percent(6, 7)));
    CHECK(has(text, "tính theo hồ sơ"));
    CHECK(has(text, "7 hồ sơ, 1 không hài lòng"));
    // Each centre its own row (its own 766 basis); no table by counter adding two Quầy 2 together.
    CHECK(has(text, "2. Kết quả theo đơn vị trực thuộc"));
    CHECK_FALSE(has(text, "Kết quả theo quầy"));
    // (The centres' long names wrap in their cell: the rows are found by their figures, in name order.)
    CHECK(has(text, R"(\s1\s+19\s+12 \(63,16%\)\s+4 \(21,05%\)\s+3 \(15,79%\)\s+84,21%)"));
    CHECK(has(text, R"(\s2[^\n]*\s4\s+3 \(75%\)\s+0 \(0%\)\s+1 \(25%\)\s+)" + percent(6, 7)));
    CHECK(text.find("phường Hội An") < text.find("phường Tam"));
}

TEST_CASE("a long officer table continues on the next page under its header") {
    Centre c;
    std::vector<Rating> ratings;
    for (int i = 1; i <= 70; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "cb%03d", i);
        ratings.push_back({"2026-10-10T02:00:00.000Z", i % 2 ? "q2" : "q10", id, 1 + i % 3, {}});
    }
    ingest(c.db, "ha", "q2", ratings);
    auto r = c.report({"--site", "ha", "--month", "10/2026", "--out", c.dir.file("long.pdf")});
    REQUIRE(r.exit_code == 0);
    const int pages = pdf_pages(c.dir.file("long.pdf"));
    CHECK(pages >= 2);
    // Row numbers of the officer table page by page: 1 to 70 in order, none lost or repeated at a
    // page break, and every page after the first that holds rows starts with the header again.
    std::vector<int> numbers;
    const std::regex officer_row(R"((?:^|\n)\s*(\d+)\s+(cb\d{3})\s)");
    for (int page = 1; page <= pages; ++page) {
        const std::string text = pdf_page_text(c.dir.file("long.pdf"), page);
        INFO("page " << page << "\n" << text);
        CHECK(has(text, "Trang " + std::to_string(page) + "/" + std::to_string(pages)));
        auto first_row = std::sregex_iterator(text.begin(), text.end(), officer_row);
        if (first_row == std::sregex_iterator()) continue;
        if (page > 1) {
            auto header = text.find("Cán bộ");
            CHECK(header != std::string::npos);
            CHECK(header < static_cast<std::size_t>(first_row->position()));
            CHECK(has(text.substr(0, first_row->position()), "Rất hài lòng"));
        }
        for (auto it = first_row; it != std::sregex_iterator(); ++it) {
            int n = std::stoi((*it)[1].str());
            CHECK((*it)[2].str() == [&] { char id[16]; std::snprintf(id, sizeof id, "cb%03d", n); return std::string(id); }());
            numbers.push_back(n);
        }
    }
    std::vector<int> expected(70);
    for (int i = 0; i < 70; ++i) expected[i] = i + 1;
    CHECK(numbers == expected);
}

TEST_CASE("the formal report as PNG is page 1 at print resolution") {
    Centre c;
    ingest(c.db, "ha", "q2", october());
    auto r = c.report({"--site", "ha", "--month", "10/2026", "--out", c.dir.file("page.png")});
    REQUIRE(r.exit_code == 0);
    std::ifstream png(c.dir.file("page.png"), std::ios::binary);
    unsigned char header[24] = {};
    png.read(reinterpret_cast<char*>(header), sizeof header);
    REQUIRE(png.gcount() == 24);
    CHECK(std::string(reinterpret_cast<char*>(header) + 1, 3) == "PNG");
    auto be32 = [&](int at) { return header[at] << 24 | header[at + 1] << 16 | header[at + 2] << 8 | header[at + 3]; };
    CHECK(be32(16) == 2480);  // A4 at 300 dpi
    CHECK(be32(20) == 3508);
}

TEST_CASE("the formal report refuses an unknown site or a malformed month in plain words") {
    Centre c;
    auto r = c.report({"--site", "nowhere", "--month", "10/2026", "--out", c.dir.file("x.pdf")});
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("unknown site nowhere") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(c.dir.file("x.pdf")));
    r = c.report({"--site", "ha", "--month", "13/2026", "--out", c.dir.file("x.pdf")});
    CHECK(r.exit_code == 64);
    CHECK(r.output.find("--month must be a month like 10/2026, not '13/2026'") != std::string::npos);
    r = c.report({"--site", "ha", "--quarter", "5/2026", "--out", c.dir.file("x.pdf")});
    CHECK(r.exit_code == 64);
    CHECK(r.output.find("--quarter must be a quarter like 4/2026") != std::string::npos);
    r = c.report({"--site", "ha", "--month", "10/2026", "--out", c.dir.file("x.docx")});
    CHECK(r.exit_code == 64);
    CHECK(r.output.find("must end in .pdf or .png") != std::string::npos);
    r = c.report({"--site", "ha", "--out", c.dir.file("x.pdf")});
    CHECK(r.exit_code == 64);
    CHECK(r.output.find("needs one of --month and --quarter") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(c.dir.file("x.pdf")));
}
