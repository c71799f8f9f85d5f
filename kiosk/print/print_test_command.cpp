#include "kiosk/print/print_test_command.hpp"

#include "core/clock.hpp"
#include "core/ticket_ref.hpp"
#include "core/uuid.hpp"
#include "kiosk/print/escpos.hpp"
#include "kiosk/print/printer.hpp"

namespace motcua::print {

TicketContent sample_ticket(std::int64_t now_unix_ms, int utc_offset_minutes) {
    TicketContent t;
    t.site_name = "Trung tâm Phục vụ hành chính công xã An Phú";
    t.field_name = "Lĩnh vực Hộ tịch – Chứng thực";
    t.number = "A012";
    t.priority_label = "Người cao tuổi";
    t.issued_unix_ms = now_unix_ms;
    t.utc_offset_minutes = utc_offset_minutes;
    t.people_ahead = 5;
    t.wait_minutes = 15;
    t.footer = "Phiếu in thử – Quý khách vui lòng chờ đến khi số được gọi";
    std::string day = clock::rfc3339_ms(now_unix_ms, utc_offset_minutes).substr(0, 10);
    auto ref = encode_ticket_ref({"xa-an-phu", day, t.number, uuid_v7_at(now_unix_ms)});
    t.qr_payload = ref ? ref.value() : std::string("TN1");
    return t;
}

int run_print_test(const PrintTestOptions& options, std::ostream& out) {
    auto target = parse_printer_target(options.target);
    if (!target) {
        out << "print test: " << target.error() << "\n";
        return 1;
    }
    auto paper = paper_from_mm(options.paper_mm);
    if (!paper) {
        out << "print test: " << paper.error() << "\n";
        return 1;
    }
    auto ticket = render_ticket(sample_ticket(clock::unix_ms_now(), options.utc_offset_minutes), paper.value(), options.fonts);
    if (!ticket) {
        out << "print test: cannot draw the ticket: " << ticket.error() << "\n";
        return 1;
    }
    out << "print test: ticket " << ticket->width << "x" << ticket->height << " dots (" << options.paper_mm << " mm)\n";
    int code = 0;
    if (!options.png_path.empty()) {
        if (auto png = write_png(ticket.value(), options.png_path); !png) {
            out << "print test: " << png.error() << "\n";
            code = 1;
        } else {
            out << "print test: preview written to " << options.png_path << "\n";
        }
    }
    Printer printer(target.value(), options.timeout_ms);
    if (!printer.enabled()) {
        out << "print test: printing is off (printer.target = none); nothing sent\n";
        return code;
    }
    std::string bytes = encode_ticket(ticket.value());
    if (auto printed = printer.print(bytes); !printed) {
        out << "print test: FAILED: " << alarm_for_print_failure(printed).en << "\n";
        code = 1;
    } else {
        out << "print test: sent " << bytes.size() << " bytes to " << target->text() << "\n";
    }
    PrinterStatus status = printer.status();
    out << "printer status: " << printer_state_name(status.state) << " (" << status.detail << ")\n";
    if (auto alarm = alarm_for_status(status)) {
        out << "printer alarm: " << alarm->code << ": " << alarm->en << "\n";
        code = 1;
    }
    return code;
}

}  // namespace motcua::print
