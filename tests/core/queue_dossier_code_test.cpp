#include <catch2/catch.hpp>

#include "core/queue/dossier_code.hpp"

using motcua::queue::normalise_dossier_code;

TEST_CASE("a well formed dossier code is accepted and normalised") {
    CHECK(normalise_dossier_code("000.00.14.H12-210315-0001") == "000.00.14.H12-210315-0001");
    CHECK(normalise_dossier_code(" 000.00.14.h12-210315-0001\r\n") == "000.00.14.H12-210315-0001");
    CHECK(normalise_dossier_code("G01.02.AB.H29-261124-123456") == "G01.02.AB.H29-261124-123456");
}

TEST_CASE("a malformed dossier code is refused") {
    for (const char* bad :
         {"", "H12-0001", "000.00.14.H12-210315", "000.00.14.H12-211315-0001", "000.00.14.H12-210300-0001",
          "000.00.14.H12-210315-001", "000.00.14.H12-210315-0001234", "000.00.14.112-210315-0001",
          "000.00.14H12-210315-0001", "000.00.14.H12-210315-0001-2", "000.00.14.H1-210315-0001",
          "000-00-14-H12-210315-0001", "000.00.14.Hộ2-210315-0001", "000.00.14.H12-2103a5-0001"}) {
        INFO(bad);
        CHECK_FALSE(normalise_dossier_code(bad).has_value());
    }
}
