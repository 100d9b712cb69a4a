#include "engine/demo/truth.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "engine/base/id_number.h"
#include "engine/base/union_find.h"
#include "engine/demo/values.h"
#include "engine/demo/world.h"

namespace hedui::demo::gen {

// ---------------------------------------------------------------------------
// The truth, by the rules of the matchers.

namespace {

// SPLIT, MERGE and CADRE_KIN by the rules of configs/rules/README.md, over
// the world as the register and the roster write it.
void ComputeFamilyTruth(const World& w, int32_t as_of,
                        std::vector<TruthFlag>* out) {
  const int32_t np = static_cast<int32_t>(w.people.size());
  const int ma = MonthIndex(as_of);
  auto in_register = [&](int32_t p) {
    return p >= 0 && w.people[p].id_style != kIdBadCheck;
  };
  std::vector<std::string> dwelling(w.households.size());
  for (size_t h = 0; h < w.households.size(); ++h)
    dwelling[h] = DwellingOf(w, w.households[h]);
  auto together = [&](int32_t a, int32_t b) {
    return dwelling[w.people[a].household] == dwelling[w.people[b].household];
  };
  UnionFind family(static_cast<size_t>(np)), kin(static_cast<size_t>(np));
  std::vector<int32_t> first_in(w.households.size(), -1);
  std::unordered_map<int32_t, std::vector<int32_t>>
      children;  // parent → registered children
  std::map<std::pair<int32_t, std::string>, int32_t> first_child_at;
  for (int32_t p = 0; p < np; ++p) {
    if (!in_register(p)) continue;
    const Person& q = w.people[p];
    int32_t& f = first_in[q.household];
    if (f < 0) {
      f = p;
    } else {
      family.Union(f, p);
      kin.Union(f, p);
    }
    if (in_register(q.spouse)) {
      family.Union(p, q.spouse);
      kin.Union(p, q.spouse);
    }
    for (int32_t parent : {q.father, q.mother}) {
      if (parent < 0) continue;
      if (in_register(parent)) {
        kin.Union(p, parent);
        if (together(p, parent)) family.Union(p, parent);
      }
      std::vector<int32_t>& c = children[parent];
      if (!c.empty()) kin.Union(c.front(), p);
      c.push_back(p);
      auto [it, fresh] = first_child_at.emplace(
          std::make_pair(parent, dwelling[q.household]), p);
      if (!fresh) family.Union(it->second, p);
    }
  }
  // Accounts and phones of two or three cases, between members at one
  // dwelling (more cases: generic).
  std::vector<int32_t> by_id(w.cases.size());
  for (size_t i = 0; i < by_id.size(); ++i) by_id[i] = static_cast<int32_t>(i);
  std::sort(by_id.begin(), by_id.end(), [&](int32_t a, int32_t b) {
    return w.cases[a].id < w.cases[b].id;
  });
  auto sorted_members = [&](int32_t ci) {
    const Case& c = w.cases[ci];
    std::vector<int32_t> v(w.members.begin() + c.first_member,
                           w.members.begin() + c.first_member + c.n);
    std::sort(v.begin(), v.end(), [&](int32_t a, int32_t b) {
      return w.people[a].body < w.people[b].body;
    });
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  };
  for (int kind = 0; kind < 2; ++kind) {
    std::map<uint64_t, std::vector<int32_t>> cases_of;
    for (int32_t ci : by_id) {
      uint64_t v = kind == 0 ? w.cases[ci].account : w.cases[ci].phone;
      if (v) cases_of[v].push_back(ci);
    }
    for (const auto& [v, cs] : cases_of) {
      if (cs.size() < 2 || cs.size() > 3) continue;
      std::map<std::string, std::pair<int32_t, int32_t>> first_at;
      for (int32_t ci : cs) {
        for (int32_t p : sorted_members(ci)) {
          auto [it, fresh] = first_at.emplace(dwelling[w.people[p].household],
                                              std::make_pair(p, ci));
          if (!fresh && it->second.second != ci)
            family.Union(it->second.first, p);
        }
      }
    }
  }
  std::unordered_map<int32_t, int> cases_of_person;
  for (size_t ci = 0; ci < w.cases.size(); ++ci) {
    for (int32_t p : sorted_members(static_cast<int32_t>(ci)))
      ++cases_of_person[p];
  }
  auto usable = [&](int32_t p) {
    return in_register(p) && cases_of_person[p] == 1;
  };
  auto case_before = [&](int32_t a, int32_t b) {
    const Case& x = w.cases[a];
    const Case& y = w.cases[b];
    return x.enrolled != y.enrolled ? x.enrolled < y.enrolled : x.id < y.id;
  };
  auto months_from = [&](const Case& c) {
    return std::max(0, ma - MonthIndex(c.enrolled) + 1);
  };

  // SPLIT: the earliest case of each family group.
  std::unordered_map<int32_t, std::vector<int32_t>>
      cases_in;  // family root → cases
  for (size_t ci = 0; ci < w.cases.size(); ++ci) {
    for (int32_t p : sorted_members(static_cast<int32_t>(ci))) {
      if (!usable(p)) continue;
      std::vector<int32_t>& v = cases_in[family.Find(p)];
      if (std::find(v.begin(), v.end(), static_cast<int32_t>(ci)) == v.end())
        v.push_back(static_cast<int32_t>(ci));
    }
  }
  for (size_t ci = 0; ci < w.cases.size(); ++ci) {
    const Case& c = w.cases[ci];
    const int32_t me = static_cast<int32_t>(ci);
    // The group: this case and every case its members' families are in.
    std::vector<int32_t> group;
    int32_t first_tied = -1;  // its first member tied to another case
    for (int32_t p : sorted_members(me)) {
      if (!usable(p)) continue;
      for (int32_t o : cases_in[family.Find(p)]) {
        group.push_back(o);
        if (o != me && first_tied < 0) first_tied = p;
      }
    }
    if (first_tied < 0) continue;
    std::sort(group.begin(), group.end());
    group.erase(std::unique(group.begin(), group.end()), group.end());
    bool flagged = false;
    for (int32_t p : sorted_members(me)) {
      if (!usable(p)) continue;
      bool earlier = false;
      for (int32_t o : cases_in[family.Find(p)])
        earlier = earlier || case_before(o, me);
      if (!earlier) continue;
      out->push_back({"SPLIT", me, Id18(w.people[p].body), c.enrolled,
                      c.monthly_fen * months_from(c), group});
      flagged = true;
      break;
    }
    if (flagged) continue;
    // The family's own case: since the next case's approval, its money
    // shown, not counted.
    int32_t formed = INT32_MAX;
    for (int32_t o : group) {
      if (o != me) formed = std::min(formed, w.cases[o].enrolled);
    }
    out->push_back({"SPLIT", me, Id18(w.people[first_tied].body), formed,
                    c.monthly_fen * std::max(0, ma - MonthIndex(formed) + 1),
                    group, false});
  }

  // MERGE: kin groups of a case; the largest (then the 户主's, then the
  // smallest ID's) is the case's own.
  for (size_t ci = 0; ci < w.cases.size(); ++ci) {
    const Case& c = w.cases[ci];
    std::map<int32_t, std::vector<int32_t>> groups;
    for (int32_t p : sorted_members(static_cast<int32_t>(ci))) {
      if (usable(p)) groups[kin.Find(p)].push_back(p);
    }
    if (groups.size() < 2) continue;
    auto rank = [&](const std::vector<int32_t>& g) {
      bool head = false;
      for (int32_t p : g) head = head || w.people[p].relation == kHead;
      return std::make_tuple(g.size(), head, ~w.people[g.front()].body);
    };
    const std::vector<int32_t>* own = nullptr;
    for (const auto& [root, g] : groups) {
      if (own == nullptr || rank(g) > rank(*own)) own = &g;
    }
    for (const auto& [root, g] : groups) {
      if (&g == own) continue;
      for (int32_t p : g) {
        out->push_back({"MERGE", static_cast<int32_t>(ci),
                        Id18(w.people[p].body), c.enrolled,
                        c.monthly_fen / c.n * months_from(c)});
      }
    }
  }

  // CADRE_KIN: the cadre, spouse, parents, children, siblings, registered,
  // on a case of the roster row's township.
  std::unordered_map<int32_t, std::vector<int32_t>>
      ties;  // person → roster townships
  for (const World::Cadre& cr : w.cadres) {
    int32_t me = cr.person;
    if (!in_register(me)) continue;
    const Person& q = w.people[me];
    std::vector<int32_t> kin_people{me, q.spouse, q.father, q.mother};
    for (int32_t parent : {q.father, q.mother}) {
      if (parent < 0) continue;
      auto it = children.find(parent);
      if (it != children.end())
        kin_people.insert(kin_people.end(), it->second.begin(),
                          it->second.end());
    }
    auto it = children.find(me);
    if (it != children.end())
      kin_people.insert(kin_people.end(), it->second.begin(), it->second.end());
    std::sort(kin_people.begin(), kin_people.end());
    kin_people.erase(std::unique(kin_people.begin(), kin_people.end()),
                     kin_people.end());
    for (int32_t p : kin_people) {
      if (in_register(p)) ties[p].push_back(cr.township);
    }
  }
  for (size_t ci = 0; ci < w.cases.size(); ++ci) {
    const Case& c = w.cases[ci];
    const int32_t t = w.households[c.household].township;
    for (int32_t p : sorted_members(static_cast<int32_t>(ci))) {
      auto it = ties.find(p);
      if (it == ties.end() || std::find(it->second.begin(), it->second.end(),
                                        t) == it->second.end())
        continue;
      out->push_back({"CADRE_KIN", static_cast<int32_t>(ci),
                      Id18(w.people[p].body), c.enrolled,
                      c.monthly_fen * months_from(c)});
      break;
    }
  }
}

}  // namespace

void AppendTruthGroup(const World& w, const TruthFlag& f, std::string* out) {
  if (f.group.empty() && f.foreign_group.empty()) return;
  std::vector<std::string> ids;
  for (int32_t ci : f.group) ids.push_back(w.cases[ci].id);
  for (int32_t fi : f.foreign_group)
    ids.push_back(std::string(kNeighbourCounty) + ":" + w.foreign_cases[fi].id);
  std::sort(ids.begin(), ids.end());
  out->append(",\"group_cases\":[");
  for (size_t i = 0; i < ids.size(); ++i)
    out->append((i ? ",\"" : "\"") + ids[i] + "\"");
  out->append("],\"counts_in_total\":");
  out->append(f.counts ? "true" : "false");
}

void ComputeTruth(const World& w, int32_t as_of, std::vector<TruthFlag>* out) {
  const size_t nm = w.members.size();
  constexpr int32_t kNone = INT32_MAX;
  std::vector<int32_t> death(nm, kNone), vehicle(nm, kNone);
  // DECEASED evidence.
  for (const DeathRecord& d : w.deaths) {
    int m = w.people[d.person].member;
    if (m < 0 || d.id_style == kIdBadCheck || d.date > as_of) continue;
    death[m] = std::min(death[m], d.date);
  }
  for (size_t m = 0; m < nm; ++m) {
    const Person& p = w.people[w.members[m]];
    if (p.status == kDead && !p.status_date_blank && p.status_date <= as_of &&
        p.id_style != kIdBadCheck)
      death[m] = std::min(death[m], p.status_date);
  }
  // VEHICLE evidence.
  for (const VehicleRecord& v : w.vehicles) {
    int m = w.people[v.person].member;
    if (m < 0 || v.bad_columns || v.id_style == kIdBadCheck) continue;
    if (!StatusActive(v.status) || kVehicleTypes[v.type].exempt ||
        v.date > as_of)
      continue;
    vehicle[m] = std::min(vehicle[m], v.date);
  }
  // PROPERTY evidence: titles per member.
  std::vector<std::vector<int32_t>> titles_of(nm);
  for (size_t t = 0; t < w.titles.size(); ++t) {
    const Title& title = w.titles[t];
    if (!title.active || title.date > as_of) continue;
    for (int k = 0; k < title.owners_n; ++k) {
      int m = w.people[w.owners[title.owners_begin + k]].member;
      if (m >= 0) titles_of[m].push_back(static_cast<int32_t>(t));
    }
  }
  const int ma = MonthIndex(as_of);
  for (size_t ci = 0; ci < w.cases.size(); ++ci) {
    const Case& c = w.cases[ci];
    const int n = c.n;
    const int me = MonthIndex(c.enrolled);
    auto months_from = [&](int32_t since) {
      return std::max(0, ma - std::max(MonthIndex(since) + 1, me) + 1);
    };
    // DECEASED.
    int last = -1;  // the member who died last (ties: smallest ID)
    bool all_dead = true;
    for (int i = 0; i < n; ++i) {
      int m = c.first_member + i;
      if (death[m] == kNone) {
        all_dead = false;
        continue;
      }
      if (last < 0 || death[m] > death[last] ||
          (death[m] == death[last] &&
           w.people[w.members[m]].body < w.people[w.members[last]].body))
        last = m;
    }
    for (int i = 0; i < n; ++i) {
      int m = c.first_member + i;
      if (death[m] == kNone) continue;
      int64_t fen = 0;
      for (int month = std::max(MonthIndex(death[m]) + 1, me); month <= ma;
           ++month) {
        bool someone_left = !all_dead;
        if (!someone_left) {
          for (int j = 0; j < n; ++j) {
            if (MonthIndex(death[c.first_member + j]) >= month) {
              someone_left = true;
              break;
            }
          }
        }
        if (someone_left) {
          fen += c.monthly_fen / n;
        } else if (m == last) {
          fen += c.monthly_fen;
        }
      }
      out->push_back({"DECEASED", static_cast<int32_t>(ci),
                      Id18(w.people[w.members[m]].body), death[m], fen});
    }
    // VEHICLE.
    for (int i = 0; i < n; ++i) {
      int m = c.first_member + i;
      if (vehicle[m] == kNone) continue;
      out->push_back({"VEHICLE", static_cast<int32_t>(ci),
                      Id18(w.people[w.members[m]].body), vehicle[m],
                      c.monthly_fen * months_from(vehicle[m])});
    }
    // PROPERTY.
    std::vector<int32_t> dwellings;
    for (int i = 0; i < n; ++i) {
      for (int32_t t : titles_of[c.first_member + i]) {
        if (w.titles[t].use == kResidential) dwellings.push_back(t);
      }
    }
    std::sort(dwellings.begin(), dwellings.end(), [&](int32_t a, int32_t b) {
      if (w.titles[a].date != w.titles[b].date)
        return w.titles[a].date < w.titles[b].date;
      return w.titles[a].certificate < w.titles[b].certificate;
    });
    dwellings.erase(std::unique(dwellings.begin(), dwellings.end(),
                                [&](int32_t a, int32_t b) {
                                  return w.titles[a].certificate ==
                                         w.titles[b].certificate;
                                }),
                    dwellings.end());
    const int32_t second =
        dwellings.size() > 1 ? w.titles[dwellings[1]].date : kNone;
    for (int i = 0; i < n; ++i) {
      int m = c.first_member + i;
      int32_t since = kNone;
      for (int32_t t : titles_of[m]) {
        const Title& title = w.titles[t];
        if (title.use == kCommercial)
          since = std::min(since, title.date);  // (a)
        if (title.use == kResidential && title.date > c.enrolled)
          since = std::min(since, title.date);  // (b)
        if (title.use == kResidential && second != kNone)
          since = std::min(since, second);  // (c)
      }
      if (since == kNone) continue;
      out->push_back({"PROPERTY", static_cast<int32_t>(ci),
                      Id18(w.people[w.members[m]].body), since,
                      c.monthly_fen * months_from(since)});
    }
  }
  // The grounds of issue 3, case by case, over each case's member slots in
  // ID order (a person on two cases is seen by both).
  auto by_person = [&](auto& records, auto person_of) {
    std::unordered_map<int32_t, std::vector<int32_t>> map;
    for (size_t i = 0; i < records.size(); ++i) {
      int32_t p = person_of(records[i]);
      if (w.people[p].member >= 0) map[p].push_back(static_cast<int32_t>(i));
    }
    return map;
  };
  auto mig_of = by_person(w.migrations,
                          [](const World::Migration& r) { return r.person; });
  auto tax_of =
      by_person(w.taxes, [](const World::Tax& r) { return r.person; });
  auto pay_of =
      by_person(w.payrolls, [](const World::Payroll& r) { return r.person; });
  auto bank_of =
      by_person(w.banks, [](const World::Bank& r) { return r.person; });
  auto biz_of = by_person(w.businesses,
                          [](const World::Business& r) { return r.person; });
  static const std::vector<int32_t> kEmpty;
  auto get = [&](const std::unordered_map<int32_t, std::vector<int32_t>>& m,
                 int32_t p) -> const std::vector<int32_t>& {
    auto it = m.find(p);
    return it == m.end() ? kEmpty : it->second;
  };
  // Account holders and cases per payment account.
  std::unordered_map<uint64_t, std::vector<int32_t>> holders, account_cases;
  for (const World::Bank& b : w.banks) holders[b.account].push_back(b.person);
  for (size_t ci = 0; ci < w.cases.size(); ++ci)
    account_cases[w.cases[ci].account].push_back(static_cast<int32_t>(ci));
  std::unordered_map<int32_t, std::vector<int32_t>> cases_of_person;
  for (size_t m = 0; m < w.members.size(); ++m)
    cases_of_person[w.members[m]].push_back(w.member_case[m]);
  std::unordered_map<int32_t, std::vector<int32_t>> foreign_of_person;
  for (size_t fi = 0; fi < w.foreign_cases.size(); ++fi)
    foreign_of_person[w.foreign_cases[fi].person].push_back(
        static_cast<int32_t>(fi));
  auto case_before = [&](int32_t a, int32_t b) {
    const Case& x = w.cases[a];
    const Case& y = w.cases[b];
    return x.enrolled != y.enrolled ? x.enrolled < y.enrolled : x.id < y.id;
  };
  for (size_t ci = 0; ci < w.cases.size(); ++ci) {
    const Case& c = w.cases[ci];
    const int n = c.n;
    const int me = MonthIndex(c.enrolled);
    auto months_from = [&](int first) {
      return std::max(0, ma - std::max(first, me) + 1);
    };
    std::vector<int32_t> slot(n);  // people, by ID
    for (int i = 0; i < n; ++i) slot[i] = w.members[c.first_member + i];
    std::sort(slot.begin(), slot.end(), [&](int32_t a, int32_t b) {
      return w.people[a].body < w.people[b].body;
    });
    auto id = [&](int i) { return Id18(w.people[slot[i]].body); };
    auto add = [&](SV rule, int i, int32_t since, int64_t fen) {
      out->push_back({rule, static_cast<int32_t>(ci), id(i), since, fen});
    };
    // MOVED.
    std::vector<int32_t> gone(n, kNone);
    for (int i = 0; i < n; ++i) {
      for (int32_t r : get(mig_of, slot[i])) {
        const World::Migration& e = w.migrations[r];
        // A move within the county is not a move out.
        if ((e.event == kMoveOut || e.event == kMarryOut) &&
            e.place == kPlaceOutside && e.date <= as_of)
          gone[i] = std::min(gone[i], e.date);
      }
      const Person& p = w.people[slot[i]];
      if ((p.status == kMovedOut || p.status == kImprisoned) &&
          !p.status_date_blank && p.status_date <= as_of &&
          p.id_style != kIdBadCheck)
        gone[i] = std::min(gone[i], p.status_date);
    }
    {
      int last = -1;
      bool all_gone = true;
      for (int i = 0; i < n; ++i) {
        if (gone[i] == kNone) {
          all_gone = false;
        } else if (last < 0 || gone[i] > gone[last]) {
          last = i;
        }
      }
      const int last_from = all_gone ? MonthIndex(gone[last]) + 1 : INT32_MAX;
      for (int i = 0; i < n; ++i) {
        if (gone[i] == kNone) continue;
        int64_t fen = 0;
        for (int m = std::max(MonthIndex(gone[i]) + 1, me); m <= ma; ++m) {
          if (m < last_from)
            fen += c.monthly_fen / n;
          else if (i == last)
            fen += c.monthly_fen;
        }
        add("MOVED", i, gone[i], fen);
      }
    }
    // INCOME.
    {
      std::map<int, std::vector<int64_t>> income;
      for (int i = 0; i < n; ++i) {
        for (int32_t r : get(tax_of, slot[i])) {
          const World::Tax& t = w.taxes[r];
          if (t.month < me || t.month > ma) continue;
          auto& v = income[t.month];
          v.resize(n);
          v[i] += t.fen;
        }
        for (int32_t r : get(pay_of, slot[i])) {
          const World::Payroll& t = w.payrolls[r];
          if (t.kind == kPayHousingFund || t.month < me || t.month > ma)
            continue;
          auto& v = income[t.month];
          v.resize(n);
          v[i] += t.fen;
        }
      }
      for (const auto& [m, v] : income) {
        int64_t total = 0;
        for (int64_t x : v) total += x;
        if (StandardFen(c.urban, m) < 0 || total <= StandardFen(c.urban, m) * n)
          continue;
        int who =
            static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin());
        add("INCOME", who, Date::FromYmd(m / 12, m % 12 + 1, 1).days,
            c.monthly_fen * months_from(m + 1));
        break;
      }
    }
    // ASSETS.
    {
      std::vector<const World::Bank*> bal;
      std::vector<int> owner;
      std::vector<int32_t> dates;
      for (int i = 0; i < n; ++i) {
        for (int32_t r : get(bank_of, slot[i])) {
          if (w.banks[r].date > as_of) continue;
          bal.push_back(&w.banks[r]);
          owner.push_back(i);
          dates.push_back(w.banks[r].date);
        }
      }
      std::sort(dates.begin(), dates.end());
      dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
      for (int32_t d : dates) {
        // Latest balance per (owner, bank, account) on or before d.
        std::map<std::tuple<int, int, uint64_t>, const World::Bank*> latest;
        std::map<std::tuple<int, int, uint64_t>, int> who;
        for (size_t k = 0; k < bal.size(); ++k) {
          if (bal[k]->date > d) continue;
          auto key = std::make_tuple(owner[k], static_cast<int>(bal[k]->bank),
                                     bal[k]->account);
          auto it = latest.find(key);
          if (it == latest.end() || bal[k]->date >= it->second->date)
            latest[key] = bal[k];
          who[key] = owner[k];
        }
        int64_t total = 0;
        std::vector<int64_t> held(n);
        for (const auto& [key, b] : latest) {
          total += b->fen;
          held[std::get<0>(key)] += b->fen;
        }
        int64_t standard = StandardFen(c.urban, MonthIndex(d));
        if (standard < 0 || total <= 24 * standard * n) continue;
        int member = static_cast<int>(
            std::max_element(held.begin(), held.end()) - held.begin());
        add("ASSETS", member, d,
            c.monthly_fen * months_from(MonthIndex(d) + 1));
        break;
      }
    }
    // BUSINESS and PUBLIC_PAY.
    for (int i = 0; i < n; ++i) {
      int32_t since = kNone;
      for (int32_t r : get(biz_of, slot[i])) {
        const World::Business& b = w.businesses[r];
        if (b.status == kBizActive && b.role != kSupervisor &&
            b.capital_fen > 5000000 && b.date <= as_of)
          since = std::min(since, b.date);
      }
      if (since != kNone)
        add("BUSINESS", i, since,
            c.monthly_fen * months_from(MonthIndex(since) + 1));
      int first = INT32_MAX;
      for (int32_t r : get(pay_of, slot[i])) {
        const World::Payroll& t = w.payrolls[r];
        bool counts = t.kind == kPayPublic || t.kind == kPayWelfareJob ||
                      (t.kind == kPayPension && t.fen > 100000);
        if (counts && t.month <= ma) first = std::min(first, t.month);
      }
      if (first != INT32_MAX) {
        add("PUBLIC_PAY", i, Date::FromYmd(first / 12, first % 12 + 1, 1).days,
            c.monthly_fen * months_from(first + 1));
      }
    }
    // DUPLICATE: every case of the person; the first one since the next
    // case's enrolment, not counted.
    for (int i = 0; i < n; ++i) {
      const std::vector<int32_t>& cases = cases_of_person[slot[i]];
      std::vector<int32_t> group(cases);
      std::sort(group.begin(), group.end());
      group.erase(std::unique(group.begin(), group.end()), group.end());
      // Across counties: the neighbour's cases of the person (never on the
      // same day as a case at home); the county's case always counts unless
      // a later case at home carries the money.
      std::vector<int32_t> foreign = get(foreign_of_person, slot[i]);
      if (group.size() + foreign.size() < 2) continue;
      bool later = false, later_at_home = false;
      int32_t formed = INT32_MAX;
      for (int32_t o : group) {
        if (o == static_cast<int32_t>(ci)) continue;
        const bool before = case_before(o, static_cast<int32_t>(ci));
        later = later || before;
        later_at_home = later_at_home || !before;
        formed = std::min(formed, w.cases[o].enrolled);
      }
      for (int32_t fi : foreign) {
        const int32_t d = w.foreign_cases[fi].enrolled;
        later = later || d < c.enrolled;
        if (d > c.enrolled) formed = std::min(formed, d);
      }
      if (later) {
        add("DUPLICATE", i, c.enrolled, c.monthly_fen / n * months_from(me));
      } else {
        add("DUPLICATE", i, formed,
            c.monthly_fen / n * months_from(MonthIndex(formed)));
        out->back().counts = !later_at_home;
      }
      out->back().group = std::move(group);
      out->back().foreign_group = std::move(foreign);
    }
    // PAYMENT.
    {
      bool wrong = false;
      const std::vector<int32_t>& h = holders[c.account];
      if (!h.empty()) {
        bool member_holds = false;
        for (int32_t p : h) {
          for (int i = 0; i < n; ++i)
            member_holds =
                member_holds || w.people[p].body == w.people[slot[i]].body;
        }
        wrong = !member_holds;
      }
      std::vector<int32_t> group = account_cases[c.account];
      std::sort(group.begin(), group.end());
      group.erase(std::unique(group.begin(), group.end()), group.end());
      int32_t formed = INT32_MAX;
      for (int32_t o : group) {
        if (o == static_cast<int32_t>(ci)) continue;
        wrong = wrong || case_before(o, static_cast<int32_t>(ci));
        formed = std::min(formed, w.cases[o].enrolled);
      }
      if (wrong) {
        add("PAYMENT", 0, c.enrolled, c.monthly_fen * months_from(me));
      } else if (group.size() > 1) {
        // The first case into a shared account: since the next one.
        add("PAYMENT", 0, formed,
            c.monthly_fen * months_from(MonthIndex(formed)));
        out->back().counts = false;
      }
      if (group.size() > 1) out->back().group = std::move(group);
    }
    // UNDERPAID.
    if (!c.income_blank) {
      int64_t fen = 0;
      int first = -1;
      for (int m = me; m <= ma; ++m) {
        int64_t standard = StandardFen(c.urban, m);
        if (standard < 0) continue;
        int64_t due = std::max<int64_t>(0, standard - c.income_fen) * n;
        if (c.monthly_fen >= due) continue;
        if (first < 0) first = m;
        fen += due - c.monthly_fen;
      }
      if (first >= 0)
        add("UNDERPAID", 0, Date::FromYmd(first / 12, first % 12 + 1, 1).days,
            fen);
    }
  }
  ComputeFamilyTruth(w, as_of, out);
  std::sort(out->begin(), out->end(),
            [&](const TruthFlag& a, const TruthFlag& b) {
              const std::string& ca = w.cases[a.case_index].id;
              const std::string& cb = w.cases[b.case_index].id;
              if (ca != cb) return ca < cb;
              if (a.rule != b.rule) return a.rule < b.rule;
              return a.id < b.id;
            });
}

}  // namespace hedui::demo::gen
