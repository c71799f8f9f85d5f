// Reading the window's screenshots back in the UI tests.
#pragma once
#include <stb/stb_image.h>

#include <memory>
#include <string>

namespace motcua::test {

// The share of a screenshot's bottom 6 rows in the staff-banner red (Theme::kWarning, #B21F1F):
// the printer and configuration banners sit there.
inline double warning_share_at_bottom(const std::string& png) {
    int w = 0, h = 0, n = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> pixels(stbi_load(png.c_str(), &w, &h, &n, 3), stbi_image_free);
    if (!pixels || h < 10) return 0;
    long red = 0, all = 0;
    for (int y = h - 6; y < h; ++y)
        for (int x = 0; x < w; ++x, ++all) {
            const unsigned char* p = pixels.get() + (static_cast<long>(y) * w + x) * 3;
            red += p[0] == 0xB2 && p[1] == 0x1F && p[2] == 0x1F;
        }
    return static_cast<double>(red) / static_cast<double>(all);
}

}  // namespace motcua::test
