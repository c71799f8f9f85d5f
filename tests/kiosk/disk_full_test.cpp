// The kiosk's database on a disk that fills up (a small tmpfs, mounted for the test): the
// citizen gets the apology, nothing is half-written, the retry saves once space is back, and
// motcua-sync keeps delivering from the same file. Needs root to mount; skipped otherwise.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "kiosk/app/sdl_app.hpp"
#include "kiosk/roles/rating/rating_role.hpp"
#include "kiosk/kiosk_settings.hpp"
#include "tests/kiosk/kiosk_test_helpers.hpp"
#include "tests/kiosk/loopback_site.hpp"

using namespace motcua;
using namespace motcua::kiosk;

namespace {

// Unmounted when the test ends, however it ends (a lazy unmount if a file is still open).
struct SmallDisk {
    std::string path;
    std::string error;
    bool mounted = false;
    SmallDisk(std::string where, const char* size) : path(std::move(where)) {
        std::filesystem::create_directories(path);
        std::string options = std::string("size=") + size + ",mode=0700";
        if (::mount("tmpfs", path.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) == 0) mounted = true;
        else error = std::strerror(errno);
    }
    ~SmallDisk() {
        if (mounted) ::umount2(path.c_str(), MNT_DETACH);
    }
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;

    // Writes a file until the disk refuses more; returns the bytes written.
    std::int64_t fill(const std::string& name) const {
        int fd = ::open((path + "/" + name).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0) return -1;
        std::vector<char> block(64 * 1024, 'x');
        std::int64_t total = 0;
        for (std::size_t size = block.size(); size > 0; size /= 2) {
            ssize_t n;
            while ((n = ::write(fd, block.data(), size)) > 0) total += n;
        }
        ::close(fd);
        return total;
    }
};

std::string integrity_check(const std::string& db_path) {
    sqlite3* db = nullptr;
    std::string result = "cannot open";
    if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            result = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return result;
}

}  // namespace

TEST_CASE("a full disk under the kiosk database shows the apology and the retry saves once space is freed") {
    test::TempDir dir;
    SmallDisk disk(dir.file("small-disk"), "2m");
    if (!disk.mounted) {
        WARN("SKIPPED: cannot mount a tmpfs for the full-disk test (" << disk.error << "); it needs root");
        return;
    }
    const std::string db = disk.path + "/kiosk.db";
    test::LoopbackSite site(dir, db);
    site.enrol();  // writes the enrolment into the kiosk database while there is room

    EventStore store = std::move(EventStore::open(db).value());
    RatingConfig config = RatingConfig::from_settings(Settings(kiosk_settings())).value();
    config.pulled_config_path.clear();
    Texts texts = Texts::load(std::string(MOTCUA_SOURCE_DIR) + "/assets").value();
    RatingController controller(config, store, 0);
    RatingRole role(controller, texts);
    AppOptions options;
    options.windowed = true;
    auto created = KioskApp::create(options, role);
    REQUIRE(created.ok());
    KioskApp& app = *created.value();
    app.settle();

    REQUIRE(app.tap("rating.1"));
    REQUIRE(controller.model().screen == Screen::Thanks);
    app.advance_clock(config.thanks_ms);
    app.settle();
    REQUIRE(controller.model().screen == Screen::Rating);

    REQUIRE(disk.fill("filler") > 0);
    REQUIRE(app.tap("rating.2"));
    CHECK(controller.model().screen == Screen::SaveFailed);  // "Xin lỗi, chưa lưu được đánh giá."
    CHECK(texts.get(Language::Vi, "save_failed.title") == "Xin lỗi, chưa lưu được đánh giá.");
    CHECK_THAT(controller.model().last_error, Catch::Contains("full"));
    REQUIRE(app.hit_targets().count("save_failed.retry"));
    // Nothing half-written: the first rating only, the file and the chain intact.
    CHECK(test::durable_ratings(db).size() == 1);
    CHECK(integrity_check(db) == "ok");
    CHECK(store.verify_chain().ok);
    // motcua-sync still reads the full disk's database.
    auto status = site.sync({"status"});
    INFO(status.output);
    CHECK(status.exit_code == 0);
    CHECK_THAT(status.output, Catch::Contains("hash chain:     ok"));
    auto run_full = site.sync({"run", "--once"});
    INFO(run_full.output);
    CHECK(run_full.exit_code != -1);  // may report it could not save its cursor, but never crashes

    std::filesystem::remove(disk.path + "/filler");
    REQUIRE(app.tap("save_failed.retry"));
    CHECK(controller.model().screen == Screen::Thanks);
    auto ratings = test::durable_ratings(db);
    REQUIRE(ratings.size() == 2);
    CHECK(ratings[1]["score"] == 2);
    CHECK(integrity_check(db) == "ok");
    CHECK(store.verify_chain().ok);

    auto run_freed = site.sync({"run", "--once"});
    INFO(run_freed.output);
    CHECK(run_freed.exit_code == 0);
    CHECK(site.server_query_int("SELECT count(*) FROM events WHERE type = 'rating.submitted'") == 2);
    CHECK(store.pending_count() == 0);
}
