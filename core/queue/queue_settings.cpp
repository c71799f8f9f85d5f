#include "core/queue/queue_settings.hpp"

#include <algorithm>

namespace motcua::queue {

const Field* QueueSettings::field(const std::string& id) const {
    auto it = std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.id == id; });
    return it == fields.end() ? nullptr : &*it;
}

const Counter* QueueSettings::counter(const std::string& id) const {
    auto it = std::find_if(counters.begin(), counters.end(), [&](const Counter& c) { return c.id == id; });
    return it == counters.end() ? nullptr : &*it;
}

const PriorityGroup* QueueSettings::priority_group(const std::string& code) const {
    auto it = std::find_if(priority_groups.begin(), priority_groups.end(),
                           [&](const PriorityGroup& g) { return g.code == code; });
    return it == priority_groups.end() ? nullptr : &*it;
}

bool QueueSettings::counter_serves(const std::string& counter_id, const std::string& field_id) const {
    const Counter* c = counter(counter_id);
    return c && std::find(c->fields.begin(), c->fields.end(), field_id) != c->fields.end();
}

std::vector<Field> default_fields() {
    // The fields most commune centres receive (domain.md); a site lists its own.
    return {
        {"tu-phap-ho-tich", "Tư pháp – Hộ tịch", "Justice and civil status", "A", 1, 999, 0, {}},
        {"chung-thuc", "Chứng thực", "Certification", "B", 1, 999, 0, {}},
        {"dat-dai", "Đất đai", "Land", "C", 1, 999, 0, {}},
        {"xay-dung", "Xây dựng", "Construction", "D", 1, 999, 0, {}},
        {"dang-ky-kinh-doanh", "Đăng ký kinh doanh", "Business registration", "E", 1, 999, 0, {}},
        {"lao-dong-tbxh",
         "Lao động – Thương binh và Xã hội",
         "Labour, invalids and social affairs",
         "F",
         1,
         999,
         0,
         {}},
        {"bhxh-bhyt", "Bảo hiểm xã hội, bảo hiểm y tế", "Social and health insurance", "G", 1, 999, 0, {}},
    };
}

std::vector<PriorityGroup> default_priority_groups() {
    // Practised everywhere, set by no national rule (domain.md): hence a list a site can change.
    return {
        {"elderly", "Người cao tuổi", "Elderly person"},
        {"disability", "Người khuyết tật", "Person with a disability"},
        {"pregnant", "Phụ nữ mang thai", "Pregnant woman"},
        {"merit", "Người có công", "Person with meritorious service"},
    };
}

OpeningHours default_opening_hours() {
    // Office hours of most centres: Monday to Friday, morning and afternoon. Saturdays and the
    // lunch break differ from site to site; a site sets its own.
    OpeningHours hours;
    for (int day = 0; day < 5; ++day)
        hours.by_weekday[static_cast<std::size_t>(day)] = {{7 * 60 + 30, 11 * 60 + 30}, {13 * 60 + 30, 17 * 60}};
    return hours;
}

QueueSettings default_queue_settings() {
    QueueSettings s;
    s.opening_hours = default_opening_hours();
    s.priority_groups = default_priority_groups();
    s.fields = default_fields();
    int n = 1;
    for (const Field& f : s.fields) {
        std::string id = std::to_string(n++);
        s.counters.push_back({id, "Quầy số " + id, {f.id}});
    }
    return s;
}

std::string display_number(const std::string& prefix, int number, int range_end) {
    std::size_t width = std::max<std::size_t>(3, std::to_string(range_end).size());
    std::string digits = std::to_string(number);
    if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
    return prefix + digits;
}

}  // namespace motcua::queue
