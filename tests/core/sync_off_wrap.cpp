// Linked only into the test build append_n_events_sync_off with -Wl,--wrap=sqlite3_exec: every
// sqlite3_exec made by our code comes here first, and "PRAGMA synchronous=FULL" is run as OFF.
// It stands for a regression that turns durability off, which the durability test must catch.
#include <sqlite3.h>

#include <string_view>

extern "C" int __real_sqlite3_exec(sqlite3* db, const char* sql, int (*callback)(void*, int, char**, char**), void* arg,
                                   char** errmsg);

extern "C" int __wrap_sqlite3_exec(sqlite3* db, const char* sql, int (*callback)(void*, int, char**, char**), void* arg,
                                   char** errmsg) {
    if (sql && std::string_view(sql) == "PRAGMA synchronous=FULL") sql = "PRAGMA synchronous=OFF";
    return __real_sqlite3_exec(db, sql, callback, arg, errmsg);
}
