#include "engine/linkage/cadre_resolution.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "engine/base/id_number.h"
#include "engine/base/timing.h"
#include "engine/schema/source_record.h"

namespace hedui {

namespace {

// Live records of one feed kind, in key order.
Status ReadAll(const Index& index, const rocksdb::Snapshot* snapshot,
               FeedKind kind, std::vector<SourceRecord>* out) {
  return index.ScanLiveRecords(
      kind, snapshot, [&](const RecordKey& key, std::string_view value) {
        SourceRecord r;
        if (!DecodeSourceRecord(kind, key, value, &r)) {
          return Status::Corruption(fmt::format(
              "{}: malformed {} record", index.dir(), GetFeedSpec(kind).name));
        }
        out->push_back(std::move(r));
        return Status::OK();
      });
}

// The code points of UTF-8 text (a malformed byte stands for itself).
std::u32string CodePoints(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80       ? 1
            : c >> 5 == 6  ? 2
            : c >> 4 == 14 ? 3
            : c >> 3 == 30 ? 4
                           : 0;
    if (n == 0 || i + n > s.size()) {
      out.push_back(c);
      ++i;
      continue;
    }
    char32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (int k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += static_cast<size_t>(n);
  }
  return out;
}

}  // namespace

StatusOr<std::vector<CadreMatch>> ResolveCadres(
    const Index& index, const rocksdb::Snapshot* snapshot,
    const FamilyGraph& graph, std::vector<std::string>* notes) {
  std::vector<SourceRecord> rows;
  HEDUI_RETURN_IF_ERROR(ReadAll(index, snapshot, FeedKind::kCadre, &rows));
  return ResolveCadreRecords(std::move(rows), graph, notes);
}

std::vector<CadreMatch> ResolveCadreRecords(std::vector<SourceRecord> rows,
                                            const FamilyGraph& graph,
                                            std::vector<std::string>* notes) {
  std::vector<CadreMatch> out(rows.size());
  std::vector<uint32_t> fuzzy;  // rows without a valid ID
  size_t by_id = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    CadreMatch& m = out[i];
    m.cadre = std::move(rows[i]);
    uint64_t body = StoredIdBody(m.cadre.field(field::kCadreIdNumber));
    if (!body && !m.cadre.field(field::kCadreIdAsWritten).empty()) {
      ResidentId id;
      if (ParseResidentId(m.cadre.field(field::kCadreIdAsWritten), &id) ==
          IdError::kNone)
        body = id.body;
    }
    if (body) {
      m.person = graph.Find(body);
      m.confidence = LinkConfidence::kExactId;
      by_id += m.person >= 0;
      continue;
    }
    fuzzy.push_back(static_cast<uint32_t>(i));
  }
  size_t high = 0, possible = 0;
  if (!fuzzy.empty()) {
    std::vector<PersonRecord> left;
    // Roster names by birth date, and every roster name.
    // Keys point into the roster rows (out[i].cadre), which stay put.
    std::unordered_map<std::string_view, std::vector<std::u32string>> by_date;
    std::unordered_set<std::string_view> names;
    for (uint32_t i : fuzzy) {
      const SourceRecord& c = out[i].cadre;
      PersonRecord r;
      r.record_id = fmt::format("{}:{}", c.key.batch, c.key.line);
      r[PersonField::kName] = c.field(field::kCadreName);
      r[PersonField::kBirthDate] = c.field(field::kCadreBirthDate);
      r[PersonField::kLocality] = c.field(field::kCadreTownship);
      if (!c.field(field::kCadreBirthDate).empty())
        by_date[c.field(field::kCadreBirthDate)].push_back(
            CodePoints(r[PersonField::kName]));
      names.insert(c.field(field::kCadreName));
      left.push_back(std::move(r));
    }
    // Only register rows the roster could mean: the same name, or the same
    // birth date and a character of the name in common. One typo (in the
    // date, or in one character of the name) still finds its person; a
    // roster of 4,000 no longer draws every register row born on any of
    // its 4,000 dates (1.7 million rows of 10 million).
    std::vector<PersonRecord> right;
    std::vector<uint32_t> right_person;
    for (uint32_t p = 0; p < graph.size(); ++p) {
      const std::string_view name = graph.Name(p);
      bool candidate = names.count(name) > 0;
      if (!candidate) {
        auto it = by_date.find(graph.BirthDate(p));
        if (it != by_date.end()) {
          std::u32string mine = CodePoints(name);
          for (const std::u32string& theirs : it->second) {
            candidate = candidate ||
                        std::any_of(mine.begin(), mine.end(), [&](char32_t ch) {
                          return theirs.find(ch) != std::u32string::npos;
                        });
          }
        }
      }
      if (!candidate) continue;
      // The row's ID, normalised as the register stores it, from its key.
      std::string id = ResidentIdFromBody(graph.person(p).id_body).ToString();
      PersonRecord r;
      r.record_id = id;
      r.id_number = id;
      r[PersonField::kName] = std::string(name);
      r[PersonField::kBirthDate] = std::string(graph.BirthDate(p));
      r[PersonField::kLocality] = std::string(graph.Township(p));
      right.push_back(std::move(r));
      right_person.push_back(p);
    }
    TimingMark(fmt::format("FG: {} cadre rows, {} register candidates",
                           left.size(), right.size()));
    PersonModel model = ChinesePersonModel();
    model.one_to_one = true;
    // The candidates were chosen for agreeing with the roster: u measured
    // on them would be biased, so the model's own m and u are used.
    model.estimate = false;
    auto result = LinkPersons(model, left, right);
    if (!result.ok()) {
      notes->push_back(fmt::format(
          "cadre roster: matching rows without a valid ID failed: {}",
          result.status().ToString()));
    } else {
      for (const PersonLink& pm : result->matches) {
        CadreMatch& m = out[fuzzy[pm.left]];
        m.person = right_person[pm.right];
        m.confidence = pm.confidence;
        // A birth date and a township are shared by a few people of every
        // county: unless the names agree too (exactly, by pinyin or nearly),
        // the match is only possible and raises no flag. At 2 million
        // residents they outvoted 尹雪敏 against 尹峰.
        const bool names_agree = std::any_of(
            pm.agreed.begin(), pm.agreed.end(),
            [](const std::string& a) { return a.starts_with("name="); });
        if (!names_agree) m.confidence = LinkConfidence::kPossible;
        m.probability = pm.probability;
        m.agreed = pm.agreed;
        (m.confidence == LinkConfidence::kHigh ? high : possible)++;
      }
    }
  }
  size_t unresolved = rows.size() - by_id - high - possible;
  if (!out.empty()) {
    notes->push_back(
        fmt::format("cadre roster: {} row(s) found in the register by ID, {} "
                    "without a valid ID by name + birth date + "
                    "township ({} high, {} possible: possible matches raise no "
                    "flag), {} not found",
                    by_id, high + possible, high, possible, unresolved));
  }
  return out;
}

}  // namespace hedui
