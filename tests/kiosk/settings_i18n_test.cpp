#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kiosk/i18n.hpp"
#include "kiosk/roles/rating/rating_controller.hpp"
#include "kiosk/kiosk_settings.hpp"
#include "tests/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;

namespace {
std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
const std::string kAssets = std::string(MOTCUA_SOURCE_DIR) + "/assets";
}  // namespace

TEST_CASE("config/kiosk.toml is exactly the documented defaults") {
    CHECK(read_file(std::string(MOTCUA_SOURCE_DIR) + "/config/kiosk.toml") == default_config_toml());
}

TEST_CASE("the documented defaults load back to the defaults") {
    auto loaded = Settings::parse(default_config_toml(), "kiosk.toml", kiosk_settings());
    REQUIRE(loaded.ok());
    CHECK(loaded->integer("ui.thanks_seconds") == 4);
    CHECK(loaded->integer("ui.idle_seconds") == 30);
    CHECK(loaded->text("storage.db_path") == "/var/lib/motcua/kiosk.db");
    auto config = RatingConfig::from_settings(loaded.value());
    REQUIRE(config.ok());
    CHECK(config->scale.levels.size() == 3);
    CHECK(config->scale.reasons.size() == 8);
    CHECK(config->thanks_ms == 4000);
}

TEST_CASE("every kiosk setting has help text") {
    for (auto& spec : kiosk_settings()) CHECK_FALSE(spec.help.empty());
}

TEST_CASE("a bad settings file names file, line and key") {
    auto bad = Settings::parse("[ui]\nthanks_seconds = \"four\"\n", "kiosk.toml", kiosk_settings());
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().find("kiosk.toml:2") != std::string::npos);
    CHECK(bad.error().find("ui.thanks_seconds") != std::string::npos);
    auto bad_language = Settings::parse("[ui]\nlanguage = \"fr\"\n", "kiosk.toml", kiosk_settings());
    REQUIRE(bad_language.ok());
    CHECK_FALSE(RatingConfig::from_settings(bad_language.value()).ok());
}

TEST_CASE("assets are found beside the program folder or where ui.assets_dir says") {
    Settings settings(kiosk_settings());
    // The build tree's kiosk/motcua-kiosk finds build/<preset>/share/motcua/assets (a link to assets/),
    // as /usr/bin/motcua-kiosk finds /usr/share/motcua/assets.
    std::string beside = std::string(MOTCUA_BINARY_DIR) + "/share/motcua/assets";
    CHECK(find_assets_dir(settings, std::string(MOTCUA_BINARY_DIR) + "/kiosk") == beside);
    CHECK(std::filesystem::equivalent(beside, kAssets));
    settings.set("ui.assets_dir", std::string("/nonexistent"));
    CHECK(find_assets_dir(settings).empty());
}

TEST_CASE("the shipped texts load, and both languages have the same keys") {
    auto texts = Texts::load(kAssets);
    REQUIRE(texts.ok());
    auto vi = nlohmann::json::parse(read_file(kAssets + "/i18n/vi.json"));
    auto en = nlohmann::json::parse(read_file(kAssets + "/i18n/en.json"));
    for (auto& [key, value] : vi.items()) CHECK(en.contains(key));
    for (auto& [key, value] : en.items()) CHECK(vi.contains(key));
    CHECK(texts->get(Language::Vi, "rating.title") == "Quý khách vui lòng đánh giá mức độ hài lòng");
    CHECK(texts->get(Language::Vi, "thanks.title") == "Cảm ơn Quý khách!");
    CHECK(texts->get(Language::Vi, "reasons.title") == "Quý khách chưa hài lòng về điều gì?");
    CHECK(texts->get(Language::Vi, "save_failed.title") + " " + texts->get(Language::Vi, "save_failed.body") ==
          "Xin lỗi, chưa lưu được đánh giá. Quý khách vui lòng báo cán bộ.");
    CHECK(texts->get(Language::En, "thanks.title") == "Thank you!");
}

TEST_CASE("the shipped texts are precomposed (NFC): no combining marks, which render as '?'") {
    for (const char* file : {"/i18n/vi.json", "/i18n/en.json"}) {
        std::string text = read_file(kAssets + file);
        // U+0300..U+036F are encoded as CC 80..CD AF.
        for (size_t i = 0; i + 1 < text.size(); ++i) {
            auto b0 = static_cast<unsigned char>(text[i]), b1 = static_cast<unsigned char>(text[i + 1]);
            bool combining = (b0 == 0xCC && b1 >= 0x80) || (b0 == 0xCD && b1 <= 0xAF);
            INFO(file << " at byte " << i);
            CHECK_FALSE(combining);
        }
    }
}

TEST_CASE("lookup falls back to Vietnamese, then to the key") {
    Texts texts;
    REQUIRE(texts.add_language(Language::Vi, R"({"a": "Một", "b": {"c": "Hai"}})", "vi").ok());
    REQUIRE(texts.add_language(Language::En, R"({"a": "One"})", "en").ok());
    CHECK(texts.get(Language::En, "a") == "One");
    CHECK(texts.get(Language::En, "b.c") == "Hai");
    CHECK(texts.get(Language::En, "missing.key") == "missing.key");
    CHECK_FALSE(texts.add_language(Language::En, R"({"a": 1})", "en.json").ok());
    CHECK_FALSE(texts.add_language(Language::En, "{", "en.json").ok());
}
