// `hedui check`: a point check of people against the live index
// (hedui/point_check.h). Exit status 3 when something is flagged, so that a
// script can tell without reading the text.
#include <algorithm>
#include <cstdio>
#include <memory>

#include "engine/base/text.h"
#include "engine/cli/commands.h"
#include "hedui/case_output.h"
#include "hedui/feed_schema.h"
#include "hedui/point_check.h"
#include "hedui/rules.h"

namespace hedui::cli {
namespace {

struct CheckArgs {
  std::vector<std::string> ids;
  std::string data_dir, rules_path, as_of;
  bool json = false;
};

void PrintResult(const PointChecker& checker, const PointCheckResult& r,
                 Date as_of) {
  const Household& h = r.household;
  const std::string& name = h.members.empty()
                                ? std::string()
                                : h.members[0].roll.field(field::kRollName);
  if (r.on_roll) {
    std::printf("%s: on the roll, case %s (%s %s), %zu member(s), as of %s\n",
                r.id_number.c_str(), h.case_id.c_str(), h.township.c_str(),
                h.village.c_str(), h.members.size(), as_of.ToString().c_str());
  } else {
    std::printf("%s%s%s: not on the roll; checked as an applicant, as of %s\n",
                r.id_number.c_str(), name.empty() ? "" : " ", name.c_str(),
                as_of.ToString().c_str());
  }
  if (r.flags.empty())
    std::printf("  no ground flags this person or their case\n");
  const auto& batches = checker.context().batches;
  for (const Flag& f : r.flags) {
    const Member& m = h.members[f.member];
    std::printf("  %-10s %s %s since %s, %s 元, %s 元 a month at stake: %s\n",
                std::string(f.rule).c_str(),
                m.roll.field(field::kRollIdNumber).c_str(),
                m.roll.field(field::kRollName).c_str(),
                f.since.ToString().c_str(), FormatFen(f.amount_fen).c_str(),
                FormatFen(std::max<int64_t>(0, f.monthly_at_stake_fen)).c_str(),
                f.reason.c_str());
    for (const SourceRecord& e : f.evidence) {
      auto b = batches.find(e.key.batch);
      std::printf("             evidence: %s %s:%u\n",
                  std::string(GetFeedSpec(e.kind).name).c_str(),
                  b == batches.end() ? "?" : b->second.file.c_str(),
                  e.key.line);
    }
  }
}

int RunCheck(const CheckArgs& args) {
  Date as_of = Today();
  if (!args.as_of.empty()) {
    StatusOr<Date> parsed = ParseAsOf(args.as_of);
    if (!parsed.ok()) return Fail(parsed.status());
    as_of = *parsed;
  }
  StatusOr<Rules> rules = LoadRules(args.rules_path);
  if (!rules.ok()) return Fail(rules.status());
  StatusOr<std::unique_ptr<DataDirectory>> data =
      DataDirectory::Open(args.data_dir, DataDirectory::Mode::kReadOnly);
  if (!data.ok()) return Fail(data.status());
  StatusOr<std::unique_ptr<PointChecker>> checker =
      PointChecker::Create(**data, *rules, as_of);
  if (!checker.ok()) return Fail(checker.status());
  int flagged = 0;
  for (const std::string& raw : args.ids) {
    StatusOr<PointCheckResult> r = (*checker)->Check(raw);
    if (!r.ok()) return Fail(r.status());
    if (args.json) {
      for (const Flag& f : r->flags) {
        std::printf("%s\n",
                    FlagToJson((*checker)->context(), r->household, f).c_str());
      }
    } else {
      PrintResult(**checker, *r, as_of);
    }
    flagged += !r->flags.empty();
  }
  return flagged ? 3 : 0;
}

}  // namespace

Command AddCheckCommand(CLI::App& app) {
  auto* check =
      app.add_subcommand("check",
                         "point check: every ground that would flag these "
                         "people and their households, from the live index");
  auto args = std::make_shared<CheckArgs>();
  check->add_option("id_numbers", args->ids, "resident IDs (15 or 18 digits)")
      ->required();
  check->add_option("--data", args->data_dir, "data directory")->required();
  check
      ->add_option("--rules", args->rules_path,
                   "the county's rules file (configs/rules/*.toml)")
      ->required();
  check->add_option("--as-of", args->as_of, "as-of date (default: today)");
  check->add_flag("--json", args->json,
                  "one JSON line per flag, as in cases.ndjson");
  check->footer(
      "Someone on the roll is checked with their whole case; anyone else as an "
      "applicant, a case of one\n"
      "that has been paid nothing yet. Exit status 0 when nothing is flagged, "
      "3 when something is.");
  return Command{check, [args] { return RunCheck(*args); }};
}

}  // namespace hedui::cli
