#include "server/formal_report_pdf.hpp"

#include <cairo.h>

#include <algorithm>

#include "core/vn_format.hpp"
#include "server/print_page.hpp"
#include "server/report_texts.hpp"

namespace motcua::server {

namespace {

using namespace print_page;

// The margins of an administrative document (Nghị định 30/2020/NĐ-CP): top and bottom 20 mm,
// left 30 mm (the binding side), right 15 mm. The page number sits in the bottom margin.
constexpr double kLeft = 85.0, kRight = kPageW - 42.5, kTop = 57.0, kBottom = kPageH - 62.0;
constexpr double kWidth = kRight - kLeft;
constexpr double kFooterY = kPageH - 34.0;
constexpr double kPngDpi = 300;
constexpr double kBody = 11, kTable = 9;
// Noto Sans's capital height in em: a baseline at (line height + cap height) / 2 below the top of a
// line centres the capitals in it.
constexpr double kCapHeight = 0.714;

enum class Align { Left, Center, Right };

// A page is laid out completely before anything is drawn, so every page knows the page count
// ("Trang 1/3") and the PDF and the PNG are drawn from the same positions.
struct TextOp {
    double x, y;  // left end of the baseline
    Style style;
    double size;
    std::string text;
};
struct LineOp {
    double x1, y1, x2, y2, width;
};
struct Page {
    std::vector<TextOp> texts;
    std::vector<LineOp> lines;
};

struct Column {
    std::string title;
    double width;
    Align align;
};

std::string t(std::string_view key) { return report_text(key); }

// Text advances as the PDF has them (unhinted), also when measuring and drawing on an image.
void unhinted(cairo_t* cr) {
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr, options);
    cairo_font_options_destroy(options);
}

class Layout {
public:
    Layout()
        : surface_(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1), cairo_surface_destroy),
          cr_(cairo_create(surface_.get()), cairo_destroy) {
        unhinted(cr_.get());
        pages_.emplace_back();
    }

    double y = kTop;

    std::vector<Page> take() { return std::move(pages_); }

    double width(Style style, double size, const std::string& text) {
        font(cr_.get(), kSans, style, size);
        return text_width(cr_.get(), text);
    }

    // Lines of at most `max_w`, broken at spaces; a single word wider than that is shrunk when drawn.
    std::vector<std::string> wrap(Style style, double size, const std::string& text, double max_w) {
        std::vector<std::string> lines;
        std::string line, word;
        auto place = [&] {
            if (word.empty()) return;
            std::string longer = line.empty() ? word : line + " " + word;
            if (!line.empty() && width(style, size, longer) > max_w) {
                lines.push_back(line);
                line = word;
            } else {
                line = longer;
            }
            word.clear();
        };
        for (char c : text) {
            if (c == ' ') place();
            else word += c;
        }
        place();
        if (!line.empty() || lines.empty()) lines.push_back(line);
        return lines;
    }

    // One line in the box [x, x + box_w], shrunk to fit it.
    void text_at(double x, double baseline, Style style, double size, const std::string& text, Align align,
                 double box_w) {
        double w = width(style, size, text);
        while (size > 6 && w > box_w) w = width(style, size -= 0.25, text);
        double left = align == Align::Left ? x : align == Align::Center ? x + (box_w - w) / 2 : x + box_w - w;
        pages_.back().texts.push_back({left, baseline, style, size, text});
    }

    void line(double x1, double y1, double x2, double y2, double w = 0.6) {
        pages_.back().lines.push_back({x1, y1, x2, y2, w});
    }

    // Wrapped text from the current position down; a line that does not fit starts a new page.
    void paragraph(const std::string& text, Style style = Style::Regular, double size = kBody,
                   Align align = Align::Left, double x = kLeft, double w = kWidth) {
        const double lh = size * 1.45;
        for (auto& l : wrap(style, size, text, w)) {
            ensure(lh);
            text_at(x, y + (lh + kCapHeight * size) / 2, style, size, l, align, w);
            y += lh;
        }
    }

    void heading(const std::string& text) {
        y += 10;
        ensure(kBody * 1.45 + 110);  // with room for what follows: not alone at the foot of a page
        paragraph(text, Style::Bold, 11.5);
        y += 3;
    }

    void ensure(double h) {
        if (y + h > kBottom) new_page();
    }
    void new_page() {
        pages_.emplace_back();
        y = kTop;
    }

    // A ruled table as wide as the text; a row that does not fit goes to the next page under
    // the header again. Cells wrap at spaces; numbers are right-aligned by their column.
    void table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows) {
        constexpr double pad_x = 4, pad_y = 3.5, lh = kTable * 1.3;
        double table_w = 0;
        for (auto& c : columns) table_w += c.width;
        auto measure = [&](const std::vector<std::string>& row, Style style, std::vector<std::vector<std::string>>& cells) {
            cells.clear();
            std::size_t most = 1;
            for (std::size_t i = 0; i < columns.size(); ++i) {
                cells.push_back(wrap(style, kTable, i < row.size() ? row[i] : "", columns[i].width - 2 * pad_x));
                most = std::max(most, cells.back().size());
            }
            return most * lh + 2 * pad_y;
        };
        auto draw = [&](const std::vector<std::vector<std::string>>& cells, double h, Style style, bool header) {
            line(kLeft, y, kLeft + table_w, y);
            line(kLeft, y + h, kLeft + table_w, y + h);
            double x = kLeft;
            for (std::size_t i = 0; i < columns.size(); ++i) {
                line(x, y, x, y + h);
                double top = y + (h - cells[i].size() * lh) / 2;
                for (std::size_t k = 0; k < cells[i].size(); ++k)
                    text_at(x + pad_x, top + k * lh + (lh + kCapHeight * kTable) / 2, style, kTable, cells[i][k],
                            header ? Align::Center : columns[i].align, columns[i].width - 2 * pad_x);
                x += columns[i].width;
            }
            line(x, y, x, y + h);
            y += h;
        };
        std::vector<std::string> titles;
        for (auto& c : columns) titles.push_back(c.title);
        std::vector<std::vector<std::string>> header_cells, cells;
        const double header_h = measure(titles, Style::Bold, header_cells);
        // The header with its first rows (up to three): never a header alone at the foot of a page.
        double opening = header_h;
        for (std::size_t i = 0; i < rows.size() && i < 3; ++i) opening += measure(rows[i], Style::Regular, cells);
        ensure(opening);
        draw(header_cells, header_h, Style::Bold, true);
        for (auto& row : rows) {
            double h = measure(row, Style::Regular, cells);
            if (y + h > kBottom) {
                new_page();
                draw(header_cells, header_h, Style::Bold, true);
            }
            draw(cells, h, Style::Regular, false);
        }
    }

private:
    Surface surface_;
    Context cr_;
    std::vector<Page> pages_;
};

// The issuing unit top left, the national motto top right, the place and date under it.
void national_header(Layout& l, const FormalReport& r) {
    constexpr double left_w = 200, right_x = kLeft + left_w, right_w = kWidth - left_w;
    constexpr double size = 10.5, lh = size * 1.4;
    double y = kTop;
    auto centred = [&](double x, double w, const std::string& text, Style style, double s) {
        for (auto& line : l.wrap(style, s, text, w)) {
            l.text_at(x, y + s, style, s, line, Align::Center, w);
            y += lh;
        }
    };
    if (r.parent_name) centred(kLeft, left_w, vn::upper(*r.parent_name), Style::Regular, size);
    centred(kLeft, left_w, vn::upper(r.unit_name), Style::Bold, size);
    l.line(kLeft + left_w / 2 - 30, y + 2, kLeft + left_w / 2 + 30, y + 2, 0.7);
    y += 10;
    centred(kLeft, left_w, t("formal.number"), Style::Regular, size);
    const double left_end = y;

    y = kTop;
    centred(right_x, right_w, t("formal.nation"), Style::Bold, size);
    const std::string motto = t("formal.motto");
    const double motto_w = l.width(Style::Bold, 11, motto), motto_underline = y + 11 + 2.5;  // under its baseline
    centred(right_x, right_w, motto, Style::Bold, 11);
    l.line(right_x + (right_w - motto_w) / 2, motto_underline, right_x + (right_w + motto_w) / 2, motto_underline, 0.7);
    y += 10;
    const std::string place = r.place.empty() ? t("formal.place_blank") : r.place;
    centred(right_x, right_w, place + ", " + t("formal.date_blank"), Style::Italic, size);
    l.y = std::max(left_end, y) + 22;
}

std::string level_cell(const LevelCount& level, std::int64_t total) {
    return total == 0 ? vn::count(level.count) : vn::count(level.count) + " (" + level.percent + ")";
}

std::string rate_cell(const ReportBlock& block) { return block.total == 0 ? "–" : block.qd766.percent; }

// A table of blocks (counters, centres or officers): ratings, each level, the 766 rate.
void blocks_table(Layout& l, const std::string& name_title, const std::vector<ReportBlock>& blocks,
                  const std::vector<LevelCount>& levels) {
    const double no_w = 26, total_w = 46, rate_w = 56;
    const double level_w = levels.empty() ? 0 : std::min(72.0, (kWidth - no_w - total_w - rate_w - 100) / levels.size());
    std::vector<Column> columns{{t("formal.col.no"), no_w, Align::Center},
                                {name_title, kWidth - no_w - total_w - rate_w - level_w * levels.size(), Align::Left},
                                {t("formal.col.total"), total_w, Align::Right}};
    for (auto& level : levels) columns.push_back({level.label_vi, level_w, Align::Right});
    columns.push_back({t("formal.col.qd766"), rate_w, Align::Right});
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const ReportBlock& b = blocks[i];
        std::vector<std::string> row{std::to_string(i + 1), b.label, vn::count(b.total)};
        for (auto& level : b.levels) row.push_back(level_cell(level, b.total));
        row.push_back(rate_cell(b));
        rows.push_back(std::move(row));
    }
    l.table(columns, rows);
    l.y += 2;
    l.paragraph(t("formal.cell_note"), Style::Italic, 8.5);
}

void overall_section(Layout& l, const FormalReport& r) {
    const ReportBlock& all = r.ratings.overall;
    l.heading(t("formal.section.overall"));
    l.paragraph(t("formal.total") + ": " + vn::count(all.total) + " " + t("unit.ratings") + ".");
    l.y += 4;
    std::vector<Column> columns{{t("formal.col.no"), 30, Align::Center},
                                {t("formal.col.level"), kWidth - 30 - 180, Align::Left},
                                {t("formal.col.count"), 90, Align::Right},
                                {t("formal.col.percent"), 90, Align::Right}};
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < all.levels.size(); ++i) {
        const LevelCount& level = all.levels[i];
        rows.push_back({std::to_string(i + 1), level.label_vi, vn::count(level.count),
                        all.total == 0 ? "–" : level.percent});
    }
    l.table(columns, rows);
    l.y += 8;
    const Qd766& q = all.qd766;
    if (all.total == 0) {
        l.paragraph(t("qd766") + ": " + t("formal.qd766.none") + ".", Style::Bold);
        return;
    }
    l.paragraph(t("qd766") + ": " + q.percent, Style::Bold);
    const std::string unit = t(q.basis == "dossier" ? "unit.dossiers" : "unit.ratings");
    l.paragraph(t("formal.qd766.how") + ": " + t("formal.qd766.formula") + ", " + t("qd766.basis." + q.basis) + "; " +
                vn::count(q.total) + " " + unit + ", " + vn::count(q.unsatisfied) + " " + t("qd766.unsatisfied") + ".");
    if (all.flags.any())  // the trust flags: shown, never taken out of the figures above
        l.paragraph(t("flags") + " (" + t("flags.note") + "): " + trust_flags_line(all.flags, r.ratings.trust) + ".");
    if (!r.ratings.unknown_scores.empty()) l.paragraph(t("unknown_scores"), Style::Italic);
}

void reasons_section(Layout& l, const FormalReport& r) {
    l.heading(t("formal.section.reasons"));
    if (r.ratings.reason_base == 0) return l.paragraph(t("formal.reasons.no_base"));
    l.paragraph(t("formal.reasons.base") + ": " + vn::count(r.ratings.reason_base) + " " + t("unit.ratings") + " (" +
                t("formal.reasons.note") + ").");
    if (r.ratings.reasons.empty()) return l.paragraph(t("reasons.none"));
    l.y += 4;
    std::vector<Column> columns{{t("formal.col.no"), 30, Align::Center},
                                {t("formal.col.reason"), kWidth - 30 - 170, Align::Left},
                                {t("formal.col.times"), 90, Align::Right},
                                {t("formal.col.percent"), 80, Align::Right}};
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < r.ratings.reasons.size(); ++i) {
        const ReasonCount& reason = r.ratings.reasons[i];
        rows.push_back({std::to_string(i + 1), reason.label, vn::count(reason.count), reason.percent});
    }
    l.table(columns, rows);
}

void queue_section(Layout& l, const QueueBlock& q) {
    l.heading(t("formal.section.queue"));
    std::vector<Column> counts{{t("formal.col.item"), kWidth - 160, Align::Left}, {t("formal.col.result"), 160, Align::Right}};
    l.table(counts, {{t("formal.queue.issued"), vn::count(q.issued)},
                     {t("formal.queue.served"), vn::count(q.served)},
                     {t("formal.queue.no_show"),
                      vn::count(q.no_show) + " (" + q.no_show_percent + " " + t("formal.queue.of_issued") + ")"}});
    l.y += 8;
    std::vector<Column> times{{t("formal.col.item"), kWidth - 240, Align::Left},
                              {t("formal.col.median"), 80, Align::Right},
                              {t("formal.col.p90"), 90, Align::Right},
                              {t("formal.col.samples"), 70, Align::Right}};
    auto row = [&](const std::string& name, const DurationStats& s) -> std::vector<std::string> {
        if (s.samples == 0) return {name, t("queue.no_samples"), "–", "0"};
        return {name, minutes_text(s.median_ms, "vi"), minutes_text(s.p90_ms, "vi"), vn::count(s.samples)};
    };
    l.table(times, {row(t("formal.queue.waiting"), q.waiting), row(t("formal.queue.service"), q.service)});
}

void signatures(Layout& l) {
    const double half = kWidth / 2;
    l.y += 16;
    l.ensure(110);
    for (auto [x, key] : {std::pair{kLeft, "formal.sign.maker"}, std::pair{kLeft + half, "formal.sign.head"}}) {
        l.text_at(x, l.y + 11, Style::Bold, 11, t(key), Align::Center, half);
        l.text_at(x, l.y + 27, Style::Italic, 10, t("formal.sign.note"), Align::Center, half);
    }
    l.y += 110;
}

std::vector<Page> lay_out(const FormalReport& r) {
    Layout l;
    national_header(l, r);
    for (auto& line : l.wrap(Style::Bold, 14, t("formal.title"), kWidth))
        l.text_at(kLeft, (l.y += 20), Style::Bold, 14, line, Align::Center, kWidth);
    l.text_at(kLeft, (l.y += 18), Style::Bold, 12, r.period.title(), Align::Center, kWidth);
    l.text_at(kLeft, (l.y += 17), Style::Italic, 11,
              t("formal.from_day") + " " + r.period.from_date() + " " + t("formal.to_day") + " " + r.period.to_date(),
              Align::Center, kWidth);
    l.y += 12;

    overall_section(l, r);
    l.heading(t(r.units_are_sites ? "formal.section.sites" : "formal.section.counters"));
    if (r.units.empty()) l.paragraph(t("formal.no_ratings"));
    else blocks_table(l, t(r.units_are_sites ? "formal.col.site" : "formal.col.counter"), r.units, r.ratings.overall.levels);
    l.heading(t("formal.section.officers"));
    if (r.officers.empty()) l.paragraph(t("formal.no_officer_ratings"));
    else blocks_table(l, t("formal.col.officer"), r.officers, r.ratings.overall.levels);
    reasons_section(l, r);
    if (r.queue) queue_section(l, *r.queue);
    signatures(l);
    return l.take();
}

Status draw(cairo_t* cr, const std::vector<Page>& pages, int index, const FormalReport& r) {
    unhinted(cr);
    const Page& page = pages[static_cast<std::size_t>(index)];
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
    for (auto& line : page.lines) {
        cairo_set_line_width(cr, line.width);
        cairo_move_to(cr, line.x1, line.y1);
        cairo_line_to(cr, line.x2, line.y2);
        cairo_stroke(cr);
    }
    for (auto& text : page.texts) {
        font(cr, kSans, text.style, text.size);
        cairo_move_to(cr, text.x, text.y);
        cairo_show_text(cr, text.text.c_str());
    }
    font(cr, kSans, Style::Regular, 9);
    std::string number =
        t("formal.page") + " " + std::to_string(index + 1) + "/" + std::to_string(pages.size());
    cairo_move_to(cr, kLeft + (kWidth - text_width(cr, number)) / 2, kFooterY);
    cairo_show_text(cr, number.c_str());
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    font(cr, kSans, Style::Regular, 7.5);
    std::string as_of = t("formal.data_as_of") + " " + vn::date_time(r.generated_at_ms, r.utc_offset_minutes);
    cairo_move_to(cr, kRight - text_width(cr, as_of), kFooterY);
    cairo_show_text(cr, as_of.c_str());
    return Status::success();
}

}  // namespace

Status check_formal_report_path(const std::string& path) { return check_pdf_or_png_path(path, "report"); }

std::string formal_report_title(const FormalReport& report) {
    return t("formal.title") + " – " + report.period.title() + " – " + report.unit_name;
}

Result<std::vector<std::string>> write_formal_report(const FormalReport& report, const std::string& path) {
    if (auto ok = check_formal_report_path(path); !ok) return Result<std::vector<std::string>>::failure(ok.error());
    const std::vector<Page> pages = lay_out(report);
    auto each = [&](cairo_t* cr, int page) { return draw(cr, pages, page, report); };
    if (has_extension(path, ".pdf"))
        return write_pdf(path, formal_report_title(report), static_cast<int>(pages.size()), each);
    return write_pngs(path, kPngDpi, 1, each);
}

Result<std::string> formal_report_pdf(const FormalReport& report) {
    const std::vector<Page> pages = lay_out(report);
    return pdf_bytes(formal_report_title(report), static_cast<int>(pages.size()),
                     [&](cairo_t* cr, int page) { return draw(cr, pages, page, report); });
}

}  // namespace motcua::server
