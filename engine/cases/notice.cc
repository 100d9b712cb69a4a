#include "engine/cases/notice.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <optional>
#include <vector>

#include "engine/base/html.h"
#include "engine/base/id_number.h"
#include "engine/base/text.h"
#include "engine/base/toml_check.h"
#include "engine/cases/access.h"
#include "engine/cases/field_labels.h"
#include "hedui/feed_schema.h"

namespace hedui {

namespace {

struct Ground {
  std::string_view rule;
  std::string_view sentence;
};

// The household reads this, not the matcher's reason (written for
// reviewers): one plain sentence per ground of matchers/.
constexpr std::array<Ground, 14> kGrounds = {{
    {"DECEASED",
     "经核查，您家庭中的成员已经死亡（或已火化），其低保待遇应停止发放。"},
    {"MOVED",
     "经核查，您家庭中的成员户籍已迁出本地（或因婚姻等原因迁出），不再属于本地"
     "低保保障对象。"},
    {"VEHICLE",
     "经核查，您家庭成员名下有正在使用的机动车辆，不符合低保家庭财产状况的规定"
     "。"},
    {"PROPERTY",
     "经核查，您家庭成员名下有超出规定的房产等不动产，不符合低保家庭财产状况的"
     "规定。"},
    {"INCOME", "经核查，您家庭的人均收入高于当地最低生活保障标准。"},
    {"ASSETS", "经核查，您家庭的存款等金融资产超过了规定的限额。"},
    {"BUSINESS", "经核查，您家庭成员名下有正在经营的企业或个体工商户。"},
    {"PUBLIC_PAY",
     "经核查，您家庭成员在机关事业单位领取工资、在公益性岗位领取补贴或领取较高"
     "的养老金。"},
    {"DUPLICATE",
     "经核查，您家庭中的成员同时登记在另一个低保家庭中，重复享受了低保待遇。"},
    {"PAYMENT",
     "经核查，您家低保金的发放账户同时为其他低保家庭发放，或由家庭以外的人员持"
     "有。"},
    {"UNDERPAID",
     "经核查，您家实际领取的低保金少于应当领取的金额，差额应予补发。"},
    {"SPLIT", "经核查，同一户籍家庭被分成多个低保户分别享受待遇。"},
    {"MERGE", "经核查，您的低保家庭中登记有不属于本家庭的成员。"},
    {"CADRE_KIN",
     "经核查，您家庭成员是村（居）干部或低保经办人员的近亲属，按规定需要备案并"
     "重新审核。"},
}};

struct Department {
  std::string_view feed, name;
};
constexpr Department kDepartments[] = {
    {"roll", "民政局"},
    {"population", "公安局"},
    {"death", "公安局、卫生健康和殡葬管理部门"},
    {"migration", "公安局"},
    {"vehicle", "公安局交通管理部门"},
    {"property", "不动产登记中心"},
    {"tax", "税务局"},
    {"bank", "金融机构"},
    {"business", "市场监督管理局"},
    {"payroll", "人力资源和社会保障局"},
    {"cadre", "组织部门"},
};

// What each feed's evidence shows on the letter: the fields the decision
// rests on, nothing else. No ID number is listed (the member's own is in
// the letter's head, masked), nor a parent's or spouse's ID, a phone, an
// address or a 户号: a household's letter discloses nobody else.
struct Shown {
  std::string_view feed;
  std::array<std::string_view, 7> fields;
};
constexpr Shown kShown[] = {
    {"roll",
     {"case_id", "name", "relation", "monthly_amount", "enrolled_on",
      "declared_income", "bank_account"}},
    {"population", {"name", "relation", "status", "status_date"}},
    {"death", {"name", "death_date", "source"}},
    {"migration", {"event", "event_date", "destination"}},
    {"vehicle", {"plate", "vehicle_type", "registered_on", "status"}},
    {"property",
     {"certificate", "location", "area_m2", "use", "registered_on", "status"}},
    {"tax", {"period", "income_kind", "amount"}},
    {"bank", {"institution", "account", "balance", "as_of"}},
    {"business",
     {"company", "role", "status", "registered_capital", "registered_on"}},
    {"payroll", {"employer", "kind", "monthly_amount", "period"}},
    {"cadre", {"name", "post", "township", "village"}},
};

// Of a record about another person (a kin along a family chain, a cadre,
// another case's member, an account's holder): who they are to the case,
// never their money or their numbers beyond a masked account.
constexpr std::string_view kShownOfOthers[] = {
    "case_id", "name",   "relation",    "post",    "township",
    "village", "status", "status_date", "account", "bank_account"};

bool IsShown(const EvidenceRecord& r, std::string_view field, bool other) {
  if (other && std::find(std::begin(kShownOfOthers), std::end(kShownOfOthers),
                         field) == std::end(kShownOfOthers))
    return false;
  for (const Shown& s : kShown) {
    if (s.feed != r.feed) continue;
    return std::find(s.fields.begin(), s.fields.end(), field) != s.fields.end();
  }
  return false;
}

std::string_view ValueOf(const EvidenceRecord& r, std::string_view field) {
  for (const auto& [f, v] : r.values) {
    if (f == field) return v;
  }
  return {};
}

std::string Yuan(int64_t fen) { return FormatFen(fen) + " 元"; }

// "2024年7月" from "2024-07".
std::string MonthWords(std::string_view month) {
  if (month.size() != 7) return std::string(month);
  int m = (month[5] - '0') * 10 + (month[6] - '0');
  return fmt::format("{}年{}月", month.substr(0, 4), m);
}

// Self-contained: no font, image or script from anywhere, so the page
// prints the same offline and reveals nothing to a third party.
constexpr std::string_view kStyle = R"(
  @page { size: A4; margin: 22mm 20mm; }
  body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif;
         font-size: 12pt; line-height: 1.8; max-width: 170mm; margin: 0 auto;
         color: #000; }
  h1 { text-align: center; font-size: 20pt; letter-spacing: 0.2em;
       margin: 0 0 0.5em; }
  h2 { font-size: 13pt; margin: 0.8em 0 0.2em; }
  .number { text-align: right; }
  p { text-indent: 2em; margin: 0.4em 0; }
  p.to { text-indent: 0; }
  table { border-collapse: collapse; width: 100%; margin: 0.4em 0; }
  th, td { border: 1px solid #000; padding: 2pt 4pt; text-align: left;
           vertical-align: top; font-size: 10.5pt; }
  th { width: 28%; font-weight: normal; }
  .seal { margin-top: 3em; text-align: right; line-height: 2.4; }
  .seal .space { display: inline-block; width: 40mm; height: 40mm; }
  @media print {
    body { max-width: none; }
    table, .seal { page-break-inside: avoid; }
  }
)";

void Row(std::string_view label, std::string_view value, std::string* out) {
  out->append("<tr><th>");
  AppendHtmlEscaped(label, out);
  out->append("</th><td>");
  AppendHtmlEscaped(value, out);
  out->append("</td></tr>\n");
}

std::string OrDefault(const std::string& text, std::string fallback) {
  return text.empty() ? fallback : text;
}

// The relation's rank when the head cannot be written to.
int RelationRank(std::string_view code) {
  constexpr std::string_view kOrder[] = {
      "head",      "spouse",     "child",   "child_in_law",
      "parent",    "grandchild", "sibling", "grandparent",
      "other_kin", "other",      "non_kin"};
  for (size_t i = 0; i < std::size(kOrder); ++i) {
    if (kOrder[i] == code) return static_cast<int>(i);
  }
  return static_cast<int>(std::size(kOrder));
}

}  // namespace

std::string_view GroundSentence(std::string_view rule) {
  for (const Ground& g : kGrounds) {
    if (g.rule == rule) return g.sentence;
  }
  return "经核查，发现您家庭的情况与低保待遇的条件不一致，需要核实。";
}

std::string_view DefaultDepartment(std::string_view feed) {
  for (const Department& d : kDepartments) {
    if (d.feed == feed) return d.name;
  }
  return "有关部门";
}

bool StopsWholeCase(const ReviewCase& c) {
  if (c.scope == "case" || c.household_size == 1) return true;
  return c.case_monthly_fen > 0 && c.monthly_at_stake_fen >= c.case_monthly_fen;
}

std::string MaskIdNumber(std::string_view id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') +
         std::string(id.substr(id.size() - 4));
}

std::string NoticeLastDay(std::string_view delivered_on, int days) {
  Date d;
  if (delivered_on.empty() || !ParseDate(delivered_on, &d)) return "";
  // The delivery day is not counted: day 1 is the day after it.
  d.days += days;
  return d.ToString();
}

Status LoadNoticeTemplate(const std::string& path, NoticeTemplate* t) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::OK();
  StatusOr<std::string> text = ReadConfigFile(path, "notice template");
  if (!text.ok()) return text.status();
  StatusOr<toml::table> doc = ParseTomlText(text.value(), path);
  if (!doc.ok()) return doc.status();
  HEDUI_RETURN_IF_ERROR(
      CheckTomlKeys(path, doc.value(), "the file", {"notice", "departments"}));
  if (const toml::table* n = doc.value()["notice"].as_table()) {
    HEDUI_RETURN_IF_ERROR(
        CheckTomlKeys(path, *n, "[notice]",
                      {"office", "address", "phone", "seal", "statement_to",
                       "reconsideration_to", "reconsideration_days", "court",
                       "litigation_months"}));
    for (auto [key, out] :
         {std::pair{"office", &t->office}, std::pair{"address", &t->address},
          std::pair{"phone", &t->phone}, std::pair{"seal", &t->seal},
          std::pair{"statement_to", &t->statement_to},
          std::pair{"reconsideration_to", &t->reconsideration_to},
          std::pair{"court", &t->court}}) {
      const toml::node* v = n->get(key);
      if (v == nullptr) continue;
      if (!v->is_string()) {
        return Status::InvalidArgument(fmt::format(
            "{}: notice.{} must be text in quotes", TomlWhere(path, v), key));
      }
      *out = v->value_or(std::string());
    }
    if (const toml::node* v = n->get("reconsideration_days"))
      HEDUI_RETURN_IF_ERROR(GetTomlInt(path, *v, "notice.reconsideration_days",
                                       1, 365, &t->reconsideration_days));
    if (const toml::node* v = n->get("litigation_months"))
      HEDUI_RETURN_IF_ERROR(GetTomlInt(path, *v, "notice.litigation_months", 1,
                                       24, &t->litigation_months));
  }
  if (const toml::table* d = doc.value()["departments"].as_table()) {
    for (const auto& [key, value] : *d) {
      if (!FeedKindFromName(key.str())) {
        return Status::InvalidArgument(fmt::format(
            "{}: [departments]: '{}' is not a feed kind (roll population "
            "death migration vehicle property tax bank business payroll "
            "cadre)",
            TomlWhere(path, &value), key.str()));
      }
      if (!value.is_string()) {
        return Status::InvalidArgument(
            fmt::format("{}: departments.{} must be text in quotes",
                        TomlWhere(path, &value), key.str()));
      }
      t->departments[std::string(key.str())] = value.value_or(std::string());
    }
  }
  return Status::OK();
}

Status FillNoticeInfo(const std::string& data_dir, const ReviewCase& c,
                      const std::string& delivered_on,
                      const std::string& case_number, NoticeInfo* info) {
  HEDUI_RETURN_IF_ERROR(
      LoadNoticeTemplate(data_dir + "/notice.toml", &info->tmpl));
  info->case_number = case_number;
  info->delivered_on = c.notice_delivered_on;
  if (!delivered_on.empty()) {
    Date d, decided;
    if (!ParseDate(delivered_on, &d)) {
      return Status::InvalidArgument(fmt::format(
          "送达日期「{}」不是日期（YYYY-MM-DD）/ --delivered-on '{}' is not "
          "a date (YYYY-MM-DD)",
          delivered_on, delivered_on));
    }
    if (ParseDate(c.decided_on, &decided) && d < decided) {
      return Status::InvalidArgument(fmt::format(
          "送达日期 {} 早于处理决定日期 {} / delivery {} is before the "
          "decision {}",
          d.ToString(), c.decided_on, d.ToString(), c.decided_on));
    }
    info->delivered_on = d.ToString();
  }
  return Status::OK();
}

NoticeAddressee ChooseAddressee(const Household& household, Date as_of,
                                const std::vector<Flag>& flags) {
  NoticeAddressee to;
  struct Candidate {
    size_t member;
    int rank;
    int birth;   // yyyymmdd; 0 unknown
    int absent;  // 0 present, 1 moved out or imprisoned
  };
  std::vector<Candidate> candidates;
  const int today = as_of.yyyymmdd();
  for (size_t i = 0; i < household.members.size(); ++i) {
    const Member& m = household.members[i];
    const std::string& relation = m.roll.field(field::kRollRelation);
    if (relation == "head" && to.head_name.empty())
      to.head_name = m.roll.field(field::kRollName);
    bool dead = false;
    for (const SourceRecord& r :
         m.feeds[static_cast<size_t>(FeedKind::kDeath)]) {
      Date d;
      dead |= ParseDate(r.field(field::kDeathDate), &d) && d <= as_of;
    }
    int absent = 0;
    for (const SourceRecord& r :
         m.feeds[static_cast<size_t>(FeedKind::kPopulation)]) {
      const std::string& status = r.field(field::kPopStatus);
      Date d;
      bool dated = ParseDate(r.field(field::kPopStatusDate), &d);
      if (dated && d > as_of) continue;
      if (status == "dead" && dated) dead = true;
      if (status == "moved_out" || status == "imprisoned") absent = 1;
    }
    for (const Flag& f : flags) {
      if (f.member != i) continue;
      dead |= f.rule == "DECEASED";
      if (f.rule == "MOVED") absent = 1;
    }
    if (dead) continue;
    ResidentId id;
    int birth = 0;
    if (ParseResidentId(m.roll.field(field::kRollIdNumber), &id) ==
        IdError::kNone)
      birth = id.birth_yyyymmdd;
    // 18 or older on the as-of date; unknown birth: taken as adult.
    if (birth != 0 && today - birth < 180000) continue;
    candidates.push_back({i, RelationRank(relation), birth, absent});
  }
  auto best = std::min_element(candidates.begin(), candidates.end(),
                               [](const Candidate& a, const Candidate& b) {
                                 if (a.absent != b.absent)
                                   return a.absent < b.absent;
                                 if (a.rank != b.rank) return a.rank < b.rank;
                                 // The elder first; unknown births after known
                                 // ones.
                                 int ab = a.birth ? a.birth : 99999999,
                                     bb = b.birth ? b.birth : 99999999;
                                 if (ab != bb) return ab < bb;
                                 return a.member < b.member;
                               });
  if (best != candidates.end()) {
    const Member& m = household.members[best->member];
    to.name = m.roll.field(field::kRollName);
    to.relation = m.roll.field(field::kRollRelation);
  }
  return to;
}

std::string NoticeHtml(const ReviewCase& c, const NoticeInfo& info) {
  auto h = [](std::string_view s) { return HtmlEscape(s); };
  const NoticeTemplate& t = info.tmpl;
  const bool owed = c.rule == "UNDERPAID";
  const bool whole = StopsWholeCase(c);
  const bool dead = c.rule == "DECEASED";
  const std::string_view title = owed    ? "低保待遇核查结果告知书"
                                 : whole ? "低保待遇停发告知书"
                                         : "低保金调整（减发）告知书";
  const std::string office = info.county + t.office;
  std::string out;
  out.reserve(12288);
  out +=
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta "
      "charset=\"utf-8\">\n";
  fmt::format_to(std::back_inserter(out),
                 "<title>{}</title>\n<style>{}</style>\n", title, kStyle);
  out += "</head>\n<body>\n";
  fmt::format_to(std::back_inserter(out), "<h1>{}</h1>\n", title);
  fmt::format_to(std::back_inserter(out), "<p class=\"number\">{}</p>\n",
                 info.case_number.empty()
                     ? fmt::format("低保案件编号：{}", h(c.case_id))
                     : h(info.case_number));

  // To whom: a living adult of the household, never the member who died.
  // A run that found nobody living and adult leaves the addressee empty
  // (the head's name set): the household then. A case recorded before the
  // run chose one (no head either): the member when alive, else the
  // household.
  std::string to;
  const bool recorded_before = c.head_name.empty();
  if (!c.addressee_name.empty()) {
    to = fmt::format("{}（{}）", h(c.addressee_name),
                     h(c.addressee_relation == "head"
                           ? "户主、申请人"
                           : std::string(RelationLabel(c.addressee_relation))));
  } else if (recorded_before && !dead) {
    to = h(c.name);
  } else {
    to = fmt::format("低保户（编号 {}）家庭成员", h(c.case_id));
  }
  fmt::format_to(std::back_inserter(out), "<p class=\"to\">{}：</p>\n", to);

  // The household and the member concerned.
  out += "<table>\n";
  // The head who died is named as such, not as the one the letter asks.
  if (!c.head_name.empty())
    Row(dead && c.member_relation == "head" ? "户主（已故）" : "户主（申请人）",
        c.head_name, &out);
  Row("低保案件编号", c.case_id, &out);
  Row("所在乡镇（街道）", c.township, &out);
  Row("所在村（社区）", c.village, &out);
  if (c.household_size > 0)
    Row("保障人口", fmt::format("{} 人", c.household_size), &out);
  Row("涉及成员",
      c.member_relation.empty()
          ? c.name
          : fmt::format("{}（与户主关系：{}）", c.name,
                        RelationLabel(c.member_relation)) +
                (dead ? "，已死亡" : ""),
      &out);
  // Masked: the paper passes through the village's hands, and the
  // household knows its own number; the first and last four still tell
  // the member apart.
  Row("涉及成员身份证号", MaskIdNumber(c.id_number), &out);
  out += "</table>\n";

  // The ground, in plain words.
  out += "<h2>一、核查结果</h2>\n";
  fmt::format_to(std::back_inserter(out), "<p>{}</p>\n",
                 h(GroundSentence(c.rule)));

  // The evidence: department, date of the data, the fields that matter.
  if (!c.evidence.empty()) {
    out += "<h2>二、核查依据</h2>\n";
    for (const EvidenceRecord& r : c.evidence) {
      auto dept = t.departments.find(r.feed);
      std::string department =
          info.county + (dept != t.departments.end()
                             ? dept->second
                             : std::string(DefaultDepartment(r.feed)));
      std::string_view person = ValueOf(r, "id_number");
      const bool other = !person.empty() && person != c.id_number;
      fmt::format_to(std::back_inserter(out), "<p>{}{}数据{}{}：</p>\n",
                     h(department), h(FeedLabel(r.feed)),
                     c.last_seen.empty()
                         ? std::string()
                         : fmt::format("（{}）", h(c.last_seen)),
                     other ? "（涉及其他人员，仅列与本案有关的信息）" : "");
      out += "<table>\n";
      for (const auto& [field, value] : r.values) {
        if (!IsShown(r, field, other)) continue;
        // Account numbers masked even on the household's own notice.
        const bool account = field == "bank_account" || field == "account";
        Row(FieldLabel(r.feed, field),
            account ? MaskAccount(value) : ValueLabel(r.feed, field, value),
            &out);
      }
      out += "</table>\n";
    }
  }

  // The money: per month, and the months it covers.
  out += "<h2>三、涉及金额</h2>\n<table>\n";
  std::string period;
  if (!c.months.empty()) {
    period =
        fmt::format("{}至{}，共 {} 个月", MonthWords(c.months.front().first),
                    MonthWords(c.months.back().first), c.months.size());
  }
  if (owed) {
    Row("每月少发金额", Yuan(c.monthly_at_stake_fen), &out);
    if (!period.empty()) Row("少发期间", period, &out);
    Row("应补发金额合计", Yuan(c.amount_fen), &out);
  } else {
    if (whole) {
      Row("每月停发金额（全户）", Yuan(c.monthly_at_stake_fen), &out);
    } else {
      Row("每月减发金额", Yuan(c.monthly_at_stake_fen), &out);
      if (c.case_monthly_fen > c.monthly_at_stake_fen)
        Row("调整后每月低保金",
            Yuan(c.case_monthly_fen - c.monthly_at_stake_fen), &out);
    }
    if (!period.empty()) Row("多领期间", period, &out);
    Row("累计多领金额", Yuan(c.amount_fen), &out);
  }
  out += "</table>\n";

  // The decision.
  out += "<h2>四、处理决定</h2>\n";
  std::string decision;
  if (owed) {
    decision = "按规定补发少发的低保金";
  } else if (whole) {
    decision = "停发您家庭的低保金";
  } else {
    decision = fmt::format("减发家庭成员{}的低保金", c.name);
  }
  fmt::format_to(
      std::back_inserter(out), "<p>经审核，拟{}（处理结果：{}{}）。</p>\n",
      h(decision), h(c.outcome),
      c.decided_on.empty() ? std::string()
                           : fmt::format("，{} 决定", h(c.decided_on)));

  // The rights, counted from delivery, the delivery day not counted.
  out += "<h2>五、权利告知</h2>\n";
  const std::string last_day =
      NoticeLastDay(info.delivered_on, info.hearing_days);
  fmt::format_to(
      std::back_inserter(out),
      "<p>如您对上述核查结果和处理决定有异议，有权自本告知书送达之日起{}日内"
      "（送达当日不计入{}）向{}提出陈述、申辩，或者申请复核、要求听证。"
      "逾期未提出的，视为放弃上述权利，{}。</p>\n",
      info.hearing_days,
      last_day.empty() ? std::string()
                       : fmt::format("，即至 {} 止", h(last_day)),
      h(OrDefault(t.statement_to, office)),
      owed ? "差额将按规定补发" : "将按上述决定办理");
  fmt::format_to(
      std::back_inserter(out),
      "<p>如对处理决定不服，可以自知道该决定之日起{}日内向{}申请行政复议，"
      "或者自知道该决定之日起{}个月内向{}提起行政诉讼。</p>\n",
      t.reconsideration_days,
      h(OrDefault(t.reconsideration_to, info.county + "人民政府")),
      t.litigation_months, h(OrDefault(t.court, info.county + "人民法院")));
  const std::string blank(24, '_');
  fmt::format_to(std::back_inserter(out), "<p>联系地址：{}　联系电话：{}</p>\n",
                 t.address.empty() ? blank : h(t.address),
                 t.phone.empty() ? blank : h(t.phone));

  // Signature and seal.
  fmt::format_to(std::back_inserter(out),
                 "<div class=\"seal\">{}（盖章）<br><span class=\"space\">"
                 "</span><br>{}</div>\n",
                 h(OrDefault(t.seal, office)), h(info.issued_on));
  out +=
      "<p>送达回执：本人已收到本告知书。 签收人：__________ "
      "送达日期：__________</p>\n";
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace hedui
