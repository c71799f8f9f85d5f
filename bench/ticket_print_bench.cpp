// Time from "ticket issued" to printer bytes ready: TicketRenderer::render (FreeType text,
// libqrencode QR; fonts kept open as the dispenser keeps them) plus encode_ticket (ESC/POS
// raster), for 58 and 80 mm paper, against the QR code alone made in the same run. The first
// ticket (fonts opened, glyphs drawn) is reported on its own. Target: p99 < 20 ms.
//
//   build/default/bench/bench_ticket_print [tickets=200]
#include <qrencode.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/ticket_ref.hpp"
#include "kiosk/print/escpos.hpp"
#include "kiosk/print/print_test_command.hpp"

#include "bench/latency_stats.hpp"

using namespace motcua;
using namespace motcua::print;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    int tickets = argc > 1 ? std::atoi(argv[1]) : 200;
    const TicketFonts fonts{"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                            "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"};
    TicketContent content = sample_ticket(1795482900000, 420);

    std::vector<double> qr_only;
    for (int i = 0; i < tickets; ++i) {
        auto start = Clock::now();
        QRcode* code = QRcode_encodeString(content.qr_payload.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
        qr_only.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        QRcode_free(code);
    }
    bench::LatencyStats qr = bench::summarize(qr_only);
    std::printf("QR code alone:           p50 %.3f ms  p99 %.3f ms\n", qr.p50, qr.p99);

    for (Paper paper : {Paper::mm58, Paper::mm80}) {
        std::vector<double> ms;
        std::size_t bytes = 0;
        auto first_start = Clock::now();
        auto renderer = TicketRenderer::open(fonts);
        if (!renderer || !renderer->render(content, paper)) {
            std::fprintf(stderr, "cannot render a ticket\n");
            return 1;
        }
        double first = std::chrono::duration<double, std::milli>(Clock::now() - first_start).count();
        for (int i = 0; i < tickets; ++i) {
            auto start = Clock::now();
            auto ticket = renderer->render(content, paper);
            if (!ticket) {
                std::fprintf(stderr, "%s\n", ticket.error().c_str());
                return 1;
            }
            bytes = encode_ticket(ticket.value()).size();
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        }
        bench::LatencyStats s = bench::summarize(ms);
        std::printf("%s ticket bytes ready:  p50 %.3f ms  p99 %.3f ms  (%zu bytes; p99 %.0fx the QR alone; "
                    "first ticket with fonts opened %.1f ms)\n",
                    paper == Paper::mm58 ? "58 mm" : "80 mm", s.p50, s.p99, bytes, s.p99 / qr.p99, first);
    }
    return 0;
}
