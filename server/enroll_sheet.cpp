#include "server/enroll_sheet.hpp"

#include <cairo.h>
#include <qrencode.h>

#include <cmath>
#include <memory>

#include "core/vn_format.hpp"
#include "server/print_page.hpp"

namespace motcua::server {

namespace {

using namespace print_page;

// PNG pages at 144 dpi: enough for any printer driver and for a phone camera to read the QR from
// the screen.
constexpr double kPngDpi = 144;
constexpr double kMargin = 30, kHeaderH = 52;
constexpr int kColumns = 2, kRows = kEnrollCardsPerPage / kColumns;

// The QR as filled squares (vector in the PDF, sharp at any print size), with its quiet zone.
Status draw_qr(cairo_t* cr, const std::string& payload, double x, double y, double size) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
        QRcode_encodeString(payload.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
    if (!qr) return Status::failure("cannot encode the QR code for " + payload);
    const int quiet = 4;
    // Whole device pixels per module, on a pixel corner, without anti-aliasing: blurred module
    // edges made zbar miss one code in seven on the PNG pages. (In a PDF one unit is a point and
    // the printer rasterises it.)
    double dx = 1, dy = 0;
    cairo_user_to_device_distance(cr, &dx, &dy);
    const double pixels_per_unit = dx > 0 ? dx : 1;
    double module = std::floor(size * pixels_per_unit / (qr->width + 2 * quiet)) / pixels_per_unit;
    x = std::round(x * pixels_per_unit) / pixels_per_unit;
    y = std::round(y * pixels_per_unit) / pixels_per_unit;
    cairo_save(cr);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, size, size);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int r = 0; r < qr->width; ++r)
        for (int c = 0; c < qr->width; ++c)
            if (qr->data[r * qr->width + c] & 1)
                cairo_rectangle(cr, x + (c + quiet) * module, y + (r + quiet) * module, module, module);
    cairo_fill(cr);
    cairo_restore(cr);
    return Status::success();
}

Status draw_card(cairo_t* cr, const EnrollSheet& sheet, const EnrollCard& card, double x, double y, double w,
                 double h) {
    // Cut line.
    static const double dash[] = {5, 4};
    cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
    cairo_set_line_width(cr, 0.8);
    cairo_set_dash(cr, dash, 2, 0);
    cairo_rectangle(cr, x, y, w, h);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);

    const double pad = 14, inner = w - 2 * pad;
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    fitted_text(cr, kSans, false, 10.5, x + pad, y + pad + 10, inner, sheet.centre_name);
    cairo_set_source_rgb(cr, 0, 0, 0);
    fitted_text(cr, kSans, true, 19, x + pad, y + pad + 34, inner, card.counter_name + " (" + card.counter_id + ")");

    const double qr_size = 120, qr_y = y + pad + 42;
    if (auto drawn = draw_qr(cr, card.code, x + pad - 6, qr_y, qr_size); !drawn) return drawn;

    const double tx = x + pad + qr_size, tw = w - pad - qr_size - pad;
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    fitted_text(cr, kSans, false, 9.5, tx, qr_y + 30, tw, "Mã đăng ký kiosk");
    cairo_set_source_rgb(cr, 0, 0, 0);
    fitted_text(cr, kMono, true, 20, tx, qr_y + 56, tw, card.code);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    fitted_text(cr, kSans, false, 9.5, tx, qr_y + 84, tw, "Hết hạn:");
    cairo_set_source_rgb(cr, 0, 0, 0);
    fitted_text(cr, kSans, true, 11, tx, qr_y + 99, tw,
                vn::date_time(card.expires_at_ms, sheet.utc_offset_minutes));

    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    double ly = qr_y + qr_size + 13;
    fitted_text(cr, kSans, false, 8.5, x + pad, ly, inner, "Dùng một lần, chỉ cho kiosk của quầy này.");
    fitted_text(cr, kSans, false, 8.5, x + pad, ly + 12, inner, "Trên kiosk: Màn hình kỹ thuật, chọn Đăng ký máy; hoặc lệnh:");
    fitted_text(cr, kMono, false, 8, x + pad, ly + 26, inner, "motcua-sync enroll --code " + card.code);
    // DejaVu Sans Mono has no Vietnamese tone marks: the placeholder is written in the sans font.
    if (sheet.server_url.empty())
        fitted_text(cr, kSans, false, 8, x + pad, ly + 38, inner, "  --server <địa chỉ máy chủ của tỉnh>");
    else
        fitted_text(cr, kMono, false, 8, x + pad, ly + 38, inner, "  --server " + sheet.server_url);
    return Status::success();
}

Status draw_page(cairo_t* cr, const EnrollSheet& sheet, std::size_t first, int page, int pages) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    fitted_text(cr, kSans, true, 15, kMargin, kMargin + 14, kPageW - 2 * kMargin,
                "Mã đăng ký kiosk — " + sheet.centre_name);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    std::string line = "In lúc " + vn::date_time(sheet.printed_at_ms, sheet.utc_offset_minutes) +
                       ". Giữ kín như mật khẩu; mã hết hạn thì in tờ mới.";
    if (pages > 1) line += "  Trang " + std::to_string(page) + "/" + std::to_string(pages);
    fitted_text(cr, kSans, false, 9.5, kMargin, kMargin + 32, kPageW - 2 * kMargin, line);

    const double cw = (kPageW - 2 * kMargin) / kColumns;
    const double ch = (kPageH - 2 * kMargin - kHeaderH) / kRows;
    for (int i = 0; i < kEnrollCardsPerPage && first + i < sheet.cards.size(); ++i) {
        double x = kMargin + (i % kColumns) * cw, y = kMargin + kHeaderH + (i / kColumns) * ch;
        if (auto drawn = draw_card(cr, sheet, sheet.cards[first + i], x, y, cw, ch); !drawn) return drawn;
    }
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return Status::failure(std::string("drawing the sheet failed: ") + cairo_status_to_string(cairo_status(cr)));
    return Status::success();
}

}  // namespace

Status check_enroll_sheet_path(const std::string& path) { return check_pdf_or_png_path(path, "sheet"); }

Result<std::vector<std::string>> write_enroll_sheet(const EnrollSheet& sheet, const std::string& path) {
    if (auto ok = check_enroll_sheet_path(path); !ok) return Result<std::vector<std::string>>::failure(ok.error());
    if (sheet.cards.empty()) return Result<std::vector<std::string>>::failure("no counters to print codes for");
    int pages = static_cast<int>((sheet.cards.size() + kEnrollCardsPerPage - 1) / kEnrollCardsPerPage);
    auto draw = [&](cairo_t* cr, int page) {
        return draw_page(cr, sheet, static_cast<std::size_t>(page) * kEnrollCardsPerPage, page + 1, pages);
    };
    if (has_extension(path, ".pdf")) return write_pdf(path, "Mã đăng ký kiosk — " + sheet.centre_name, pages, draw);
    return write_pngs(path, kPngDpi, pages, draw);
}

}  // namespace motcua::server
