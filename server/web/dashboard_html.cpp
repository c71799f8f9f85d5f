#include "server/web/dashboard_html.hpp"

namespace motcua::server::web {

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string url_encode(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string csrf_field(const std::string& token) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape_html(token) + "\">";
}

std::string page(const PageFrame& frame, const std::string& body, bool with_chart) {
    std::string html =
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>" + escape_html(frame.title) + " · Một cửa</title>"
        "<link rel=\"stylesheet\" href=\"/static/dashboard.css\">";
    if (with_chart) html += "<script src=\"/static/chart.min.js\" defer></script>";
    html += "<script src=\"/static/dashboard.js\" defer></script></head><body><header class=\"top\">"
            "<a class=\"brand\" href=\"/dashboard\">Một cửa</a>";
    if (!frame.user_display_name.empty()) {
        html += "<nav>";
        html += std::string("<a href=\"/dashboard\"") + (frame.active == "dashboard" ? " class=\"on\"" : "") +
                ">Báo cáo</a>";
        if (frame.is_admin)
            html += std::string("<a href=\"/fleet\"") + (frame.active == "fleet" ? " class=\"on\"" : "") +
                    ">Thiết bị</a>";
        html += "</nav><form class=\"logout\" method=\"post\" action=\"/logout\">" + csrf_field(frame.csrf_token) +
                "<span class=\"who\">" + escape_html(frame.user_display_name) +
                "</span><button type=\"submit\">Đăng xuất</button></form>";
    }
    html += "</header><main>" + body + "</main></body></html>\n";
    return html;
}

std::string tiles(const std::vector<Tile>& items) {
    std::string html = "<section class=\"tiles\">";
    for (auto& t : items) {
        html += "<div class=\"tile\"";
        if (!t.color.empty()) html += " style=\"border-top-color:" + escape_html(t.color) + "\"";
        html += "><div class=\"tile-label\">" + escape_html(t.label) + "</div><div class=\"tile-value\">" +
                escape_html(t.value) + "</div>";
        if (!t.note.empty()) html += "<div class=\"tile-note\">" + escape_html(t.note) + "</div>";
        html += "</div>";
    }
    return html + "</section>";
}

std::string table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
                  const std::string& empty_text) {
    if (rows.empty()) return "<p class=\"empty\">" + escape_html(empty_text) + "</p>";
    std::string html = "<div class=\"scroll\"><table class=\"cards\"><thead><tr>";
    for (auto& h : headers) html += "<th>" + escape_html(h) + "</th>";
    html += "</tr></thead><tbody>";
    for (auto& row : rows) {
        // A row whose first cell starts with "!" is highlighted (a silent kiosk, say).
        bool alert = !row.empty() && !row[0].empty() && row[0][0] == '!';
        html += alert ? "<tr class=\"alert\">" : "<tr>";
        // data-label: on a phone each row becomes a card, every value next to its column's name.
        for (std::size_t i = 0; i < row.size(); ++i)
            html += "<td data-label=\"" + (i < headers.size() ? escape_html(headers[i]) : std::string()) + "\"><div>" +
                    (i == 0 && alert ? row[i].substr(1) : row[i]) + "</div></td>";
        html += "</tr>";
    }
    return html + "</tbody></table></div>";
}

std::string link(const std::string& href, const std::string& text) {
    return "<a href=\"" + escape_html(href) + "\">" + escape_html(text) + "</a>";
}

}  // namespace motcua::server::web
