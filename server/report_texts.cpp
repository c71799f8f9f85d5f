#include "server/report_texts.hpp"

#include <array>

namespace motcua::server {

namespace {

struct Entry {
    std::string_view key;
    std::string_view vi;
    std::string_view en;
};

constexpr std::array kTexts = {
    Entry{"title", "Báo cáo mức độ hài lòng", "Satisfaction report"},
    Entry{"scope.all", "toàn bộ", "all sites"},
    Entry{"scope.counter", "quầy", "counter"},
    Entry{"period", "Thời gian", "Period"},
    Entry{"period.from", "từ", "from"},
    Entry{"period.to", "đến", "to"},
    Entry{"period.start", "đầu", "the start"},
    Entry{"period.now", "nay", "now"},
    Entry{"unit.ratings", "phiếu", "ratings"},
    Entry{"unit.dossiers", "hồ sơ", "dossiers"},
    Entry{"unknown_scores", "Chú ý: có phiếu với mức điểm không có trong thang đánh giá hiện hành.",
          "Note: some ratings have a score that is not on the current scale."},
    Entry{"group.none", "", ""},
    Entry{"group.counter", "Theo quầy", "By counter"},
    Entry{"group.officer", "Theo cán bộ", "By officer"},
    Entry{"group.service", "Theo lĩnh vực", "By field"},
    Entry{"group.procedure", "Theo thủ tục", "By procedure"},
    Entry{"group.day", "Theo ngày", "By day"},
    Entry{"group.month", "Theo tháng", "By month"},
    Entry{"group.hour", "Theo giờ trong ngày", "By hour of day"},
    Entry{"group.site", "Theo trung tâm", "By centre"},
    Entry{"group.ticket", "Theo số thứ tự", "By ticket"},
    Entry{"group.linked", "Theo gắn số thứ tự", "By ticket link"},
    Entry{"group.empty", "(không có phiếu)", "(no ratings)"},
    Entry{"label.unknown", "(không rõ)", "(unknown)"},
    Entry{"label.no_ticket", "(không gắn số thứ tự)", "(no ticket)"},
    Entry{"label.linked_ticket", "Gắn số thứ tự đã phục vụ", "Rating of a served ticket"},
    Entry{"label.linked_none", "Không gắn số thứ tự", "Rating without a ticket"},
    Entry{"label.site_itself", "(trực thuộc trực tiếp)", "(the centre itself)"},
    Entry{"qd766", "Tỷ lệ hài lòng theo Quyết định 766/QĐ-TTg", "Satisfaction rate by Decision 766/QĐ-TTg"},
    Entry{"qd766.basis.dossier", "tính theo hồ sơ (mã hồ sơ trên phiếu đánh giá)",
          "per dossier (dossier codes on the ratings)"},
    Entry{"qd766.basis.rating", "tính theo phiếu đánh giá (các phiếu không mang mã hồ sơ)",
          "per rating (the ratings carry no dossier codes)"},
    Entry{"qd766.formula", "(tổng số − số không hài lòng) ÷ tổng số", "(total − not satisfied) ÷ total"},
    Entry{"qd766.unsatisfied", "không hài lòng", "not satisfied"},
    Entry{"reasons", "Lý do không hài lòng", "Reasons given"},
    Entry{"reasons.none", "(không có lý do nào được chọn)", "(no reason given)"},
    Entry{"csv.section", "phan_muc", "section"},
    Entry{"csv.key", "ma", "key"},
    Entry{"csv.label", "ten", "label"},
    Entry{"csv.total", "tong_so_phieu", "total_ratings"},
    Entry{"csv.count", "so_phieu", "count"},
    Entry{"csv.percent", "ty_le", "percent"},
    Entry{"csv.qd766_basis", "qd766_co_so", "qd766_basis"},
    Entry{"csv.qd766_total", "qd766_tong_so", "qd766_total"},
    Entry{"csv.qd766_unsatisfied", "qd766_khong_hai_long", "qd766_not_satisfied"},
    Entry{"csv.qd766_rate", "qd766_ty_le", "qd766_rate"},
    Entry{"csv.overall", "tong_hop", "overall"},
    Entry{"csv.group", "nhom", "group"},
    Entry{"csv.reason", "ly_do", "reason"},
    // The queue report (queue_report.cpp).
    Entry{"queue.title", "Báo cáo xếp hàng", "Queue report"},
    Entry{"queue.issued", "số đã cấp", "tickets issued"},
    Entry{"queue.served", "đã phục vụ", "served"},
    Entry{"queue.no_show", "vắng mặt", "no-show"},
    Entry{"queue.cancelled", "đã hủy", "cancelled"},
    Entry{"queue.waiting", "thời gian chờ", "waiting time"},
    Entry{"queue.service", "thời gian phục vụ", "service time"},
    Entry{"queue.median", "trung vị", "median"},
    Entry{"queue.samples", "lượt", "tickets"},
    Entry{"queue.no_samples", "chưa có số liệu", "no data"},
    Entry{"queue.busiest", "giờ đông nhất", "busiest hour"},
    Entry{"queue.unit.tickets", "số", "tickets"},
    Entry{"queue.group.empty", "(không có số thứ tự)", "(no tickets)"},
    Entry{"unit.minutes", "phút", "min"},
    Entry{"group.field", "Theo lĩnh vực", "By field"},
    Entry{"label.no_counter", "(không qua quầy)", "(not at a counter)"},
    Entry{"csv.issued", "so_da_cap", "issued"},
    Entry{"csv.served", "da_phuc_vu", "served"},
    Entry{"csv.no_show", "vang_mat", "no_show"},
    Entry{"csv.no_show_percent", "ty_le_vang_mat", "no_show_percent"},
    Entry{"csv.cancelled", "da_huy", "cancelled"},
    Entry{"csv.waiting_samples", "so_luot_cho", "waiting_samples"},
    Entry{"csv.waiting_median", "cho_trung_vi_phut", "waiting_median_min"},
    Entry{"csv.waiting_p90", "cho_p90_phut", "waiting_p90_min"},
    Entry{"csv.service_samples", "so_luot_phuc_vu", "service_samples"},
    Entry{"csv.service_median", "phuc_vu_trung_vi_phut", "service_median_min"},
    Entry{"csv.service_p90", "phuc_vu_p90_phut", "service_p90_min"},
    Entry{"csv.busiest_hour", "gio_dong_nhat", "busiest_hour"},
};

}  // namespace

ReportLang report_lang(std::string_view code) { return code == "en" ? ReportLang::En : ReportLang::Vi; }

std::string_view report_lang_code(ReportLang lang) { return lang == ReportLang::En ? "en" : "vi"; }

std::string report_text(std::string_view key, ReportLang lang) {
    for (auto& e : kTexts)
        if (e.key == key) return std::string(lang == ReportLang::En ? e.en : e.vi);
    return std::string(key);
}

}  // namespace motcua::server
