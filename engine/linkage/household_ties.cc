#include "engine/linkage/household_ties.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace hedui {

void TieHouseholds(const FamilyGraph& graph,
                   const std::vector<CadreMatch>& cadres,
                   std::vector<Household>* households,
                   std::vector<std::string>* notes) {
  std::vector<Household>& hs = *households;
  // Where each roll member is in the register, and people in several cases.
  std::vector<std::vector<int64_t>> where(hs.size());
  std::unordered_map<uint64_t, uint32_t> cases_of;
  size_t missing = 0;
  for (uint32_t h = 0; h < hs.size(); ++h) {
    for (const Member& m : hs[h].members) {
      where[h].push_back(graph.Find(m.id_body));
      missing += where[h].back() < 0;
      ++cases_of[m.id_body];
    }
  }
  if (missing) {
    notes->push_back(
        fmt::format("SPLIT, MERGE, CADRE_KIN: {} roll member(s) not in the "
                    "population register "
                    "are left out",
                    missing));
  }
  auto usable = [&](uint32_t h, uint32_t i) {
    return where[h][i] >= 0 && cases_of[hs[h].members[i].id_body] == 1;
  };
  auto evidence = [&](const std::vector<FamilyLink>& path, uint32_t from) {
    std::vector<SourceRecord> out{graph.Record(from)};
    uint32_t p = from;
    for (const FamilyLink& l : path) {
      p = l.a == p ? l.b : l.a;
      out.push_back(graph.Record(p));
    }
    return out;
  };

  // SPLIT: family groups holding members of two or more cases.
  struct Slot {
    uint32_t family, h, i;
  };
  std::vector<Slot> slots;
  for (uint32_t h = 0; h < hs.size(); ++h) {
    for (uint32_t i = 0; i < hs[h].members.size(); ++i) {
      if (usable(h, i))
        slots.push_back(
            {graph.Family(static_cast<uint32_t>(where[h][i])), h, i});
    }
  }
  std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) {
    return std::tie(a.family, a.h, a.i) < std::tie(b.family, b.h, b.i);
  });
  for (size_t b = 0; b < slots.size();) {
    size_t e = b;
    while (e < slots.size() && slots[e].family == slots[b].family) ++e;
    if (slots[e - 1].h != slots[b].h) {
      for (size_t x = b; x < e; ++x) {
        // One tie per other case, to its first member in this family.
        for (size_t y = b; y < e; ++y) {
          if (slots[y].h == slots[x].h ||
              (y > b && slots[y - 1].h == slots[y].h))
            continue;
          Household& mine = hs[slots[x].h];
          const Household& other = hs[slots[y].h];
          uint32_t from = static_cast<uint32_t>(where[slots[x].h][slots[x].i]);
          uint32_t to = static_cast<uint32_t>(where[slots[y].h][slots[y].i]);
          std::vector<FamilyLink> path =
              graph.Path(from, to, /*family_only=*/true);
          FamilyTie tie;
          tie.member = slots[x].i;
          tie.other_case = other.case_id;
          tie.other_enrolled = other.enrolled_on;
          tie.other_has_enrolled = other.has_enrolled_on;
          tie.relation = DescribePath(graph, path);
          tie.evidence = evidence(path, from);
          mine.split_ties.push_back(std::move(tie));
        }
      }
    }
    b = e;
  }
  for (Household& h : hs) {
    std::stable_sort(h.split_ties.begin(), h.split_ties.end(),
                     [](const FamilyTie& a, const FamilyTie& b) {
                       return std::tie(a.member, a.other_case) <
                              std::tie(b.member, b.other_case);
                     });
  }

  // MERGE: members of no kin to the case's own family. The own family is
  // the kin group with the most members; a tie goes to the 户主's group,
  // then to the group of the member with the smallest ID. The head is the
  // member whose relation is the code `head` (户主, 本人, 01, 02 …).
  for (uint32_t h = 0; h < hs.size(); ++h) {
    Household& hh = hs[h];
    std::map<uint32_t, std::vector<uint32_t>> groups;  // kin root → members
    for (uint32_t i = 0; i < hh.members.size(); ++i) {
      if (usable(h, i))
        groups[graph.Kin(static_cast<uint32_t>(where[h][i]))].push_back(i);
    }
    if (groups.size() < 2) continue;
    auto rank = [&](const std::vector<uint32_t>& g) {
      bool head = false;
      for (uint32_t i : g) {
        // The relation is stored as its GB/T 4761 code; a record stored
        // before it was a code still holds the roll's word.
        const std::string& relation =
            hh.members[i].roll.field(field::kRollRelation);
        head = head || relation == "head" || relation == "户主";
      }
      return std::make_tuple(g.size(), head, -static_cast<int64_t>(g.front()));
    };
    const std::vector<uint32_t>* own = nullptr;
    for (const auto& [root, g] : groups) {
      if (own == nullptr || rank(g) > rank(*own)) own = &g;
    }
    uint32_t own_person = static_cast<uint32_t>(where[h][own->front()]);
    for (const auto& [root, g] : groups) {
      if (&g == own) continue;
      for (uint32_t i : g) {
        uint32_t p = static_cast<uint32_t>(where[h][i]);
        FamilyTie tie;
        tie.member = i;
        tie.relation = fmt::format("hukou {} has no kin link to hukou {}",
                                   graph.HukouId(p), graph.HukouId(own_person));
        tie.evidence = {graph.Record(p), graph.Record(own_person)};
        hh.merge_ties.push_back(std::move(tie));
      }
    }
    std::sort(hh.merge_ties.begin(), hh.merge_ties.end(),
              [](const FamilyTie& a, const FamilyTie& b) {
                return a.member < b.member;
              });
  }

  // CADRE_KIN: the cadre, spouse, parents, children and siblings.
  std::unordered_map<uint32_t, std::vector<std::pair<size_t, std::string_view>>>
      kin_of;  // person → (cadre, relation)
  size_t no_township = 0;
  for (size_t c = 0; c < cadres.size(); ++c) {
    const CadreMatch& m = cadres[c];
    if (m.person < 0 || m.confidence == LinkConfidence::kPossible) continue;
    if (m.cadre.field(field::kCadreTownship).empty()) {
      ++no_township;
      continue;
    }
    const GraphPerson& me = graph.person(static_cast<uint32_t>(m.person));
    std::vector<std::pair<int64_t, std::string_view>> kin{{m.person, "self"}};
    if (me.spouse) kin.emplace_back(graph.Find(me.spouse), "spouse");
    for (uint32_t s : graph.SpousesNaming(me.id_body))
      kin.emplace_back(s, "spouse");
    for (uint64_t parent : {me.father, me.mother}) {
      if (!parent) continue;
      kin.emplace_back(graph.Find(parent), "parent");
      for (uint32_t s : graph.ChildrenOf(parent))
        kin.emplace_back(s, "sibling");
    }
    for (uint32_t child : graph.ChildrenOf(me.id_body))
      kin.emplace_back(child, "child");
    std::set<int64_t> seen;
    for (const auto& [p, rel] : kin) {
      if (p < 0 || !seen.insert(p).second)
        continue;  // self before sibling, spouse once
      kin_of[static_cast<uint32_t>(p)].emplace_back(c, rel);
    }
  }
  if (no_township) {
    notes->push_back(fmt::format(
        "CADRE_KIN: {} cadre roster row(s) without a township are left out",
        no_township));
  }
  for (uint32_t h = 0; h < hs.size(); ++h) {
    Household& hh = hs[h];
    for (uint32_t i = 0; i < hh.members.size(); ++i) {
      if (where[h][i] < 0) continue;
      auto it = kin_of.find(static_cast<uint32_t>(where[h][i]));
      if (it == kin_of.end()) continue;
      for (const auto& [c, rel] : it->second) {
        const CadreMatch& m = cadres[c];
        if (m.cadre.field(field::kCadreTownship) != hh.township) continue;
        FamilyTie tie;
        tie.member = i;
        tie.relation = std::string(rel);
        tie.confidence = std::string(LinkConfidenceName(m.confidence));
        for (const std::string& a : m.agreed) {
          if (!tie.labels.empty()) tie.labels += ",";
          tie.labels += a;
        }
        tie.evidence = {m.cadre, graph.Record(static_cast<uint32_t>(m.person))};
        if (rel != "self")
          tie.evidence.push_back(
              graph.Record(static_cast<uint32_t>(where[h][i])));
        hh.cadre_ties.push_back(std::move(tie));
      }
    }
  }
  if (!graph.generic_values().empty()) {
    std::string list;
    for (size_t k = 0; k < graph.generic_values().size() && k < 5; ++k) {
      list += (k ? "; " : "") + graph.generic_values()[k];
    }
    notes->push_back(
        fmt::format("SPLIT: {} account(s)/phone(s) shared by many cases are "
                    "treated as data errors, "
                    "not links: {}",
                    graph.generic_values().size(), list));
  }
}

}  // namespace hedui
