// The demo county: a synthetic but realistic county (real township and
// village names, engine/demo/places.h) whose departments export the ten
// feeds the engine cross-checks, in their own shapes and encodings, with the
// dirt of DOMAIN.md §3, plus the ground truth of the flags the engine must
// raise (DOMAIN.md §4: DECEASED, VEHICLE, PROPERTY, MOVED, INCOME, ASSETS,
// BUSINESS, PUBLIC_PAY, DUPLICATE, PAYMENT, UNDERPAID, SPLIT, MERGE,
// CADRE_KIN). The population register carries father_id, mother_id and
// spouse_id.
//
// Files written to `out_dir`:
//   roll.csv          低保名册, UTF-8 with BOM
//   population.csv    户籍人口, GB18030
//   death.ndjson      死亡/火化, UTF-8 NDJSON (with a few malformed lines)
//   vehicle.csv       机动车, GB18030 (one row with a wrong column count)
//   property.csv      不动产, UTF-8 without BOM
//   migration.ndjson  迁出/婚姻, UTF-8 NDJSON
//   tax.csv           税务, GB18030, periods in three spellings
//   payroll.ndjson    工资/养老, UTF-8 NDJSON
//   bank.csv          存款, UTF-8 with BOM
//   business.csv      工商登记, GB18030, capital in 万元
//   cadre.csv         村干部与工作人员名册, UTF-8 with BOM; a quarter of the
//                     IDs missing and a fifth with a wrong check digit
//   truth.ndjson      one line per expected flag, sorted by case_id, rule,
//                     id_number:
//                     {"rule","case_id","id_number","since","amount"}
//   truth_counts.json rows read and rows deliberately broken per feed file,
//                     flag counts and amounts per rule
// The mapping files for these shapes are configs/feeds/demo/*.toml.
//
// Same options give byte-identical files (own PRNG, no std distributions,
// output independent of the number of threads).
#ifndef HEDUI_ENGINE_DEMO_GENERATOR_H_
#define HEDUI_ENGINE_DEMO_GENERATOR_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/base/text.h"
#include "hedui/status.h"

namespace hedui::demo {

struct GeneratorOptions {
  std::string out_dir;  // created if missing
  uint64_t seed = 20261122;
  int residents = 200000;  // population register size
  // The roll's share of residents, in basis points (300 = 3%, the default;
  // 1 to 2000). Planted cases are counted per resident, not per member, so
  // a larger roll only adds cases that are not planted.
  int roll_share_bp = 300;
  // The demo run's as-of date; the truth is computed for it.
  Date as_of = Date::FromYmd(2026, 10, 31);
  // Worker threads for rendering and encoding; 0 = hardware concurrency.
  // The output does not depend on it.
  int threads = 0;
};

// One feed file: data rows (CSV rows after the header, NDJSON lines) and
// the rows deliberately broken so that the connector must quarantine them.
// rows == accepted + quarantined.
struct FeedFileReport {
  std::string feed;  // the feed kind: "roll", "population", … "business"
  std::string file;  // "roll.csv"
  int64_t rows = 0;
  int64_t quarantined = 0;
};

struct GeneratorReport {
  int residents = 0;
  int roll_members = 0;
  int cases = 0;
  std::vector<std::string> files;  // full paths of every file written
  std::vector<FeedFileReport> feeds;
  int deceased_flags = 0;
  int vehicle_flags = 0;
  int property_flags = 0;
  int64_t deceased_fen = 0;  // sums of the truth amounts, per rule
  int64_t vehicle_fen = 0;
  int64_t property_fen = 0;
  std::map<std::string, int> flags;        // every rule's truth lines
  std::map<std::string, int64_t> amounts;  // and the sum of their amounts
  int64_t bytes_written = 0;
  std::string county;  // "河南省洛阳市伊川县"
};

Status GenerateCounty(const GeneratorOptions& options, GeneratorReport* report);

// A household's 户号: digits 7-9 of its township's code, then its serial in
// six digits, seven when the county has a million households or more, so
// that no two households share one.
std::string HukouId(std::string_view township_code, int32_t serial,
                    size_t households);

}  // namespace hedui::demo

#endif  // HEDUI_ENGINE_DEMO_GENERATOR_H_
