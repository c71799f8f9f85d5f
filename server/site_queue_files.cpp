#include "server/site_queue_files.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "core/queue/queue_settings_toml.hpp"
#include "core/settings.hpp"

namespace motcua::server {

Result<SiteQueues> load_site_queue_files(const std::string& dir) {
    namespace fs = std::filesystem;
    using R = Result<SiteQueues>;
    SiteQueues out;
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) return out;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.path().extension() == ".toml") files.push_back(entry.path());
    if (ec) return R::failure("queue.sites_dir: cannot list " + dir + ": " + ec.message());
    std::sort(files.begin(), files.end());  // the same names win whatever order the folder lists
    for (const auto& path : files) {
        const std::string site_id = path.stem().string();
        auto settings = Settings::load_file(path.string(), queue::queue_file_specs());
        if (!settings) return R::failure("queue.sites_dir: " + settings.error());
        auto checked = queue::queue_settings_from_settings(settings.value());
        if (!checked) return R::failure("queue.sites_dir: " + path.string() + ": " + checked.error());
        auto tickets = queue::tickets_json_from_settings(settings.value());
        if (!tickets) return R::failure("queue.sites_dir: " + path.string() + ": " + tickets.error());
        for (const auto& field : tickets.value()["fields"]) {
            out.field_names.emplace(field.value("id", ""), field.value("vi", ""));
            for (const auto& proc : field.value("procedures", json::array()))
                out.procedure_names.emplace(proc.value("id", ""), proc.value("vi", ""));
        }
        out.tickets[site_id] = std::move(tickets.value());
    }
    return out;
}

}  // namespace motcua::server
