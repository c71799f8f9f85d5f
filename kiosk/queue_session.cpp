#include "kiosk/queue_session.hpp"

#include <fcntl.h>
#include <unistd.h>

#include "core/sqlite.hpp"

namespace motcua::kiosk {

std::string commit_bell_path(const std::string& database_path) { return database_path + "-bell"; }

void ring_commit_bell(const std::string& database_path) {
    // Opening for writing and closing is enough for inotify's IN_CLOSE_WRITE; nothing is written.
    // A bell that cannot ring (read-only folder) only delays the other screens to their next timer.
    int fd = ::open(commit_bell_path(database_path).c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0664);
    if (fd >= 0) ::close(fd);
}

namespace {
constexpr int kFoldBatch = 2000;
}

Result<QueueSession> QueueSession::open(EventStore& store, queue::QueueSettings settings, FoldObserver observer) {
    QueueSession session(store, std::move(settings));
    session.observer_ = std::move(observer);
    auto folded = session.catch_up();
    if (!folded) return Result<QueueSession>::failure(folded.error());
    return session;
}

bool QueueSession::fold(const Event& event) {
    folded_seq_ = event.seq;
    bool changed = queue::apply(state_, event);
    if (observer_) observer_(event, changed, state_);
    return changed;
}

Result<bool> QueueSession::catch_up() {
    bool changed = false;
    try {
        for (;;) {
            std::vector<Event> batch = store_->events_after(folded_seq_, kFoldBatch, std::size_t{64} << 20);
            for (const Event& e : batch) changed = fold(e) || changed;
            if (batch.size() < static_cast<std::size_t>(kFoldBatch)) break;
        }
    } catch (const sql::Error& err) {
        return Result<bool>::failure(std::string("cannot read the queue's events: ") + err.what());
    }
    return changed;
}

Result<QueueSession::Outcome> QueueSession::run(const Command& command, std::int64_t config_version) {
    std::optional<queue::CommandResult> decided;
    auto appended = store_->append_decided(
        folded_seq_, [&](const std::vector<Event>& newer) -> Result<std::vector<EventStore::NewEvent>> {
            // Committed by others before this transaction: part of the state whatever happens next.
            for (const Event& e : newer) fold(e);
            decided = command(authority());
            std::vector<EventStore::NewEvent> out;
            if (decided->ok())
                for (const queue::EventDraft& d : decided->drafts()) out.push_back({d.type, d.data, config_version});
            return out;
        });
    if (!appended) return Result<Outcome>::failure(appended.error());
    for (const Event& e : appended.value()) fold(e);
    if (!appended.value().empty()) ring_commit_bell(store_->path());
    return Outcome{*decided, std::move(appended.value())};
}

}  // namespace motcua::kiosk
