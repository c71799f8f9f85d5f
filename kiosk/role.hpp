// One screen's program: the rating screen, the ticket dispenser, the counter staff console or the
// lobby board. `motcua-kiosk --role NAME` runs one Role in the SDL window (kiosk/app/sdl_app.*).
// Each role keeps its own model (plain data), intents, controller (no SDL, no ImGui, unit-tested)
// and screens (draw the model, return intents) in kiosk/roles/<name>/; the Role is the thin glue
// the window drives. Adding a role is adding a folder and one line in kiosk/roles/role_factory.cpp.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/language.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"

namespace motcua::kiosk {

// Keys a role may care about: a keyboard-wedge barcode scanner types a code and presses Enter.
// StaffScreen is Ctrl+Alt+I: it opens the IT screen (kiosk/it/), which takes it before any role.
enum class Key { Enter, Backspace, Escape, Tab, StaffScreen };

// What the window offers a role's autopilot (--demo) and tests: taps on named buttons, a clock
// that can be moved forward, and screenshots.
class RoleDriver {
public:
    virtual ~RoleDriver() = default;
    virtual void settle() = 0;                          // handle queued input, render until idle
    virtual bool tap(const std::string& target) = 0;    // press and release a button, then settle
    virtual void type_text(const std::string& utf8) = 0;  // as a keyboard or scanner would, then settle
    virtual void press_key(Key key) = 0;                // then settle
    virtual void advance_clock(std::int64_t ms) = 0;    // pretend time passed (timers)
    virtual bool screenshot(const std::string& name) = 0;  // NAME.png in the screenshot folder, if any
    virtual const HitTargets& targets() const = 0;
};

class Role {
public:
    virtual ~Role() = default;
    virtual std::string_view name() const = 0;  // "rating", "dispenser", "counter", "board"
    // The screen now shown, e.g. "thanks" or "thanks_en": the window saves one screenshot per view.
    virtual std::string view() const = 0;

    // Draws one full-screen frame (the window is between ImGui::NewFrame and ImGui::Render) and
    // applies the intents its screens returned. Returns the buttons' positions; sets `changed`
    // when the model changed (the window then draws again).
    virtual HitTargets frame(const Theme& theme, ImVec2 size, std::int64_t now_ms, bool& changed) = 0;

    // Any touch, even one that hits no button (idle timers).
    virtual void note_input(std::int64_t now_ms) = 0;
    // Typed text and keys, for roles with a text field (officer code, PIN, a scanned ticket).
    // Return true when the model changed.
    virtual bool text_input(std::string_view /*utf8*/, std::int64_t /*now_ms*/) { return false; }
    virtual bool key(Key /*key*/, std::int64_t /*now_ms*/) { return false; }
    // While true the window delivers text input (SDL_StartTextInput).
    virtual bool wants_text_input() const { return false; }

    // Timers and outside changes (another process committed to the shared database: the window
    // calls this when the database file changes, and at next_deadline_ms()). True if the model changed.
    virtual bool tick(std::int64_t now_ms) = 0;
    virtual std::optional<std::int64_t> next_deadline_ms() const = 0;

    // The language a citizen's screen starts in and returns to (ui.language), for roles that
    // have two; nothing for a role with one (the counter console is Vietnamese only).
    virtual std::optional<Language> start_language() const { return std::nullopt; }
    // The IT screen's choice. True if the screen changed.
    virtual bool set_start_language(Language /*language*/) { return false; }

    // The ~150 px numerals font (Theme::numerals, the board's numbers): asked only by roles that
    // draw with it, since it doubles the font texture every role would build at start.
    virtual bool uses_large_numerals() const { return false; }

    // Set when the program should end with this exit code (the IT screen's restart).
    virtual std::optional<int> exit_code() const { return std::nullopt; }

    // Autopilot for --demo: goes through every screen, saving screenshots; returns an exit code.
    virtual int run_demo(RoleDriver& driver, std::ostream& log) = 0;
};

}  // namespace motcua::kiosk
