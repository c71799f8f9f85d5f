// Ratings put into a dashboard test's store the way a kiosk's batch arrives.
#pragma once
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dashboard_support.hpp"
#include "server_test_support.hpp"

namespace motcua::test {

// Ratings from a kiosk enrolled at `counter` of `site`, dated 17/11/2026.
inline void rate_at(DashboardUnderTest& d, const std::string& site, const std::string& counter,
                    const std::vector<int>& scores) {
    auto code = d.store->create_enroll_code(site, counter, 72, d.now_ms.load());
    REQUIRE(code.ok());
    auto enrolment = d.store->enroll(code.value(), "host-" + site + counter, "0.1.0", d.now_ms.load());
    REQUIRE(enrolment.ok());
    auto events = rating_chain(scores, 1, kGenesisHash, "2026-11-17T09:00:00.000+07:00", counter);
    auto batch = protocol::make_batch(enrolment->device.device_id, uuid_v4(), events, 420);
    REQUIRE(d.store->ingest_batch(enrolment->device, batch, 500, d.now_ms.load()).ok());
}

}  // namespace motcua::test
