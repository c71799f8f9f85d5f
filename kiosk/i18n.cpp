#include "kiosk/i18n.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

namespace motcua::kiosk {

namespace {
void flatten(const nlohmann::json& node, const std::string& prefix, std::map<std::string, std::string>& out,
             std::string& problem) {
    for (auto it = node.begin(); it != node.end(); ++it) {
        std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
        if (it->is_object()) flatten(*it, key, out, problem);
        else if (it->is_string()) out[key] = it->get<std::string>();
        else if (problem.empty()) problem = key + ": must be a text string";
    }
}
}  // namespace

Status Texts::add_language(Language language, const std::string& json_text, const std::string& source) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json_text);
    } catch (const nlohmann::json::parse_error& e) {
        return Status::failure(source + ": not valid JSON: " + e.what());
    }
    if (!doc.is_object()) return Status::failure(source + ": must be a JSON object of texts");
    std::map<std::string, std::string> texts;
    std::string problem;
    flatten(doc, "", texts, problem);
    if (!problem.empty()) return Status::failure(source + ": " + problem);
    for (auto& [key, value] : texts) table_[language][key] = std::move(value);  // files add to each other
    return Status::success();
}

Result<Texts> Texts::load(const std::string& assets_dir) {
    namespace fs = std::filesystem;
    Texts texts;
    for (auto [language, required] : {std::pair{Language::Vi, true}, std::pair{Language::En, false}}) {
        const std::string code = language_code(language);
        std::vector<std::string> paths = {assets_dir + "/i18n/" + code + ".json"};
        // Each role's texts in their own file ("dispenser.vi.json"), read after the common one.
        std::vector<std::string> role_files;
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(assets_dir + "/i18n", ec)) {
            const std::string name = entry.path().filename().string();
            const std::string suffix = "." + code + ".json";
            if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
                role_files.push_back(entry.path().string());
        }
        std::sort(role_files.begin(), role_files.end());
        paths.insert(paths.end(), role_files.begin(), role_files.end());
        for (size_t i = 0; i < paths.size(); ++i) {
            std::ifstream in(paths[i], std::ios::binary);
            if (!in) {
                if (required && i == 0) return Result<Texts>::failure(paths[i] + ": cannot open the texts file");
                continue;
            }
            std::ostringstream buffer;
            buffer << in.rdbuf();
            if (auto st = texts.add_language(language, buffer.str(), paths[i]); !st)
                return Result<Texts>::failure(st.error());
        }
    }
    return texts;
}

const std::string& Texts::get(Language language, const std::string& key) const {
    for (Language l : {language, Language::Vi}) {
        auto table = table_.find(l);
        if (table == table_.end()) continue;
        auto it = table->second.find(key);
        if (it != table->second.end()) return it->second;
    }
    return missing_.try_emplace(key, key).first->second;
}

}  // namespace motcua::kiosk
