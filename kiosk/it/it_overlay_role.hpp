// Wraps any role with the IT screen and the delivery mark. The IT screen is an overlay: while it
// is open the role's screen is not drawn and gets no input, but the role's own timers and its
// model are left alone (tick() still runs), so a citizen flow in progress keeps its rules (the
// thank-you screen still ends, an unfinished rating still times out as it would) and nothing a
// citizen did is lost or changed. Allowing it from any screen, not only the idle one, lets IT
// staff reach a kiosk whose role is stuck on a problem screen.
#pragma once
#include <memory>
#include <optional>

#include "kiosk/it/it_panel.hpp"
#include "kiosk/it/it_screens.hpp"
#include "kiosk/role.hpp"
#include "kiosk/roles/role_factory.hpp"

namespace motcua::kiosk {

struct MarkConfig {
    std::int64_t threshold_ms = 24LL * 3600 * 1000;  // it.undelivered_mark_hours
    std::string sync_config_path;                    // it.sync_config
    // How often the mark is re-read (a few rows of the database), on the window's clock.
    std::int64_t check_every_ms = 60'000;
};

class ItOverlayRole final : public Role {
public:
    // The corner whose taps open the PIN pad (top left), in pixels at scale 1.
    static constexpr float kCornerSize = 90.0f;

    ItOverlayRole(std::unique_ptr<Role> inner, ItConfig config, MarkConfig mark, EventStore* store);

    std::string_view name() const override { return inner_->name(); }
    std::string view() const override;
    HitTargets frame(const Theme& theme, ImVec2 size, std::int64_t now_ms, bool& changed) override;
    void note_input(std::int64_t now_ms) override;
    bool text_input(std::string_view utf8, std::int64_t now_ms) override;
    bool key(Key key, std::int64_t now_ms) override;
    bool wants_text_input() const override;
    bool tick(std::int64_t now_ms) override;
    std::optional<std::int64_t> next_deadline_ms() const override;
    std::optional<int> exit_code() const override { return panel_.model().exit_code; }
    bool uses_large_numerals() const override { return inner_->uses_large_numerals(); }
    int run_demo(RoleDriver& driver, std::ostream& log) override { return inner_->run_demo(driver, log); }

    const ItPanel& panel() const { return panel_; }
    DeliveryMark mark() const { return mark_; }
    Role& inner() { return *inner_; }

private:
    bool apply(const ItIntent& intent, std::int64_t now_ms);
    bool refresh_mark(std::int64_t now_ms);

    std::unique_ptr<Role> inner_;
    ItPanel panel_;
    MarkConfig mark_config_;
    EventStore* store_;
    std::function<std::int64_t()> wall_clock_;
    DeliveryMark mark_ = DeliveryMark::None;
    std::int64_t next_mark_check_ms_ = 0;
};

// The settings' IT screen (it.*) around the role main built; the dispenser role also gets the
// printer test. main wires this; tests build ItOverlayRole directly.
std::unique_ptr<Role> with_it_screen(std::unique_ptr<Role> role, const RoleResources& resources);

}  // namespace motcua::kiosk
