#include "kiosk/roles/board/board_voice.hpp"

#include "kiosk/voice/announcer.hpp"
#include "kiosk/voice/say_command.hpp"

namespace motcua::kiosk {

namespace {

class AnnouncerVoice final : public BoardVoice {
public:
    AnnouncerVoice(const voice::AnnouncerOptions& options, std::ostream& log)
        : enabled_(options.enabled), announcer_(voice::Announcer::create(options, log)) {}
    // The phrase is made again from the number and counter: voice::call_phrase is also what
    // made the text on screen, so the two cannot disagree.
    void announce(const BoardCall& call) override { announcer_->announce(voice::call_phrase(call.ticket, call.counter)); }
    bool update() override { return announcer_->update(); }
    bool has_problem() const override { return enabled_ && !announcer_->problems().empty(); }

private:
    bool enabled_;
    std::unique_ptr<voice::Announcer> announcer_;
};

}  // namespace

std::unique_ptr<BoardVoice> make_announcer_voice(const Settings& settings, std::ostream& log) {
    return std::make_unique<AnnouncerVoice>(voice::announcer_options(settings), log);
}

}  // namespace motcua::kiosk
