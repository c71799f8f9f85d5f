#include "kiosk/i18n.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

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
    table_[language] = std::move(texts);
    return Status::success();
}

Result<Texts> Texts::load(const std::string& assets_dir) {
    Texts texts;
    for (auto [language, required] : {std::pair{Language::Vi, true}, std::pair{Language::En, false}}) {
        std::string path = assets_dir + "/i18n/" + language_code(language) + ".json";
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            if (required) return Result<Texts>::failure(path + ": cannot open the texts file");
            continue;
        }
        std::ostringstream buffer;
        buffer << in.rdbuf();
        if (auto st = texts.add_language(language, buffer.str(), path); !st) return Result<Texts>::failure(st.error());
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
