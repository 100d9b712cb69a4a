#include "engine/linkage/person_linker.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <unordered_set>
#include <utility>

#include "engine/base/id_number.h"
#include "engine/base/text.h"
#include "engine/linkage/person_name.h"

namespace hedui {

namespace {

constexpr std::string_view kFieldNames[kPersonFieldCount] = {
    "name",          "given_name", "surname",  "birth_date", "sex",
    "street_number", "address1",   "address2", "locality",   "postcode",
    "region",        "dwelling",   "phone",    "account",    "other_id"};

bool IsNameField(PersonField f) {
  return f == PersonField::kName || f == PersonField::kGivenName ||
         f == PersonField::kSurname;
}
int NameSlot(PersonField f) {
  return static_cast<int>(f);
}  // kName..kSurname are 0..2

// One record as the linker sees it: values normalised once.
struct Prepared {
  std::array<std::string, kPersonFieldCount> value;
  std::array<PersonName, 3> name;  // kName, kGivenName, kSurname
  uint64_t id_body = 0;            // 0: no valid ID
};

std::string NormalizePlain(std::string_view raw) {
  std::string folded = FoldFullWidth(TrimBlank(raw));
  std::string out;
  out.reserve(folded.size());
  bool blank = false;
  for (char c : folded) {
    if (c == ' ' || c == '\t') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out.push_back(' ');
    blank = false;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c);
  }
  return out;
}

std::string NormalizeDate(std::string_view raw) {
  Date d;
  if (ParseDate(raw, &d)) return std::to_string(d.yyyymmdd());
  std::string
      digits;  // an impossible date still carries evidence digit by digit
  for (char c : FoldFullWidth(raw)) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return digits;
}

Prepared Prepare(const PersonRecord& r,
                 const std::set<std::pair<int, std::string>>& ignored) {
  Prepared p;
  ResidentId id;
  if (ParseResidentId(r.id_number, &id) == IdError::kNone &&
      !ignored.contains(
          {static_cast<int>(PersonField::kCount), id.ToString()})) {
    p.id_body = id.body;
  }
  for (size_t f = 0; f < kPersonFieldCount; ++f) {
    PersonField field = static_cast<PersonField>(f);
    const std::string& raw = r.fields[f];
    if (IsNameField(field)) {
      StatusOr<PersonName> n = NormalizePersonName(raw);
      // Without converters a name still compares by its plain form.
      p.name[NameSlot(field)] =
          n.ok()
              ? n.value()
              : PersonName{NormalizePlain(raw), NormalizePlain(raw), "", false};
      p.value[f] = p.name[NameSlot(field)].key;
    } else if (field == PersonField::kBirthDate) {
      p.value[f] = NormalizeDate(raw);
    } else {
      p.value[f] = NormalizePlain(raw);
    }
    if (!p.value[f].empty() &&
        ignored.contains({static_cast<int>(f), p.value[f]})) {
      p.value[f].clear();
      if (IsNameField(field)) p.name[NameSlot(field)] = PersonName{};
    }
  }
  return p;
}

std::string Soundex(std::string_view letters) {
  static constexpr char kCode[26] = {
      '0', '1', '2', '3', '0', '1', '2', '0', '0', '2', '2', '4', '5',
      '5', '0', '1', '2', '6', '2', '3', '0', '1', '0', '2', '0', '2'};
  std::string out;
  char last = 0;
  for (char c : letters) {
    if (c < 'a' || c > 'z') continue;
    char code = kCode[c - 'a'];
    if (out.empty()) {
      out.push_back(c);
      last = code;
      continue;
    }
    if (code != '0' && code != last) out.push_back(code);
    if (c != 'h' && c != 'w') last = code;
    if (out.size() == 4) break;
  }
  if (!out.empty()) out.resize(4, '0');
  return out;
}

std::string Utf8Prefix(std::string_view s, size_t chars) {
  size_t i = 0;
  for (size_t n = 0; i < s.size() && n < chars; ++n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
  }
  return std::string(s.substr(0, std::min(i, s.size())));
}

std::string BlockKey(const BlockingRule& rule, const Prepared& p) {
  std::string key;
  for (const auto& [field, transform] : rule.parts) {
    const std::string& v = p.value[static_cast<size_t>(field)];
    std::string part;
    switch (transform) {
      case KeyTransform::kExact:
        part = v;
        break;
      case KeyTransform::kPinyin:
        part = IsNameField(field) ? p.name[NameSlot(field)].pinyin : v;
        break;
      case KeyTransform::kPrefix3:
        part = Utf8Prefix(v, 3);
        break;
      case KeyTransform::kYear:
        part = v.size() >= 4 ? v.substr(0, 4) : "";
        break;
      case KeyTransform::kSoundex:
        part = Soundex(IsNameField(field) ? p.name[NameSlot(field)].pinyin : v);
        break;
    }
    if (part.empty()) return {};
    key += part;
    key.push_back('\x1f');
  }
  return key;
}

// Optimal string alignment distance (a transposition counts one), capped:
// anything above `cap` returns cap + 1.
int EditDistance(std::string_view a, std::string_view b, int cap) {
  if (std::abs(static_cast<int>(a.size()) - static_cast<int>(b.size())) > cap)
    return cap + 1;
  const size_t n = a.size(), m = b.size();
  // Three rows, reused per thread: this runs for every candidate pair.
  thread_local std::vector<int> prev2, prev, cur;
  prev2.assign(m + 1, 0);
  prev.assign(m + 1, 0);
  cur.assign(m + 1, 0);
  for (size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (size_t j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap) return cap + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], cap + 1);
}

bool DateNear(const std::string& a, const std::string& b) {
  if (a.size() != 8 || b.size() != 8) return EditDistance(a, b, 1) <= 1;
  if (EditDistance(a, b, 1) <= 1) return true;
  // Day and month swapped: 19650310 against 19651003.
  return a.compare(0, 4, b, 0, 4) == 0 && a.compare(4, 2, b, 6, 2) == 0 &&
         a.compare(6, 2, b, 4, 2) == 0;
}

int LevelOf(const Comparison& c, const Prepared& a, const Prepared& b) {
  const size_t f = static_cast<size_t>(c.field);
  const std::string& va = a.value[f];
  const std::string& vb = b.value[f];
  for (size_t l = 0; l < c.levels.size(); ++l) {
    const ComparisonLevel& level = c.levels[l];
    switch (level.kind) {
      case LevelKind::kNull:
        if (va.empty() || vb.empty()) return static_cast<int>(l);
        break;
      case LevelKind::kExact:
        if (va == vb) return static_cast<int>(l);
        break;
      case LevelKind::kSimilarity: {
        double s = IsNameField(c.field)
                       ? NameSimilarity(a.name[NameSlot(c.field)],
                                        b.name[NameSlot(c.field)])
                       : JaroWinkler(va, vb);
        if (s >= level.threshold) return static_cast<int>(l);
        break;
      }
      case LevelKind::kEditDistance: {
        int cap = static_cast<int>(level.threshold);
        if (EditDistance(va, vb, cap) <= cap) return static_cast<int>(l);
        break;
      }
      case LevelKind::kDateNear:
        if (DateNear(va, vb)) return static_cast<int>(l);
        break;
      case LevelKind::kCrossField: {
        const size_t x = static_cast<size_t>(c.cross_field);
        if ((!va.empty() && va == b.value[x]) ||
            (!vb.empty() && vb == a.value[x])) {
          return static_cast<int>(l);
        }
        break;
      }
      case LevelKind::kElse:
        return static_cast<int>(l);
    }
  }
  return static_cast<int>(c.levels.size()) - 1;
}

// The levels of every comparison, 4 bits each.
uint64_t Pattern(const PersonModel& model, const Prepared& a,
                 const Prepared& b) {
  uint64_t pattern = 0;
  for (size_t c = 0; c < model.comparisons.size(); ++c) {
    pattern |= static_cast<uint64_t>(LevelOf(model.comparisons[c], a, b))
               << (4 * c);
  }
  return pattern;
}

int LevelIn(uint64_t pattern, size_t c) {
  return static_cast<int>((pattern >> (4 * c)) & 0xF);
}

uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

struct Pair {
  uint32_t left, right;
  friend bool operator<(const Pair& a, const Pair& b) {
    return a.left != b.left ? a.left < b.left : a.right < b.right;
  }
};

std::vector<Prepared> PrepareAll(
    std::span<const PersonRecord> records,
    const std::set<std::pair<int, std::string>>& ignored) {
  std::vector<Prepared> out(records.size());
  tbb::parallel_for(tbb::blocked_range<size_t>(0, records.size(), 256),
                    [&](const tbb::blocked_range<size_t>& r) {
                      for (size_t i = r.begin(); i < r.end(); ++i)
                        out[i] = Prepare(records[i], ignored);
                    });
  return out;
}

// Candidate pairs of all rules, each pair once: a pair is emitted by the
// first rule whose keys it shares (Splink's rule order), so no set of seen
// pairs is needed.
std::vector<Pair> Candidates(const std::vector<BlockingRule>& rules,
                             const std::vector<Prepared>& left,
                             const std::vector<Prepared>& right, bool dedupe,
                             size_t max_block, size_t* skipped_blocks) {
  const size_t nr = rules.size() + 1;  // rule 0: the valid ID itself
  auto keys_of = [&](const std::vector<Prepared>& side) {
    std::vector<std::vector<std::string>> keys(
        nr, std::vector<std::string>(side.size()));
    tbb::parallel_for(size_t{0}, side.size(), [&](size_t i) {
      if (side[i].id_body) keys[0][i] = std::to_string(side[i].id_body);
      for (size_t r = 1; r < nr; ++r)
        keys[r][i] = BlockKey(rules[r - 1], side[i]);
    });
    return keys;
  };
  std::vector<std::vector<std::string>> kl = keys_of(left);
  std::vector<std::vector<std::string>> kr = dedupe ? kl : keys_of(right);
  std::vector<std::vector<Pair>> per_rule(nr);
  tbb::parallel_for(size_t{0}, nr, [&](size_t r) {
    // (key, side, index) sorted: equal keys are adjacent.
    std::vector<std::tuple<std::string_view, uint8_t, uint32_t>> entries;
    for (uint32_t i = 0; i < left.size(); ++i) {
      if (!kl[r][i].empty()) entries.emplace_back(kl[r][i], 0, i);
    }
    if (!dedupe) {
      for (uint32_t i = 0; i < right.size(); ++i) {
        if (!kr[r][i].empty()) entries.emplace_back(kr[r][i], 1, i);
      }
    }
    std::sort(entries.begin(), entries.end());
    std::vector<Pair>& out = per_rule[r];
    size_t skipped = 0;
    for (size_t b = 0; b < entries.size();) {
      size_t e = b;
      while (e < entries.size() &&
             std::get<0>(entries[e]) == std::get<0>(entries[b]))
        ++e;
      size_t mid = b;
      while (mid < e && std::get<1>(entries[mid]) == 0) ++mid;
      size_t nl = mid - b, nrr = dedupe ? nl : e - mid;
      if (nl > max_block || nrr > max_block) {
        ++skipped;
        b = e;
        continue;
      }
      auto earlier = [&](uint32_t i, uint32_t j) {
        for (size_t q = 0; q < r; ++q) {
          if (!kl[q][i].empty() && kl[q][i] == kr[q][j]) return true;
        }
        return false;
      };
      for (size_t x = b; x < mid; ++x) {
        uint32_t i = std::get<2>(entries[x]);
        if (dedupe) {
          for (size_t y = x + 1; y < mid; ++y) {
            uint32_t j = std::get<2>(entries[y]);
            if (!earlier(i, j)) out.push_back({std::min(i, j), std::max(i, j)});
          }
        } else {
          for (size_t y = mid; y < e; ++y) {
            uint32_t j = std::get<2>(entries[y]);
            if (!earlier(i, j)) out.push_back({i, j});
          }
        }
      }
      b = e;
    }
    if (skipped) {
      // Only counted here; the total is summed single-threaded below.
      out.push_back({std::numeric_limits<uint32_t>::max(),
                     static_cast<uint32_t>(skipped)});
    }
  });
  std::vector<Pair> all;
  for (std::vector<Pair>& v : per_rule) {
    if (!v.empty() && v.back().left == std::numeric_limits<uint32_t>::max()) {
      *skipped_blocks += v.back().right;
      v.pop_back();
    }
    all.insert(all.end(), v.begin(), v.end());
  }
  std::sort(all.begin(), all.end());
  return all;
}

StatusOr<LinkResult> Match(const PersonModel& model,
                           std::span<const PersonRecord> left_records,
                           std::span<const PersonRecord> right_records,
                           bool dedupe,
                           std::span<const IgnoredValue> ignored_values) {
  HEDUI_RETURN_IF_ERROR(ValidatePersonModel(model));
  if (left_records.size() >= std::numeric_limits<uint32_t>::max() ||
      right_records.size() >= std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidArgument(
        "person linker: more than 2^32 records on one side");
  }
  std::set<std::pair<int, std::string>> ignored;
  for (const IgnoredValue& v : ignored_values)
    ignored.insert({static_cast<int>(v.field), v.value});
  std::vector<Prepared> left = PrepareAll(left_records, ignored);
  std::vector<Prepared> right_storage;
  if (!dedupe) right_storage = PrepareAll(right_records, ignored);
  const std::vector<Prepared>& right = dedupe ? left : right_storage;

  LinkResult result;
  LinkStats& stats = result.stats;
  std::vector<Pair> pairs =
      Candidates(model.blocking, left, right, dedupe, model.max_block_size,
                 &stats.skipped_blocks);
  stats.candidate_pairs = pairs.size();

  // The ID decides where both have one; only the rest is scored.
  enum : uint8_t { kScore, kSameId, kOtherId };
  std::vector<uint8_t> verdict(pairs.size());
  std::vector<uint64_t> patterns(pairs.size());
  tbb::parallel_for(tbb::blocked_range<size_t>(0, pairs.size(), 1024),
                    [&](const tbb::blocked_range<size_t>& r) {
                      for (size_t k = r.begin(); k < r.end(); ++k) {
                        const Prepared& a = left[pairs[k].left];
                        const Prepared& b = right[pairs[k].right];
                        if (a.id_body && b.id_body) {
                          verdict[k] =
                              a.id_body == b.id_body ? kSameId : kOtherId;
                        } else {
                          patterns[k] = Pattern(model, a, b);
                        }
                      }
                    });

  const size_t nc = model.comparisons.size();
  stats.m.resize(nc);
  stats.u.resize(nc);
  for (size_t c = 0; c < nc; ++c) {
    for (const ComparisonLevel& l : model.comparisons[c].levels) {
      stats.m[c].push_back(l.m);
      stats.u[c].push_back(l.u);
    }
  }
  double prior = model.prior;

  if (model.estimate && !left.empty() && !right.empty() &&
      (!dedupe || left.size() > 1)) {
    // u from random pairs: almost all of them are two different people.
    const size_t samples = model.u_sample_pairs;
    std::vector<Pair> random(samples);
    uint64_t state = 0x68656475692D75ull;  // fixed seed: the same u every run
    for (Pair& p : random) {
      p.left = static_cast<uint32_t>(SplitMix64(&state) % left.size());
      p.right = static_cast<uint32_t>(SplitMix64(&state) % right.size());
      if (dedupe && p.right == p.left) p.right = (p.right + 1) % right.size();
    }
    std::vector<uint64_t> random_patterns(samples);
    tbb::parallel_for(tbb::blocked_range<size_t>(0, samples, 1024),
                      [&](const tbb::blocked_range<size_t>& r) {
                        for (size_t k = r.begin(); k < r.end(); ++k) {
                          random_patterns[k] =
                              Pattern(model, left[random[k].left],
                                      right[random[k].right]);
                        }
                      });
    for (size_t c = 0; c < nc; ++c) {
      const size_t nl = model.comparisons[c].levels.size();
      std::vector<double> count(nl, 1.0);  // add-one: no level is impossible
      for (uint64_t p : random_patterns) count[LevelIn(p, c)] += 1;
      double total = 0;
      for (size_t l = 1; l < nl; ++l) total += count[l];
      for (size_t l = 1; l < nl; ++l) stats.u[c][l] = count[l] / total;
    }

    // m by EM over the distinct patterns of the candidate pairs.
    std::vector<uint64_t> scored;
    for (size_t k = 0; k < pairs.size(); ++k) {
      if (verdict[k] == kScore) scored.push_back(patterns[k]);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::pair<uint64_t, double>> distinct;
    for (uint64_t p : scored) {
      if (distinct.empty() || distinct.back().first != p)
        distinct.push_back({p, 0});
      distinct.back().second += 1;
    }
    const double n = static_cast<double>(scored.size());
    const int iterations =
        scored.size() >= model.min_em_pairs ? model.em_iterations : 0;
    for (int it = 0; it < iterations; ++it) {
      std::vector<std::vector<double>> mass(nc);
      for (size_t c = 0; c < nc; ++c) mass[c].assign(stats.m[c].size(), 0.0);
      double matched = 0;
      for (const auto& [p, count] : distinct) {
        double log_bf = std::log(prior / (1 - prior));
        for (size_t c = 0; c < nc; ++c) {
          int l = LevelIn(p, c);
          if (l == 0) continue;  // null: no evidence
          log_bf += std::log(stats.m[c][l] / stats.u[c][l]);
        }
        double post = 1.0 / (1.0 + std::exp(-log_bf));
        matched += post * count;
        for (size_t c = 0; c < nc; ++c) mass[c][LevelIn(p, c)] += post * count;
      }
      prior = std::clamp(matched / n, 1e-6, 1 - 1e-6);
      double change = 0;
      for (size_t c = 0; c < nc; ++c) {
        double total = 0;
        for (size_t l = 1; l < mass[c].size(); ++l) total += mass[c][l];
        if (total <= 0) continue;
        for (size_t l = 1; l < mass[c].size(); ++l) {
          double m = std::clamp(mass[c][l] / total, 1e-6, 1 - 1e-6);
          change = std::max(change, std::abs(m - stats.m[c][l]));
          stats.m[c][l] = m;
        }
      }
      stats.em_iterations_run = it + 1;
      if (change < 1e-5) break;
    }
  }
  stats.prior = prior;

  // Weights per level, then per pair.
  std::vector<std::vector<double>> level_weight(nc);
  for (size_t c = 0; c < nc; ++c) {
    level_weight[c].assign(stats.m[c].size(), 0.0);
    for (size_t l = 1; l < stats.m[c].size(); ++l) {
      level_weight[c][l] = std::log2(stats.m[c][l] / stats.u[c][l]);
    }
  }
  const double prior_weight = std::log2(prior / (1 - prior));
  for (size_t k = 0; k < pairs.size(); ++k) {
    PersonLink m{pairs[k].left, pairs[k].right};
    if (verdict[k] == kOtherId) {
      ++stats.id_conflicts;
      continue;
    }
    if (verdict[k] == kSameId) {
      m.weight = std::numeric_limits<double>::infinity();
      m.probability = 1.0;
      m.confidence = LinkConfidence::kExactId;
      m.agreed.push_back("id_number=exact");
      result.matches.push_back(std::move(m));
      continue;
    }
    double w = prior_weight;
    for (size_t c = 0; c < nc; ++c)
      w += level_weight[c][LevelIn(patterns[k], c)];
    double prob = 1.0 / (1.0 + std::exp2(-w));
    if (prob < model.possible_probability) continue;
    m.weight = w;
    m.probability = prob;
    m.confidence = prob >= model.high_probability ? LinkConfidence::kHigh
                                                  : LinkConfidence::kPossible;
    for (size_t c = 0; c < nc; ++c) {
      int l = LevelIn(patterns[k], c);
      if (level_weight[c][l] > 0) {
        m.agreed.push_back(model.comparisons[c].name + "=" +
                           model.comparisons[c].levels[l].label);
      }
    }
    result.matches.push_back(std::move(m));
  }

  if (model.one_to_one && !dedupe) {
    std::vector<size_t> order(result.matches.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return result.matches[a].weight > result.matches[b].weight;
    });
    std::vector<char> used_left(left.size()), used_right(right.size());
    std::vector<char> keep(result.matches.size());
    for (size_t i : order) {
      const PersonLink& m = result.matches[i];
      if (used_left[m.left] || used_right[m.right]) continue;
      used_left[m.left] = used_right[m.right] = 1;
      keep[i] = 1;
    }
    std::vector<PersonLink> kept;
    for (size_t i = 0; i < keep.size(); ++i) {
      if (keep[i]) kept.push_back(std::move(result.matches[i]));
    }
    result.matches = std::move(kept);
  }
  return result;
}

}  // namespace

bool ParsePersonField(std::string_view name, PersonField* field) {
  for (size_t f = 0; f < kPersonFieldCount; ++f) {
    if (kFieldNames[f] == name) {
      *field = static_cast<PersonField>(f);
      return true;
    }
  }
  if (name == "id_number") {
    *field = PersonField::kCount;
    return true;
  }
  return false;
}

std::string_view LinkConfidenceName(LinkConfidence c) {
  switch (c) {
    case LinkConfidence::kExactId:
      return "exact_id";
    case LinkConfidence::kHigh:
      return "high";
    case LinkConfidence::kPossible:
      return "possible";
  }
  return "?";
}

Status ValidatePersonModel(const PersonModel& model) {
  if (model.comparisons.empty() || model.comparisons.size() > 16) {
    return Status::InvalidArgument("person model: 1 to 16 comparisons");
  }
  for (const BlockingRule& rule : model.blocking) {
    if (rule.parts.empty())
      return Status::InvalidArgument("blocking rule '" + rule.name +
                                     "' has no parts");
  }
  for (const Comparison& c : model.comparisons) {
    if (c.levels.size() < 2 || c.levels.size() > 15) {
      return Status::InvalidArgument("comparison '" + c.name +
                                     "': 2 to 15 levels");
    }
    if (c.levels.front().kind != LevelKind::kNull) {
      return Status::InvalidArgument("comparison '" + c.name +
                                     "': the first level must be null");
    }
    if (c.levels.back().kind != LevelKind::kElse) {
      return Status::InvalidArgument("comparison '" + c.name +
                                     "': the last level must be else");
    }
    for (size_t l = 1; l < c.levels.size(); ++l) {
      const ComparisonLevel& level = c.levels[l];
      if (level.kind == LevelKind::kNull ||
          (level.kind == LevelKind::kElse && l + 1 != c.levels.size())) {
        return Status::InvalidArgument("comparison '" + c.name + "': level '" +
                                       level.label + "' out of place");
      }
      if (!(level.m > 0 && level.m < 1 && level.u > 0 && level.u < 1)) {
        return Status::InvalidArgument("comparison '" + c.name + "': level '" +
                                       level.label +
                                       "' needs m and u in (0, 1)");
      }
    }
  }
  if (!(model.prior > 0 && model.prior < 1))
    return Status::InvalidArgument("person model: prior in (0, 1)");
  if (model.estimate && model.u_sample_pairs == 0) {
    return Status::InvalidArgument(
        "person model: u_sample_pairs must be positive");
  }
  return Status::OK();
}

StatusOr<LinkResult> LinkPersons(const PersonModel& model,
                                 std::span<const PersonRecord> left,
                                 std::span<const PersonRecord> right,
                                 std::span<const IgnoredValue> ignored) {
  return Match(model, left, right, /*dedupe=*/false, ignored);
}

StatusOr<LinkResult> DedupePersons(const PersonModel& model,
                                   std::span<const PersonRecord> records,
                                   std::span<const IgnoredValue> ignored) {
  return Match(model, records, records, /*dedupe=*/true, ignored);
}

std::vector<GenericValue> FindGenericValues(
    std::span<const PersonRecord> records, std::span<const PersonField> fields,
    size_t max_people) {
  std::vector<Prepared> prepared = PrepareAll(records, {});
  struct Seen {
    std::set<std::string> people;
    size_t records = 0;
    std::vector<std::string> ids;
  };
  std::map<std::pair<int, std::string>, Seen> seen;
  for (size_t i = 0; i < records.size(); ++i) {
    const Prepared& p = prepared[i];
    const std::string by_name =
        "nb:" + p.value[static_cast<size_t>(PersonField::kName)] + "|" +
        p.value[static_cast<size_t>(PersonField::kGivenName)] + "|" +
        p.value[static_cast<size_t>(PersonField::kSurname)] + "|" +
        p.value[static_cast<size_t>(PersonField::kBirthDate)];
    const std::string by_id =
        p.id_body ? "id:" + std::to_string(p.id_body) : by_name;
    for (PersonField f : fields) {
      std::string value;
      // People told apart by ID cannot share one: for the ID itself, tell
      // them apart by name and birth date.
      const std::string& person = f == PersonField::kCount ? by_name : by_id;
      if (f == PersonField::kCount) {
        if (p.id_body) value = ResidentIdFromBody(p.id_body).ToString();
      } else {
        value = p.value[static_cast<size_t>(f)];
      }
      if (value.empty()) continue;
      Seen& s = seen[{static_cast<int>(f), value}];
      s.people.insert(person);
      ++s.records;
      if (s.ids.size() < 5) s.ids.push_back(records[i].record_id);
    }
  }
  std::vector<GenericValue> out;
  for (auto& [key, s] : seen) {
    if (s.people.size() <= max_people) continue;
    out.push_back({static_cast<PersonField>(key.first), key.second,
                   s.people.size(), s.records, std::move(s.ids)});
  }
  std::sort(out.begin(), out.end(),
            [](const GenericValue& a, const GenericValue& b) {
              if (a.field != b.field) return a.field < b.field;
              if (a.people != b.people) return a.people > b.people;
              return a.value < b.value;
            });
  return out;
}

std::vector<IgnoredValue> ToIgnored(std::span<const GenericValue> generic) {
  std::vector<IgnoredValue> out;
  for (const GenericValue& g : generic) out.push_back({g.field, g.value});
  return out;
}

PersonModel ChinesePersonModel() {
  PersonModel m;
  using F = PersonField;
  using K = KeyTransform;
  m.blocking = {
      {"birth_date", {{F::kBirthDate, K::kExact}}},
      {"name_pinyin+birth_year",
       {{F::kName, K::kPinyin}, {F::kBirthDate, K::kYear}}},
      {"name+locality", {{F::kName, K::kExact}, {F::kLocality, K::kExact}}},
  };
  m.comparisons = {
      {"name",
       F::kName,
       F::kName,
       {{"null", LevelKind::kNull},
        {"exact", LevelKind::kExact, 0, 0.9, 0.0005},
        {"same_pinyin", LevelKind::kSimilarity, 0.95, 0.05, 0.001},
        {"similar", LevelKind::kSimilarity, 0.75, 0.03, 0.01},
        {"else", LevelKind::kElse, 0, 0.02, 0.99}}},
      {"birth_date",
       F::kBirthDate,
       F::kBirthDate,
       {{"null", LevelKind::kNull},
        {"exact", LevelKind::kExact, 0, 0.9, 0.0001},
        {"one_digit_or_swapped", LevelKind::kDateNear, 0, 0.07, 0.002},
        {"else", LevelKind::kElse, 0, 0.01, 0.998}}},
      {"sex",
       F::kSex,
       F::kSex,
       {{"null", LevelKind::kNull},
        {"exact", LevelKind::kExact, 0, 0.98, 0.5},
        {"else", LevelKind::kElse, 0, 0.02, 0.5}}},
      {"locality",
       F::kLocality,
       F::kLocality,
       {{"null", LevelKind::kNull},
        {"exact", LevelKind::kExact, 0, 0.8, 0.05},
        {"else", LevelKind::kElse, 0, 0.2, 0.95}}},
      {"dwelling",
       F::kDwelling,
       F::kDwelling,
       {{"null", LevelKind::kNull},
        {"exact", LevelKind::kExact, 0, 0.7, 0.0005},
        {"else", LevelKind::kElse, 0, 0.3, 0.9995}}},
      {"phone",
       F::kPhone,
       F::kPhone,
       {{"null", LevelKind::kNull},
        {"exact", LevelKind::kExact, 0, 0.6, 0.0001},
        {"else", LevelKind::kElse, 0, 0.4, 0.9999}}},
  };
  return m;
}

}  // namespace hedui
