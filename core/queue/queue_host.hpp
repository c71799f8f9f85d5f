// The one place commands become committed events: ask the authority, commit its drafts in order
// through `commit` (EventStore::append on a kiosk), fold each committed event, then take the next
// command. Whoever holds the QueueHost is the queue's authority (today the kiosk; on a site LAN the
// queue host of docs site-lan). Replicas hold only a QueueState and fold the events they receive.
#pragma once
#include <functional>
#include <utility>

#include "core/queue/queue_authority.hpp"
#include "core/result.hpp"

namespace motcua::queue {

class QueueHost {
public:
    using Commit = std::function<Result<Event>(const EventDraft&)>;

    QueueHost(QueueSettings settings, Commit commit) : settings_(std::move(settings)), commit_(std::move(commit)) {}

    // Folds an event already in the store (at start-up, or one received from elsewhere).
    bool fold(const Event& event) { return apply(state_, event); }
    // New settings from a pulled config; the state (events) stays as it is.
    void set_settings(QueueSettings settings) { settings_ = std::move(settings); }

    const QueueState& state() const { return state_; }
    const QueueSettings& settings() const { return settings_; }
    // Reads the host's settings and state at each command: valid as long as the host.
    QueueAuthority authority() const { return QueueAuthority(settings_, state_); }

    // Commits an accepted command's drafts in order, folding each one as it is committed. A refused
    // command commits nothing and returns its refusal's words. If a commit fails, the drafts before
    // it stay committed and folded (nothing half-applied), and the rest are not written.
    Status commit(const CommandResult& command) {
        if (!command.ok()) return Status::failure(command.refusal().code + ": " + command.refusal().message);
        for (const EventDraft& draft : command.drafts()) {
            Result<Event> committed = commit_(draft);
            if (!committed) return committed.status();
            apply(state_, committed.value());
        }
        return Status::success();
    }

private:
    QueueSettings settings_;
    QueueState state_;
    Commit commit_;
};

}  // namespace motcua::queue
