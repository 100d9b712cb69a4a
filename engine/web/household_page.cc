#include "engine/web/household_page.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

#include "engine/base/html.h"
#include "engine/base/text.h"
#include "engine/web/pages.h"

namespace hedui::web {
namespace {

std::string E(std::string_view s) { return HtmlEscape(s); }

std::string HouseholdUrl(const HouseholdSummary& h) {
  return "/households/" +
         UrlEncode(h.file_number.empty() ? h.case_id : h.file_number);
}

std::string Grounds(const std::vector<std::string>& rules) {
  std::string out;
  for (const std::string& r : rules) {
    out += "<span class=\"rule\" title=\"" + E(r) + "\">" + E(RuleLabel(r)) +
           "</span> ";
  }
  return out;
}

std::string DateInput(const std::string& today) {
  return "<label>日期<input " HEDUI_DATE_INPUT " name=\"date\" value=\"" +
         E(today) + "\" required></label>";
}

std::string FormOpen(const std::string& action, const std::string& csrf,
                     const char* confirm = nullptr) {
  std::string out = "<form method=\"post\" action=\"" + E(action) +
                    "\" enctype=\"multipart/form-data\"";
  if (confirm) out += " data-confirm=\"" + E(confirm) + "\"";
  return out + ">" + CsrfField(csrf);
}

// One flag of the household: what it is, its evidence, its steps, and its
// decision (or the form to make it).
std::string FlagSection(const HouseholdPageView& view, const ReviewCase& c) {
  const std::string base =
      "/households/" + UrlEncode(view.file.summary.file_number.empty()
                                     ? view.file.summary.case_id
                                     : view.file.summary.file_number);
  std::string b = fmt::format(
      "<div class=\"card flag\" id=\"flag-{}\"><h3>{} {} · <a "
      "href=\"/cases/{}\">{}</a>{}</h3>",
      E(c.flag_id), E(RuleLabel(c.rule)), StatusBadge(c.status),
      E(UrlEncode(c.flag_id)), E(c.flag_id),
      c.in_data ? "" : " <span class=\"muted\">(已不在数据中)</span>");
  b += fmt::format(
      "<p><strong>核查理由：</strong>{}</p><p class=\"muted\">起始 {} · "
      "每月涉及 {} 元 · 累计 {} 元 · 承办人 {}</p>",
      E(c.reason), E(c.since), Yuan(c.monthly_at_stake_fen), Yuan(c.amount_fen),
      c.assignee.empty() ? "未分派" : E(c.assignee));
  b += "<details><summary>证据记录（" + std::to_string(c.evidence.size()) +
       " 条）</summary><div class=\"evidence\">";
  for (const EvidenceRecord& r : c.evidence) b += EvidenceRecordHtml(r);
  b += "</div></details>";
  if (!c.steps.empty()) {
    b += "<ul class=\"plain steps\">";
    for (const Step& s : c.steps) {
      b += fmt::format("<li>{} {} {}：{}", E(s.date), E(StepKindLabel(s.kind)),
                       E(s.by), E(s.notes));
      for (const Attachment& a : s.attachments) {
        b += " <a href=\"/cases/" + E(UrlEncode(c.flag_id)) + "/files/" +
             E(a.sha256) + "\">" + E(a.name) + "</a>";
      }
      b += "</li>";
    }
    b += "</ul>";
  }
  if (!c.outcome.empty()) {
    b += fmt::format("<p><strong>决定：</strong>{}（{}，{} {}）{}</p>",
                     E(c.outcome),
                     c.status == CaseStatus::kCleared ? "排除" : "确认",
                     E(c.decided_by), E(c.decided_on),
                     c.decision_note.empty() ? "" : "：" + E(c.decision_note));
  }
  if (view.works && c.status == CaseStatus::kUnderReview) {
    b += FormOpen(base + "/decide/" + UrlEncode(c.flag_id), view.csrf,
                  "确定作出此决定吗？") +
         fmt::format("<input type=\"hidden\" name=\"version\" value=\"{}\">",
                     c.version) +
         "<div class=\"inline\"><label>结论（" + E(RuleLabel(c.rule)) +
         "）<select name=\"outcome\" required><option value=\"\">— 请选择 "
         "—</option><optgroup label=\"确认（问题属实）\">";
    for (const std::string& o : view.confirmed_outcomes)
      b += "<option value=\"" + E(o) + "\">" + E(o) + "</option>";
    b += "</optgroup><optgroup label=\"排除（问题不属实）\">";
    for (const std::string& o : view.cleared_outcomes)
      b += "<option value=\"" + E(o) + "\">" + E(o) + "</option>";
    b += "</optgroup></select></label>" + DateInput(view.today) +
         "<label>说明<input name=\"note\" size=\"30\"></label><button "
         "type=\"submit\">提交此项决定</button></div></form>";
  } else if (view.works && c.status == CaseStatus::kConfirmed) {
    b += "<p><a class=\"button secondary\" href=\"/cases/" +
         E(UrlEncode(c.flag_id)) +
         "\">告知书、送达与停发（在此疑点的页面办理）</a></p>";
  }
  b += "</div>";
  return b;
}

}  // namespace

CaseFilter HouseholdFilterFromQuery(
    const std::function<std::string(const char*)>& param, std::string* error) {
  CaseFilter filter;
  std::string township = param("township"), village = param("village"),
              rule = param("rule"), status = param("status"),
              min = param("min"), sort = param("sort");
  if (!township.empty()) filter.townships.push_back(township);
  if (!village.empty()) filter.villages.push_back(village);
  if (!rule.empty()) filter.rules.push_back(rule);
  if (status == "open" || status.empty()) {
    // A household is worked while any flag of it is: open by default.
    filter.statuses = {CaseStatus::kNew, CaseStatus::kAssigned,
                       CaseStatus::kUnderReview, CaseStatus::kConfirmed};
  }
  if (status != "open" && status != "all" && !status.empty()) {
    if (std::optional<CaseStatus> s = ParseCaseStatus(status)) {
      filter.statuses = {*s};
    } else {
      *error = "状态无法识别。";
    }
  }
  if (!min.empty()) {
    int64_t fen = 0;
    if (ParseAmountFen(min, 1, &fen)) {
      filter.min_at_stake_fen = fen;
    } else {
      *error = "最低金额应为数字（元），如 500 或 1200.50。";
    }
  }
  filter.seen_from = param("from");
  filter.seen_to = param("to");
  filter.text = param("q");
  filter.assignee = param("assignee");
  using Sort = CaseFilter::Sort;
  filter.sort = sort == "amount"   ? Sort::kAtStakeDesc
                : sort == "total"  ? Sort::kAmountDesc
                : sort == "since"  ? Sort::kSince
                : sort == "status" ? Sort::kStatus
                : sort == "rule"   ? Sort::kRule
                                   : Sort::kPlace;
  return filter;
}

std::string ListSwitch(bool households, const std::string& query) {
  std::string q = query.empty() ? "" : "?" + query;
  return fmt::format(
      "<p class=\"switch\">查看方式：{} | {}</p>",
      households ? "<strong>按户（一户一档）</strong>"
                 : "<a href=\"" + E("/households" + q) +
                       "\" id=\"by-household\">按户（一户一档）</a>",
      households
          ? "<a href=\"" + E("/cases" + q) + "\" id=\"by-flag\">按疑点</a>"
          : "<strong>按疑点</strong>");
}

std::string HouseholdListBody(const HouseholdListView& view) {
  std::string b = "<h1>低保户档案（一户一档）</h1>";
  b += ListSwitch(true, view.query);
  b += fmt::format(
      "<div class=\"card\"><form class=\"filters\" method=\"get\" "
      "action=\"/households\"><label>乡镇<input name=\"township\" "
      "value=\"{}\" size=\"10\"></label><label>状态<select name=\"status\">"
      "<option value=\"open\"{}>有未办结的疑点</option><option "
      "value=\"all\"{}>全部</option></select></label><label>姓名/身份证号/"
      "档案号/户号<input name=\"q\" value=\"{}\" size=\"18\"></label><button "
      "type=\"submit\">查询</button><a class=\"button secondary\" "
      "href=\"/households\">清除条件</a></form></div>",
      E(view.township), view.status == "all" ? "" : " selected",
      view.status == "all" ? " selected" : "", E(view.q));
  std::string base = view.query.empty() ? "" : "&" + view.query;
  b += fmt::format(
      "<div class=\"pager\"><strong>共 {} 户</strong><span "
      "class=\"muted\">第 {} / {} 页，每页 {} 户</span>",
      view.matched, view.page, view.pages, view.page_size);
  if (view.page > 1) {
    b += "<a href=\"" +
         E("/households?page=" + std::to_string(view.page - 1) + base) +
         "\">‹ 上一页</a>";
  }
  if (view.page < view.pages) {
    b += "<a href=\"" +
         E("/households?page=" + std::to_string(view.page + 1) + base) +
         "\">下一页 ›</a>";
  }
  b += "</div>";
  b += "<table class=\"cases households\"><thead><tr><th>档案号</th>"
       "<th>乡镇 / 村</th><th>户主/姓名</th><th>户号</th><th>依据</th>"
       "<th>疑点状态</th><th>承办人</th><th class=\"num\">月涉及(元)</th>"
       "</tr></thead><tbody>";
  for (const HouseholdSummary& h : view.rows) {
    b += fmt::format(
        "<tr><td class=\"nowrap\"><a href=\"{}\">{}</a></td><td "
        "class=\"nowrap\">{} {}</td><td class=\"nowrap\">{}</td><td "
        "class=\"nowrap\">{}</td><td>{}</td><td>{}</td><td>{}</td><td "
        "class=\"num\">{}</td></tr>",
        E(HouseholdUrl(h)), E(h.file_number), E(h.township), E(h.village),
        E(h.name), E(h.case_id), Grounds(h.rules), E(HouseholdStatusText(h)),
        h.assignee.empty() ? "<span class=\"muted\">—</span>" : E(h.assignee),
        Yuan(h.monthly_at_stake_fen));
  }
  if (view.rows.empty()) {
    b += "<tr><td colspan=\"8\" class=\"muted\">没有符合条件的低保户。"
         "</td></tr>";
  }
  b += "</tbody></table>";
  return b;
}

std::string HouseholdPageBody(const HouseholdPageView& view) {
  const HouseholdSummary& h = view.file.summary;
  const std::string base =
      "/households/" +
      UrlEncode(h.file_number.empty() ? h.case_id : h.file_number);
  std::string b = "<p><a href=\"/households\">‹ 返回低保户列表</a></p>";
  b += fmt::format(
      "<h1>低保户档案 <span class=\"file-number\">{}</span> · "
      "{}</h1>",
      E(h.file_number), E(h.name));
  b += "<div class=\"cols\"><div>";
  b += "<div class=\"card\"><h2>档案</h2><dl class=\"facts\">";
  auto fact = [&](const char* k, const std::string& v) {
    b += fmt::format("<dt>{}</dt><dd>{}</dd>", k, v);
  };
  fact("档案号", "<code>" + E(h.file_number) + "</code>");
  fact("低保户号", E(h.case_id));
  fact("户主/姓名", E(h.name));
  fact("乡镇 / 村", E(h.township + " " + h.village));
  fact("依据", Grounds(h.rules));
  fact("疑点", fmt::format("{} 个（未办结 {}）：{}", h.flags, h.open,
                           E(HouseholdStatusText(h))));
  fact("承办人", h.assignee.empty() ? "<span class=\"muted\">未分派</span>"
                                    : E(h.assignee));
  fact("月涉及金额", Yuan(h.monthly_at_stake_fen) + " 元");
  fact("首次发现", E(h.first_seen));
  b +=
      "</dl><p class=\"muted\">一户一档：本户所有成员、所有依据的疑点一并办理——"
      "一次分派、一次入户核查覆盖全部未办结疑点；每个依据分别作出决定。</p>"
      "</div>";

  // The members, each with their flags.
  std::vector<std::pair<std::string, std::vector<const ReviewCase*>>> members;
  for (const ReviewCase& c : view.file.flags) {
    auto it = std::find_if(members.begin(), members.end(), [&](const auto& m) {
      return m.first == c.id_number;
    });
    if (it == members.end()) {
      members.emplace_back(c.id_number, std::vector<const ReviewCase*>{});
      it = members.end() - 1;
    }
    it->second.push_back(&c);
  }
  for (const auto& [id, flags] : members) {
    b += fmt::format(
        "<div class=\"member\"><h2>{} <span class=\"muted\">{}</span></h2>",
        E(flags.front()->name), E(id));
    for (const ReviewCase* c : flags) b += FlagSection(view, *c);
    b += "</div>";
  }
  b += "</div>";

  // The household's forms.
  b += "<div><div class=\"card\"><h2>全户办理</h2>";
  if (view.works && h.open > 0) {
    const std::string version = fmt::format(
        "<input type=\"hidden\" name=\"version\" value=\"{}\">", h.version);
    b += "<div class=\"actions\">";
    b += FormOpen(base + "/assign", view.csrf) + version +
         "<strong>分派全户</strong><p class=\"muted\">本户所有未办结的疑点"
         "分派给同一承办人。</p><label>承办人用户名<input name=\"assignee\" "
         "value=\"" +
         E(h.assignee.find("、") == std::string::npos ? h.assignee : "") +
         "\" required></label><button type=\"submit\">分派全户</button></form>";
    b += FormOpen(base + "/step", view.csrf) + version +
         "<strong>记录入户核查（覆盖全部未办结疑点）</strong><label>事项"
         "<select name=\"kind\">";
    for (StepKind k : {StepKind::kHomeVisit, StepKind::kDemocraticReview,
                       StepKind::kHearing}) {
      b += fmt::format("<option value=\"{}\">{}</option>", StepKindName(k),
                       StepKindLabel(k));
    }
    b += "</select></label>" + DateInput(view.today) +
         "<label>情况<textarea name=\"notes\"></textarea></label><label>附件"
         "（可多选，每个不超过 20 MB）<input type=\"file\" name=\"files\" "
         "multiple></label><button type=\"submit\">保存记录</button></form>";
    b += "</div>";
  } else if (h.open == 0) {
    b += "<p class=\"muted\">本户没有未办结的疑点。</p>";
  } else {
    b += "<p class=\"muted\">只读：你的角色不能办理本户。</p>";
  }
  b += "</div></div></div>";
  return b;
}

}  // namespace hedui::web
