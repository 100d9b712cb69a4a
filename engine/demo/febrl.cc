#include "engine/demo/febrl.h"

#include <charconv>
#include <fstream>
#include <map>

namespace hedui {

StatusOr<std::vector<PersonRecord>> ReadFebrlCsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path);
  using F = PersonField;
  // Column order of the FEBRL files after rec_id.
  constexpr F kColumns[] = {F::kGivenName, F::kSurname,  F::kStreetNumber,
                            F::kAddress1,  F::kAddress2, F::kLocality,
                            F::kPostcode,  F::kRegion,   F::kBirthDate,
                            F::kOtherId};
  std::vector<PersonRecord> out;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1 || line.empty()) continue;  // header
    std::vector<std::string> cells;
    size_t start = 0;
    for (;;) {
      size_t sep = line.find(", ", start);
      cells.push_back(line.substr(
          start, sep == std::string::npos ? std::string::npos : sep - start));
      if (sep == std::string::npos) break;
      start = sep + 2;
    }
    if (cells.size() != 1 + std::size(kColumns)) {
      return Status::Corruption(path + ":" + std::to_string(line_no) +
                                ": expected 11 fields, got " +
                                std::to_string(cells.size()));
    }
    PersonRecord r;
    r.record_id = cells[0];
    for (size_t c = 0; c < std::size(kColumns); ++c)
      r[kColumns[c]] = cells[c + 1];
    out.push_back(std::move(r));
  }
  return out;
}

int64_t FebrlEntity(std::string_view id) {
  if (!id.starts_with("rec-")) return -1;
  id.remove_prefix(4);
  int64_t n = -1;
  auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), n);
  if (ec != std::errc() || ptr == id.data() || *ptr != '-') return -1;
  return n;
}

PersonModel FebrlModel() {
  using F = PersonField;
  using K = KeyTransform;
  using L = LevelKind;
  PersonModel m;
  m.blocking = {
      {"birth_date", {{F::kBirthDate, K::kExact}}},
      {"postcode", {{F::kPostcode, K::kExact}}},
      {"soc_sec_id", {{F::kOtherId, K::kExact}}},
      {"surname_soundex+given_initial",
       {{F::kSurname, K::kSoundex}, {F::kGivenName, K::kPrefix3}}},
      {"suburb+street_number",
       {{F::kLocality, K::kExact}, {F::kStreetNumber, K::kExact}}},
  };
  auto name = [](std::string n, F field, F other) {
    return Comparison{std::move(n),
                      field,
                      other,
                      {{"null", L::kNull},
                       {"exact", L::kExact, 0, 0.8, 0.01},
                       {"jaro_winkler>=0.92", L::kSimilarity, 0.92, 0.1, 0.005},
                       {"jaro_winkler>=0.8", L::kSimilarity, 0.8, 0.05, 0.02},
                       {"swapped", L::kCrossField, 0, 0.02, 0.001},
                       {"else", L::kElse, 0, 0.03, 0.96}}};
  };
  auto text = [](std::string n, F field) {
    return Comparison{std::move(n),
                      field,
                      field,
                      {{"null", L::kNull},
                       {"exact", L::kExact, 0, 0.85, 0.01},
                       {"jaro_winkler>=0.9", L::kSimilarity, 0.9, 0.1, 0.01},
                       {"else", L::kElse, 0, 0.05, 0.98}}};
  };
  auto digits = [](std::string n, F field) {
    return Comparison{std::move(n),
                      field,
                      field,
                      {{"null", L::kNull},
                       {"exact", L::kExact, 0, 0.85, 0.001},
                       {"one_edit", L::kEditDistance, 1, 0.1, 0.01},
                       {"else", L::kElse, 0, 0.05, 0.99}}};
  };
  m.comparisons = {
      name("given_name", F::kGivenName, F::kSurname),
      name("surname", F::kSurname, F::kGivenName),
      {"birth_date",
       F::kBirthDate,
       F::kBirthDate,
       {{"null", L::kNull},
        {"exact", L::kExact, 0, 0.85, 0.0001},
        {"one_digit_or_swapped", L::kDateNear, 0, 0.1, 0.001},
        {"else", L::kElse, 0, 0.05, 0.999}}},
      digits("street_number", F::kStreetNumber),
      text("address_1", F::kAddress1),
      text("address_2", F::kAddress2),
      text("suburb", F::kLocality),
      digits("postcode", F::kPostcode),
      {"state",
       F::kRegion,
       F::kRegion,
       {{"null", L::kNull},
        {"exact", L::kExact, 0, 0.9, 0.3},
        {"else", L::kElse, 0, 0.1, 0.7}}},
      digits("soc_sec_id", F::kOtherId),
  };
  return m;
}

LinkageQuality ScoreFebrl(std::span<const PersonLink> matches,
                          std::span<const PersonRecord> left,
                          std::span<const PersonRecord> right, bool dedupe) {
  LinkageQuality q;
  std::map<int64_t, std::pair<size_t, size_t>>
      sizes;  // N -> records on each side
  for (const PersonRecord& r : left) ++sizes[FebrlEntity(r.record_id)].first;
  if (!dedupe) {
    for (const PersonRecord& r : right)
      ++sizes[FebrlEntity(r.record_id)].second;
  }
  for (const auto& [n, s] : sizes) {
    if (n < 0) continue;
    q.true_pairs += dedupe ? s.first * (s.first - 1) / 2 : s.first * s.second;
  }
  q.found_pairs = matches.size();
  for (const PersonLink& m : matches) {
    int64_t a = FebrlEntity(left[m.left].record_id);
    int64_t b = FebrlEntity(right[m.right].record_id);
    if (a >= 0 && a == b) ++q.correct_pairs;
  }
  q.precision =
      q.found_pairs ? static_cast<double>(q.correct_pairs) / q.found_pairs : 0;
  q.recall =
      q.true_pairs ? static_cast<double>(q.correct_pairs) / q.true_pairs : 0;
  q.f1 = q.precision + q.recall > 0
             ? 2 * q.precision * q.recall / (q.precision + q.recall)
             : 0;
  return q;
}

}  // namespace hedui
