// The rating scale (three levels by default, configurable) and the reasons asked on
// an unhappy rating. Pure data: the kiosk draws it, the server reports on it.
#pragma once
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/settings.hpp"

namespace motcua {

enum class Face { VeryHappy, Happy, Neutral, Unhappy, VeryUnhappy };

struct RatingLevel {
    int score = 0;            // 1 = best on the default scale (stored as in the national system)
    std::string label_vi;
    std::string label_en;
    unsigned color = 0;       // 0xRRGGBB
    Face face = Face::Happy;
    bool asks_reason = false; // "Không hài lòng" asks why before thanking
};

struct RatingReason {
    std::string code;
    std::string label_vi;
    std::string label_en;
};

struct RatingScale {
    std::vector<RatingLevel> levels;
    std::vector<RatingReason> reasons;
    const RatingLevel* level(int score) const;
};

// Settings rows for the default scale and reasons (Thông tư 01/2018/TT-VPCP indicators).
std::vector<SettingRow> default_rating_level_rows();
std::vector<SettingRow> default_rating_reason_rows();
// Builds and checks a scale from rows; names the bad row on error.
Result<RatingScale> rating_scale_from_rows(const std::vector<SettingRow>& levels, const std::vector<SettingRow>& reasons);
RatingScale default_rating_scale();

}  // namespace motcua
