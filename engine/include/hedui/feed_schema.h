// The canonical record of every feed kind (DOMAIN.md §3): which fields it
// has, their types, and for enumerations the closed set of canonical codes
// that a mapping file must map the department's spellings onto.
//
// This table is the contract between connectors (which fill it), the index
// (which stores fields in this order) and matchers (which read them by
// index). Add fields at the end of a kind only: stored records keep their
// field order, and kSchemaVersion is stored with the index.
#ifndef HEDUI_FEED_SCHEMA_H_
#define HEDUI_FEED_SCHEMA_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace hedui {

// The format of stored records. Index::Open stores it in a new index and
// refuses an index of another version with an error naming both; an index
// from before it was stored reads as version 1 (the format has not changed)
// and is given it on its next read-write open. Raise it when stored records
// of an older hedui would be misread.
inline constexpr int kSchemaVersion = 1;

enum class FeedKind : uint8_t {
  kRoll = 0,
  kPopulation,
  kDeath,
  kMigration,
  kVehicle,
  kProperty,
  kTax,
  kBank,
  kBusiness,
  kPayroll,
  kCadre,
};
inline constexpr int kFeedKindCount = 11;

enum class FieldType : uint8_t {
  kId,      // resident ID, stored as the normalised 18 characters
  kText,    // trimmed, full-width ASCII folded
  kDate,    // stored as YYYY-MM-DD
  kAmount,  // money or a decimal quantity, stored as "1234.50"
  kEnum,    // a canonical code from `codes`; an empty `codes` means the
            // county names its own codes (zones, categories)
  kMonth,   // a pay or tax period, stored as YYYY-MM
};

// One way a department writes a code ("本人" for head).
struct Spelling {
  std::string_view written;
  std::string_view code;
};

struct FieldSpec {
  std::string_view name;
  FieldType type;
  bool required;  // a record without it is quarantined
  std::span<const std::string_view> codes;
  std::string_view description;
  // An enumeration's spellings read without any `values` table in the
  // mapping (a mapping's own `values` win over them), so that a county
  // writing a national standard's codes or its usual words needs no table.
  std::span<const Spelling> spellings = {};
  // The code a value that is neither a code nor a known spelling becomes,
  // unless the mapping says `other`; empty: such a row is quarantined
  // (unknown_value).
  std::string_view unrecognised = {};
};

struct FeedSpec {
  FeedKind kind;
  std::string_view
      name;  // "vehicle": used in mapping files and as the column family
  std::string_view chinese;
  std::span<const FieldSpec> fields;

  // Index of a field by name, or -1.
  int FieldIndex(std::string_view field) const;
};

const FeedSpec& GetFeedSpec(FeedKind kind);
std::optional<FeedKind> FeedKindFromName(std::string_view name);
std::string_view FieldTypeName(FieldType type);

// Field indexes the matchers use; checked against the table by a test.
namespace field {
// roll
inline constexpr int kRollCaseId = 0, kRollIdNumber = 1, kRollName = 2,
                     kRollRelation = 3, kRollTownship = 4, kRollVillage = 5,
                     kRollAddress = 6, kRollZone = 7, kRollCategory = 8,
                     kRollDeclaredIncome = 9, kRollMonthlyAmount = 10,
                     kRollEnrolledOn = 11, kRollBankAccount = 12,
                     kRollPhone = 13;
// population
inline constexpr int kPopIdNumber = 0, kPopName = 1, kPopSex = 2,
                     kPopBirthDate = 3, kPopHukouId = 4, kPopRelation = 5,
                     kPopAddress = 6, kPopFatherId = 7, kPopMotherId = 8,
                     kPopSpouseId = 9, kPopStatus = 10, kPopStatusDate = 11;
// death
inline constexpr int kDeathIdNumber = 0, kDeathName = 1, kDeathDate = 2,
                     kDeathSource = 3;
// vehicle
inline constexpr int kVehIdNumber = 0, kVehPlate = 1, kVehType = 2,
                     kVehRegisteredOn = 3, kVehStatus = 4;
// property
inline constexpr int kPropIdNumber = 0, kPropCertificate = 1, kPropLocation = 2,
                     kPropArea = 3, kPropUse = 4, kPropRegisteredOn = 5,
                     kPropStatus = 6;
// migration
inline constexpr int kMigIdNumber = 0, kMigEvent = 1, kMigEventDate = 2,
                     kMigDestination = 3;
// tax
inline constexpr int kTaxIdNumber = 0, kTaxPeriod = 1, kTaxIncomeKind = 2,
                     kTaxAmount = 3;
// bank
inline constexpr int kBankIdNumber = 0, kBankInstitution = 1, kBankAccount = 2,
                     kBankBalance = 3, kBankAsOf = 4;
// business
inline constexpr int kBizIdNumber = 0, kBizCompany = 1, kBizCapital = 2,
                     kBizRole = 3, kBizStatus = 4, kBizRegisteredOn = 5;
// payroll
inline constexpr int kPayIdNumber = 0, kPayEmployer = 1, kPayKind = 2,
                     kPayMonthlyAmount = 3, kPayPeriod = 4;
// cadre
inline constexpr int kCadreIdNumber = 0, kCadreName = 1, kCadrePost = 2,
                     kCadreTownship = 3, kCadreVillage = 4, kCadreBirthDate = 5,
                     kCadreIdAsWritten = 6;
}  // namespace field

}  // namespace hedui

#endif  // HEDUI_FEED_SCHEMA_H_
