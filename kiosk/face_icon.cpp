#include "kiosk/face_icon.hpp"

#include <cmath>
#include <numbers>

namespace motcua::kiosk {

void draw_face(ImDrawList* dl, ImVec2 c, float r, Face face, ImU32 disc, ImU32 feature) {
    constexpr float pi = std::numbers::pi_v<float>;
    const float stroke = r * 0.11f;
    dl->AddCircleFilled(c, r, disc, 64);
    // Eyes
    float eye_dx = r * 0.36f, eye_y = c.y - r * 0.22f, eye_r = r * 0.12f;
    dl->AddCircleFilled(ImVec2(c.x - eye_dx, eye_y), eye_r, feature, 24);
    dl->AddCircleFilled(ImVec2(c.x + eye_dx, eye_y), eye_r, feature, 24);
    auto arc = [&](ImVec2 centre, float radius, float from, float to) {
        dl->PathArcTo(centre, radius, from, to, 32);
        dl->PathStroke(feature, 0, stroke);
        // Round caps
        dl->AddCircleFilled(ImVec2(centre.x + radius * std::cos(from), centre.y + radius * std::sin(from)), stroke / 2,
                            feature, 12);
        dl->AddCircleFilled(ImVec2(centre.x + radius * std::cos(to), centre.y + radius * std::sin(to)), stroke / 2,
                            feature, 12);
    };
    switch (face) {
        case Face::VeryHappy:  // open laughing mouth: a filled half disc
            dl->PathArcTo(ImVec2(c.x, c.y + r * 0.12f), r * 0.5f, 0.0f, pi, 32);
            dl->PathFillConvex(feature);
            break;
        case Face::Happy:
            arc(ImVec2(c.x, c.y + r * 0.05f), r * 0.48f, pi * 0.18f, pi * 0.82f);
            break;
        case Face::Neutral:
            dl->AddLine(ImVec2(c.x - r * 0.38f, c.y + r * 0.42f), ImVec2(c.x + r * 0.38f, c.y + r * 0.42f), feature, stroke);
            break;
        case Face::Unhappy:
            arc(ImVec2(c.x, c.y + r * 0.82f), r * 0.46f, pi * 1.2f, pi * 1.8f);
            break;
        case Face::VeryUnhappy:
            arc(ImVec2(c.x, c.y + r * 0.9f), r * 0.5f, pi * 1.15f, pi * 1.85f);
            // Slanted brows
            dl->AddLine(ImVec2(c.x - eye_dx - r * 0.16f, eye_y - r * 0.3f), ImVec2(c.x - eye_dx + r * 0.14f, eye_y - r * 0.2f),
                        feature, stroke * 0.8f);
            dl->AddLine(ImVec2(c.x + eye_dx + r * 0.16f, eye_y - r * 0.3f), ImVec2(c.x + eye_dx - r * 0.14f, eye_y - r * 0.2f),
                        feature, stroke * 0.8f);
            break;
    }
}

}  // namespace motcua::kiosk
