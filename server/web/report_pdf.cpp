// GET /dashboard/report.pdf?site=ID&month=YYYY-MM (or &quarter=Q/YYYY): the formal report of a
// centre (formal_report.hpp) as a download, with the same login and leader scoping as the
// centre's page. The figures are gathered under the store's lock; the PDF is drawn after it is
// released, so kiosks' batches do not wait for the drawing.
#include <cctype>

#include "server/formal_report.hpp"
#include "server/formal_report_pdf.hpp"
#include "server/web/dashboard.hpp"
#include "server/web/dashboard_html.hpp"
#include "server/web/web_http.hpp"

namespace motcua::server::web {

namespace {

// Site ids are set by staff; in a file name keep only what every browser and disk accepts.
std::string file_name_part(const std::string& text) {
    std::string out;
    for (char c : text)
        out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '-';
    return out;
}

}  // namespace

void Dashboard::report_pdf(const httplib::Request& req, httplib::Response& res) {
    auto visitor = signed_in(req, res);
    if (!visitor) return;
    const WebUser& user = visitor->session.user;
    PageFrame frame{"Báo cáo PDF", user.display_name, user.is_admin(), visitor->session.csrf_token, "dashboard"};
    auto refuse = [&](int status, const std::string& why) {
        send_html(res, status, page(frame, "<p class=\"message\">" + escape_html(why) + "</p>"));
    };
    std::optional<std::string> site_id;
    if (!req.get_param_value("site").empty()) site_id = req.get_param_value("site");
    else if (!user.is_admin()) site_id = user.site_id;
    std::optional<ReportPeriod> period;
    if (req.has_param("quarter")) period = parse_report_quarter(req.get_param_value("quarter"));
    else period = parse_report_month(req.get_param_value("month"));
    if (!period) return refuse(400, "Kỳ báo cáo không hợp lệ: chọn một tháng (2026-10) hoặc một quý (4/2026).");

    FormalReportRequest request{site_id, *period, options_.report_place, options_.utc_offset_minutes, options_.now()};
    Result<FormalReport> gathered = Result<FormalReport>::failure("");
    {
        std::lock_guard lock(store_mutex_);
        // As on the centre's page: a site nobody may see includes one that does not exist.
        if (site_id && !accounts_.may_see_site(user, *site_id))
            return forbidden(res, *visitor, "Tài khoản của bạn không được xem báo cáo của đơn vị này.");
        gathered = gather_formal_report(store_, options_.scale, options_.names, request);
    }
    if (!gathered) return refuse(500, "Không lập được báo cáo: " + gathered.error());
    auto pdf = formal_report_pdf(gathered.value());
    if (!pdf) return refuse(500, "Không tạo được tệp PDF: " + pdf.error());
    res.status = 200;
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Disposition", "attachment; filename=\"bao-cao-" +
                                              file_name_part(site_id.value_or("tat-ca")) + "-" + period->key() + ".pdf\"");
    res.set_content(std::move(pdf.value()), "application/pdf");
}

}  // namespace motcua::server::web
