#include "server/print_page.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace motcua::server::print_page {

namespace {

Status draw_all(cairo_t* cr, int pages, const DrawPage& draw, bool show_pages) {
    for (int p = 0; p < pages; ++p) {
        cairo_save(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        Status drawn = draw(cr, p);
        cairo_restore(cr);
        if (!drawn) return drawn;
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
            return Status::failure(std::string("drawing the page failed: ") + cairo_status_to_string(cairo_status(cr)));
        if (show_pages) cairo_show_page(cr);
    }
    return Status::success();
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// Draws every page on a PDF surface and finishes it; `where` names the output in messages.
Status finish_pdf(cairo_surface_t* surface, const std::string& where, const std::string& title, int pages,
                  const DrawPage& draw) {
    if (auto st = cairo_surface_status(surface); st != CAIRO_STATUS_SUCCESS)
        return Status::failure("cannot write " + where + ": " + cairo_status_to_string(st));
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    Context cr(cairo_create(surface), cairo_destroy);
    if (auto drawn = draw_all(cr.get(), pages, draw, true); !drawn) return drawn;
    cr.reset();
    cairo_surface_finish(surface);
    if (auto st = cairo_surface_status(surface); st != CAIRO_STATUS_SUCCESS)
        return Status::failure("cannot write " + where + ": " + cairo_status_to_string(st));
    return Status::success();
}

}  // namespace

void font(cairo_t* cr, const char* family, Style style, double size) {
    bool bold = style == Style::Bold || style == Style::BoldItalic;
    bool italic = style == Style::Italic || style == Style::BoldItalic;
    cairo_select_font_face(cr, family, italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

double text_width(cairo_t* cr, const std::string& text) {
    cairo_text_extents_t ext;
    cairo_text_extents(cr, text.c_str(), &ext);
    return ext.x_advance;
}

double fitted_text(cairo_t* cr, const char* family, Style style, double size, double x, double y, double max_w,
                   const std::string& text) {
    font(cr, family, style, size);
    while (size > 6 && text_width(cr, text) > max_w) font(cr, family, style, size -= 0.5);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, text.c_str());
    return size;
}

bool has_extension(const std::string& path, const std::string& suffix) {
    return path.size() >= suffix.size() &&
           std::equal(suffix.rbegin(), suffix.rend(), path.rbegin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(b)) == a; });
}

Status check_pdf_or_png_path(const std::string& path, const std::string& what) {
    if (has_extension(path, ".pdf") || has_extension(path, ".png")) return Status::success();
    return Status::failure("the " + what + "'s file name must end in .pdf or .png: " + path);
}

Result<std::vector<std::string>> write_pdf(const std::string& path, const std::string& title, int pages,
                                           const DrawPage& draw) {
    Surface surface(cairo_pdf_surface_create(path.c_str(), kPageW, kPageH), cairo_surface_destroy);
    if (auto done = finish_pdf(surface.get(), path, title, pages, draw); !done)
        return Result<std::vector<std::string>>::failure(done.error());
    return std::vector<std::string>{path};
}

Result<std::string> pdf_bytes(const std::string& title, int pages, const DrawPage& draw) {
    std::string bytes;
    Surface surface(cairo_pdf_surface_create_for_stream(append_to_string, &bytes, kPageW, kPageH),
                    cairo_surface_destroy);
    if (auto done = finish_pdf(surface.get(), "the PDF", title, pages, draw); !done)
        return Result<std::string>::failure(done.error());
    return bytes;
}

Result<std::vector<std::string>> write_pngs(const std::string& path, double dpi, int pages, const DrawPage& draw) {
    std::vector<std::string> written;
    const double scale = dpi / 72.0;
    std::string stem = path.substr(0, path.size() - 4);
    for (int p = 0; p < pages; ++p) {
        std::string file = p == 0 ? path : stem + "-" + std::to_string(p + 1) + ".png";
        Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(std::lround(kPageW * scale)),
                                                   static_cast<int>(std::lround(kPageH * scale))),
                        cairo_surface_destroy);
        Context cr(cairo_create(surface.get()), cairo_destroy);
        cairo_scale(cr.get(), scale, scale);
        // One page at a time: draw_all paints page p as if it were the only one.
        auto one = [&](cairo_t* c, int) { return draw(c, p); };
        if (auto drawn = draw_all(cr.get(), 1, one, false); !drawn)
            return Result<std::vector<std::string>>::failure(drawn.error());
        cr.reset();
        if (auto st = cairo_surface_write_to_png(surface.get(), file.c_str()); st != CAIRO_STATUS_SUCCESS)
            return Result<std::vector<std::string>>::failure("cannot write " + file + ": " + cairo_status_to_string(st));
        written.push_back(file);
    }
    return written;
}

}  // namespace motcua::server::print_page
