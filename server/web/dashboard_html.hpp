// HTML building blocks of the dashboard pages: escaping, the page frame, tiles and tables.
// Pure functions of their arguments (no store, no HTTP), so pages are plain strings to test.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::server::web {

// Text and attribute values: & < > " ' escaped.
std::string escape_html(std::string_view text);
// A query-string value, percent-encoded.
std::string url_encode(std::string_view text);

struct PageFrame {
    std::string title;
    std::string user_display_name;  // empty: not signed in (no menu)
    bool is_admin = false;
    std::string csrf_token;         // for the logout form
    std::string active;             // "dashboard" or "fleet"
};

// A whole page: head (our CSS and JS, Chart.js when `with_chart`), the top bar, then `body`.
std::string page(const PageFrame& frame, const std::string& body, bool with_chart = false);

// A hidden input carrying the session's CSRF token: every state-changing form has one.
std::string csrf_field(const std::string& token);

struct Tile {
    std::string label;
    std::string value;
    std::string note;
    std::string color;  // "#RRGGBB" stripe, or empty
};
std::string tiles(const std::vector<Tile>& items);

// A table with a header row; cells are HTML already (escape what is text). On a phone each row
// is shown as a card (first cell as its title, then "column: value" lines) instead of squeezing.
std::string table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
                  const std::string& empty_text);

std::string link(const std::string& href, const std::string& text);

}  // namespace motcua::server::web
