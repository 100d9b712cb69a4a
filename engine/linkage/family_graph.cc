#include "engine/linkage/family_graph.h"

#include <fmt/format.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "engine/base/id_number.h"
#include "engine/base/timing.h"
#include "engine/base/union_find.h"
#include "engine/linkage/address.h"
#include "engine/schema/source_record.h"
#include "hedui/record.h"

namespace hedui {

namespace {

bool IsFamilyLink(const FamilyLink& l) {
  return l.kind == FamilyLinkKind::kHukou ||
         l.kind == FamilyLinkKind::kSpouse || l.together;
}
bool IsKinLink(const FamilyLink& l) {
  return l.kind != FamilyLinkKind::kAccount && l.kind != FamilyLinkKind::kPhone;
}

// A dwelling key or a 户号 as 64 bits, 0 for none (a collision among the
// dwellings or households of a province is a few in a million).
uint64_t TextHash(std::string_view key) {
  if (key.empty()) return 0;
  uint64_t h = XXH3_64bits(key.data(), key.size());
  return h == 0 ? 1 : h;
}

}  // namespace

std::string_view FamilyLinkKindName(FamilyLinkKind kind) {
  switch (kind) {
    case FamilyLinkKind::kHukou:
      return "hukou";
    case FamilyLinkKind::kSpouse:
      return "spouse";
    case FamilyLinkKind::kParent:
      return "parent";
    case FamilyLinkKind::kSibling:
      return "sibling";
    case FamilyLinkKind::kAccount:
      return "account";
    case FamilyLinkKind::kPhone:
      return "phone";
  }
  return "?";
}

namespace {

// Slices handed from the thread that reads the register to the one that
// parses it, at most `capacity` waiting, their buffers reused.
template <typename T>
class SliceQueue {
 public:
  explicit SliceQueue(size_t capacity) : capacity_(capacity) {}

  // False once closed: the reader stops.
  bool Push(std::unique_ptr<T> item) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || full_.size() < capacity_; });
    if (closed_) return false;
    full_.push_back(std::move(item));
    changed_.notify_all();
    return true;
  }
  // The next slice, or null once closed and drained.
  std::unique_ptr<T> Pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || !full_.empty(); });
    if (full_.empty()) return nullptr;
    std::unique_ptr<T> item = std::move(full_.front());
    full_.pop_front();
    changed_.notify_all();
    return item;
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }
  void Recycle(std::unique_ptr<T> item) {
    item->keys.clear();
    item->spans.clear();
    item->rows.clear();
    std::lock_guard<std::mutex> lock(mutex_);
    spare_.push_back(std::move(item));
  }
  std::unique_ptr<T> Recycled() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (spare_.empty()) return std::make_unique<T>();
    std::unique_ptr<T> item = std::move(spare_.back());
    spare_.pop_back();
    return item;
  }

 private:
  const size_t capacity_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<T>> full_;
  std::vector<std::unique_ptr<T>> spare_;
  bool closed_ = false;
};

}  // namespace

void FamilyGraph::AddPerson(GraphPerson p, std::string_view name,
                            std::string_view birth_date,
                            std::string_view hukou_id) {
  auto put = [&](std::string_view text, uint16_t* size) {
    // A register field over 64 KB is not a name, date or 户号; its head
    // stands for it.
    text = text.substr(0, UINT16_MAX);
    *size = static_cast<uint16_t>(text.size());
    text_.append(text);
  };
  p.text = text_.size();
  put(name, &p.name_size);
  put(birth_date, &p.birth_size);
  put(hukou_id, &p.hukou_size);
  people_.push_back(p);
}

uint32_t FamilyGraph::InternTownship(std::string_view township) {
  if (township.empty()) return 0;
  // Consecutive people mostly repeat a handful of townships.
  if (last_township_ != 0 && townships_[last_township_] == township)
    return last_township_;
  auto [it, fresh] = township_ids_.try_emplace(
      std::string(township), static_cast<uint32_t>(townships_.size()));
  if (fresh) townships_.emplace_back(township);
  last_township_ = it->second;
  return it->second;
}

StatusOr<FamilyGraph> FamilyGraph::Build(
    const Index& index, const rocksdb::Snapshot* snapshot,
    const std::vector<Household>& households,
    const FamilyGraphOptions& options) {
  auto started = std::chrono::steady_clock::now();
  FamilyGraph g;
  // The register streams through in slices: each slice's rows are decoded
  // and their addresses parsed in parallel (the costly part), and only what
  // linking needs is kept.
  uint64_t estimate = 0;
  if (index.db()->GetIntProperty(index.column_family(FeedKind::kPopulation),
                                 "rocksdb.estimate-num-keys", &estimate)) {
    g.people_.reserve(estimate);
    g.text_.reserve(estimate * 24);
  }
  // The register is read on a thread of its own, a slice of rows at a
  // time, while the cores decode the slice before it and parse its
  // addresses: RocksDB's iterator is one thread, and reading and parsing in
  // turn left a core idle for the read.
  struct Slice {
    std::vector<RecordKey> keys;
    std::vector<std::pair<size_t, size_t>> spans;  // offset, size in rows
    std::string rows;
  };
  SliceQueue<Slice> queue(/*capacity=*/2);
  Status read_status;
  std::thread reader([&] {
    std::unique_ptr<Slice> slice = queue.Recycled();
    read_status = index.ScanLiveRecords(
        FeedKind::kPopulation, snapshot,
        [&](const RecordKey& key, std::string_view value) {
          slice->keys.push_back(key);
          slice->spans.emplace_back(slice->rows.size(), value.size());
          slice->rows.append(value);
          if (slice->keys.size() == 65536) {
            if (!queue.Push(std::move(slice)))
              return Status::Internal("register parse stopped");
            slice = queue.Recycled();
          }
          return Status::OK();
        });
    if (read_status.ok() && !slice->keys.empty()) queue.Push(std::move(slice));
    queue.Close();
  });
  struct Parsed {
    GraphPerson person;
    std::string_view name, birth_date, hukou_id;  // into the slice's rows
    std::string township;
    bool ok = false;
  };
  std::vector<Parsed> parsed;
  AddressNormalizer normalizer;
  bool malformed = false;
  while (std::unique_ptr<Slice> slice = queue.Pop()) {
    const Slice& in = *slice;
    parsed.resize(in.keys.size());
    tbb::parallel_for(
        tbb::blocked_range<size_t>(0, in.keys.size(), 1024),
        [&](const tbb::blocked_range<size_t>& r) {
          std::vector<std::string_view> fields;
          for (size_t i = r.begin(); i != r.end(); ++i) {
            Parsed& out = parsed[i];
            std::string_view value(in.rows.data() + in.spans[i].first,
                                   in.spans[i].second);
            out.ok = DecodeRecordFields(value, &fields);
            if (!out.ok) continue;
            // A row written before the schema grew has fewer fields.
            auto field = [&](int k) {
              size_t at = static_cast<size_t>(k);
              return at < fields.size() ? fields[at] : std::string_view();
            };
            GraphPerson& p = out.person;
            p = GraphPerson();
            p.id_body = in.keys[i].id_body;
            p.batch = in.keys[i].batch;
            p.line = in.keys[i].line;
            p.father = StoredIdBody(field(field::kPopFatherId));
            p.mother = StoredIdBody(field(field::kPopMotherId));
            p.spouse = StoredIdBody(field(field::kPopSpouseId));
            out.hukou_id = field(field::kPopHukouId);
            p.hukou_hash = TextHash(out.hukou_id);
            out.name = field(field::kPopName);
            out.birth_date = field(field::kPopBirthDate);
            Address a = normalizer.Parse(field(field::kPopAddress));
            // One county's register: the region prefix is written or left
            // out at the clerk's whim and says nothing about the dwelling.
            a.province.clear();
            a.city.clear();
            a.county.clear();
            p.dwelling_hash = TextHash(DwellingKey(a));
            out.township = std::move(a.township);
          }
        });
    for (Parsed& out : parsed) {
      if (!out.ok) {
        malformed = true;
        continue;
      }
      out.person.township = g.InternTownship(out.township);
      g.AddPerson(out.person, out.name, out.birth_date, out.hukou_id);
    }
    if (malformed) break;
    queue.Recycle(std::move(slice));
  }
  queue.Close();  // a reader still reading stops at its next slice
  reader.join();
  HEDUI_RETURN_IF_ERROR(read_status.ok() || malformed ? Status::OK()
                                                      : read_status);
  TimingMark("FG: register read and parsed");
  if (malformed)
    return Status::Corruption(
        fmt::format("{}: malformed population record", index.dir()));
  g.index_ = &index;
  g.snapshot_ = snapshot;
  g.Finish(households, options);
  g.seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  return g;
}

SourceRecord FamilyGraph::Record(uint32_t i) const {
  const GraphPerson& p = people_[i];
  if (!held_records_.empty()) return held_records_[i];
  SourceRecord out;
  out.kind = FeedKind::kPopulation;
  out.key = RecordKey{p.id_body, p.batch, p.line};
  out.fields.assign(GetFeedSpec(FeedKind::kPopulation).fields.size(),
                    std::string());
  if (index_ == nullptr) return out;
  char key[kRecordKeySize];
  EncodeRecordKey(out.key, key);
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot_;
  std::string value;
  rocksdb::Status s =
      index_->db()->Get(ro, index_->column_family(FeedKind::kPopulation),
                        rocksdb::Slice(key, kRecordKeySize), &value);
  // The row was read under the same snapshot moments ago; should it be
  // unreadable now, the evidence keeps its file and line.
  if (s.ok()) DecodeSourceRecord(FeedKind::kPopulation, out.key, value, &out);
  return out;
}

FamilyGraph FamilyGraph::FromPeople(std::vector<FamilyPerson> people,
                                    const std::vector<Household>& households,
                                    const FamilyGraphOptions& options) {
  auto started = std::chrono::steady_clock::now();
  FamilyGraph g;
  // In ID order, rows of one person in their given order (Finish keeps the
  // last).
  std::vector<uint32_t> order(people.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return people[a].id_body < people[b].id_body;
  });
  bool with_fields = false;
  for (size_t k = 0; k < order.size(); ++k) {
    FamilyPerson& f = people[order[k]];
    GraphPerson p;
    p.id_body = f.id_body;
    p.father = f.father;
    p.mother = f.mother;
    p.spouse = f.spouse;
    p.batch = f.record.key.batch;
    p.line = f.record.key.line;
    p.hukou_hash = TextHash(f.hukou_id);
    p.dwelling_hash =
        f.dwelling.empty() ? f.dwelling_hash : TextHash(f.dwelling);
    p.township = g.InternTownship(f.township);
    const bool has_fields = !f.record.fields.empty();
    std::string_view name = f.name, birth_date = f.birth_date;
    if (has_fields && name.empty()) name = f.record.field(field::kPopName);
    if (has_fields && birth_date.empty())
      birth_date = f.record.field(field::kPopBirthDate);
    g.AddPerson(p, name, birth_date, f.hukou_id);
    with_fields = with_fields || has_fields;
    SourceRecord record = std::move(f.record);
    record.kind = FeedKind::kPopulation;
    record.key.id_body = f.id_body;
    if (record.fields.empty())
      record.fields.resize(GetFeedSpec(FeedKind::kPopulation).fields.size());
    g.held_records_.push_back(std::move(record));
  }
  if (!with_fields) g.held_records_.clear();
  g.Finish(households, options);
  g.seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  return g;
}

void FamilyGraph::Finish(const std::vector<Household>& households,
                         const FamilyGraphOptions& options) {
  // The index hands the register over in key order (ID, batch, line), and
  // FromPeople sorts: of one person's rows, the last counts.
  size_t kept = 0;
  for (size_t i = 0; i < people_.size(); ++i) {
    if (i + 1 < people_.size() && people_[i + 1].id_body == people_[i].id_body)
      continue;
    if (!held_records_.empty() && kept != i)
      held_records_[kept] = std::move(held_records_[i]);
    people_[kept++] = people_[i];
  }
  people_.resize(kept);
  if (!held_records_.empty()) held_records_.resize(kept);
  township_ids_.clear();
  TimingMark("FG: people in ID order");
  Link(households, options);
}

namespace {
constexpr size_t kSampleStep = 64;
}  // namespace

int64_t FamilyGraph::Find(uint64_t id_body) const {
  // A dense array of IDs, and every 64th of them in a small array that
  // stays in cache: the search there finds the block of 64, and only that
  // block of the big array is read (a register of 10 million: 80 MB).
  auto s = std::upper_bound(id_sample_.begin(), id_sample_.end(), id_body);
  if (s == id_sample_.begin()) return -1;
  size_t begin = static_cast<size_t>(s - id_sample_.begin() - 1) * kSampleStep;
  size_t end = std::min(ids_.size(), begin + kSampleStep);
  auto it =
      std::lower_bound(ids_.begin() + static_cast<ptrdiff_t>(begin),
                       ids_.begin() + static_cast<ptrdiff_t>(end), id_body);
  return it != ids_.begin() + static_cast<ptrdiff_t>(end) && *it == id_body
             ? it - ids_.begin()
             : -1;
}

void FamilyGraph::Link(const std::vector<Household>& households,
                       const FamilyGraphOptions& options) {
  const uint32_t n = static_cast<uint32_t>(people_.size());
  ids_.resize(n);
  for (uint32_t i = 0; i < n; ++i) ids_[i] = people_[i].id_body;
  id_sample_.clear();
  for (size_t i = 0; i < ids_.size(); i += kSampleStep)
    id_sample_.push_back(ids_[i]);
  links_.reserve(n * 2);
  auto together = [&](uint32_t a, uint32_t b) {
    return people_[a].dwelling_hash != 0 &&
           people_[a].dwelling_hash == people_[b].dwelling_hash;
  };
  auto add = [&](uint32_t a, uint32_t b, FamilyLinkKind kind) {
    if (a != b) links_.push_back({a, b, kind, together(a, b)});
  };
  // Groups sharing a key are stars around their first member: linear, never
  // all pairs. Each key's first holder is found by sorting (key, position)
  // pairs on both cores: hash maps of tens of millions of keys miss the
  // cache at every step (10 million: 11 s of linking). The links are then
  // made in the same order as ever, person by person.
  //
  // Hukou: hashed, then grouped by the text within a run of equal hashes.
  std::vector<uint32_t> hukou_first(n, UINT32_MAX);
  {
    std::vector<std::pair<uint64_t, uint32_t>> keys;
    keys.reserve(n);
    for (uint32_t i = 0; i < n; ++i) {
      if (people_[i].hukou_hash != 0)
        keys.emplace_back(people_[i].hukou_hash, i);
    }
    tbb::parallel_sort(keys.begin(), keys.end());
    for (size_t b = 0; b < keys.size();) {
      size_t e = b + 1;
      while (e < keys.size() && keys[e].first == keys[b].first) ++e;
      std::vector<uint32_t> others;  // firsts of other texts (collisions)
      for (size_t k = b; k < e; ++k) {
        uint32_t i = keys[k].second;
        std::string_view h = HukouId(i);
        uint32_t first = i;
        if (h == HukouId(keys[b].second)) {
          first = keys[b].second;
        } else {
          for (uint32_t o : others) {
            if (HukouId(o) == h) {
              first = o;
              break;
            }
          }
          if (first == i) others.push_back(i);
        }
        hukou_first[i] = first;
      }
      b = e;
    }
  }
  TimingMark("FG: hukou grouped");
  // Parents: slot 2i is person i's father, 2i + 1 the mother. A parent's
  // first child slot, and the first at each dwelling.
  std::vector<uint32_t> child_first(2 * static_cast<size_t>(n), UINT32_MAX);
  std::vector<uint32_t> child_at_first(2 * static_cast<size_t>(n), UINT32_MAX);
  {
    struct SlotKey {
      uint64_t parent;
      uint64_t dwelling;
      uint32_t slot;
    };
    std::vector<SlotKey> slots;
    slots.reserve(n);
    for (uint32_t i = 0; i < n; ++i) {
      const GraphPerson& p = people_[i];
      if (p.father) slots.push_back({p.father, p.dwelling_hash, 2 * i});
      if (p.mother) slots.push_back({p.mother, p.dwelling_hash, 2 * i + 1});
    }
    tbb::parallel_sort(
        slots.begin(), slots.end(), [](const SlotKey& a, const SlotKey& b) {
          return a.parent != b.parent ? a.parent < b.parent : a.slot < b.slot;
        });
    for (size_t b = 0; b < slots.size();) {
      size_t e = b + 1;
      while (e < slots.size() && slots[e].parent == slots[b].parent) ++e;
      for (size_t k = b; k < e; ++k) child_first[slots[k].slot] = slots[b].slot;
      b = e;
    }
    std::erase_if(slots, [](const SlotKey& k) { return k.dwelling == 0; });
    tbb::parallel_sort(slots.begin(), slots.end(),
                       [](const SlotKey& a, const SlotKey& b) {
                         if (a.parent != b.parent) return a.parent < b.parent;
                         if (a.dwelling != b.dwelling)
                           return a.dwelling < b.dwelling;
                         return a.slot < b.slot;
                       });
    for (size_t b = 0; b < slots.size();) {
      size_t e = b + 1;
      while (e < slots.size() && slots[e].parent == slots[b].parent &&
             slots[e].dwelling == slots[b].dwelling)
        ++e;
      for (size_t k = b; k < e; ++k)
        child_at_first[slots[k].slot] = slots[b].slot;
      b = e;
    }
  }
  TimingMark("FG: parents grouped");
  // Where each person's spouse and parents are: every (ID named, slot)
  // pair sorted, then walked beside the sorted IDs in pieces on both cores —
  // a merge, where a binary search per name missed the cache at every step
  // (5.3 s at 10 million). Slot 3i names person i's spouse, 3i + 1 the
  // father, 3i + 2 the mother. The same sorted pairs are the lists of who
  // names a spouse or a parent (SpousesNaming, ChildrenOf).
  std::vector<int32_t> spouse_at(n, -1), father_at(n, -1), mother_at(n, -1);
  {
    std::vector<std::pair<uint64_t, uint64_t>> named;
    for (uint32_t i = 0; i < n; ++i) {
      const GraphPerson& p = people_[i];
      const uint64_t slot = 3 * uint64_t{i};
      if (p.spouse) named.emplace_back(p.spouse, slot);
      if (p.father) named.emplace_back(p.father, slot + 1);
      if (p.mother) named.emplace_back(p.mother, slot + 2);
    }
    tbb::parallel_sort(named.begin(), named.end());
    tbb::parallel_for(
        tbb::blocked_range<size_t>(0, named.size(), 1 << 14),
        [&](const tbb::blocked_range<size_t>& r) {
          size_t k =
              static_cast<size_t>(std::lower_bound(ids_.begin(), ids_.end(),
                                                   named[r.begin()].first) -
                                  ids_.begin());
          for (size_t w = r.begin(); w != r.end(); ++w) {
            while (k < ids_.size() && ids_[k] < named[w].first) ++k;
            const int32_t at = k < ids_.size() && ids_[k] == named[w].first
                                   ? static_cast<int32_t>(k)
                                   : -1;
            const uint32_t i = static_cast<uint32_t>(named[w].second / 3);
            switch (named[w].second % 3) {
              case 0:
                spouse_at[i] = at;
                break;
              case 1:
                father_at[i] = at;
                break;
              default:
                mother_at[i] = at;
            }
          }
        });
    for (const auto& [body, slot] : named) {
      const uint32_t i = static_cast<uint32_t>(slot / 3);
      (slot % 3 == 0 ? by_spouse_ : by_parent_).emplace_back(body, i);
    }
  }
  TimingMark("FG: spouses and parents found");
  // The links person by person, in blocks on both cores (each a random
  // read of the people it joins: 10 s on one core at 10 million), the
  // blocks' links then laid end to end in person order, as one loop would.
  struct Block {
    std::vector<FamilyLink> links;
  };
  const uint32_t block_size = 1 << 16;
  std::vector<Block> blocks((n + block_size - 1) / block_size);
  tbb::parallel_for(size_t{0}, blocks.size(), [&](size_t block) {
    Block& out = blocks[block];
    auto add_link = [&](uint32_t a, uint32_t b, FamilyLinkKind kind) {
      if (a != b) out.links.push_back({a, b, kind, together(a, b)});
    };
    const uint32_t end = static_cast<uint32_t>(
        std::min<size_t>(n, (block + 1) * size_t{block_size}));
    for (uint32_t i = static_cast<uint32_t>(block * block_size); i < end; ++i) {
      const GraphPerson& p = people_[i];
      if (p.hukou_hash != 0 && hukou_first[i] != i)
        add_link(hukou_first[i], i, FamilyLinkKind::kHukou);
      if (p.spouse) {
        int64_t j = spouse_at[i];
        // Once per couple, whether one or both rows name the other.
        if (j >= 0 &&
            (static_cast<uint32_t>(j) > i || people_[j].spouse != p.id_body)) {
          add_link(i, static_cast<uint32_t>(j), FamilyLinkKind::kSpouse);
        }
      }
      for (int which = 0; which < 2; ++which) {
        uint64_t parent = which == 0 ? p.father : p.mother;
        if (!parent) continue;
        if (int64_t j = which == 0 ? father_at[i] : mother_at[i]; j >= 0)
          add_link(i, static_cast<uint32_t>(j), FamilyLinkKind::kParent);
        const uint32_t slot = 2 * i + static_cast<uint32_t>(which);
        const uint32_t first = child_first[slot];
        const bool fresh = first == slot;
        if (!fresh) add_link(first / 2, i, FamilyLinkKind::kSibling);
        if (p.dwelling_hash != 0) {
          // Siblings living together, when the first-listed child lives
          // apart.
          const uint32_t first_at = child_at_first[slot];
          if (first_at != slot && !fresh && first_at / 2 != first / 2)
            add_link(first_at / 2, i, FamilyLinkKind::kSibling);
        }
      }
    }
  });
  for (Block& block : blocks) {
    links_.insert(links_.end(), block.links.begin(), block.links.end());
    block = Block();
  }
  TimingMark("FG: register links");
  // Payment accounts and phones of the roll: the case's, on every member.
  for (int kind = 0; kind < 2; ++kind) {
    FamilyLinkKind link_kind =
        kind == 0 ? FamilyLinkKind::kAccount : FamilyLinkKind::kPhone;
    std::map<std::string, std::vector<uint32_t>>
        cases_of;  // ordered: deterministic notes
    for (uint32_t h = 0; h < households.size(); ++h) {
      const Household& hh = households[h];
      static const std::string kNone;
      const std::string& v = kind == 0 ? hh.bank_account
                             : hh.members.empty()
                                 ? kNone
                                 : hh.members[0].roll.field(field::kRollPhone);
      if (!v.empty()) cases_of[v].push_back(h);
    }
    for (const auto& [value, cases] : cases_of) {
      if (cases.size() < 2) continue;
      if (static_cast<int>(cases.size()) > options.generic_max_cases) {
        generic_.push_back(fmt::format("{} {}: {} cases",
                                       FamilyLinkKindName(link_kind), value,
                                       cases.size()));
        continue;
      }
      // Who shares it and lives together: a star per dwelling.
      std::unordered_map<uint64_t, std::pair<uint32_t, uint32_t>>
          first_at;  // dwelling → (person, case)
      for (uint32_t h : cases) {
        for (const Member& m : households[h].members) {
          int64_t j = Find(m.id_body);
          if (j < 0 || people_[j].dwelling_hash == 0) continue;
          auto [it, fresh] =
              first_at.emplace(people_[j].dwelling_hash,
                               std::make_pair(static_cast<uint32_t>(j), h));
          if (!fresh && it->second.second != h)
            add(it->second.first, static_cast<uint32_t>(j), link_kind);
        }
      }
    }
  }
  TimingMark("FG: account and phone links");
  UnionFind family(n), kin(n);
  for (const FamilyLink& l : links_) {
    if (IsFamilyLink(l)) family.Union(l.a, l.b);
    if (IsKinLink(l)) kin.Union(l.a, l.b);
  }
  family_ = family.Roots();
  kin_ = kin.Roots();
  adj_begin_.assign(n + 1, 0);
  for (const FamilyLink& l : links_) {
    ++adj_begin_[l.a + 1];
    ++adj_begin_[l.b + 1];
  }
  for (uint32_t i = 0; i < n; ++i) adj_begin_[i + 1] += adj_begin_[i];
  adj_.resize(adj_begin_[n]);
  std::vector<uint32_t> fill(adj_begin_.begin(), adj_begin_.end() - 1);
  for (uint32_t k = 0; k < links_.size(); ++k) {
    adj_[fill[links_[k].a]++] = k;
    adj_[fill[links_[k].b]++] = k;
  }
}

std::vector<FamilyLink> FamilyGraph::Path(uint32_t from, uint32_t to,
                                          bool family_only) const {
  if (from == to) return {};
  // Breadth first within one group: groups are families, a handful of people.
  std::unordered_map<uint32_t, uint32_t> via;  // person → link that reached it
  std::deque<uint32_t> queue{from};
  via.emplace(from, UINT32_MAX);
  while (!queue.empty() && !via.count(to)) {
    uint32_t p = queue.front();
    queue.pop_front();
    for (uint32_t k = adj_begin_[p]; k < adj_begin_[p + 1]; ++k) {
      const FamilyLink& l = links_[adj_[k]];
      if (family_only ? !IsFamilyLink(l) : !IsKinLink(l)) continue;
      uint32_t q = l.a == p ? l.b : l.a;
      if (via.emplace(q, adj_[k]).second) queue.push_back(q);
    }
  }
  std::vector<FamilyLink> path;
  if (!via.count(to)) return path;
  for (uint32_t p = to; p != from;) {
    const FamilyLink& l = links_[via[p]];
    path.push_back(l);
    p = l.a == p ? l.b : l.a;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

namespace {
std::vector<uint32_t> Lookup(
    const std::vector<std::pair<uint64_t, uint32_t>>& pairs, uint64_t key) {
  std::vector<uint32_t> out;
  auto it = std::lower_bound(pairs.begin(), pairs.end(),
                             std::make_pair(key, uint32_t{0}));
  for (; it != pairs.end() && it->first == key; ++it) out.push_back(it->second);
  return out;
}
}  // namespace

std::vector<uint32_t> FamilyGraph::ChildrenOf(uint64_t parent_body) const {
  return Lookup(by_parent_, parent_body);
}
std::vector<uint32_t> FamilyGraph::SpousesNaming(uint64_t body) const {
  return Lookup(by_spouse_, body);
}

std::string DescribePath(const FamilyGraph& graph,
                         const std::vector<FamilyLink>& path) {
  (void)graph;
  std::string out;
  for (const FamilyLink& l : path) {
    if (!out.empty()) out += " → ";
    out += FamilyLinkKindName(l.kind);
    if (l.together && l.kind != FamilyLinkKind::kHukou &&
        l.kind != FamilyLinkKind::kSpouse)
      out += "(together)";
  }
  return out;
}

}  // namespace hedui
