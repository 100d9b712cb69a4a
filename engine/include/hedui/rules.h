// A county's rules file (configs/rules/*.toml): which grounds run, their
// thresholds, the county's standards with the dates they take effect, and
// the review cadence per class. Every key is documented in
// configs/rules/README.md; unknown keys, wrong types, negative thresholds and
// overlapping or unsorted standards are errors that name the file, line and
// key.
#ifndef HEDUI_RULES_H_
#define HEDUI_RULES_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hedui/date.h"
#include "hedui/status.h"

namespace hedui {

// One standard (低保标准) of one zone, in force from `from` until the next
// entry of the same zone. A yearly standard (元/人/年) is kept as monthly:
// yearly ÷ 12, rounded half up to the fen.
struct Standard {
  std::string zone;  // the roll's canonical zone code ("urban", "rural", …)
  Date from;
  int64_t monthly_fen = 0;  // 元/人/月, in fen
  int64_t yearly_fen = 0;   // as written, when given as yearly; else 0
  int line = 0;             // in the rules file, for explanations
};

struct Rules {
  std::string path;
  std::string county;
  uint64_t content_hash = 0;  // xxHash64 of the file, stored with each run

  // Per zone, sorted by `from`, strictly increasing.
  std::map<std::string, std::vector<Standard>> standards;

  bool deceased_enabled = true;

  bool vehicle_enabled = true;
  // Canonical vehicle_type codes that do not count as owning a car.
  std::vector<std::string> vehicle_exempt_types = {
      "motorcycle", "tricycle", "low_speed", "disability", "tractor"};

  bool property_enabled = true;
  int property_dwellings_allowed = 1;  // per case, all members together
  bool property_commercial_counts = true;
  bool property_bought_after_enrolment_counts = true;

  bool moved_enabled = true;
  bool moved_imprisoned_counts = true;  // population status 服刑 counts as gone

  bool income_enabled = true;
  // Payroll kinds whose monthly amounts count as income (besides all tax).
  std::vector<std::string> income_payroll_kinds = {
      "public_payroll", "public_welfare_job", "pension"};
  // Disregarded from each public-welfare job wage (元/月, 就业成本扣减).
  int64_t income_welfare_job_disregard_fen = 0;

  bool assets_enabled = true;
  int assets_months =
      24;  // deposits allowed: this many months of the standard per member

  bool business_enabled = true;
  int64_t business_capital_threshold_fen =
      0;  // a company counts above this capital
  std::vector<std::string> business_roles = {"legal_rep", "shareholder"};

  bool public_pay_enabled = true;
  bool public_pay_public_payroll_counts = true;
  bool public_pay_welfare_job_counts = true;
  int64_t public_pay_pension_line_fen =
      0;  // a pension above this (元/月) counts

  bool duplicate_enabled = true;
  bool payment_enabled = true;
  bool underpaid_enabled = true;

  // The family grounds (engine/household/family_graph.h).
  bool split_enabled = true;
  // An account or phone on more cases than this is generic: a data error,
  // not a link between families.
  int split_generic_max_cases = 3;
  bool merge_enabled = true;
  bool cadre_kin_enabled = true;

  // Review cadence: months between reviews per category as the roll writes it.
  std::map<std::string, int> review_months = {
      {"一类", 6}, {"二类", 3}, {"三类", 1}};

  // The standard of `zone` in force in the month `month_index`
  // (Date::month_index()): the latest entry whose `from` is on or before
  // the month's first day. Nothing before the zone's first entry.
  const Standard* StandardFor(std::string_view zone, int month_index) const;
};

StatusOr<Rules> LoadRules(const std::string& path);
StatusOr<Rules> ParseRules(std::string_view toml_text, const std::string& path);

}  // namespace hedui

#endif  // HEDUI_RULES_H_
