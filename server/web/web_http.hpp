// Small HTTP helpers shared by the dashboard's handlers (dashboard.cpp, report_pages.cpp, fleet_page.cpp).
#pragma once
#include <httplib.h>

#include <string>

namespace motcua::server::web {

// A field of an application/x-www-form-urlencoded POST body ("" when absent).
std::string form_value(const httplib::Request& req, const std::string& name);
// An HTML page with the headers every dashboard page carries (no-store, nosniff, CSP).
void send_html(httplib::Response& res, int status, const std::string& html);
// 303 See Other: after a POST the browser fetches the next page with GET.
void redirect(httplib::Response& res, const std::string& location);

}  // namespace motcua::server::web
