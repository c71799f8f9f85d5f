// Who may push a kiosk database's sequence (db_instance), and how it moves from one device to
// another. The rule (docs/protocol.md, "One live device per db_instance"):
// - an unknown db_instance belongs to the first device that names it (enrol or push);
// - enrolling with a db_instance the server knows moves it to the new device and revokes the old;
// - a push naming a db_instance whose owner was revoked before the pusher enrolled moves it too
//   (an older kiosk that did not send db_instance at enrol);
// - a push naming a db_instance of another live device is a clone: refused, with a tamper alarm.
#include <string>

#include "core/protocol.hpp"
#include "server/server_store.hpp"

namespace motcua::server {

Status ServerStore::claim_db_instance(const Device& device, const std::string& db_instance, std::int64_t now_ms) {
    auto owner = db_.prepare(
        "SELECT i.device_id, i.acked_through, coalesce(d.revoked, 1), d.revoked_at FROM db_instances i "
        "LEFT JOIN devices d ON d.device_id = i.device_id WHERE i.db_instance = ?");
    owner.bind(1, db_instance);
    if (!owner.step()) {
        auto others = db_.prepare("SELECT count(*) FROM db_instances WHERE device_id = ?");
        others.bind(1, device.device_id);
        others.step();
        const std::int64_t earlier = others.column_int(0);
        auto claim = db_.prepare("INSERT INTO db_instances(db_instance, device_id, first_seen_at) VALUES(?, ?, ?)");
        claim.bind(1, db_instance).bind(2, device.device_id).bind(3, now_ms);
        claim.step();
        // A device that starts a second database was re-imaged or lost its disk: whatever the old
        // database had not sent is gone from the kiosk, so a person should look.
        if (earlier > 0)
            raise_alarm({"new_sequence", device.device_id, db_instance, 0,
                         "device started a new event sequence (new kiosk database); it had " + std::to_string(earlier) +
                             " before",
                         now_ms});
        return Status::success();
    }
    const std::string owner_id = owner.column_text(0);
    if (owner_id == device.device_id) return Status::success();
    const std::int64_t acked = owner.column_int(1);
    const bool owner_revoked = owner.column_int(2) != 0;
    // Revoked before this device enrolled: this is the kiosk enrolled again (or its replacement).
    const bool handed_back =
        owner_revoked && (owner.column_is_null(3) || owner.column_int(3) <= device.enrolled_at_ms);
    if (handed_back) {
        hand_over(db_instance, owner_id, device, "first_push", now_ms);
        return Status::success();
    }
    raise_alarm({"tamper_claimed", device.device_id, db_instance, acked,
                 std::string("pushed a db_instance that belongs to ") + (owner_revoked ? "revoked device " : "live device ") +
                     owner_id + " (cloned disk?); batch refused",
                 now_ms});
    return Status::failure(std::string(protocol::error::kDbInstanceClaimed) + ": this kiosk database belongs to " +
                           owner_id + "; enrol this kiosk again with a new code, or stop the copy");
}

void ServerStore::hand_over(const std::string& db_instance, const std::string& from_device, const Device& to,
                            const std::string& trigger, std::int64_t now_ms) {
    auto acked = db_.prepare("SELECT acked_through FROM db_instances WHERE db_instance = ?");
    acked.bind(1, db_instance);
    acked.step();
    Handover h{db_instance, from_device, to.device_id, now_ms, trigger, "", to.site_id, to.counter_id, to.hostname,
               acked.column_int(0)};
    auto code = db_.prepare("SELECT coalesce(enroll_code, '') FROM devices WHERE device_id = ?");
    code.bind(1, to.device_id);
    if (code.step()) h.enroll_code = code.column_text(0);

    auto move = db_.prepare("UPDATE db_instances SET device_id = ? WHERE db_instance = ?");
    move.bind(1, to.device_id).bind(2, db_instance);
    move.step();
    auto record = db_.prepare(
        "INSERT INTO handovers(db_instance, from_device, to_device, handed_at, trigger, enroll_code, site_id, "
        "counter_id, hostname, acked_through) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    record.bind(1, h.db_instance).bind(2, h.from_device).bind(3, h.to_device).bind(4, h.handed_at_ms);
    record.bind(5, h.trigger).bind(6, h.enroll_code).bind(7, h.site_id).bind(8, h.counter_id).bind(9, h.hostname);
    record.bind(10, h.acked_through);
    record.step();
    raise_alarm({"db_instance_handover", to.device_id, db_instance, h.acked_through,
                 "sequence handed over from " + from_device + " to " + to.device_id +
                     (trigger == "enrol" ? " at enrolment" : " at its first push") + " (code " +
                     (h.enroll_code.empty() ? "unknown" : h.enroll_code) + ", site " + h.site_id + ", counter " +
                     h.counter_id + ", host " + h.hostname + "); " + from_device + " is revoked",
                 now_ms});
}

std::vector<Handover> ServerStore::handovers() {
    auto st = db_.prepare(
        "SELECT db_instance, from_device, to_device, handed_at, trigger, enroll_code, site_id, counter_id, hostname, "
        "acked_through FROM handovers ORDER BY hid");
    std::vector<Handover> out;
    while (st.step())
        out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_int(3), st.column_text(4),
                       st.column_text(5), st.column_text(6), st.column_text(7), st.column_text(8), st.column_int(9)});
    return out;
}

std::vector<Sequence> ServerStore::sequences() {
    auto st = db_.prepare(
        "SELECT db_instance, device_id, acked_through, highest_seq, first_seen_at FROM db_instances "
        "ORDER BY device_id, coalesce(first_seen_at, 0), db_instance");
    std::vector<Sequence> out;
    while (st.step()) {
        Sequence s{st.column_text(0), st.column_text(1), st.column_int(2), st.column_int(3), std::nullopt};
        if (!st.column_is_null(4)) s.first_seen_ms = st.column_int(4);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace motcua::server
