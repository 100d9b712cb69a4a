// The case model: the vocabulary every layer above the index shares. A
// household (a roll case) with its members and their records from each
// feed, the ties the cross-case passes find, and the flags a ground raises.
#ifndef HEDUI_CASE_MODEL_H_
#define HEDUI_CASE_MODEL_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hedui/date.h"
#include "hedui/feed_schema.h"
#include "hedui/record.h"

namespace hedui {

// One stored record of a feed, decoded.
struct SourceRecord {
  FeedKind kind;
  RecordKey key;  // batch and line locate it in its source file
  std::vector<std::string> fields;  // in schema order
  const std::string& field(int index) const {
    return fields[static_cast<size_t>(index)];
  }
};

struct Member {
  SourceRecord roll;  // the roll row
  uint64_t id_body = 0;
  std::array<std::vector<SourceRecord>, kFeedKindCount>
      feeds;  // this person's records
  // The same person's roll rows in other cases (filled by the run, for
  // DUPLICATE), in case_id order.
  std::vector<SourceRecord> other_cases;
  // Parallel to other_cases: the county whose roll the row comes from, as
  // [county] foreign_rolls names its source; empty for the county's own.
  std::vector<std::string> other_case_counties;
};

// A tie found by the run's family pass (engine/linkage/family_graph.h),
// for SPLIT, MERGE and CADRE_KIN.
struct FamilyTie {
  size_t member = 0;       // index into Household::members
  std::string other_case;  // SPLIT: the case the member's family is also in
  Date other_enrolled;     // SPLIT: that case's approval date
  bool other_has_enrolled = false;
  std::string
      relation;  // the chain of links, e.g. "spouse" or "parent(together)"
  std::string confidence;  // CADRE_KIN: how the cadre was identified (exact_id,
                           // high, possible)
  std::string labels;  // CADRE_KIN, fuzzy: the comparison levels that agreed
  std::vector<SourceRecord>
      evidence;  // register rows along the chain (and the roster row)
};

struct Household {
  std::string case_id;
  std::vector<Member> members;  // sorted by ID
  int64_t monthly_fen = 0;      // the case's monthly payment
  Date enrolled_on;
  bool has_enrolled_on = false;
  std::string township, village;
  std::string zone, category;        // the first member's row's
  int64_t declared_income_fen = 0;   // per capita, per month
  bool has_declared_income = false;  // the roll carries it
  std::string bank_account;
  // Filled by the run, for PAYMENT: bank records of the payment account
  // (whoever holds it), and the first roll row of every other case paid
  // into the same account, in case_id order.
  std::vector<SourceRecord> account_holders;
  std::vector<SourceRecord> account_other_cases;
  // Filled by the run's family pass: for SPLIT, members whose family is also
  // in another case (one tie per member and other case, case_id order); for
  // MERGE, members of no kin to the case's own family; for CADRE_KIN,
  // members who are a same-township cadre or their close kin.
  std::vector<FamilyTie> split_ties, merge_ties, cadre_ties;
};

enum class FlagScope { kMember, kCase };

// One month of the money at stake, for `hedui explain`: the amounts of a
// flag's months add up to its amount.
struct MonthMoney {
  int month = 0;  // Date::month_index()
  int64_t fen = 0;
  std::string note;  // how the month's amount was computed
};

struct Flag {
  std::string_view rule;
  int matcher_version = 1;
  size_t member = 0;  // index into Household::members
  Date since;
  int64_t amount_fen = 0;
  // What is paid per month now for what the flag is about, i.e. what stops
  // if it is confirmed: the case's monthly amount for a case-scope flag, the
  // member's share (monthly amount ÷ members, rounded down to the fen) for a
  // member-scope one; the whole amount for the member who left last when
  // nobody is left. Set by Matcher::Evaluate; -1 until then.
  int64_t monthly_at_stake_fen = -1;
  FlagScope scope = FlagScope::kMember;
  std::string
      reason;  // human-readable, e.g. "轿车 in use, registered 2024-03-01"
  std::string params;  // the rule parameters applied, as a JSON object
  std::vector<SourceRecord> evidence;
  std::vector<MonthMoney> months;
  // SPLIT, DUPLICATE and PAYMENT flag every case of a group (one family in
  // several cases, one person in several cases, one account paying several
  // cases), each flag naming the whole group: `group_id` is the same on
  // every flag of the group and stable across runs ("G" + a hash of the rule,
  // the sorted case IDs and, for DUPLICATE, the person's ID); `group_cases`
  // the group's case IDs in order. Empty on the other grounds.
  std::string group_id;
  std::vector<std::string> group_cases;
  // Whether the amount adds to the summaries' totals. False only on the flag
  // of a group's first case (enrolled first, ties: the smaller case ID):
  // the money at stake is what the later cases drew, so the first case's
  // own payments are shown but counted once per group, on the later cases.
  bool counts_in_total = true;
};

}  // namespace hedui

#endif  // HEDUI_CASE_MODEL_H_
