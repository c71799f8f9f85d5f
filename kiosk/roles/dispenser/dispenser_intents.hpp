// What a citizen asked for on a dispenser frame. Screens produce these; the controller applies them.
#pragma once
#include <string>
#include <variant>
#include <vector>

namespace motcua::kiosk::dispenser {

namespace intent {
struct PickField { std::string id; };
struct PickProcedure { std::string id; };
struct PickPriority { std::string code; };  // empty: not priority ("Không")
struct Back {};                             // one question back
struct Done {};                             // leave the ticket or refusal screen now
struct ToggleLanguage {};
}  // namespace intent

using Intent = std::variant<intent::PickField, intent::PickProcedure, intent::PickPriority, intent::Back, intent::Done,
                            intent::ToggleLanguage>;
using Intents = std::vector<Intent>;

}  // namespace motcua::kiosk::dispenser
