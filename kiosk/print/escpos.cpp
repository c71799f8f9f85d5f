#include "kiosk/print/escpos.hpp"

#include <algorithm>

namespace motcua::print {

namespace {
constexpr char kEsc = 0x1B, kGs = 0x1D;

void put16(std::string& out, int v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
}
}  // namespace

std::string encode_ticket(const Bitmap& bitmap) {
    std::string out;
    const int bytes_per_row = (bitmap.width + 7) / 8;
    out.reserve(8 + static_cast<std::size_t>(bytes_per_row) * static_cast<std::size_t>(bitmap.height) +
                static_cast<std::size_t>(bitmap.height / kRasterBandRows + 1) * 8);
    out += kEsc;
    out += '@';
    for (int top = 0; top < bitmap.height; top += kRasterBandRows) {
        int rows = std::min(kRasterBandRows, bitmap.height - top);
        out += kGs;
        out += 'v';
        out += '0';
        out += '\0';  // m = 0: normal density
        put16(out, bytes_per_row);
        put16(out, rows);
        for (int y = top; y < top + rows; ++y)
            for (int xb = 0; xb < bytes_per_row; ++xb) {
                unsigned char byte = 0;
                for (int bit = 0; bit < 8; ++bit) {
                    int x = xb * 8 + bit;
                    if (x < bitmap.width && bitmap.at(x, y)) byte = static_cast<unsigned char>(byte | (0x80 >> bit));
                }
                out += static_cast<char>(byte);
            }
    }
    out += kEsc;
    out += 'd';
    out += static_cast<char>(kFeedLinesBeforeCut);
    out += kGs;
    out += 'V';
    out += '\1';
    return out;
}

Result<Bitmap> decode_ticket(std::string_view bytes) {
    using R = Result<Bitmap>;
    auto u8 = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    auto fail = [](std::size_t at, const std::string& what) {
        return R::failure("byte " + std::to_string(at) + ": " + what);
    };
    if (bytes.size() < 2 || bytes[0] != kEsc || bytes[1] != '@') return fail(0, "does not start with ESC @");
    Bitmap image;
    bool cut = false;
    std::size_t i = 2;
    while (i < bytes.size()) {
        if (cut) return fail(i, "bytes after the cut");
        if (bytes.size() - i >= 8 && bytes[i] == kGs && bytes[i + 1] == 'v' && bytes[i + 2] == '0') {
            if (u8(i + 3) > 3) return fail(i + 3, "unknown raster mode");
            int row_bytes = u8(i + 4) | (u8(i + 5) << 8), rows = u8(i + 6) | (u8(i + 7) << 8);
            if (row_bytes == 0 || rows == 0) return fail(i, "an empty raster band");
            if (image.height > 0 && row_bytes * 8 != image.width) return fail(i, "a band of another width");
            if (image.height + rows > 100000) return fail(i, "an image taller than 100000 rows");
            std::size_t data = static_cast<std::size_t>(row_bytes) * static_cast<std::size_t>(rows);
            if (bytes.size() - i - 8 < data) return fail(i, "a raster band cut short");
            if (image.height == 0) image = Bitmap(row_bytes * 8, 0);
            int top = image.height;
            image.grow_to_height(top + rows);
            for (int y = 0; y < rows; ++y)
                for (int xb = 0; xb < row_bytes; ++xb) {
                    unsigned char b = u8(i + 8 + static_cast<std::size_t>(y * row_bytes + xb));
                    for (int bit = 0; bit < 8; ++bit)
                        if (b & (0x80 >> bit)) image.set(xb * 8 + bit, top + y);
                }
            i += 8 + data;
        } else if (bytes.size() - i >= 3 && bytes[i] == kEsc && bytes[i + 1] == 'd') {
            i += 3;  // paper feed: nothing to draw
        } else if (bytes.size() - i >= 3 && bytes[i] == kGs && bytes[i + 1] == 'V' && (bytes[i + 2] == 1 || bytes[i + 2] == '1')) {
            cut = true;
            i += 3;
        } else {
            return fail(i, "a command this decoder does not know");
        }
    }
    if (image.height == 0) return fail(i, "no raster image");
    if (!cut) return fail(i, "no paper cut at the end");
    return image;
}

bool is_status_byte(std::uint8_t b) { return (b & 0x93) == 0x12; }

void apply_status_byte(int n, std::uint8_t b, PrinterFlags& flags) {
    switch (n) {
        case 1: flags.offline = flags.offline || (b & 0x08); break;
        case 2:
            flags.cover_open = flags.cover_open || (b & 0x04);
            flags.paper_out = flags.paper_out || (b & 0x20);
            flags.error = flags.error || (b & 0x40);
            break;
        case 4:
            flags.paper_near_end = flags.paper_near_end || (b & 0x0C);
            flags.paper_out = flags.paper_out || (b & 0x60);
            break;
        default: break;
    }
}

}  // namespace motcua::print
