// Person matching for records without a clean ID, after Splink: candidate
// pairs come from blocking rules declared as data, each pair is compared
// field by field through ordered comparison levels (null first, else last,
// each with a label), and the levels weigh in by Fellegi-Sunter:
// weight = log2(λ/(1-λ)) + Σ log2(m/u).
//
// Where both records carry a valid resident ID the ID decides: equal IDs are
// an exact-ID match, different IDs are never a match whatever the names say.
// Everything else is a fuzzy match, reported with its probability, its
// confidence level and the labels of the levels that agreed, never mixed with
// the exact ones.
//
// Parameters. u (how often a level occurs between two random people) is
// measured on a deterministic random sample of pairs; m (how often it occurs
// between two records of one person) is estimated by expectation
// maximisation over the blocked candidate pairs with u held fixed, starting
// from the m given in the model. This is Splink's recommended training, and
// needs no labelled data. Costs: blocking sorts each rule's keys (n log n),
// comparison is linear in the number of candidate pairs, which blocking keeps
// near-linear in n as long as no block is huge (max_block_size).
#ifndef HEDUI_ENGINE_LINKAGE_PERSON_LINKER_H_
#define HEDUI_ENGINE_LINKAGE_PERSON_LINKER_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hedui/status.h"

namespace hedui {

enum class PersonField : uint8_t {
  kName,  // full name (Chinese records)
  kGivenName,
  kSurname,
  kBirthDate,  // any spelling ParseDate reads; compared as YYYYMMDD
  kSex,
  kStreetNumber,
  kAddress1,
  kAddress2,
  kLocality,  // township, suburb
  kPostcode,
  kRegion,    // county, state
  kDwelling,  // a DwellingKey (engine/linkage/address.h)
  kPhone,
  kAccount,
  kOtherId,  // an identifier that is not a resident ID (FEBRL soc_sec_id)
  kCount,
};
inline constexpr size_t kPersonFieldCount =
    static_cast<size_t>(PersonField::kCount);

// The field named `name`, its enumerator in snake_case ("birth_date"), or
// "id_number" for kCount; false if unknown.
bool ParsePersonField(std::string_view name, PersonField* field);

struct PersonRecord {
  std::string record_id;
  // The resident ID as written; empty or failing its check means "none".
  std::string id_number;
  std::array<std::string, kPersonFieldCount> fields;

  std::string& operator[](PersonField f) {
    return fields[static_cast<size_t>(f)];
  }
  const std::string& operator[](PersonField f) const {
    return fields[static_cast<size_t>(f)];
  }
};

// How a blocking key is made from a field.
enum class KeyTransform : uint8_t {
  kExact,    // the normalised value
  kPinyin,   // names: the pinyin key (张三 and 章三 block together)
  kPrefix3,  // the first three characters of the normalised value
  kYear,     // dates: the year
  kSoundex,  // Latin names: American Soundex of the pinyin key
};

// Records agreeing on every part land in one block. A record with any part
// empty is in no block of this rule.
struct BlockingRule {
  std::string name;
  std::vector<std::pair<PersonField, KeyTransform>> parts;
};

enum class LevelKind : uint8_t {
  kNull,        // either side empty: no evidence (weight 0); must come first
  kExact,       // normalised values equal
  kSimilarity,  // names: NameSimilarity ≥ threshold; others: Jaro-Winkler ≥
                // threshold
  kEditDistance,  // Damerau-Levenshtein distance ≤ threshold (one typed digit)
  kDateNear,      // dates: one digit off, or day and month swapped
  kCrossField,    // the value equals the other record's `cross_field` (names
                  // swapped)
  kElse,          // anything else; must come last
};

struct ComparisonLevel {
  std::string label;  // shown in a match's explanation: "jaro_winkler>=0.92"
  LevelKind kind = LevelKind::kElse;
  double threshold = 0;
  // Starting m for EM, and the u to use when u is not measured. Both in (0, 1).
  double m = 0.5;
  double u = 0.5;
};

struct Comparison {
  std::string name;  // "given_name"
  PersonField field = PersonField::kName;
  PersonField cross_field = PersonField::kName;  // for kCrossField levels
  std::vector<ComparisonLevel> levels;           // null first, else last
};

struct PersonModel {
  std::vector<BlockingRule> blocking;
  std::vector<Comparison> comparisons;
  // Prior probability that a candidate pair is a match (EM's starting point).
  double prior = 0.1;
  // Estimate u on random pairs and m by EM (true), or use the model's m and u
  // as given (false). Default: true.
  bool estimate = true;
  // Random pairs sampled for u. Default 200000.
  size_t u_sample_pairs = 200000;
  int em_iterations = 25;
  // EM runs only on at least this many scored candidate pairs; on fewer (a
  // point check, a small feed) it would fit the noise, so the model's m and
  // prior are kept and only u is measured. Default 1000.
  size_t min_em_pairs = 1000;
  // Pairs at or above this probability are reported (kPossible); at or above
  // high_probability they are kHigh. Defaults 0.5 and 0.99.
  double possible_probability = 0.5;
  double high_probability = 0.99;
  // Blocks with more records than this on either side are skipped (a key so
  // common it says nothing, or a generic value) and counted in the stats.
  size_t max_block_size = 2000;
  // Linkage only: each record links to at most one on the other side, the
  // strongest first (FEBRL 4 and a roll against a register are one-to-one).
  bool one_to_one = false;
};

// Checks the model: levels ordered (null first, else last), m and u in
// (0, 1), at most 16 comparisons of at most 15 levels, blocking rules with
// parts. InvalidArgument names the first fault.
Status ValidatePersonModel(const PersonModel& model);

// A (field, value) to treat as empty: a generic value (see
// FindGenericValues). PersonField::kCount stands for id_number.
struct IgnoredValue {
  PersonField field = PersonField::kCount;
  std::string value;  // normalised as the linker normalises it
};

enum class LinkConfidence : uint8_t {
  kExactId,   // both resident IDs valid and equal
  kHigh,      // probability ≥ high_probability
  kPossible,  // probability ≥ possible_probability
};
std::string_view LinkConfidenceName(LinkConfidence c);

struct PersonLink {
  uint32_t left = 0;  // index into the left (or only) record list
  uint32_t right =
      0;  // index into the right list (dedupe: the same list, left < right)
  double weight = 0;  // match weight in bits; +inf for kExactId
  double probability = 0;
  LinkConfidence confidence = LinkConfidence::kPossible;
  // "comparison=level" for every level with positive evidence (m > u).
  std::vector<std::string> agreed;
};

struct LinkStats {
  size_t candidate_pairs = 0;
  size_t skipped_blocks = 0;  // over max_block_size
  size_t id_conflicts = 0;    // candidate pairs with two different valid IDs
  double prior = 0;           // λ after EM
  int em_iterations_run = 0;
  // m and u per comparison and level, as used for scoring.
  std::vector<std::vector<double>> m, u;
};

struct LinkResult {
  std::vector<PersonLink> matches;  // sorted by (left, right)
  LinkStats stats;
};

// Links `left` against `right`. Deterministic: the same input gives the same
// output whatever the thread count.
StatusOr<LinkResult> LinkPersons(const PersonModel& model,
                                 std::span<const PersonRecord> left,
                                 std::span<const PersonRecord> right,
                                 std::span<const IgnoredValue> ignored = {});

// Finds pairs of records of one list that are one person.
StatusOr<LinkResult> DedupePersons(const PersonModel& model,
                                   std::span<const PersonRecord> records,
                                   std::span<const IgnoredValue> ignored = {});

// A value carried by records of more than `max_people` distinct people: an
// ID, account or phone shared by strangers is a data error to report, not a
// link between them.
struct GenericValue {
  PersonField field = PersonField::kCount;  // kCount: id_number
  std::string value;                        // normalised
  size_t people = 0;                        // distinct people carrying it
  size_t records = 0;
  std::vector<std::string> record_ids;  // the first few, for the report
};

// People are told apart by valid resident ID where there is one, otherwise by
// normalised name and birth date. `fields` may include PersonField::kCount
// for id_number. Sorted by field, then most people first, then value.
std::vector<GenericValue> FindGenericValues(
    std::span<const PersonRecord> records, std::span<const PersonField> fields,
    size_t max_people);

// The values of FindGenericValues as the linker's ignore list.
std::vector<IgnoredValue> ToIgnored(std::span<const GenericValue> generic);

// A model for the roll against a register (Chinese records): blocks on
// birth date, on name pinyin + birth year, on dwelling; compares name (exact,
// traditional/pinyin, similar), birth date, sex, township, dwelling, phone.
PersonModel ChinesePersonModel();

}  // namespace hedui

#endif  // HEDUI_ENGINE_LINKAGE_PERSON_LINKER_H_
