// The demo county's feeds and the mapping file each is read with.
#ifndef HEDUI_ENGINE_DEMO_DEMO_FEEDS_H_
#define HEDUI_ENGINE_DEMO_DEMO_FEEDS_H_

#include <functional>
#include <string>
#include <vector>

#include "hedui/batch.h"
#include "hedui/data_directory.h"
#include "hedui/ingest.h"
#include "hedui/status.h"

namespace hedui::demo {

struct DemoFeed {
  const char* kind;  // also the mapping file's name under configs/feeds/demo/
  const char* file;  // in the generator's output directory
};

inline constexpr DemoFeed kDemoFeeds[] = {
    {"roll", "roll.csv"},
    {"population", "population.csv"},
    {"death", "death.ndjson"},
    {"vehicle", "vehicle.csv"},
    {"property", "property.csv"},
    {"migration", "migration.ndjson"},
    {"tax", "tax.csv"},
    {"payroll", "payroll.ndjson"},
    {"bank", "bank.csv"},
    {"business", "business.csv"},
    {"cadre", "cadre.csv"},
    // The neighbouring county's roll (source 汝阳县, [county] foreign_rolls).
    {"roll_neighbour", "roll_neighbour.csv"},
};

// Ingests every demo feed from `feeds_dir` with configs/feeds/demo/*.toml.
// `on_batch` is told of each batch (new or already present).
Status IngestDemoFeeds(
    DataDirectory* data, const std::string& configs_dir,
    const std::string& feeds_dir,
    const std::function<void(const BatchInfo&, bool duplicate)>& on_batch,
    const IngestOptions& options = IngestOptions());

}  // namespace hedui::demo

#endif  // HEDUI_ENGINE_DEMO_DEMO_FEEDS_H_
