// What a citizen asked for on a frame. Screens produce these; the controller applies them.
#pragma once
#include <string>
#include <variant>
#include <vector>

namespace motcua::kiosk {

namespace intent {
struct Rate { int score = 0; };
struct ToggleReason { std::string code; };
struct SubmitReasons {};
struct SkipReasons {};     // submit the unhappy rating without reasons
struct Back {};            // leave the reasons or error screen without saving
struct RetrySave {};       // try the failed save again
struct ToggleLanguage {};
}  // namespace intent

using Intent = std::variant<intent::Rate, intent::ToggleReason, intent::SubmitReasons, intent::SkipReasons,
                            intent::Back, intent::RetrySave, intent::ToggleLanguage>;
using Intents = std::vector<Intent>;

}  // namespace motcua::kiosk
