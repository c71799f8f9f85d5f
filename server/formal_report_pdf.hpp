// The formal report (formal_report.hpp) on A4 portrait, in Vietnamese: the issuing unit and the
// national motto, "<place>, ngày … tháng … năm …" left blank for the leader to date by hand when
// signing, the title and period, four sections (five when tickets were issued) whose tables
// continue on the next page under their header, "Trang 1/2", and the signature block.
#pragma once
#include <string>
#include <vector>

#include "core/result.hpp"
#include "server/formal_report.hpp"

namespace motcua::server {

// Fails unless `path` ends in .pdf or .png (checked before the database is read).
Status check_formal_report_path(const std::string& path);
// A PDF of every page, or for .png page 1 only, at 300 dpi (a preview at print resolution).
Result<std::vector<std::string>> write_formal_report(const FormalReport& report, const std::string& path);
// The PDF in memory, for the dashboard's download.
Result<std::string> formal_report_pdf(const FormalReport& report);
// "Báo cáo kết quả đánh giá sự hài lòng – Tháng 10 năm 2026 – <unit>" (the PDF's title).
std::string formal_report_title(const FormalReport& report);

}  // namespace motcua::server
