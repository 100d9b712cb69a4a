// A matcher checks one ground over one household (a roll case with every
// member's records from the feeds it needs) and emits flags.
//
// Matchers run in parallel over households, read-only: Check() must not
// touch shared mutable state, and its output must depend only on its input
// (deterministic whatever the thread count).
#ifndef HEDUI_MATCHER_H_
#define HEDUI_MATCHER_H_

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hedui/case_model.h"
#include "hedui/county_places.h"
#include "hedui/date.h"
#include "hedui/feed_schema.h"
#include "hedui/rules.h"

namespace hedui {

struct RunContext {
  Date as_of;
  const Rules* rules;
  // The township and village names of the whole roll, when a ground asks
  // for them (CrossCaseNeeds::county_places); null otherwise.
  const CountyPlaces* county_places = nullptr;
};

// What the run builds across cases before any household is checked
// (engine/check/cross_check.cc), for the grounds that ask for it: the
// driver asks each enabled matcher (Matcher::AddCrossCaseNeeds) and builds
// the union, so it never needs to know which ground reads what.
struct CrossCaseNeeds {
  // Member::other_cases: the same person's rows in other cases.
  bool person_other_cases = false;
  // Household::account_other_cases: other cases paid into the same account.
  bool account_other_cases = false;
  // Household::account_holders: the bank feed's records of each payment
  // account (one pass over the bank feed).
  bool account_holders = false;
  // Household::split_ties and merge_ties: the family graph of the
  // population register (engine/linkage/family_graph.h).
  bool family_ties = false;
  // Household::cadre_ties: the family graph and the cadre roster.
  bool cadre_ties = false;
  // RunContext::county_places: the roll's township and village names.
  bool county_places = false;
  // For the family graph: an account or phone on more cases than this is
  // generic, not a link; 0 leaves the graph's default.
  int generic_max_cases = 0;
};

class Matcher {
 public:
  virtual ~Matcher() = default;
  // The rule code in flags ("DECEASED"); stable.
  virtual std::string_view Name() const = 0;
  // Bumped whenever the meaning of a flag changes.
  virtual int Version() const = 0;
  virtual std::vector<FeedKind> Needs() const = 0;
  // Its section of the rules file ("deceased" for [deceased]) and the keys
  // it reads there besides `enabled` (hedui/rules.h).
  virtual std::string_view Section() const = 0;
  virtual std::vector<RuleKey> RuleKeys() const { return {}; }
  // Adds what it reads across cases under these rules (default: nothing).
  virtual void AddCrossCaseNeeds(const Rules& /*rules*/,
                                 CrossCaseNeeds* /*needs*/) const {}
  // Whether it computes with the county's standards (a case whose zone has
  // none is skipped, and the run says so once).
  virtual bool UsesStandards() const { return false; }
  // Notes said once per run about the cases it cannot check (default:
  // none).
  virtual void AddRunNotes(const std::vector<Household>& /*households*/,
                           std::vector<std::string>* /*notes*/) const {}
  virtual void Check(const Household& household, const RunContext& context,
                     std::vector<Flag>* flags) const = 0;

  // Check(), then every new flag's monthly_at_stake_fen that the matcher
  // left unset, from its scope (hedui/case_model.h): what drivers call, so
  // the money at stake per month is priced once, the same for every ground.
  void Evaluate(const Household& household, const RunContext& context,
                std::vector<Flag>* flags) const;

  // [section] enabled = true (the default).
  bool Enabled(const Rules& rules) const {
    return rules.ground(Section()).Bool("enabled");
  }
  // Its section's values under `rules`.
  const RuleValues& Params(const Rules& rules) const {
    return rules.ground(Section());
  }

 protected:
  // What every flag says of where it comes from: this matcher's name and
  // version, the member it is on, since when and its scope. Matchers fill
  // the money, reason, params and evidence.
  void Stamp(size_t member, Date since, FlagScope scope, Flag* flag) const {
    flag->rule = Name();
    flag->matcher_version = Version();
    flag->member = member;
    flag->since = since;
    flag->scope = scope;
  }
};

// Every matcher, in the order their flags are listed
// (matchers/matcher_list.cc).
const std::vector<std::unique_ptr<Matcher>>& AllMatchers();

}  // namespace hedui

#endif  // HEDUI_MATCHER_H_
