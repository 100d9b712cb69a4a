// The FEBRL record-linkage data sets (tests/data/febrl/README.md): person
// records with known duplicates, the benchmark the person linker is held to.
#ifndef HEDUI_ENGINE_DEMO_FEBRL_H_
#define HEDUI_ENGINE_DEMO_FEBRL_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/linkage/person_linker.h"
#include "hedui/status.h"

namespace hedui {

// Reads a FEBRL CSV (header line, fields separated by ", "): rec_id,
// given_name, surname, street_number, address_1, address_2, suburb,
// postcode, state, date_of_birth, soc_sec_id. FEBRL carries no resident ID.
StatusOr<std::vector<PersonRecord>> ReadFebrlCsv(const std::string& path);

// The person N of a FEBRL record id: "rec-12-dup-0" and "rec-12-org" are 12;
// -1 if the id is not of that form.
int64_t FebrlEntity(std::string_view record_id);

// The linker's model for FEBRL: blocking on birth date, postcode, social
// security id, surname Soundex + given-name initial, suburb + street number;
// comparisons on both names (with swapped names), birth date, street number,
// address lines, suburb, postcode, state and social security id.
PersonModel FebrlModel();

struct LinkageQuality {
  size_t true_pairs = 0;
  size_t found_pairs = 0;
  size_t correct_pairs = 0;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

// Pairwise quality of `matches` (indices into `left` and `right`; for a
// dedupe pass `right` is `left`) against the truth in the record ids: every
// pair of records with the same N is a true pair.
LinkageQuality ScoreFebrl(std::span<const PersonLink> matches,
                          std::span<const PersonRecord> left,
                          std::span<const PersonRecord> right, bool dedupe);

}  // namespace hedui

#endif  // HEDUI_ENGINE_DEMO_FEBRL_H_
