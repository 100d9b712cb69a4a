#include "engine/demo/world.h"

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
#include "engine/demo/builder.h"
#include "engine/demo/values.h"
#include "engine/demo/world.h"

namespace hedui::demo::gen {

SV Builder::DrawSurname(Rng& rng) {
  constexpr int n = static_cast<int>(std::size(kSurnames));
  // The first 15 surnames carry about half the people.
  if (rng.Below(100) < static_cast<uint32_t>(kSurnameWeightTop + 10))
    return kSurnames[rng.Below(15)];
  return kSurnames[15 + rng.Below(n - 15)];
}

std::string Builder::MakeName(Rng& rng, SV surname, bool male) {
  std::string name;
  uint32_t r = rng.Below(10000);
  if (r < 12) {  // a minority name with ·
    name.append(kMinorityFirst[rng.Below(std::size(kMinorityFirst))]);
    name.append("·");
    name.append(kMinorityLast[rng.Below(std::size(kMinorityLast))]);
    return name;
  }
  const std::vector<SV>& given = male ? male_given_ : female_given_;
  name.append(surname);
  if (r < 20) {  // a character only GB18030 holds
    name.append(kRareChars[rng.Below(std::size(kRareChars))]);
    if (rng.Chance(500))
      name.append(given[rng.Below(static_cast<uint32_t>(given.size()))]);
    return name;
  }
  name.append(given[rng.Below(static_cast<uint32_t>(given.size()))]);
  if (rng.Below(100) < 72)
    name.append(given[rng.Below(static_cast<uint32_t>(given.size()))]);
  return name;
}

int32_t Builder::BirthFromAge(Rng& rng, int age) {
  int year = ToYmd(as_of_).y - age;
  int32_t d = Date::FromYmd(year, 1, 1).days + rng.Range(0, 364);
  if (d > as_of_) d -= 365;
  return d;
}

uint64_t Builder::AllocateBody(Rng& rng, int32_t* birth, bool male) {
  constexpr int kRegions = 1 + static_cast<int>(std::size(kOtherRegions));
  int region =
      rng.Below(100) < 88 ? 0 : 1 + static_cast<int>(rng.Below(kRegions - 1));
  uint32_t region_code =
      region == 0 ? county_region_ : kOtherRegions[region - 1];
  for (;;) {
    int32_t day = *birth - seq_base_;
    size_t slot =
        (static_cast<size_t>(region) * seq_span_ + day) * 2 + (male ? 1 : 0);
    uint16_t& counter = seq_counters_[slot];
    if (counter < 499) {
      // Sequence numbers start at a slot-dependent offset, as police
      // stations hand out blocks; odd = male.
      uint32_t start =
          static_cast<uint32_t>(Mix64(opt_.seed ^ (slot * 0x9E37ULL)) % 499);
      uint32_t idx = 1 + (start + counter) % 499;  // 1..499
      uint32_t seq = idx * 2 - (male ? 1 : 0);     // 1..998
      ++counter;
      Ymd t = ToYmd(*birth);
      return static_cast<uint64_t>(region_code) * 100000000000ULL +
             static_cast<uint64_t>(t.y * 10000 + t.m * 100 + t.d) * 1000ULL +
             seq;
    }
    *birth -= 1;  // this day is full: a day earlier
  }
}

void Builder::AddPerson(Rng& rng, int hh, Relation rel, int age, bool male,
                        SV surname) {
  Person p;
  p.household = hh;
  p.relation = rel;
  p.male = male;
  p.birth = BirthFromAge(rng, std::clamp(age, 0, 100));
  p.body = AllocateBody(rng, &p.birth, male);
  p.name = MakeName(rng, surname, male);
  int birth_year = ToYmd(p.birth).y;
  uint32_t r = rng.Below(1000);
  char check = CheckChar(p.body);
  if (birth_year < 1980 && r < 30) {
    p.id_style = kIdOld15;
  } else if (check == 'X' && r >= 500) {
    p.id_style = kIdLowerX;
  } else if (r >= 995) {
    p.id_style = kIdFullWidth;
  } else if (r >= 990) {
    p.id_style = kIdSpaced;
  }
  w_.people.push_back(std::move(p));
}

void Builder::BuildPeople() {
  const County& county = *w_.county;
  for (size_t t = 0; t < county.townships.size(); ++t) {
    for (const Village& v : county.townships[t].villages) {
      w_.villages.push_back(&v);
      w_.village_township.push_back(static_cast<int32_t>(t));
    }
  }
  std::vector<int32_t> village_cum;
  int32_t total = 0;
  for (const Village* v : w_.villages) {
    total += v->urban ? 3 : 1;
    village_cum.push_back(total);
  }
  seq_span_ = as_of_ - seq_base_ + 1;
  county_region_ = static_cast<uint32_t>(std::stoul(std::string(county.code)));
  seq_counters_.assign(
      static_cast<size_t>(1 + std::size(kOtherRegions)) * seq_span_ * 2, 0);

  Rng rng(opt_.seed, kStreamPeople);
  const int n = opt_.residents;
  w_.people.reserve(n);
  w_.households.reserve(n / 2 + 1);
  constexpr int kSizeWeights[] = {18, 27, 22, 18, 10, 5};
  while (static_cast<int>(w_.people.size()) < n) {
    int size = 1 + rng.Weighted(kSizeWeights);
    size = std::min(size, n - static_cast<int>(w_.people.size()));
    Household h{};
    uint32_t pick = rng.Below(static_cast<uint32_t>(total));
    h.village = static_cast<int32_t>(
        std::upper_bound(village_cum.begin(), village_cum.end(),
                         static_cast<int32_t>(pick)) -
        village_cum.begin());
    h.township = w_.village_township[h.village];
    h.first = static_cast<int32_t>(w_.people.size());
    h.group = static_cast<uint8_t>(rng.Range(1, 12));
    h.number = static_cast<uint16_t>(rng.Range(1, 180));
    h.street = static_cast<uint8_t>(rng.Below(std::size(kStreets)));
    h.building = static_cast<uint8_t>(rng.Range(1, 18));
    h.unit = static_cast<uint8_t>(rng.Range(1, 4));
    h.room = static_cast<uint16_t>(rng.Range(1, 6) * 100 + rng.Range(1, 4));
    h.serial = static_cast<int32_t>(w_.households.size()) + 1;
    int hh = static_cast<int>(w_.households.size());

    int head_age = 22 + static_cast<int>(rng.Below(58)) +
                   (rng.Below(100) < 30 ? static_cast<int>(rng.Below(12)) : 0);
    bool head_male = rng.Below(100) < 78;
    SV surname = DrawSurname(rng);
    AddPerson(rng, hh, kHead, head_age, head_male, surname);
    int left = size - 1;
    if (left > 0 && rng.Below(100) < 85) {
      AddPerson(rng, hh, kSpouse, head_age + rng.Range(-5, 5), !head_male,
                DrawSurname(rng));
      --left;
    }
    if (left > 0 && head_age <= 58 && rng.Below(100) < 25) {
      bool father = rng.Below(100) < 45;
      AddPerson(rng, hh, father ? kFather : kMother,
                head_age + rng.Range(22, 32), father,
                father ? surname : DrawSurname(rng));
      --left;
    }
    while (left > 0) {
      bool boy = rng.Below(100) < 52;
      if (head_age >= 60 && rng.Below(100) < 35) {
        AddPerson(rng, hh, boy ? kGrandson : kGranddaughter, rng.Range(0, 16),
                  boy, surname);
      } else {
        int age = head_age - rng.Range(20, 36);
        if (age < 0) age = rng.Range(0, 3);
        AddPerson(rng, hh, boy ? kSon : kDaughter, age, boy, surname);
      }
      --left;
    }
    h.size = static_cast<uint8_t>(size);
    w_.households.push_back(h);
  }
  seq_counters_.clear();
  seq_counters_.shrink_to_fit();
}

// ---------------------------------------------------------------------------
// The roll: cases built from hukou households, opt_.roll_share_bp of
// residents (3% by default).

void Builder::BuildRoll() {
  Rng rng(opt_.seed, kStreamRoll);
  const int target = std::max(
      1,
      static_cast<int>(
          (static_cast<int64_t>(opt_.residents) * opt_.roll_share_bp + 5000) /
          10000));
  std::vector<uint8_t> taken(w_.households.size(), 0);
  std::vector<int32_t> township_serial(w_.county->townships.size(), 0);
  constexpr int kCaseSizeWeights[] = {33, 30, 19, 12, 6};
  int members = 0;
  int attempts = 0;
  int want = 0, size_tries = 0;
  const int nh = static_cast<int>(w_.households.size());
  while (members < target && attempts < nh * 4) {
    ++attempts;
    int hh = static_cast<int>(rng.Below(static_cast<uint32_t>(nh)));
    if (taken[hh]) continue;
    const Household& h = w_.households[hh];
    // An adult head: children do not hold cases.
    if (as_of_ - w_.people[h.first].birth < 365 * 20) continue;
    if (want == 0) want = 1 + rng.Weighted(kCaseSizeWeights);
    // A case of `want` members needs a household that large (a few tries).
    if (h.size < want && ++size_tries < 40) continue;
    size_tries = 0;
    taken[hh] = 1;
    int n = std::min<int>(want, h.size);
    want = 0;
    n = std::min(n, target - members);
    Case c;
    c.household = hh;
    c.first_member = static_cast<int32_t>(w_.members.size());
    c.n = n;
    c.urban = w_.villages[h.village]->urban;
    c.category = static_cast<uint8_t>(rng.Weighted({20, 40, 40}));
    // Local standards (元/人/月): 城市 720, 农村 6000/年 = 500.
    int64_t standard =
        c.urban ? 72000 : 50000;  // the first standard: incomes below it
    int64_t income;
    if (c.category == 0) {
      income = 0;
    } else if (c.category == 1) {
      income = rng.Range(50, 250) * 100;
    } else {
      income = rng.Range(200, static_cast<int>(standard / 100) - 100) * 100;
    }
    if (income && rng.Below(100) < 20) income += 50;  // ×.50
    c.income_fen = income;
    // Adjusted to the standard in force at the as-of date (an UNDERPAID
    // plant undoes that for some cases).
    c.monthly_fen =
        (StandardFen(c.urban, Date{as_of_}.month_index()) - income) * n;
    c.enrolled = rng.Range(as_of_ - 365 * 12, as_of_ - 90);
    c.account = 6228230000000000000ULL + rng.Next() % 1000000000000ULL * 10 +
                rng.Below(10);
    c.phone = rng.Below(100) < 85
                  ? 13000000000ULL +
                        static_cast<uint64_t>(rng.Below(7)) * 1000000000ULL +
                        rng.Next() % 1000000000ULL
                  : 0;
    const Township& t = w_.county->townships[h.township];
    c.id = std::string(t.code);
    AppendPad(&c.id, static_cast<uint64_t>(ToYmd(c.enrolled).y), 4);
    // Five digits: a township of a 10-million province slice has ~9,000
    // cases, and the planted cases below number from 80000, 90000 and
    // 95000 (planting_groups.cc).
    AppendPad(&c.id, static_cast<uint64_t>(++township_serial[h.township]), 5);
    int ci = static_cast<int>(w_.cases.size());
    for (int i = 0; i < n; ++i) {
      int p = h.first + i;
      w_.people[p].member = static_cast<int32_t>(w_.members.size());
      w_.members.push_back(p);
      w_.member_case.push_back(ci);
    }
    members += n;
    w_.cases.push_back(std::move(c));
  }
  // Members are alive and registered: population IDs of members stay valid.
  case_order_.resize(w_.cases.size());
  for (size_t i = 0; i < case_order_.size(); ++i)
    case_order_[i] = static_cast<int>(i);
  Rng shuffle(opt_.seed, kStreamPlant, 1);
  for (size_t i = case_order_.size(); i > 1; --i) {
    std::swap(case_order_[i - 1],
              case_order_[shuffle.Below(static_cast<uint32_t>(i))]);
  }
}

int Builder::PickCase(Rng& rng, int min_n, int max_n, int min_adults) {
  (void)rng;
  for (size_t k = 0; k < case_order_.size(); ++k) {
    size_t i = (case_cursor_ + k) % case_order_.size();
    Case& c = w_.cases[case_order_[i]];
    if (c.used || c.n < min_n || c.n > max_n) continue;
    if (c.enrolled > as_of_ - 120)
      continue;  // room for an event after enrolment
    if (min_adults && CountAdults(case_order_[i]) < min_adults) continue;
    c.used = true;
    case_cursor_ = i + 1;
    return case_order_[i];
  }
  return -1;
}

int Builder::PickNonMember(Rng& rng, int min_age) {
  const int n = static_cast<int>(w_.people.size());
  for (int tries = 0; tries < 1000; ++tries) {
    int p = static_cast<int>(rng.Below(static_cast<uint32_t>(n)));
    const Person& q = w_.people[p];
    if (q.member >= 0 || q.id_style == kIdBadCheck) continue;
    if (as_of_ - q.birth < 365 * min_age) continue;
    return p;
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Background: what happens to people who are not on the roll.

void Builder::Background() {
  Rng rng(opt_.seed, kStreamBackground);
  const int n = static_cast<int>(w_.people.size());
  // Deaths and moves.
  for (int p = 0; p < n; ++p) {
    Person& q = w_.people[p];
    if (q.member >= 0) continue;
    int age = (as_of_ - q.birth) / 365;
    int per_10k = age >= 80 ? 1500 : age >= 70 ? 500 : age >= 60 ? 160 : 20;
    uint32_t r = rng.Below(10000);
    if (static_cast<int>(r) < per_10k) {
      int32_t date = rng.Range(std::max(q.birth + 1, as_of_ - 365 * 8), as_of_);
      // 殡葬 knows most deaths, 卫健 those in hospital, 公安 some.
      bool any = false;
      if (date >= as_of_ - 365 * 6) {
        if (rng.Below(100) < 80) {
          AddDeath(p, date, kFuneral, kIdClean);
          any = true;
        }
        if (rng.Below(100) < 30) {
          AddDeath(p, date - rng.Range(0, 2), kHealth, kIdClean);
          any = true;
        }
        if (rng.Below(100) < 8) {
          AddDeath(p, date, kPolice, kIdClean);
          any = true;
        }
      }
      if (!any || rng.Below(100) < 85) {
        SetPopDead(p, std::min(as_of_, date + rng.Range(0, 30)));
        if (rng.Below(1000) < 15) q.status_date_blank = true;
      }
    } else if (static_cast<int>(r) < per_10k + 100) {
      q.status = kMovedOut;
      q.status_date = rng.Range(as_of_ - 365 * 10, as_of_);
    }
  }
  // Vehicles: about 0.2 per resident.
  const int vehicles = static_cast<int>(static_cast<int64_t>(n) * 196 / 1000);
  for (int i = 0; i < vehicles; ++i) {
    int p = PickNonMember(rng, 20);
    if (p < 0) break;
    int32_t earliest =
        std::max(w_.people[p].birth + 365 * 18, as_of_ - 365 * 22);
    int32_t date = rng.Range(earliest, as_of_);
    uint8_t type =
        static_cast<uint8_t>(rng.Weighted(kBackgroundVehicleWeights));
    uint8_t status =
        static_cast<uint8_t>(rng.Weighted(kBackgroundStatusWeights));
    uint8_t style = rng.Below(100) < 30 ? kIdLowerX : kIdClean;
    AddVehicle(p, date, type, status, style);
  }
  // Property: about 0.35 rows per resident; spouses co-own.
  const int rows_target = static_cast<int>(static_cast<int64_t>(n) * 35 / 100);
  int rows = 0;
  while (rows < rows_target) {
    int p = PickNonMember(rng, 22);
    if (p < 0) break;
    const Person& q = w_.people[p];
    uint32_t r = rng.Below(100);
    uint8_t use = r < 84 ? kResidential : r < 92 ? kCommercial : kGarage;
    bool active = rng.Below(100) >= 7;
    int32_t date =
        rng.Range(std::max(q.birth + 365 * 20, as_of_ - 365 * 25), as_of_);
    int32_t area = use == kResidential  ? DwellingArea(rng)
                   : use == kCommercial ? rng.Range(2000, 150000)
                                        : rng.Range(1200, 4000);
    // Co-owner: the spouse (head <-> spouse) when not on the roll.
    int co = -1;
    const Household& h = w_.households[q.household];
    if (rng.Below(100) < 45 && h.size >= 2) {
      int other = q.relation == kHead     ? h.first + 1
                  : q.relation == kSpouse ? h.first
                                          : -1;
      if (other >= 0 && w_.people[other].relation <= kSpouse &&
          w_.people[other].member < 0 &&
          w_.people[other].id_style != kIdBadCheck)
        co = other;
    }
    int home = (use == kResidential && rng.Below(100) < 60) ? q.household : -1;
    int t = co >= 0 ? AddTitle(date, use, active, area, {p, co}, home)
                    : AddTitle(date, use, active, area, {p}, home);
    w_.titles[t].street_no = rng.Range(1, 300);
    rows += co >= 0 ? 2 : 1;
  }
}

namespace {

// `key += "|" + std::to_string(v)`, which GCC 12 warns about (-Wrestrict,
// a false positive) once DwellingOf is compiled apart from its callers.
void AppendDwellingPart(std::string* key, int v) {
  key->push_back('|');
  key->append(std::to_string(v));
}

}  // namespace

std::string DwellingOf(const World& w, const Household& h) {
  std::string key = std::to_string(h.village);
  if (w.villages[h.village]->urban) {
    for (int v : {int(h.street), int(h.number), int(h.building), int(h.unit),
                  int(h.room)})
      AppendDwellingPart(&key, v);
  } else {
    for (int v : {int(h.group), int(h.number)}) AppendDwellingPart(&key, v);
  }
  return key;
}

// Sorts records into export order and numbers the certificates.
void Builder::Finalize() {
  std::stable_sort(w_.deaths.begin(), w_.deaths.end(),
                   [](const DeathRecord& a, const DeathRecord& b) {
                     return a.date < b.date;
                   });
  std::stable_sort(w_.vehicles.begin(), w_.vehicles.end(),
                   [](const VehicleRecord& a, const VehicleRecord& b) {
                     return a.date < b.date;
                   });
  std::stable_sort(
      w_.titles.begin(), w_.titles.end(),
      [](const Title& a, const Title& b) { return a.date < b.date; });
  std::stable_sort(w_.migrations.begin(), w_.migrations.end(),
                   [](const World::Migration& a, const World::Migration& b) {
                     return a.date < b.date;
                   });
  std::stable_sort(w_.taxes.begin(), w_.taxes.end(),
                   [](const World::Tax& a, const World::Tax& b) {
                     return a.month < b.month;
                   });
  std::stable_sort(w_.payrolls.begin(), w_.payrolls.end(),
                   [](const World::Payroll& a, const World::Payroll& b) {
                     return a.month < b.month;
                   });
  std::stable_sort(w_.banks.begin(), w_.banks.end(),
                   [](const World::Bank& a, const World::Bank& b) {
                     return a.date < b.date;
                   });
  // Owners of a title whose ID would be quarantined in the population feed
  // keep their valid ID here: only the register row is broken.
  int last_year = 0, serial = 0;
  std::string county_short(w_.county->name);
  for (Title& t : w_.titles) {
    int y = ToYmd(t.date).y;
    if (y != last_year) {
      last_year = y;
      serial = 0;
    }
    ++serial;
    if (y >= 2016) {  // unified registration: 豫(2021)伊川县不动产权第0001234号
      t.certificate = "豫(";
      AppendUInt(&t.certificate, static_cast<uint64_t>(y));
      t.certificate += ")";
      t.certificate += county_short;
      t.certificate += "不动产权第";
      AppendPad(&t.certificate, static_cast<uint64_t>(serial), 7);
      t.certificate += "号";
    } else {  // older house titles, carried over: 伊房权证字第2009001234号
      t.certificate = "伊房权证字第";
      AppendUInt(&t.certificate, static_cast<uint64_t>(y));
      AppendPad(&t.certificate, static_cast<uint64_t>(serial), 6);
      t.certificate += "号";
    }
  }
  // One row with a wrong column count, in the middle of the export, on a
  // vehicle of someone not on the roll.
  for (size_t i = w_.vehicles.size() / 2; i < w_.vehicles.size(); ++i) {
    if (w_.people[w_.vehicles[i].person].member < 0) {
      w_.vehicles[i].bad_columns = true;
      break;
    }
  }
  // Malformed death lines.
  w_.malformed_death_lines = {
      "{\"sfzh\": \"410329195603120017\", \"xm\": \"张建国\", \"swrq\": "
      "\"2025-08-02\"",
      "以下为殡葬管理所2025年第三季度火化数据",
      "{\"sfzh\": \"410329194811230025\", \"xm\": \"李秀英\", \"swrq\": "
      "\"2025-07-14\", \"ly\": \"殡葬}",
      "{\"sfzh\": \"410329196201150013\", \"xm\": \"王",
  };
}

}  // namespace hedui::demo::gen
