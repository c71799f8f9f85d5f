// The dashboard's own stylesheet and script, compiled in so the server needs no asset directory.
// Chart.js is not here: it is served from Debian's package (web.chartjs_dir).
#pragma once
#include <string_view>

namespace motcua::server::web {

extern const std::string_view kDashboardCss;
// Draws every <canvas data-series="..."> with Chart.js, then marks it data-chart-ready="1".
extern const std::string_view kDashboardJs;

}  // namespace motcua::server::web
