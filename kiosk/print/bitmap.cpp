#include "kiosk/print/bitmap.hpp"

#include <stb_image_write.h>

namespace motcua::print {

void Bitmap::fill_rect(int x, int y, int w, int h, bool black) {
    for (int yy = y; yy < y + h; ++yy)
        for (int xx = x; xx < x + w; ++xx) set(xx, yy, black);
}

void Bitmap::grow_to_height(int h) {
    if (h <= height) return;
    height = h;
    dots.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0);
}

Status write_png(const Bitmap& bitmap, const std::string& path, int scale) {
    if (bitmap.width <= 0 || bitmap.height <= 0) return Status::failure("cannot write an empty image to " + path);
    if (scale < 1) scale = 1;
    int w = bitmap.width * scale, h = bitmap.height * scale;
    std::vector<std::uint8_t> grey(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            grey[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)] =
                bitmap.at(x / scale, y / scale) ? 0 : 255;
    if (!stbi_write_png(path.c_str(), w, h, 1, grey.data(), w)) return Status::failure("cannot write the PNG " + path);
    return Status::success();
}

}  // namespace motcua::print
