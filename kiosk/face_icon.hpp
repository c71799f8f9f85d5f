// A face drawn with ImDrawList (no image files): a light disc with eyes and a mouth that
// smiles, stays flat or frowns with the rating level.
#pragma once
#include <imgui.h>

#include "core/rating.hpp"

namespace motcua::kiosk {

void draw_face(ImDrawList* dl, ImVec2 center, float radius, Face face, ImU32 disc_color, ImU32 feature_color);

}  // namespace motcua::kiosk
