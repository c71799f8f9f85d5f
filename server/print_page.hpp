// What the server's printed documents share (the enrolment sheet, the formal report): A4 pages
// drawn with cairo's text API in Noto Sans, written as a PDF (every page) or PNG images, chosen
// by the output file's extension.
#pragma once
#include <cairo.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace motcua::server::print_page {

// A4 in PostScript points (1/72 inch).
constexpr double kPageW = 595.28, kPageH = 841.89;
constexpr const char* kSans = "Noto Sans";
constexpr const char* kMono = "DejaVu Sans Mono";

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using Context = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

enum class Style { Regular, Bold, Italic, BoldItalic };

void font(cairo_t* cr, const char* family, Style style, double size);
inline void font(cairo_t* cr, const char* family, bool bold, double size) {
    font(cr, family, bold ? Style::Bold : Style::Regular, size);
}
double text_width(cairo_t* cr, const std::string& text);
// Draws `text` with its baseline at (x, y), shrinking the font until it fits `max_w` (a long
// name stays inside its box rather than running into its neighbour). Returns the size used.
double fitted_text(cairo_t* cr, const char* family, Style style, double size, double x, double y, double max_w,
                   const std::string& text);
inline double fitted_text(cairo_t* cr, const char* family, bool bold, double size, double x, double y, double max_w,
                          const std::string& text) {
    return fitted_text(cr, family, bold ? Style::Bold : Style::Regular, size, x, y, max_w, text);
}

// True when `path` ends in `suffix` (".pdf"), ignoring the case of the path.
bool has_extension(const std::string& path, const std::string& suffix);
// Fails unless `path` ends in .pdf or .png; `what` names the document in the message.
Status check_pdf_or_png_path(const std::string& path, const std::string& what);

// Draws page `page` (0-based) on a white page; the context is scaled so one unit is one point.
using DrawPage = std::function<Status(cairo_t* cr, int page)>;

// Every page into one PDF file, with `title` in its metadata.
Result<std::vector<std::string>> write_pdf(const std::string& path, const std::string& title, int pages,
                                           const DrawPage& draw);
// The same PDF in memory (for a download).
Result<std::string> pdf_bytes(const std::string& title, int pages, const DrawPage& draw);
// The first `pages` pages as PNG images at `dpi`: path, then stem-2.png, stem-3.png, ...
Result<std::vector<std::string>> write_pngs(const std::string& path, double dpi, int pages, const DrawPage& draw);

}  // namespace motcua::server::print_page
