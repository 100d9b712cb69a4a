// MOVED 迁出/出嫁: a member left the county or married out (migration feed
// events moved_out / married_out), or the population register gives status
// 迁出 (or 服刑, imprisoned, when the rules count it) with its date, on or
// before the as-of date. Money as for DECEASED: the member's share while
// others remain, the whole case once nobody is left (on the member who left
// last). Deaths are DECEASED's business and do not enter this count.
//
// A move within the county is not a move out: it changes which township
// serves the case, not whether the case is eligible. The destination is
// inside when it is one of the rules' [county] region_codes (6 digits) or a
// longer statistical code beginning with one (9 or 12 digits), when it
// contains one of the county's place_names (伊川县), or when it begins with
// a township or village name the roll itself writes (城关镇, 城关镇西街).
// Anything else, a blank destination included, is a move out.
#include <fmt/format.h>

#include <algorithm>

#include "engine/base/text.h"
#include "hedui/matcher.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

// Its keys in the rules file, declared and read by these names.
constexpr std::string_view kImprisonedCounts = "imprisoned_counts";

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

// Whether a migration record's destination lies inside the county.
bool WithinCounty(std::string_view raw, const Rules& rules,
                  const CountyPlaces* places) {
  // Ingest trims and folds text already; a record built otherwise (a
  // test, an older index) is folded here too: ４１０３２９ is 410329.
  const std::string folded = FoldFullWidth(TrimBlank(raw));
  std::string_view destination = folded;
  if (destination.empty()) return false;
  if (AllDigits(destination)) {
    if (destination.size() < 6) return false;
    std::string_view county = destination.substr(0, 6);
    return std::find(rules.region_codes.begin(), rules.region_codes.end(),
                     county) != rules.region_codes.end();
  }
  for (const std::string& name : rules.place_names) {
    if (destination.find(name) != std::string_view::npos) return true;
  }
  return places != nullptr && places->BeginsWithAny(destination);
}

class MovedMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "MOVED"; }
  // 2: a move within the county is not a move out.
  int Version() const override { return 2; }
  std::string_view Section() const override { return "moved"; }
  std::vector<FeedKind> Needs() const override {
    return {FeedKind::kMigration, FeedKind::kPopulation};
  }
  std::vector<RuleKey> RuleKeys() const override {
    return {RuleKey::Bool(kImprisonedCounts, true)};
  }
  void AddCrossCaseNeeds(const Rules& /*rules*/,
                         CrossCaseNeeds* needs) const override {
    needs->county_places = true;
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    const size_t n = household.members.size();
    const bool imprisoned_counts =
        Params(*context.rules).Bool(kImprisonedCounts);
    std::vector<std::optional<Date>> gone(n);
    std::vector<std::vector<SourceRecord>> evidence(n);
    std::vector<std::string> why(n);
    auto consider = [&](size_t i, Date d, const SourceRecord& r,
                        std::string what) {
      evidence[i].push_back(r);
      if (!gone[i] || d < *gone[i]) {
        gone[i] = d;
        why[i] = std::move(what);
      }
    };
    for (size_t i = 0; i < n; ++i) {
      const Member& member = household.members[i];
      for (const SourceRecord& r :
           member.feeds[static_cast<size_t>(FeedKind::kMigration)]) {
        const std::string& event = r.field(field::kMigEvent);
        if (event != "moved_out" && event != "married_out") continue;
        std::optional<Date> d = FieldDate(r.field(field::kMigEventDate));
        if (!d || *d > context.as_of) continue;
        if (WithinCounty(r.field(field::kMigDestination), *context.rules,
                         context.county_places))
          continue;
        consider(
            i, *d, r,
            fmt::format("{} {}{}{}", d->ToString(),
                        event == "moved_out" ? "户籍迁出" : "婚迁",
                        r.field(field::kMigDestination).empty() ? "" : "至 ",
                        r.field(field::kMigDestination)));
      }
      for (const SourceRecord& r :
           member.feeds[static_cast<size_t>(FeedKind::kPopulation)]) {
        const std::string& status = r.field(field::kPopStatus);
        bool counts = status == "moved_out" ||
                      (status == "imprisoned" && imprisoned_counts);
        if (!counts) continue;
        std::optional<Date> d = FieldDate(r.field(field::kPopStatusDate));
        if (!d || *d > context.as_of) continue;
        consider(i, *d, r,
                 fmt::format("户籍登记{}（自 {} 起）",
                             status == "moved_out" ? "迁出" : "服刑",
                             d->ToString()));
      }
    }
    std::vector<Flag> out(n);
    size_t last = n;
    bool everyone_gone = false;
    SetDepartureMoney(household, gone, context.as_of, &out, &last,
                      &everyone_gone);
    const int64_t share =
        n ? household.monthly_fen / static_cast<int64_t>(n) : 0;
    for (size_t i = 0; i < n; ++i) {
      if (!gone[i]) continue;
      Flag& flag = out[i];
      Stamp(i, *gone[i], FlagScope::kMember, &flag);
      flag.reason =
          why[i] + (everyone_gone && i == last ? "；全户已无在保成员" : "");
      flag.params = fmt::format(
          "{{\"members\":{},\"share_fen\":{},\"imprisoned_counts\":{}}}", n,
          share, imprisoned_counts);
      flag.evidence = std::move(evidence[i]);
      flags->push_back(std::move(flag));
    }
  }
};

}  // namespace

std::unique_ptr<Matcher> NewMovedMatcher() {
  return std::make_unique<MovedMatcher>();
}

}  // namespace hedui
