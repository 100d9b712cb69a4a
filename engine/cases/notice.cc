#include "engine/cases/notice.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <optional>

#include "engine/base/html.h"
#include "engine/base/text.h"
#include "engine/cases/access.h"
#include "engine/cases/field_labels.h"
#include "hedui/date.h"
#include "hedui/feed_schema.h"

namespace hedui {

namespace {

struct Ground {
  std::string_view rule;
  std::string_view sentence;
};

// The household reads this, not the matcher's reason (English, written for
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

std::string Yuan(int64_t fen) { return FormatFen(fen) + " 元"; }

std::string Deadline(const NoticeInfo& info) {
  if (!info.deadline.empty()) return info.deadline;
  Date d;
  if (!ParseDate(info.issued_on, &d)) return "";
  d.days += info.hearing_days;
  return d.ToString();
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
  .number { text-align: right; }
  p { text-indent: 2em; margin: 0.4em 0; }
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

}  // namespace

std::string_view GroundSentence(std::string_view rule) {
  for (const Ground& g : kGrounds) {
    if (g.rule == rule) return g.sentence;
  }
  return "经核查，发现您家庭的情况与低保待遇的条件不一致，需要核实。";
}

namespace {

// The export's own name, not where it lay on the county's server.
std::string FileName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string NoticeHtml(const ReviewCase& c, const NoticeInfo& info) {
  auto h = [](std::string_view s) { return HtmlEscape(s); };
  const bool owed = c.rule == "UNDERPAID";
  const std::string_view title =
      owed ? "低保待遇核查结果告知书" : "低保待遇停发告知书";
  const std::string deadline = Deadline(info);
  std::string out;
  out.reserve(8192);
  out +=
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta "
      "charset=\"utf-8\">\n";
  fmt::format_to(std::back_inserter(out),
                 "<title>{}</title>\n<style>{}</style>\n", title, kStyle);
  out += "</head>\n<body>\n";
  fmt::format_to(std::back_inserter(out), "<h1>{}</h1>\n", title);
  fmt::format_to(std::back_inserter(out),
                 "<p class=\"number\">{}{} 案件编号：{}</p>\n", h(info.county),
                 h(info.office), h(c.flag_id));

  // The household. The ID stays whole: it is their own notice.
  fmt::format_to(std::back_inserter(out), "<p>{}（身份证号：{}）：</p>\n",
                 h(c.name), h(c.id_number));
  out += "<table>\n";
  Row("姓名", c.name, &out);
  Row("公民身份号码", c.id_number, &out);
  Row("低保案件编号", c.case_id, &out);
  Row("所在乡镇（街道）", c.township, &out);
  Row("所在村（社区）", c.village, &out);
  if (c.household_size > 0)
    Row("保障人口", fmt::format("{} 人", c.household_size), &out);
  out += "</table>\n";

  // The ground, in plain words.
  out += "<h2>核查结果</h2>\n";
  fmt::format_to(std::back_inserter(out), "<p>{}</p>\n",
                 h(GroundSentence(c.rule)));

  // The evidence, department by department.
  if (!c.evidence.empty()) {
    out += "<h2>核查依据</h2>\n";
    for (const EvidenceRecord& r : c.evidence) {
      fmt::format_to(
          std::back_inserter(out),
          "<p>{}部门提供的数据（文件 {}，第 {} 行）：</p>\n<table>\n",
          h(FeedLabel(r.feed)), h(FileName(r.file)), r.line);
      for (const auto& [field, value] : r.values) {
        // Account numbers masked even on the household's own notice: the
        // paper passes through other hands on its way to them.
        const bool account =
            field == "bank_account" || (r.feed == "bank" && field == "account");
        Row(FieldLabel(field), account ? MaskAccount(value) : value, &out);
      }
      out += "</table>\n";
    }
  }

  // The money.
  out += "<h2>涉及金额</h2>\n<table>\n";
  if (owed) {
    Row("每月少发金额", Yuan(c.monthly_at_stake_fen), &out);
    Row(fmt::format("自 {} 起应补发金额", c.since), Yuan(c.amount_fen), &out);
  } else {
    Row("每月涉及金额", Yuan(c.monthly_at_stake_fen), &out);
    Row(fmt::format("自 {} 起累计涉及金额", c.since), Yuan(c.amount_fen), &out);
    if (c.monthly_stopped_fen > 0)
      Row("每月停发金额", Yuan(c.monthly_stopped_fen), &out);
  }
  out += "</table>\n";

  // The decision.
  out += "<h2>处理决定</h2>\n";
  fmt::format_to(
      std::back_inserter(out), "<p>处理结果：{}{}</p>\n", h(c.outcome),
      c.decided_on.empty() ? std::string()
                           : fmt::format("（{} 决定）", h(c.decided_on)));

  // The right to be heard.
  out += "<h2>权利告知</h2>\n";
  fmt::format_to(
      std::back_inserter(out),
      "<p>如您对上述核查结果和处理决定有异议，有权自处理决定之日起 {} "
      "日内（即 {} 前）向{}{}提出陈述和申辩，或者申请听证。逾期未提出的，"
      "视为放弃上述权利，{}。</p>\n",
      info.hearing_days, h(deadline), h(info.county), h(info.office),
      owed ? "差额将按规定补发" : "将按上述决定办理");
  fmt::format_to(std::back_inserter(out), "<p>联系方式：{}</p>\n",
                 info.contact.empty() ? std::string(40, '_') : h(info.contact));

  // Signature and seal.
  fmt::format_to(std::back_inserter(out),
                 "<div class=\"seal\">{}{}（盖章）<br><span class=\"space\">"
                 "</span><br>{}</div>\n",
                 h(info.county), h(info.office), h(info.issued_on));
  out +=
      "<p>送达回执：本人已收到本告知书。 签收人：__________ 日期：__________"
      "</p>\n";
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace hedui
