#include "kiosk/voice/chime.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace motcua::voice {

namespace {

// Adds a tone of `hz` starting at `start_s`: a short fade in (no click), an exponential decay
// like a struck bell, and a fade out over its last 40 ms so it ends on silence.
void add_tone(std::vector<double>& mix, int rate, double start_s, double length_s, double hz, double level) {
    const double fade_in_s = 0.012, fade_out_s = 0.040, decay_per_s = 3.2;
    auto first = static_cast<size_t>(start_s * rate);
    auto count = static_cast<size_t>(length_s * rate);
    for (size_t i = 0; i < count && first + i < mix.size(); ++i) {
        double t = static_cast<double>(i) / rate;
        double envelope = std::exp(-decay_per_s * t);
        envelope *= std::min(1.0, t / fade_in_s);
        envelope *= std::min(1.0, (length_s - t) / fade_out_s);
        double phase = 2.0 * std::numbers::pi * hz * t;
        // A quiet octave above makes it sound like a bell rather than a test tone.
        mix[first + i] += level * envelope * (std::sin(phase) + 0.18 * std::sin(2.0 * phase));
    }
}

}  // namespace

PcmSound make_chime(int rate) {
    const double length_s = 1.25;
    std::vector<double> mix(static_cast<size_t>(length_s * rate), 0.0);
    add_tone(mix, rate, 0.0, 0.80, 659.25, 0.38);   // E5
    add_tone(mix, rate, 0.45, 0.80, 523.25, 0.38);  // C5
    PcmSound sound{rate, 1, {}};
    sound.samples.reserve(mix.size());
    for (double v : mix) sound.samples.push_back(static_cast<std::int16_t>(std::clamp(v, -1.0, 1.0) * 32000.0));
    return sound;
}

}  // namespace motcua::voice
