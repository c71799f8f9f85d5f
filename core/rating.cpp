#include "core/rating.hpp"

#include <set>

namespace motcua {

const RatingLevel* RatingScale::level(int score) const {
    for (auto& l : levels)
        if (l.score == score) return &l;
    return nullptr;
}

std::vector<SettingRow> default_rating_level_rows() {
    return {
        {{"score", "1"}, {"vi", "Rất hài lòng"}, {"en", "Very satisfied"}, {"color", "#1B7F3B"}, {"face", "very_happy"}},
        {{"score", "2"}, {"vi", "Hài lòng"}, {"en", "Satisfied"}, {"color", "#1565C0"}, {"face", "happy"}},
        {{"score", "3"}, {"vi", "Không hài lòng"}, {"en", "Not satisfied"}, {"color", "#C62828"}, {"face", "unhappy"},
         {"ask_reason", "true"}},
    };
}

std::vector<SettingRow> default_rating_reason_rows() {
    return {
        {{"code", "wait_time"}, {"vi", "Thời gian chờ, giải quyết quá lâu"}, {"en", "Waiting or processing took too long"}},
        {{"code", "many_visits"}, {"vi", "Phải đi lại nhiều lần"}, {"en", "Had to come back several times"}},
        {{"code", "many_agencies"}, {"vi", "Phải liên hệ nhiều cơ quan"}, {"en", "Had to contact many agencies"}},
        {{"code", "attitude"}, {"vi", "Thái độ cán bộ chưa tốt"}, {"en", "Officer's attitude"}},
        {{"code", "guidance"}, {"vi", "Hướng dẫn chưa rõ ràng"}, {"en", "Unclear guidance"}},
        {{"code", "procedure_posted"}, {"vi", "Thủ tục chưa được niêm yết công khai"}, {"en", "Procedure not publicly posted"}},
        {{"code", "complaint"}, {"vi", "Phản ánh, kiến nghị chưa được xử lý"}, {"en", "Complaint not handled"}},
        {{"code", "online_service"}, {"vi", "Dịch vụ công trực tuyến chưa tốt"}, {"en", "Poor online services"}},
    };
}

namespace {
std::optional<Face> parse_face(const std::string& s) {
    if (s == "very_happy") return Face::VeryHappy;
    if (s == "happy") return Face::Happy;
    if (s == "neutral") return Face::Neutral;
    if (s == "unhappy") return Face::Unhappy;
    if (s == "very_unhappy") return Face::VeryUnhappy;
    return std::nullopt;
}
std::string field(const SettingRow& row, const std::string& key) {
    auto it = row.find(key);
    return it == row.end() ? std::string() : it->second;
}
}  // namespace

Result<RatingScale> rating_scale_from_rows(const std::vector<SettingRow>& levels, const std::vector<SettingRow>& reasons) {
    RatingScale scale;
    std::set<int> scores;
    int index = 0;
    for (auto& row : levels) {
        ++index;
        std::string prefix = "rating.levels entry " + std::to_string(index) + ": ";
        RatingLevel level;
        try {
            level.score = std::stoi(field(row, "score"));
        } catch (...) {
            return Result<RatingScale>::failure(prefix + "score must be a whole number");
        }
        if (level.score < 1 || level.score > 9 || !scores.insert(level.score).second)
            return Result<RatingScale>::failure(prefix + "score must be unique and between 1 and 9");
        level.label_vi = field(row, "vi");
        level.label_en = field(row, "en");
        if (level.label_vi.empty()) return Result<RatingScale>::failure(prefix + "needs a Vietnamese label 'vi'");
        if (level.label_en.empty()) level.label_en = level.label_vi;
        std::string color = field(row, "color");
        if (color.size() != 7 || color[0] != '#')
            return Result<RatingScale>::failure(prefix + "color must look like \"#1B7F3B\"");
        try {
            level.color = static_cast<unsigned>(std::stoul(color.substr(1), nullptr, 16));
        } catch (...) {
            return Result<RatingScale>::failure(prefix + "color must look like \"#1B7F3B\"");
        }
        auto face = parse_face(field(row, "face"));
        if (!face)
            return Result<RatingScale>::failure(prefix + "face must be very_happy, happy, neutral, unhappy or very_unhappy");
        level.face = *face;
        level.asks_reason = field(row, "ask_reason") == "true";
        scale.levels.push_back(level);
    }
    if (scale.levels.size() < 2 || scale.levels.size() > 5)
        return Result<RatingScale>::failure("rating.levels: need between 2 and 5 levels");
    index = 0;
    std::set<std::string> codes;
    for (auto& row : reasons) {
        ++index;
        RatingReason reason{field(row, "code"), field(row, "vi"), field(row, "en")};
        if (reason.code.empty() || reason.label_vi.empty() || !codes.insert(reason.code).second)
            return Result<RatingScale>::failure("rating.reasons entry " + std::to_string(index) +
                                                ": needs a unique 'code' and a Vietnamese label 'vi'");
        if (reason.label_en.empty()) reason.label_en = reason.label_vi;
        scale.reasons.push_back(reason);
    }
    return scale;
}

RatingScale default_rating_scale() {
    return rating_scale_from_rows(default_rating_level_rows(), default_rating_reason_rows()).value();
}

}  // namespace motcua
