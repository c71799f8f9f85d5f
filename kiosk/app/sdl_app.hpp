// The SDL2 window, renderer and event loop around one Role's screens. Renders only on input,
// timers and changes to the shared database (SDL_WaitEventTimeout; DatabaseWatch wakes it), so an
// idle kiosk sleeps. Input is taken from the SDL events themselves, which is also how tests and
// --demo tap buttons and type (SDL_PushEvent).
#pragma once
#include <cstdint>
#include <deque>
#include <iosfwd>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "kiosk/app/database_watch.hpp"
#include "kiosk/role.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"

struct SDL_Window;
struct SDL_Renderer;
union SDL_Event;

namespace motcua::kiosk {

struct AppOptions {
    bool windowed = false;
    bool show_cursor = false;
    int width = 1280;   // windowed and headless size
    int height = 800;
    std::string font_file;
    std::string bold_font_file;
    std::string screenshot_dir;  // non-empty: save each distinct screen as it is first shown
    std::int64_t run_for_ms = 0;  // > 0: run() returns 1 after this long (out of service: let systemd retry)
    // The event database other processes on this machine write to (the queue): when it changes the
    // role's tick() runs at once. Empty: nothing watched.
    std::string watch_database;
};

class KioskApp final : public RoleDriver {
public:
    // Picks the offscreen driver when there is no display (and says so on stderr).
    static Result<std::unique_ptr<KioskApp>> create(const AppOptions& options, Role& role);
    ~KioskApp() override;
    KioskApp(const KioskApp&) = delete;
    KioskApp& operator=(const KioskApp&) = delete;

    // The kiosk: runs until the window is closed (or Escape in --windowed). Returns the exit code.
    int run();
    // Autopilot: the role goes through every screen, saving screenshots; returns the exit code.
    int run_demo(std::ostream& log);

    // Test and demo hooks (RoleDriver).
    void settle() override;                        // handle queued events and render until nothing is pending
    bool tap(const std::string& target) override;  // press and release at the target's centre, then settle
    void type_text(const std::string& utf8) override;
    void press_key(Key key) override;
    void advance_clock(std::int64_t ms) override;  // pretend time passed (thank-you and idle timers)
    bool screenshot(const std::string& name) override;
    const HitTargets& targets() const override { return targets_; }
    bool save_screenshot(const std::string& path);
    const HitTargets& hit_targets() const { return targets_; }
    const std::vector<std::string>& screenshots() const { return screenshots_; }
    const std::string& video_driver() const { return video_driver_; }
    const Theme& theme() const { return theme_; }
    int width() const { return width_; }
    int height() const { return height_; }
    std::int64_t frames_rendered() const { return frames_rendered_; }

private:
    struct MouseSample {
        float x, y;
        bool down;
    };
    KioskApp(Role& role, AppOptions options);
    std::int64_t now_ms() const;
    void handle_event(const SDL_Event& event);
    bool work_pending() const { return frames_pending_ > 0 || !mouse_queue_.empty(); }
    void render_frame();
    int wait_timeout_ms() const;
    void tick_role();
    void sync_text_input();

    Role& role_;
    AppOptions options_;
    Theme theme_;
    std::unique_ptr<ImFontAtlas> font_atlas_;  // built on a worker while the window is created
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    bool imgui_ready_ = false;
    std::string video_driver_;
    int width_ = 0, height_ = 0;
    bool running_ = true;
    int frames_pending_ = 2;
    std::deque<MouseSample> mouse_queue_;
    MouseSample mouse_{-1e9f, -1e9f, false};
    std::int64_t clock_offset_ms_ = 0;
    std::int64_t frames_rendered_ = 0;
    HitTargets targets_;
    std::string view_;  // screen + language last drawn
    int frames_on_view_ = 0;
    std::set<std::string> saved_views_;
    std::vector<std::string> screenshots_;
    bool text_input_on_ = false;
    std::unique_ptr<DatabaseWatch> watch_;
};

}  // namespace motcua::kiosk
