// ESC/POS bytes for a raster ticket, the decoder the tests use to read them back, and the
// meaning of the printer's DLE EOT status answers.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "kiosk/print/bitmap.hpp"

namespace motcua::print {

// Rows per GS v 0 band. Kept under 256 so the height's high byte (yH) is always 0: several cheap
// 58 mm printers ignore yH or misprint images taller than their receive buffer, and a band of
// 255 rows at 576 dots is 18 KB, which common firmware buffers take whole.
inline constexpr int kRasterBandRows = 255;
inline constexpr int kFeedLinesBeforeCut = 4;  // the cutter sits a few lines above the print head

// ESC @ (reset), the image as GS v 0 bands, ESC d n (feed past the cutter), GS V 1 (partial cut).
std::string encode_ticket(const Bitmap& bitmap);

// Reads exactly the commands encode_ticket writes back into an image; anything else is refused
// with the offset of the first byte not understood.
Result<Bitmap> decode_ticket(std::string_view bytes);

// DLE EOT n: n = 1 printer status, 2 offline cause, 4 paper roll sensor.
inline constexpr char kDle = 0x10, kEot = 0x04;

struct PrinterFlags {
    bool offline = false;
    bool cover_open = false;
    bool paper_out = false;
    bool paper_near_end = false;
    bool error = false;  // a cutter jam or a head too hot: the offline cause's error bit
};

// A status answer has bit 1 and bit 4 set and bits 0 and 7 clear; anything else is not one.
bool is_status_byte(std::uint8_t b);
// Folds one answer of DLE EOT n into the flags.
void apply_status_byte(int n, std::uint8_t b, PrinterFlags& flags);

}  // namespace motcua::print
