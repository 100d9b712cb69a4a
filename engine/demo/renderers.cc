#include "engine/demo/renderers.h"

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
#include "engine/demo/values.h"
#include "engine/demo/world.h"

namespace hedui::demo::gen {

// ---------------------------------------------------------------------------
// Rendering.

namespace {

void AppendAddress(std::string* s, const World& w, const Household& h,
                   bool chinese_numerals, bool province) {
  if (province) {
    s->append(w.county->province);
    s->append(w.county->prefecture);
  }
  s->append(w.county->name);
  s->append(w.county->townships[h.township].name);
  const Village& v = *w.villages[h.village];
  s->append(v.name);
  if (v.urban) {
    s->append(kStreets[h.street]);
    AppendUInt(s, h.number);
    s->append("号院");
    AppendUInt(s, h.building);
    s->append("号楼");
    AppendUInt(s, h.unit);
    s->append("单元");
    AppendUInt(s, h.room);
    return;
  }
  if (chinese_numerals) {
    AppendCnNumber(s, h.group);
    s->append("组");
    AppendCnNumber(s, h.number);
  } else {
    AppendUInt(s, h.group);
    s->append("组");
    AppendUInt(s, h.number);
  }
  s->append("号");
}

void AppendHukouId(std::string* s, const World& w, const Household& h) {
  s->append(HukouId(w.county->townships[h.township].code, h.serial,
                    w.households.size()));
}

}  // namespace

void RenderPopulation(const World& w, uint64_t seed, size_t begin, size_t end,
                      std::string* out) {
  out->reserve((end - begin) * 150);
  for (size_t i = begin; i < end; ++i) {
    const Person& p = w.people[i];
    const Household& h = w.households[p.household];
    Rng rng(seed, kStreamPopRow, i);
    AppendId(out, p.body, p.id_style);
    out->push_back(',');
    out->append(p.name);
    out->append(p.male ? ",男," : ",女,");
    AppendDate(out, p.birth, rng.Below(100) < 70 ? 2 : 0);
    out->push_back(',');
    AppendHukouId(out, w, h);
    out->push_back(',');
    // One person in ten by GB/T 4761 code, drawn from the ID so that the
    // row's other draws stay as they were.
    out->append(RelationAsWritten(
        p.relation, p.body % 10 == 3 ? kRelationCodes : kRelationWords));
    out->push_back(',');
    AppendAddress(out, w, h, rng.Below(100) < 15, rng.Below(100) < 40);
    out->push_back(',');
    out->append(kStatusNames[p.status]);
    out->push_back(',');
    if (p.status != kNormal && !p.status_date_blank)
      AppendDate(out, p.status_date, rng.Below(100) < 60 ? 0 : 2);
    for (int32_t kin : {p.father, p.mother, p.spouse}) {
      out->push_back(',');
      if (kin >= 0) AppendId(out, w.people[kin].body, kIdClean);
    }
    out->append("\r\n");
  }
}

// 村干部与工作人员名册 as the 组织部 types it: IDs often missing or mistyped
// (the run falls back to name + birth date + township).
void RenderCadres(const World& w, uint64_t seed, std::string* out,
                  int64_t* rows) {
  out->append(
      "\xEF\xBB\xBF序号,姓名,性别,出生年月日,身份证号,所在乡镇,所在村（社区）,"
      "职务\r\n");
  for (size_t i = 0; i < w.cadres.size(); ++i) {
    const World::Cadre& c = w.cadres[i];
    const Person& p = w.people[c.person];
    Rng rng(seed, kStreamCadreRow, i);
    AppendUInt(out, i + 1);
    out->push_back(',');
    out->append(p.name);
    out->append(p.male ? ",男," : ",女,");
    AppendDate(out, p.birth, static_cast<int>(rng.Below(4)));
    out->push_back(',');
    if (c.id_style == kCadreIdClean)
      AppendId(out, p.body, rng.Below(100) < 30 ? kIdLowerX : kIdClean);
    if (c.id_style == kCadreIdBadCheck) AppendId(out, p.body, kIdBadCheck);
    out->push_back(',');
    out->append(w.county->townships[c.township].name);
    out->push_back(',');
    // The village of the post: the cadre's own where the post is in their
    // township, else the township's first.
    const Household& h = w.households[p.household];
    out->append(h.township == c.township
                    ? w.villages[h.village]->name
                    : w.county->townships[c.township].villages[0].name);
    out->push_back(',');
    out->append(kCadrePosts[c.post]);
    out->append("\r\n");
    ++*rows;
  }
}

void RenderRoll(const World& w, uint64_t seed, std::string* out,
                int64_t* rows) {
  out->reserve(w.members.size() * 200 + 512);
  out->append("\xEF\xBB\xBF");
  out->append(
      "低保户编号,身份证号码,姓名,与户主关系,乡镇（街道）,村（社区）,家庭住址,"
      "城乡类别,保障类别,"
      "家庭月人均收入,月保障金（元）,批准日期,银行账号,联系电话\r\n");
  std::vector<int> order(w.cases.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::sort(order.begin(), order.end(),
            [&](int a, int b) { return w.cases[a].id < w.cases[b].id; });
  constexpr SV kCategories[] = {"一类", "二类", "三类"};
  for (int ci : order) {
    const Case& c = w.cases[ci];
    const Household& h = w.households[c.household];
    Rng rng(seed, kStreamRollRow, static_cast<uint64_t>(ci));
    int date_style = static_cast<int>(rng.Below(4));
    int amount_style = static_cast<int>(rng.Below(3));
    bool cn_address = rng.Below(100) < 30;
    for (int i = 0; i < c.n; ++i) {
      const Person& p = w.people[w.members[c.first_member + i]];
      out->append(c.id);
      out->push_back(',');
      AppendId(out, p.body,
               CheckChar(p.body) == 'X' && rng.Below(100) < 20 ? kIdLowerX
                                                               : kIdClean);
      out->push_back(',');
      out->append(p.name);
      out->push_back(',');
      out->append(RelationAsWritten(p.relation, c.relation_style));
      out->push_back(',');
      out->append(w.county->townships[h.township].name);
      out->push_back(',');
      out->append(w.villages[h.village]->name);
      out->push_back(',');
      AppendAddress(out, w, h, cn_address, false);
      out->append(c.urban ? ",城市," : ",农村,");
      out->append(kCategories[c.category]);
      out->push_back(',');
      if (!c.income_blank)
        AppendHundredths(out, c.income_fen, amount_style == 1 ? 2 : 0, true);
      out->push_back(',');
      AppendHundredths(out, c.monthly_fen, amount_style, true);
      out->push_back(',');
      AppendDate(out, c.enrolled, date_style);
      out->push_back(',');
      AppendUInt(out, c.account);
      out->push_back(',');
      if (c.phone) AppendUInt(out, c.phone);
      out->append("\r\n");
      ++*rows;
    }
  }
}

void RenderDeaths(const World& w, uint64_t seed, std::string* out,
                  int64_t* rows, int64_t* quarantined) {
  const size_t n = w.deaths.size();
  const size_t nbad = w.malformed_death_lines.size();
  out->reserve((n + nbad) * 96 + 256);
  size_t next_bad = 0;
  for (size_t i = 0; i <= n; ++i) {
    // Malformed lines spread through the file.
    while (next_bad < nbad && i == (n * (next_bad + 1)) / (nbad + 1)) {
      out->append(w.malformed_death_lines[next_bad++]);
      out->push_back('\n');
      ++*rows;
      ++*quarantined;
    }
    if (i == n) break;
    const DeathRecord& d = w.deaths[i];
    const Person& p = w.people[d.person];
    Rng rng(seed, kStreamDeathRow, i);
    out->append("{\"sfzh\": \"");
    AppendId(out, p.body, d.id_style);
    out->append("\", \"xm\": ");
    AppendJsonString(out, p.name);
    out->append(", \"swrq\": \"");
    AppendDate(out, d.date, static_cast<int>(rng.Below(4)));
    out->append("\", \"ly\": \"");
    out->append(kDeathSourceNames[d.source]);
    out->append("\"}\n");
    ++*rows;
    if (d.id_style == kIdBadCheck) ++*quarantined;
  }
  for (const std::string& line : w.trailing_death_lines) {
    out->append(line);
    out->push_back('\n');
    ++*rows;
    ++*quarantined;
  }
}

namespace {

void AppendPlate(std::string* s, Rng& rng, int32_t date, int32_t as_of) {
  static constexpr char kLetters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  s->append("豫C");
  if (date > as_of - 365 * 4 &&
      rng.Below(100) < 25) {  // new-energy plates: 6 characters
    s->push_back(rng.Below(2) ? 'D' : 'F');
    AppendPad(s, rng.Below(100000), 5);
    return;
  }
  s->push_back(kLetters[rng.Below(24)]);
  for (int k = 0; k < 4; ++k) {
    if (rng.Below(100) < 20)
      s->push_back(kLetters[rng.Below(24)]);
    else
      s->push_back(static_cast<char>('0' + rng.Below(10)));
  }
}

}  // namespace

void RenderVehicles(const World& w, uint64_t seed, int32_t as_of,
                    std::string* out, int64_t* rows, int64_t* quarantined) {
  out->reserve(w.vehicles.size() * 72 + 256);
  out->append(
      "号牌号码,车辆类型,所有人身份证明号码,所有人,初次登记日期,"
      "机动车状态\r\n");
  for (size_t i = 0; i < w.vehicles.size(); ++i) {
    const VehicleRecord& v = w.vehicles[i];
    const Person& p = w.people[v.person];
    Rng rng(seed, kStreamVehicleRow, i);
    AppendPlate(out, rng, v.date, as_of);
    out->push_back(',');
    out->append(kVehicleTypes[v.type].spelled);
    out->push_back(',');
    AppendId(out, p.body, v.id_style);
    out->push_back(',');
    out->append(p.name);
    out->push_back(',');
    AppendDate(out, v.date,
               rng.Below(100) < 50 ? 0 : static_cast<int>(rng.Below(4)));
    out->push_back(',');
    out->push_back(kStatusLetters[v.status]);
    if (v.bad_columns) {
      out->append(",备注：已过户未核");  // a stray column
      ++*quarantined;
    }
    out->append("\r\n");
    ++*rows;
  }
}

void RenderProperty(const World& w, uint64_t seed, std::string* out,
                    int64_t* rows) {
  out->reserve(w.owners.size() * 160 + 256);
  out->append(
      "不动产权证号,权利人,证件号码,坐落,建筑面积,用途,登记日期,权属状态\n");
  for (size_t i = 0; i < w.titles.size(); ++i) {
    const Title& t = w.titles[i];
    Rng rng(seed, kStreamPropertyRow, i);
    std::string location;
    if (t.household >= 0) {
      AppendAddress(&location, w, w.households[t.household],
                    rng.Below(100) < 20, false);
    } else {
      location.append(w.county->name);
      location.append(
          w.county->townships[t.township >= 0 ? t.township : 0].name);
      location.append(kStreets[rng.Below(std::size(kStreets))]);
      AppendUInt(&location, static_cast<uint64_t>(rng.Range(1, 300)));
      location.append("号");
      if (t.use == kResidential) {
        AppendUInt(&location, static_cast<uint64_t>(rng.Range(1, 20)));
        location.append("幢");
        AppendUInt(&location, static_cast<uint64_t>(rng.Range(1, 4)));
        location.append("单元");
        AppendUInt(&location, static_cast<uint64_t>(rng.Range(1, 18) * 100 +
                                                    rng.Range(1, 4)));
        location.append("室");
      } else if (t.use == kCommercial) {
        location.append("商铺");
        AppendUInt(&location, static_cast<uint64_t>(rng.Range(101, 130)));
      } else {
        location.append("地下车库");
        AppendUInt(&location, static_cast<uint64_t>(rng.Range(1, 400)));
        location.append("号车位");
      }
    }
    int area_style = static_cast<int>(rng.Below(100));
    area_style = area_style < 55   ? 0
                 : area_style < 80 ? 1
                 : area_style < 92 ? 2
                                   : 3;
    int date_style = static_cast<int>(rng.Below(4));
    for (int k = 0; k < t.owners_n; ++k) {
      const Person& p = w.people[w.owners[t.owners_begin + k]];
      out->append(t.certificate);
      out->push_back(',');
      out->append(p.name);
      out->push_back(',');
      AppendId(out, p.body,
               CheckChar(p.body) == 'X' && rng.Below(100) < 25 ? kIdLowerX
                                                               : kIdClean);
      out->push_back(',');
      out->append(location);
      out->push_back(',');
      AppendHundredths(out, t.area, area_style, true);
      out->push_back(',');
      out->append(kUseNames[t.use]);
      out->push_back(',');
      AppendDate(out, t.date, date_style);
      out->append(t.active ? ",现势\n" : ",注销\n");
      ++*rows;
    }
  }
}

// The feeds of issue 3, each in its department's shape.

namespace {

void AppendMonth(std::string* s, int month, int style) {
  int y = month / 12, m = month % 12 + 1;
  AppendPad(s, static_cast<uint64_t>(y), 4);
  if (style == 0) {
    s->push_back('-');
    AppendPad(s, static_cast<uint64_t>(m), 2);
  } else if (style == 1) {
    AppendPad(s, static_cast<uint64_t>(m), 2);
  } else {
    s->append("年");
    AppendUInt(s, static_cast<uint64_t>(m));
    s->append("月");
  }
}

uint8_t RowIdStyle(Rng& rng, uint64_t body) {
  return CheckChar(body) == 'X' && rng.Below(100) < 40 ? kIdLowerX : kIdClean;
}

}  // namespace

namespace {

// A destination inside the county, as MigrationPlace says to write it.
void AppendCountyPlace(const World& w, const Household& h, uint8_t place,
                       std::string* out) {
  SV township = w.county->townships[h.township].name;
  switch (place) {
    case kPlaceCountyCode:
      out->append(w.county->code);
      break;
    case kPlaceVillageCode:
      out->append(w.villages[h.village]->code);
      break;
    case kPlaceCountyAndTownship:
      out->append(w.county->name);
      out->append(township);
      break;
    default:
      out->append(township);
  }
}

}  // namespace

// 迁出/婚姻: the public-security and marriage registries' NDJSON.
void RenderMigration(const World& w, uint64_t seed, std::string* out,
                     int64_t* rows) {
  constexpr SV kDestinations[] = {"广东省深圳市", "浙江省杭州市",
                                  "河南省郑州市", "江苏省苏州市",
                                  "洛阳市涧西区"};
  for (size_t i = 0; i < w.migrations.size(); ++i) {
    const World::Migration& e = w.migrations[i];
    const Person& p = w.people[e.person];
    Rng rng(seed, kStreamMoreRow, i * 8 + 1);
    out->append("{\"gmsfhm\":\"");
    AppendId(out, p.body, RowIdStyle(rng, p.body));
    out->append("\",\"xm\":");
    AppendJsonString(out, p.name);
    out->append(",\"ywlx\":\"");
    out->append(kMigrationNames[e.event]);
    out->append("\",\"blrq\":\"");
    AppendDate(out, e.date, static_cast<int>(rng.Below(4)));
    out->append("\",\"qwd\":\"");
    if ((e.event == kMoveOut || e.event == kMarryOut) &&
        e.place != kPlaceOutside) {
      const Household& h = w.households[p.household];
      AppendCountyPlace(w, h, e.place, out);
    } else if (e.event == kMoveOut || e.event == kMarryOut) {
      out->append(kDestinations[rng.Below(std::size(kDestinations))]);
    }
    out->append("\"}\n");
    ++*rows;
  }
}

// 税务: the tax bureau's export, GB18030 CSV, periods in three spellings.
void RenderTax(const World& w, uint64_t seed, std::string* out, int64_t* rows) {
  out->append("证件号码,纳税人姓名,所属期,所得项目,收入额\r\n");
  for (size_t i = 0; i < w.taxes.size(); ++i) {
    const World::Tax& t = w.taxes[i];
    const Person& p = w.people[t.person];
    Rng rng(seed, kStreamMoreRow, i * 8 + 2);
    AppendId(out, p.body, RowIdStyle(rng, p.body));
    out->push_back(',');
    out->append(p.name);
    out->push_back(',');
    AppendMonth(out, t.month, static_cast<int>(rng.Below(3)));
    out->push_back(',');
    out->append(kTaxKindNames[t.kind]);
    out->push_back(',');
    AppendHundredths(out, t.fen, static_cast<int>(rng.Below(3)), true);
    out->append("\r\n");
    ++*rows;
  }
}

// 工资/养老: the human-resources bureau's NDJSON.
void RenderPayroll(const World& w, uint64_t seed, std::string* out,
                   int64_t* rows) {
  constexpr SV kEmployers[] = {"伊川县城市管理局", "伊川县社会保险中心",
                               "伊川县人力资源和社会保障局",
                               "伊川县住房公积金管理中心"};
  for (size_t i = 0; i < w.payrolls.size(); ++i) {
    const World::Payroll& t = w.payrolls[i];
    const Person& p = w.people[t.person];
    Rng rng(seed, kStreamMoreRow, i * 8 + 3);
    out->append("{\"sfzh\":\"");
    AppendId(out, p.body, RowIdStyle(rng, p.body));
    out->append("\",\"xm\":");
    AppendJsonString(out, p.name);
    out->append(",\"dwmc\":\"");
    out->append(kEmployers[t.kind]);
    out->append("\",\"lb\":\"");
    out->append(kPayKindNames[t.kind]);
    out->append("\",\"yje\":\"");
    AppendHundredths(out, t.fen, static_cast<int>(rng.Below(3)), false);
    out->append("\",\"ssq\":\"");
    AppendMonth(out, t.month, static_cast<int>(rng.Below(2)));
    out->append("\"}\n");
    ++*rows;
  }
}

// 存款: the banks' export, UTF-8 with BOM.
void RenderBank(const World& w, uint64_t seed, std::string* out,
                int64_t* rows) {
  out->append(
      "\xEF\xBB\xBF"
      "客户姓名,证件号码,开户机构,账号,账户余额（元）,余额日期\r\n");
  for (size_t i = 0; i < w.banks.size(); ++i) {
    const World::Bank& b = w.banks[i];
    const Person& p = w.people[b.person];
    Rng rng(seed, kStreamMoreRow, i * 8 + 4);
    out->append(p.name);
    out->push_back(',');
    AppendId(out, p.body, RowIdStyle(rng, p.body));
    out->push_back(',');
    out->append(kBanks[b.bank]);
    out->push_back(',');
    AppendUInt(out, b.account);
    out->push_back(',');
    AppendHundredths(out, b.fen, static_cast<int>(rng.Below(4)), true);
    out->push_back(',');
    AppendDate(out, b.date, static_cast<int>(rng.Below(3)));
    out->append("\r\n");
    ++*rows;
  }
}

// 工商登记: market regulation's export, GB18030, capital in 万元.
void RenderBusiness(const World& w, uint64_t seed, std::string* out,
                    int64_t* rows) {
  constexpr SV kTrades[] = {"商贸",     "建材",           "农业科技", "物流",
                            "餐饮管理", "养殖专业合作社", "电子商务"};
  out->append(
      "企业名称,法定代表人/"
      "股东,证件号码,角色,注册资本（万元）,登记状态,成立日期\r\n");
  for (size_t i = 0; i < w.businesses.size(); ++i) {
    const World::Business& b = w.businesses[i];
    const Person& p = w.people[b.person];
    Rng rng(seed, kStreamMoreRow, i * 8 + 5);
    out->append(w.county->name);
    out->append(p.name.substr(0, 3));
    out->append(kTrades[rng.Below(std::size(kTrades))]);
    out->append("有限公司,");
    out->append(p.name);
    out->push_back(',');
    AppendId(out, p.body, RowIdStyle(rng, p.body));
    out->push_back(',');
    out->append(kBizRoleNames[b.role]);
    out->push_back(',');
    AppendHundredths(out, b.capital_fen / 10000, rng.Below(2) ? 0 : 2, true);
    out->push_back(',');
    out->append(kBizStatusNames[b.status]);
    out->push_back(',');
    AppendDate(out, b.date, static_cast<int>(rng.Below(4)));
    out->append("\r\n");
    ++*rows;
  }
}

}  // namespace hedui::demo::gen

namespace hedui::demo::gen {

// The neighbouring county's roll export: the same columns as the county's
// own (its civil-affairs office uses the same system), one row per case.
void RenderNeighbourRoll(const World& w, std::string* out, int64_t* rows) {
  out->append("\xEF\xBB\xBF");
  out->append(
      "低保户编号,身份证号码,姓名,与户主关系,乡镇（街道）,村（社区）,家庭住址,"
      "城乡类别,保障类别,"
      "家庭月人均收入,月保障金（元）,批准日期,银行账号,联系电话\r\n");
  for (const ForeignCase& f : w.foreign_cases) {
    const Person& p = w.people[f.person];
    out->append(f.id);
    out->push_back(',');
    AppendId(out, p.body, kIdClean);
    out->push_back(',');
    out->append(p.name);
    out->append(",户主,城关镇,东关社区,汝阳县城关镇东关社区,城市,一类,0,");
    AppendHundredths(out, f.monthly_fen, 0, true);
    out->push_back(',');
    AppendDate(out, f.enrolled, 0);
    out->append(",,\r\n");
    ++*rows;
  }
}

}  // namespace hedui::demo::gen
