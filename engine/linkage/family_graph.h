// The family graph: a cross-case pass (like LinkCases in
// engine/check/cross_check.cc) that groups the people of the population
// register into families and ties roll members to each other and to the cadre
// roster, for SPLIT 拆户, MERGE 合户 and CADRE_KIN 关系保
// (configs/rules/README.md, "What each ground means").
//
// Nodes are the people of the population register. Links:
//   hukou    same 户号 (hukou_id)
//   spouse   spouse_id, either way
//   parent   father_id / mother_id
//   sibling  a shared father or mother
//   account, phone  one roll payment account or phone, on two cases
// A link is "together" when both people's register addresses give the same
// non-empty DwellingKey (engine/linkage/address.h).
//
// Two partitions come out of one union-find pass each, never listing all
// pairs (a group of people sharing a key is linked as a star to its first
// member):
//   family  one household living as one: hukou and spouse links, and
//           parent, sibling, account and phone links that are together.
//   kin     related at all: hukou, spouse, parent and sibling links,
//           wherever the people live.
// An account or phone on more than `generic_max_cases` cases is a generic
// value (an office phone, a data-entry default): it links nobody and the run
// says so once.
//
// Register rows are decoded and their addresses parsed in parallel; the
// unions run in one thread in register order, so the result does not depend
// on the thread count.
//
// The cadre roster is resolved to people of the graph in
// engine/linkage/cadre_resolution.h, and the graph and the cadres become
// each case's ties in engine/linkage/household_ties.h.
#ifndef HEDUI_ENGINE_LINKAGE_FAMILY_GRAPH_H_
#define HEDUI_ENGINE_LINKAGE_FAMILY_GRAPH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/index/index.h"
#include "hedui/case_model.h"
#include "hedui/status.h"

namespace hedui {

enum class FamilyLinkKind : uint8_t {
  kHukou,
  kSpouse,
  kParent,
  kSibling,
  kAccount,
  kPhone
};
// "hukou", "spouse", "parent", "sibling", "account", "phone".
std::string_view FamilyLinkKindName(FamilyLinkKind kind);

struct FamilyLink {
  uint32_t a = 0,
           b = 0;  // people (FamilyGraph indexes); for parent: a is the child
  FamilyLinkKind kind = FamilyLinkKind::kHukou;
  bool together = false;  // same dwelling
};

struct FamilyGraphOptions {
  // Cases above which an account or phone is generic. Default 3.
  int generic_max_cases = 3;
};

// One person of the register, as FromPeople takes them (tests, benchmarks).
struct FamilyPerson {
  uint64_t id_body = 0;
  uint64_t father = 0, mother = 0, spouse = 0;  // ID bodies; 0: not given
  std::string hukou_id;
  // DwellingKey, region prefix dropped; empty: none (or give dwelling_hash).
  std::string dwelling;
  uint64_t dwelling_hash = 0;
  std::string township;          // parsed from the address
  std::string name, birth_date;  // for matching the cadre roster
  // The population row: its key, and its fields when the caller has them
  // (FamilyGraph::Record returns them).
  SourceRecord record;
};

// One person as the graph keeps them: fixed-size numbers, with the few
// texts the graph needs in one shared buffer and the township interned.
// The register row itself is not kept (about 1 KB a person, 10 GB for 10
// million): evidence reads the few rows it needs back from the index
// (FamilyGraph::Record). Strings for each field took 248 bytes a person
// and a 10-million register's graph 2.5 GB; this takes 80 and a few bytes
// of text.
struct GraphPerson {
  uint64_t id_body = 0;
  uint64_t father = 0, mother = 0, spouse = 0;  // ID bodies; 0: not given
  uint64_t hukou_hash = 0;                      // XXH3 of the 户号; 0: none
  uint64_t dwelling_hash = 0;                   // of the DwellingKey; 0: none
  uint32_t batch = 0, line = 0;                 // the population row's key
  uint64_t text = 0;  // name, birth date, 户号 at this offset of the text
  uint16_t name_size = 0, birth_size = 0, hukou_size = 0;
  uint32_t township = 0;  // interned; 0: none
};

class FamilyGraph {
 public:
  // Reads the live population records of `index` and links them. `households`
  // (the run's, sorted by case_id) give the account and phone links.
  static StatusOr<FamilyGraph> Build(const Index& index,
                                     const rocksdb::Snapshot* snapshot,
                                     const std::vector<Household>& households,
                                     const FamilyGraphOptions& options);
  // The same from records already in memory (tests, benchmarks): `people`
  // in any order; duplicates of one ID keep the last.
  static FamilyGraph FromPeople(std::vector<FamilyPerson> people,
                                const std::vector<Household>& households,
                                const FamilyGraphOptions& options);

  size_t size() const { return people_.size(); }
  const GraphPerson& person(uint32_t i) const { return people_[i]; }
  // Person i's name, birth date and 户号 as the register gives them, and the
  // township parsed from the address ("" when none).
  std::string_view Name(uint32_t i) const {
    return {text_.data() + people_[i].text, people_[i].name_size};
  }
  std::string_view BirthDate(uint32_t i) const {
    return {text_.data() + people_[i].text + people_[i].name_size,
            people_[i].birth_size};
  }
  std::string_view HukouId(uint32_t i) const {
    const GraphPerson& p = people_[i];
    return {text_.data() + p.text + p.name_size + p.birth_size, p.hukou_size};
  }
  std::string_view Township(uint32_t i) const {
    return townships_[people_[i].township];
  }
  // Person i's population row, for evidence (read from the index, as of the
  // snapshot the graph was built on, when not held in memory).
  SourceRecord Record(uint32_t i) const;
  // The person with this ID body, or -1.
  int64_t Find(uint64_t id_body) const;
  // Representative of i's family / kin group (the smallest index in it).
  uint32_t Family(uint32_t i) const { return family_[i]; }
  uint32_t Kin(uint32_t i) const { return kin_[i]; }
  const std::vector<FamilyLink>& links() const { return links_; }
  // A shortest chain of links from `from` to `to`: family links only
  // (`family_only`) or kin links only. Empty when none (or from == to).
  std::vector<FamilyLink> Path(uint32_t from, uint32_t to,
                               bool family_only) const;
  // People whose father_id or mother_id is this ID body, and people whose
  // spouse_id is.
  std::vector<uint32_t> ChildrenOf(uint64_t parent_body) const;
  std::vector<uint32_t> SpousesNaming(uint64_t body) const;
  // Generic accounts and phones found ("account 6228…: 7 cases").
  const std::vector<std::string>& generic_values() const { return generic_; }
  double seconds() const { return seconds_; }

 private:
  // Appends a person whose texts are these (each cut at 65,535 bytes).
  void AddPerson(GraphPerson p, std::string_view name,
                 std::string_view birth_date, std::string_view hukou_id);
  uint32_t InternTownship(std::string_view township);
  // people_ in ID order, the last row of an ID kept; then Link.
  void Finish(const std::vector<Household>& households,
              const FamilyGraphOptions& options);
  void Link(const std::vector<Household>& households,
            const FamilyGraphOptions& options);

  const Index* index_ = nullptr;  // Build's, for Record
  const rocksdb::Snapshot* snapshot_ = nullptr;
  std::vector<GraphPerson> people_;  // sorted by id_body
  std::string text_;                 // GraphPerson::text points here
  std::vector<std::string> townships_{std::string()};
  std::unordered_map<std::string, uint32_t> township_ids_;  // while building
  uint32_t last_township_ = 0;
  // FromPeople's rows that came with their fields, by person; empty when
  // built from the index.
  std::vector<SourceRecord> held_records_;
  std::vector<uint64_t> ids_;        // people_'s id_body, for Find
  std::vector<uint64_t> id_sample_;  // every kSampleStep-th of ids_
  std::vector<FamilyLink> links_;
  std::vector<uint32_t> family_, kin_;
  std::vector<uint32_t> adj_begin_, adj_;  // links_ indexes per person (CSR)
  std::vector<std::pair<uint64_t, uint32_t>> by_parent_, by_spouse_;  // sorted
  std::vector<std::string> generic_;
  double seconds_ = 0;
};

// A link's label in evidence: "spouse", "parent(together)".
std::string DescribePath(const FamilyGraph& graph,
                         const std::vector<FamilyLink>& path);

}  // namespace hedui

#endif  // HEDUI_ENGINE_LINKAGE_FAMILY_GRAPH_H_
