// The lobby board as a Role: the BoardController, the board's screens and its voice. It logs on
// stdout each call it queues for speaking and each call it puts on screen, with the monotonic
// time of the frame, so a person (or a test, or bench/board_latency) can follow what it shows.
#pragma once
#include <iosfwd>
#include <memory>

#include "kiosk/i18n.hpp"
#include "kiosk/role.hpp"
#include "kiosk/roles/board/board_controller.hpp"
#include "kiosk/roles/board/board_voice.hpp"

namespace motcua::kiosk {

class BoardRole final : public Role {
public:
    BoardRole(std::unique_ptr<BoardController> controller, std::unique_ptr<BoardVoice> voice, const Texts& texts,
              std::ostream& log);

    std::string_view name() const override { return "board"; }
    // "calls", "new_call" (a call is blinking), "empty" (none today yet) or "problem".
    std::string view() const override;
    HitTargets frame(const Theme& theme, ImVec2 size, std::int64_t now_ms, bool& changed) override;
    void note_input(std::int64_t /*now_ms*/) override {}
    bool tick(std::int64_t now_ms) override;
    std::optional<std::int64_t> next_deadline_ms() const override;
    int run_demo(RoleDriver& driver, std::ostream& log) override;
    bool uses_large_numerals() const override { return true; }

    const BoardController& controller() const { return *controller_; }

private:
    std::unique_ptr<BoardController> controller_;
    std::unique_ptr<BoardVoice> voice_;
    const Texts& texts_;
    std::ostream& log_;
    bool voice_busy_ = false;
    // A second look at the database shortly after each wake-up (see tick()).
    std::optional<std::int64_t> recheck_at_ms_;
    std::int64_t last_now_ms_ = 0;
    std::int64_t shown_number_ = 0;  // the newest call logged as on screen
    std::string reported_problem_;
};

}  // namespace motcua::kiosk
