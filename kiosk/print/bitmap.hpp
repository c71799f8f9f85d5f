// A 1-bit image as a thermal printer prints it: one byte per dot (1 = black) for simple drawing;
// ESC/POS packs eight dots per byte when it is sent.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace motcua::print {

struct Bitmap {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> dots;  // row-major, width * height, 0 or 1

    Bitmap() = default;
    Bitmap(int w, int h) : width(w), height(h), dots(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 0) {}
    bool at(int x, int y) const { return dots[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)] != 0; }
    void set(int x, int y, bool black = true) {
        if (x < 0 || y < 0 || x >= width || y >= height) return;  // drawing is cut to the paper
        dots[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)] = black ? 1 : 0;
    }
    void fill_rect(int x, int y, int w, int h, bool black = true);
    void grow_to_height(int h);  // adds white rows at the bottom
    bool operator==(const Bitmap&) const = default;
};

// Writes a black-on-white greyscale PNG (a preview of the ticket), optionally scaled up by an
// integer factor so it can be looked at on a screen.
Status write_png(const Bitmap& bitmap, const std::string& path, int scale = 1);

}  // namespace motcua::print
