// The queue as one process on a kiosk machine sees and changes it: the pure queue library
// (core/queue) over the machine's shared event database. The dispenser, each counter console and
// the lobby board are separate processes on one database (WAL); each keeps its own folded
// QueueState. A command runs inside one write transaction that first folds whatever the other
// processes committed, then decides and appends (EventStore::append_decided): the database's
// write lock makes the machine one queue authority, so two counters calling at the same moment get
// two different tickets and numbers are never issued twice. No SDL, no ImGui.
//
// On a site LAN (docs: CONTRIBUTING.md, "Where the queue is going") the same class is the queue
// host's; a replica only calls catch_up() on the events it receives.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/event_store.hpp"
#include "core/queue/queue_authority.hpp"

namespace motcua::kiosk {

// The other processes on the machine learn of a commit from this file: QueueSession::run opens
// and closes it after each commit that wrote events, and DatabaseWatch wakes the window on it.
// Watching the -wal file alone is not enough: SQLite writes it before the commit is visible to
// readers, so a screen woken by that write could read nothing new and then sleep.
std::string commit_bell_path(const std::string& database_path);
void ring_commit_bell(const std::string& database_path);

class QueueSession {
public:
    // Called right after each event is folded (by open, catch_up or run), in the store's order,
    // with whether it changed the queue: a role that reacts to each event (the board speaks every
    // call) sees all of them, however many arrive at once. `state` is the queue just after it.
    using FoldObserver = std::function<void(const Event& event, bool changed, const queue::QueueState& state)>;

    // Folds every event already in the store (each shown to `observer`, if given).
    static Result<QueueSession> open(EventStore& store, queue::QueueSettings settings, FoldObserver observer = {});

    // Folds the events committed since the last fold, by this process or another. Returns whether
    // any of them changed the queue (false also for a rating, say). Fails only on a database error.
    Result<bool> catch_up();

    using Command = std::function<queue::CommandResult(const queue::QueueAuthority&)>;
    struct Outcome {
        queue::CommandResult command;  // ok(): its events are committed and folded; else the refusal
        std::vector<Event> committed;
    };
    // Catches up, decides and commits as one transaction. A failure is a database error (full
    // disk, I/O): nothing of the command was written, and the state is what the database holds.
    // `config_version`: the server configuration in force, stamped on each event (0: none).
    Result<Outcome> run(const Command& command, std::int64_t config_version = 0);

    const queue::QueueState& state() const { return state_; }
    const queue::QueueSettings& settings() const { return settings_; }
    // New settings (a pulled configuration); the state stays what the events made it.
    void set_settings(queue::QueueSettings settings) { settings_ = std::move(settings); }
    queue::QueueAuthority authority() const { return queue::QueueAuthority(settings_, state_); }
    std::int64_t folded_seq() const { return folded_seq_; }
    EventStore& store() { return *store_; }

private:
    QueueSession(EventStore& store, queue::QueueSettings settings) : store_(&store), settings_(std::move(settings)) {}
    bool fold(const Event& event);

    EventStore* store_;
    queue::QueueSettings settings_;
    FoldObserver observer_;
    queue::QueueState state_;
    std::int64_t folded_seq_ = 0;
};

}  // namespace motcua::kiosk
