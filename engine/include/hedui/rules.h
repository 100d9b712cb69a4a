// A county's rules file (configs/rules/*.toml): which grounds run, their
// thresholds, the county's standards with the dates they take effect, and
// the review cadence per class. The county, standards and review cadence are
// the file's own; each ground's section is declared by its matcher
// (Matcher::RuleKeys) and loaded generically. Every key is documented in
// configs/rules/README.md; unknown keys, wrong types, numbers out of range,
// unknown codes and overlapping or unsorted standards are errors that name
// the file, line and key.
#ifndef HEDUI_RULES_H_
#define HEDUI_RULES_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "hedui/date.h"
#include "hedui/feed_schema.h"
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

// One key of a ground's rules section, declared by its matcher next to the
// code that reads it (Matcher::RuleKeys): the loader checks the file against
// these declarations and fills RuleValues, so a new ground needs no edit to
// the loader. Every section also has `enabled` (bool, default true), which
// the loader adds itself.
using RuleValue = std::variant<bool, int64_t, std::vector<std::string>>;

struct RuleKey {
  enum class Type {
    kBool,    // true or false
    kCount,   // a whole number in [min, max]
    kAmount,  // 元 in the file (780.00), read to the fen; 0 to 10^12 元
    kCodes,   // a list of canonical codes of one field of one feed kind
  };
  std::string name;
  Type type = Type::kBool;
  RuleValue default_value;          // bool, int64_t (counts, fen) or codes
  int64_t min = 0, max = 0;         // kCount: the allowed range, inclusive
  FeedKind feed = FeedKind::kRoll;  // kCodes: whose field's codes
  int field = -1;

  static RuleKey Bool(std::string_view name, bool default_value);
  static RuleKey Count(std::string_view name, int64_t default_value,
                       int64_t min, int64_t max);
  static RuleKey Amount(std::string_view name, int64_t default_fen);
  static RuleKey Codes(std::string_view name, FeedKind feed, int field,
                       std::vector<std::string> default_codes);
};

// What one ground declares: its section's name ("vehicle" for [vehicle])
// and keys besides `enabled`.
struct RuleSection {
  std::string name;
  std::vector<RuleKey> keys;
};

// One ground's parameters as the file (or the defaults) gave them, read back
// typed by the matcher that declared them. Reading a key the matcher did not
// declare, or as another type, is a programming error: it yields false, 0 or
// an empty list (tests/matchers/rules_test.cc reads every declared key back).
class RuleValues {
 public:
  bool Bool(std::string_view key) const;
  int64_t Int(std::string_view key) const;  // a count, or an amount in fen
  const std::vector<std::string>& Codes(std::string_view key) const;
  bool Has(std::string_view key) const;
  void Set(std::string_view key, RuleValue value);

 private:
  const RuleValue* Find(std::string_view key) const;
  std::map<std::string, RuleValue, std::less<>> values_;
};

struct Rules {
  // The defaults of every ground of AllMatchers(): the rules of an empty
  // file.
  Rules();

  std::string path;
  std::string county;
  // [county] region_codes: the county's own 6-digit GB/T 2260 codes and any
  // further ones it serves. A migration destination written as one of
  // them, or a longer statistical code under one (12 digits), is inside.
  std::vector<std::string> region_codes;
  // [county] place_names: the county's own names (伊川县, 伊川). A
  // destination that contains one is inside.
  std::vector<std::string> place_names;
  // [county] foreign_rolls: the roll sources (the mapping's [feed] source)
  // that are other counties' rolls (汝阳县). Their rows are not the county's
  // cases: they only tell DUPLICATE that a member is paid there too.
  std::vector<std::string> foreign_rolls;
  uint64_t content_hash = 0;  // xxHash64 of the file, stored with each run

  // Per zone, sorted by `from`, strictly increasing.
  std::map<std::string, std::vector<Standard>> standards;

  // Review cadence: months between reviews per category as the roll writes
  // it, each 1 to 1200.
  std::map<std::string, int> review_months = {
      {"一类", 6}, {"二类", 3}, {"三类", 1}};

  // [cases]: working the flags (hedui/case_store.h). The outcome codes a
  // decision may close a case with, confirmed (the flag holds) and cleared
  // (it does not), as the county names them; the defaults are DOMAIN.md
  // §5's. notice_days: days from confirmation before the payment may be
  // marked stopped (告知 before 停发).
  std::vector<std::string> confirmed_outcomes = {
      "死亡",     "出嫁",     "迁出",      "有车",       "有房",
      "收入超标", "存款超标", "合户/拆户", "村干部亲属", "重复享受",
      "错保",     "举报查实", "生活好转"};
  std::vector<std::string> cleared_outcomes = {"数据错误", "合规", "豁免"};
  int notice_days = 15;

  // [[campaign]]: named periods a campaign report covers (专项整治).
  struct Campaign {
    std::string name;
    Date from, to;  // inclusive
  };
  std::vector<Campaign> campaigns;

  // Each ground's section, by section name.
  std::map<std::string, RuleValues, std::less<>> grounds;

  // The section `name`'s values; an empty set when there is none.
  const RuleValues& ground(std::string_view name) const;

  // The standard of `zone` in force in the month `month_index`
  // (Date::month_index()): the latest entry whose `from` is on or before
  // the month's first day. Nothing before the zone's first entry.
  const Standard* StandardFor(std::string_view zone, int month_index) const;
};

// The ranges of the integers a rules file gives outside the grounds'
// sections.
inline constexpr int kMaxReviewMonths = 1200;  // a century
inline constexpr int kMaxNoticeDays = 365;

StatusOr<Rules> LoadRules(const std::string& path);
// `hedui check-config`: loads the rules file like a run does and says in one
// line what it holds (county, standards per zone, grounds enabled), or the
// error a run would give, naming the file, line and key.
[[nodiscard]] StatusOr<std::string> CheckRulesFile(const std::string& path);
StatusOr<Rules> ParseRules(std::string_view toml_text, const std::string& path);
// The same against the sections given rather than AllMatchers()'s: the
// loader is generic, and tests check it on sections of their own.
StatusOr<Rules> ParseRules(std::string_view toml_text, const std::string& path,
                           const std::vector<RuleSection>& sections);

}  // namespace hedui

#endif  // HEDUI_RULES_H_
