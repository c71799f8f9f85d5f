#include "server/web/dashboard_assets.hpp"

namespace motcua::server::web {

// Phone first (360 px wide): one column, big tap targets; wider screens get more tile columns.
const std::string_view kDashboardCss = R"css(
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans","DejaVu Sans",system-ui,sans-serif;font-size:16px;line-height:1.45;
 color:#1d2733;background:#f3f5f8}
a{color:#0b5cad}
header.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.6rem 1rem;background:#8b1d1d;color:#fff}
header.top a{color:#fff;text-decoration:none}
.brand{font-weight:700;font-size:1.15rem;margin-right:auto}
nav{display:flex;gap:.25rem}
nav a{padding:.4rem .7rem;border-radius:6px}
nav a.on,nav a:hover{background:rgba(255,255,255,.18)}
form.logout{display:flex;align-items:center;gap:.5rem;margin:0}
.who{font-size:.9rem;opacity:.9}
form.logout button{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.6);border-radius:6px;
 padding:.35rem .7rem;font:inherit;font-size:.9rem;cursor:pointer}
main{max-width:1180px;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.2rem 0 .6rem}
h2{font-size:1.1rem;margin:1.6rem 0 .6rem}
.crumbs{font-size:.9rem;margin-bottom:.3rem;color:#5a6675}
.crumbs a{color:#5a6675}
.period{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;background:#fff;padding:.7rem;border-radius:8px;
 box-shadow:0 1px 2px rgba(0,0,0,.06)}
.period label{display:flex;flex-direction:column;font-size:.85rem;color:#5a6675}
input,select,button{font:inherit}
input,select{padding:.45rem .5rem;border:1px solid #c3cbd5;border-radius:6px;background:#fff;min-height:2.5rem}
button.primary{background:#0b5cad;color:#fff;border:0;border-radius:6px;padding:.55rem 1rem;min-height:2.5rem;cursor:pointer}
button.danger{background:#fff;color:#a11;border:1px solid #a11;border-radius:6px;padding:.35rem .7rem;cursor:pointer}
.tiles{display:grid;grid-template-columns:repeat(2,1fr);gap:.6rem;margin:1rem 0}
@media(min-width:700px){.tiles{grid-template-columns:repeat(auto-fit,minmax(170px,1fr))}}
.tile{background:#fff;border-radius:8px;padding:.7rem .8rem;border-top:4px solid #8b1d1d;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.tile-label{font-size:.85rem;color:#5a6675}
.tile-value{font-size:1.6rem;font-weight:700}
.tile-note{font-size:.8rem;color:#5a6675}
.chart-box{position:relative;height:260px;background:#fff;border-radius:8px;padding:.5rem;box-shadow:0 1px 2px rgba(0,0,0,.06)}
@media(min-width:700px){.chart-box{height:320px}}
.scroll{overflow-x:auto;background:#fff;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{padding:.5rem .6rem;text-align:left;border-bottom:1px solid #e4e8ee;white-space:nowrap}
th{background:#eef1f5;font-weight:600;font-size:.85rem}
td.num,th.num{text-align:right}
tr.alert td{background:#fff1e6}
.badge{display:inline-block;padding:.05rem .45rem;border-radius:4px;font-size:.8rem;background:#eef1f5}
.badge.bad{background:#fde2e2;color:#8b1111}
.badge.warn{background:#fff0d6;color:#7a4b00}
.flags{display:flex;flex-wrap:wrap;gap:.25rem;white-space:normal;min-width:14rem}
.empty{color:#5a6675;background:#fff;padding:.7rem;border-radius:8px}
.message{padding:.7rem .9rem;border-radius:8px;background:#fde2e2;color:#8b1111;margin:.6rem 0}
.message.ok{background:#e1f4e6;color:#14532d}
.code{font-family:"DejaVu Sans Mono",monospace;font-size:1.8rem;letter-spacing:.1em}
.login{max-width:380px;margin:2.5rem auto;background:#fff;border-radius:10px;padding:1.3rem;box-shadow:0 1px 4px rgba(0,0,0,.1)}
.login label{display:block;margin:.7rem 0 .2rem;font-size:.9rem}
.login input{width:100%}
.login button{width:100%;margin-top:1rem}
.inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
.note{font-size:.85rem;color:#5a6675}
@media(max-width:699px){
 table.cards thead{display:none}
 table.cards tr{display:block;padding:.45rem 0;border-bottom:1px solid #e4e8ee}
 table.cards td{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;border:0;
  padding:.2rem .75rem;white-space:normal;text-align:right}
 table.cards td::before{content:attr(data-label);color:#5a6675;font-size:.85rem;text-align:left;white-space:nowrap}
 table.cards td:first-child{display:block;text-align:left;font-weight:600;padding-bottom:.35rem}
 table.cards td:first-child::before{content:none}
}
)css";

const std::string_view kDashboardJs = R"js(
document.addEventListener('DOMContentLoaded', function () {
  if (typeof Chart === 'undefined') return;
  document.querySelectorAll('canvas[data-series]').forEach(function (canvas) {
    var d = JSON.parse(canvas.getAttribute('data-series'));
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: d.labels,
        datasets: d.datasets.map(function (s) {
          return { label: s.label, data: s.data, backgroundColor: s.color, stack: 'levels' };
        })
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } }
      }
    });
    canvas.setAttribute('data-chart-ready', '1');
  });
});
)js";

}  // namespace motcua::server::web
