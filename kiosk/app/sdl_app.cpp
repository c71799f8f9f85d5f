#include "kiosk/app/sdl_app.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <iostream>
#include <optional>

#include "kiosk/app/process_age.hpp"

namespace motcua::kiosk {

namespace {
constexpr float kNoPointer = -1e9f;  // finger lifted: nothing hovered (touch, not a mouse)
constexpr std::int64_t kMaxSleepMs = 60000;

std::optional<Key> role_key(SDL_Keycode sym, Uint16 mod) {
    if (sym == SDLK_i && (mod & KMOD_CTRL) && (mod & KMOD_ALT)) return Key::StaffScreen;
    switch (sym) {
        case SDLK_RETURN:
        case SDLK_KP_ENTER: return Key::Enter;
        case SDLK_BACKSPACE: return Key::Backspace;
        case SDLK_ESCAPE: return Key::Escape;
        case SDLK_TAB: return Key::Tab;
        default: return std::nullopt;
    }
}
}  // namespace

KioskApp::KioskApp(Role& role, AppOptions options) : role_(role), options_(std::move(options)) {}

Result<std::unique_ptr<KioskApp>> KioskApp::create(const AppOptions& options, Role& role) {
    using R = Result<std::unique_ptr<KioskApp>>;
    std::unique_ptr<KioskApp> app(new KioskApp(role, options));
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") && !std::getenv("SDL_VIDEODRIVER")) {
        // SDL would fall back to offscreen silently; choose it ourselves and say so.
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        std::cerr << "motcua-kiosk: no display: running headless with the offscreen video driver\n";
    }
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) return R::failure(std::string("SDL_Init: ") + SDL_GetError());
    app->video_driver_ = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
    const bool headless = app->video_driver_ == "offscreen" || app->video_driver_ == "dummy";
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    // Resizable: without it SDL gives an X11 window a fixed size (min = max), and a compositor such
    // as cage then shows it at the size it asked for instead of filling the screen with it.
    if (!options.windowed && !headless)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS | SDL_WINDOW_RESIZABLE;
    const std::string title = "motcua-kiosk " + std::string(role.name());
    int width = options.width, height = options.height;
    SDL_DisplayMode desktop{};
    if ((flags & SDL_WINDOW_FULLSCREEN_DESKTOP) && SDL_GetDesktopDisplayMode(0, &desktop) == 0 &&
        desktop.w == width && desktop.h == height) {
        // In cage a full-screen window created at exactly the screen's size stayed black: the
        // frames drawn before cage showed it were lost and no event came to draw again. Asked one
        // line smaller, it is resized by cage when shown, and that resize makes the kiosk draw
        // (tests/packaging/kiosk_session_test.sh runs both cases).
        height -= 1;
    }
    // The fonts take about as long to rasterise as the window takes to appear (SDL_CreateWindow
    // waits for the display server to map it): build them meanwhile, at the size the window is
    // expected to get, into an atlas the ImGui context will share.
    FontRequest fonts{theme_scale(static_cast<float>(width), static_cast<float>(height)), options.font_file,
                      options.bold_font_file, role.uses_large_numerals()};
    if ((flags & SDL_WINDOW_FULLSCREEN_DESKTOP) && desktop.w > 0)
        fonts.scale = theme_scale(static_cast<float>(desktop.w), static_cast<float>(desktop.h));
    app->font_atlas_ = std::make_unique<ImFontAtlas>();
    auto fonts_built = std::async(std::launch::async, [atlas = app->font_atlas_.get(), fonts] {
        return build_theme_fonts(*atlas, fonts);
    });
    app->window_ = SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags);
    if (!app->window_) return R::failure(std::string("cannot create the window: ") + SDL_GetError());
    // The software renderer: no GPU on most kiosks, and with the wait loop it idles at ~0 % CPU.
    app->renderer_ = SDL_CreateRenderer(app->window_, -1, SDL_RENDERER_SOFTWARE);
    if (!app->renderer_) {
        // Wayland (the cage kiosk session) has no window framebuffer for the software renderer:
        // take whatever SDL offers there (OpenGL ES through EGL, llvmpipe without a GPU).
        std::string software_error = SDL_GetError();
        app->renderer_ = SDL_CreateRenderer(app->window_, -1, 0);
        if (!app->renderer_)
            return R::failure("cannot create a renderer: software: " + software_error + "; other: " + SDL_GetError());
        SDL_RendererInfo info{};
        SDL_GetRendererInfo(app->renderer_, &info);
        std::cerr << "motcua-kiosk: software renderer unavailable on " << app->video_driver_ << " (" << software_error
                  << "); using " << (info.name ? info.name : "another renderer") << "\n";
    }
    SDL_GetRendererOutputSize(app->renderer_, &app->width_, &app->height_);
    if (!options.show_cursor) SDL_ShowCursor(SDL_DISABLE);

    Result<Theme> theme = fonts_built.get();
    const float scale = theme_scale(static_cast<float>(app->width_), static_cast<float>(app->height_));
    if (theme && !same_font_sizes(scale, fonts.scale)) {  // the window got another size: build again
        fonts.scale = scale;
        theme = build_theme_fonts(*app->font_atlas_, fonts);
    }
    if (!theme) return R::failure(theme.error());
    theme.value().scale = scale;  // layout at the window's own size, with fonts of the same pixel sizes

    IMGUI_CHECKVERSION();
    ImGui::CreateContext(app->font_atlas_.get());
    app->imgui_ready_ = true;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no imgui.ini
    io.LogFilename = nullptr;
    if (!options.show_cursor) io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    ImGui_ImplSDL2_InitForSDLRenderer(app->window_);
    ImGui_ImplSDLRenderer_Init(app->renderer_);
    apply_theme_style();
    app->theme_ = theme.value();
    if (!app->theme_.warning.empty()) std::cerr << "motcua-kiosk: " << app->theme_.warning << "\n";
    if (!options.screenshot_dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(options.screenshot_dir, ec);
        if (ec) return R::failure("cannot create the screenshot folder " + options.screenshot_dir + ": " + ec.message());
    }
    if (!options.watch_database.empty()) {
        auto watch = DatabaseWatch::start(options.watch_database);
        if (!watch) return R::failure(watch.error());
        app->watch_ = std::move(watch.value());
    }
    SDL_StopTextInput();  // on by default in SDL2: only roles with a text field take typing
    return R(std::move(app));
}

KioskApp::~KioskApp() {
    watch_.reset();  // its thread pushes SDL events: stop it before SDL goes
    if (imgui_ready_) {
        ImGui_ImplSDLRenderer_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    font_atlas_.reset();  // shared with the context, which is gone
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

std::int64_t KioskApp::now_ms() const { return static_cast<std::int64_t>(SDL_GetTicks64()) + clock_offset_ms_; }

void KioskApp::advance_clock(std::int64_t ms) { clock_offset_ms_ += ms; }

void KioskApp::handle_event(const SDL_Event& e) {
    switch (e.type) {
        case SDL_QUIT: running_ = false; return;
        case SDL_KEYDOWN:
            if (options_.windowed && e.key.keysym.sym == SDLK_ESCAPE && !role_.wants_text_input()) {
                running_ = false;
                return;
            }
            if (auto key = role_key(e.key.keysym.sym, e.key.keysym.mod); key && role_.key(*key, now_ms()))
                frames_pending_ = std::max(frames_pending_, 2);
            return;
        case SDL_TEXTINPUT:
            if (role_.text_input(e.text.text, now_ms())) frames_pending_ = std::max(frames_pending_, 2);
            return;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (e.button.button != SDL_BUTTON_LEFT) return;
            role_.note_input(now_ms());
            mouse_queue_.push_back({static_cast<float>(e.button.x), static_cast<float>(e.button.y),
                                    e.type == SDL_MOUSEBUTTONDOWN});
            if (e.type == SDL_MOUSEBUTTONUP) mouse_queue_.push_back({kNoPointer, kNoPointer, false});
            return;
        case SDL_MOUSEMOTION:
            if (e.motion.state & SDL_BUTTON_LMASK)  // dragging a finger: follow it; plain hovering means nothing on touch
                mouse_queue_.push_back({static_cast<float>(e.motion.x), static_cast<float>(e.motion.y), true});
            return;
        case SDL_WINDOWEVENT:
            frames_pending_ = std::max(frames_pending_, 2);  // exposed, restored: draw again
            return;
        default:
            if (watch_ && e.type == watch_->event_type()) {
                watch_->acknowledge();
                tick_role();  // another process committed: catch up now
            }
            return;
    }
}

int KioskApp::wait_timeout_ms() const {
    if (work_pending()) return 0;
    auto deadline = role_.next_deadline_ms();
    if (!deadline) return static_cast<int>(kMaxSleepMs);
    return static_cast<int>(std::clamp<std::int64_t>(*deadline - now_ms(), 0, kMaxSleepMs));
}

void KioskApp::render_frame() {
    // One button transition per frame: ImGui must see the press and the release in different frames.
    while (!mouse_queue_.empty()) {
        MouseSample next = mouse_queue_.front();
        mouse_queue_.pop_front();
        bool transition = next.down != mouse_.down;
        mouse_ = next;
        if (transition) break;
    }
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(mouse_.x, mouse_.y);  // after the backend, which reads SDL_GetMouseState
    for (bool& down : io.MouseDown) down = false;
    io.MouseDown[0] = mouse_.down;
    ImGui::NewFrame();
    bool changed = false;
    HitTargets targets = role_.frame(theme_, ImGui::GetMainViewport()->Size, now_ms(), changed);
    ImGui::Render();
    SDL_SetRenderDrawColor(renderer_, 0xF4, 0xF6, 0xF8, 0xFF);
    SDL_RenderClear(renderer_);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    targets_ = std::move(targets);
    ++frames_rendered_;

    std::string view = role_.view();
    frames_on_view_ = view == view_ ? frames_on_view_ + 1 : 1;
    view_ = view;
    if (!options_.screenshot_dir.empty() && frames_on_view_ == 2 && !saved_views_.count(view)) {
        saved_views_.insert(view);
        save_screenshot(options_.screenshot_dir + "/" + view + ".png");
    }
    SDL_RenderPresent(renderer_);
    // Start-up is measured from outside (bench/kiosk_runtime.sh) up to this line, and from inside
    // since the process started (bench/kiosk_session.sh: inside cage, the session starts first).
    if (frames_rendered_ == 1) {
        auto age = process_age_ms();
        std::cout << "motcua-kiosk: first frame shown"
                  << (age ? " " + std::to_string(*age) + " ms after the process started" : std::string()) << std::endl;
    }
    if (frames_pending_ > 0) --frames_pending_;

    if (changed) frames_pending_ = std::max(frames_pending_, 2);
    sync_text_input();
}

void KioskApp::sync_text_input() {
    bool wanted = role_.wants_text_input();
    if (wanted == text_input_on_) return;
    text_input_on_ = wanted;
    if (wanted) SDL_StartTextInput();
    else SDL_StopTextInput();
}

void KioskApp::tick_role() {
    if (role_.tick(now_ms())) frames_pending_ = std::max(frames_pending_, 2);
}

void KioskApp::settle() {
    SDL_Event e;
    for (int guard = 0; guard < 1000; ++guard) {
        while (SDL_PollEvent(&e)) handle_event(e);
        tick_role();
        if (!work_pending()) return;
        render_frame();
    }
}

int KioskApp::run() {
    SDL_Event e;
    const std::int64_t stop_at = options_.run_for_ms > 0 ? now_ms() + options_.run_for_ms : 0;
    while (running_) {
        int wait_ms = wait_timeout_ms();
        if (stop_at) {
            if (now_ms() >= stop_at) return 1;
            wait_ms = static_cast<int>(std::min<std::int64_t>(wait_ms, stop_at - now_ms()));
        }
        if (SDL_WaitEventTimeout(&e, wait_ms)) {
            handle_event(e);
            while (SDL_PollEvent(&e)) handle_event(e);
        }
        tick_role();
        if (work_pending()) render_frame();
        if (auto code = role_.exit_code()) return *code;  // the IT screen's restart
    }
    return 0;
}

bool KioskApp::tap(const std::string& target) {
    settle();
    auto it = targets_.find(target);
    if (it == targets_.end()) return false;
    Uint32 window_id = SDL_GetWindowID(window_);
    for (Uint32 type : {Uint32{SDL_MOUSEBUTTONDOWN}, Uint32{SDL_MOUSEBUTTONUP}}) {
        SDL_Event e{};
        e.type = type;
        e.button.windowID = window_id;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.button.clicks = 1;
        e.button.x = static_cast<Sint32>(it->second.center_x());
        e.button.y = static_cast<Sint32>(it->second.center_y());
        SDL_PushEvent(&e);
    }
    settle();
    return true;
}

void KioskApp::type_text(const std::string& utf8) {
    settle();
    Uint32 window_id = SDL_GetWindowID(window_);
    // SDL_TEXTINPUT carries at most 31 bytes: split, never inside a UTF-8 sequence.
    size_t pos = 0;
    while (pos < utf8.size()) {
        size_t end = std::min(utf8.size(), pos + SDL_TEXTINPUTEVENT_TEXT_SIZE - 1);
        while (end > pos && end < utf8.size() && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
        SDL_Event e{};
        e.type = SDL_TEXTINPUT;
        e.text.windowID = window_id;
        std::copy(utf8.begin() + static_cast<std::ptrdiff_t>(pos), utf8.begin() + static_cast<std::ptrdiff_t>(end), e.text.text);
        SDL_PushEvent(&e);
        pos = end;
    }
    settle();
}

void KioskApp::press_key(Key key) {
    settle();
    SDL_Keycode sym = SDLK_RETURN;
    switch (key) {
        case Key::Enter: sym = SDLK_RETURN; break;
        case Key::Backspace: sym = SDLK_BACKSPACE; break;
        case Key::Escape: sym = SDLK_ESCAPE; break;
        case Key::Tab: sym = SDLK_TAB; break;
        case Key::StaffScreen: sym = SDLK_i; break;
    }
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.windowID = SDL_GetWindowID(window_);
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = sym;
    if (key == Key::StaffScreen) e.key.keysym.mod = KMOD_LCTRL | KMOD_LALT;
    SDL_PushEvent(&e);
    settle();
}

bool KioskApp::screenshot(const std::string& name) {
    if (options_.screenshot_dir.empty()) return false;
    return save_screenshot(options_.screenshot_dir + "/" + name + ".png");
}

bool KioskApp::save_screenshot(const std::string& path) {
    std::vector<unsigned char> pixels(static_cast<size_t>(width_) * static_cast<size_t>(height_) * 4);
    if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGBA32, pixels.data(), width_ * 4) != 0) {
        std::cerr << "motcua-kiosk: cannot read pixels for " << path << ": " << SDL_GetError() << "\n";
        return false;
    }
    if (!stbi_write_png(path.c_str(), width_, height_, 4, pixels.data(), width_ * 4)) {
        std::cerr << "motcua-kiosk: cannot write " << path << "\n";
        return false;
    }
    screenshots_.push_back(path);
    return true;
}

int KioskApp::run_demo(std::ostream& log) {
    int code = role_.run_demo(*this, log);
    if (code != 0) return code;
    log << "demo: " << role_.name() << " role, video driver " << video_driver_ << ", " << width_ << "x" << height_
        << "\n";
    if (options_.screenshot_dir.empty()) {
        log << "demo: no screenshots (no --screenshot-dir)\n";
    } else {
        log << "demo: screenshots in " << options_.screenshot_dir << ":\n";
        for (auto& s : screenshots_) log << "  " << s << "\n";
    }
    return 0;
}

}  // namespace motcua::kiosk
