#include "hedui/campaign_report.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

#include "engine/base/csv.h"
#include "engine/base/files.h"
#include "engine/base/html.h"
#include "engine/base/local_time.h"
#include "engine/base/private_files.h"
#include "engine/base/text.h"
#include "engine/cases/field_labels.h"

namespace hedui {
namespace {

constexpr unsigned kFileMode = 0600;
constexpr char kNoOutcome[] = "未注明";

bool InPeriod(const std::string& day, const std::string& from,
              const std::string& to) {
  return !day.empty() && day >= from && day <= to;
}

bool IsRemoving(CaseStatus s) {
  return s == CaseStatus::kConfirmed || s == CaseStatus::kStopped;
}

bool IsDecided(CaseStatus s) {
  return IsRemoving(s) || s == CaseStatus::kCleared;
}

// part ÷ whole × 100 in hundredths of a percent, rounded half up.
int64_t Percent(int64_t part, int64_t whole) {
  if (whole <= 0) return 0;
  return (2 * part * 10000 + whole) / (2 * whole);
}

std::string_view StatusLabel(CaseStatus s) {
  switch (s) {
    case CaseStatus::kNew:
      return "待分派";
    case CaseStatus::kAssigned:
      return "已分派";
    case CaseStatus::kUnderReview:
      return "核查中";
    case CaseStatus::kConfirmed:
      return "已确认";
    case CaseStatus::kCleared:
      return "已排除";
    case CaseStatus::kStopped:
      return "已停发";
    case CaseStatus::kGone:
      return "数据已消失";
  }
  return "";
}

std::string OutcomeOf(const ReviewCase& c) {
  return c.outcome.empty() ? std::string(kNoOutcome) : c.outcome;
}

// Earlier decision first: decided_on, then flag_id.
bool DecidedBefore(const ReviewCase* a, const ReviewCase* b) {
  return std::tie(a->decided_on, a->flag_id) <
         std::tie(b->decided_on, b->flag_id);
}

// The figures of a place that are summed, with the names the report gives
// them (the check below names the one that does not add up or overflows).
struct SummedField {
  const char* name;
  int64_t PlaceFigures::*member;
};
constexpr SummedField kSummedFields[] = {
    {"复核户数", &PlaceFigures::reviewed_households},
    {"复核人数", &PlaceFigures::reviewed_persons},
    {"清退户数", &PlaceFigures::removed_households},
    {"清退人数", &PlaceFigures::removed_persons},
    {"新增案件", &PlaceFigures::new_flags},
    {"新增户数", &PlaceFigures::new_households},
    {"停发户数", &PlaceFigures::stopped_households},
    {"停发月金额(分)", &PlaceFigures::monthly_stopped_fen},
    {"追回笔数", &PlaceFigures::recovered_entries},
    {"追回金额(分)", &PlaceFigures::recovered_fen},
};

std::string PlaceName(const PlaceFigures& p) {
  if (p.township.empty() && p.village.empty()) return "合计";
  if (p.village.empty()) return "乡镇 " + p.township;
  return "村 " + p.township + p.village;
}

// The error for a sum past int64: a report is never written with a
// wrapped (negative) total (issue 19: 追回 -2133720368547746.74).
Status Overflowed(const std::string& what) {
  return Status::Corruption(
      fmt::format("报告数字溢出, 未写出: {} 超出可计数的范围(int64 分); "
                  "请核对追回、停发金额是否录入有误 / the report was not "
                  "written: {} overflows int64 fen",
                  what, what));
}

// into += part, every figure checked: the name of the first figure that
// would overflow, or nullptr. `into` is unchanged when one would.
[[nodiscard]] const char* AddInto(PlaceFigures& into,
                                  const PlaceFigures& part) {
  PlaceFigures sum = into;
  for (const SummedField& f : kSummedFields) {
    if (__builtin_add_overflow(sum.*f.member, part.*f.member, &(sum.*f.member)))
      return f.name;
  }
  for (size_t i = 0; i < sum.by_reason.size() && i < part.by_reason.size();
       ++i) {
    if (__builtin_add_overflow(sum.by_reason[i].households,
                               part.by_reason[i].households,
                               &sum.by_reason[i].households) ||
        __builtin_add_overflow(sum.by_reason[i].persons,
                               part.by_reason[i].persons,
                               &sum.by_reason[i].persons))
      return "清退原因";
  }
  into = std::move(sum);
  return nullptr;
}

void SetPercents(PlaceFigures& p) {
  p.removed_percent = Percent(p.removed_persons, p.reviewed_persons);
  for (ReasonFigures& r : p.by_reason)
    r.percent = Percent(r.persons, p.reviewed_persons);
}

std::vector<std::string> Notes(const CampaignReport& r) {
  std::string from = r.from.ToString(), to = r.to.ToString();
  return {
      fmt::format("统计期间: {} 至 {} (含首尾两日)。", from, to),
      "复核: 期内作出结论(已确认、已排除或已停发, 决定日期在期内)的标记所在的"
      "户。复核人数: 户有整户(case)标记期内作出结论的, 计该户人数; "
      "否则计期内作出结论的成员标记的不同身份证号数。",
      "户人数: 该户各标记所载户人数的最大值, 且不少于其标记中不同身份证号的"
      "个数, 至少 1 人。户所属乡镇、村取其标记编号最小的标记。",
      "清退: 期内作出结论且为已确认或已停发。整户标记被确认的, 该户清退, "
      "清退人数为户人数; 否则每个被确认成员标记的不同身份证号计清退 1 人"
      "(不计户)。",
      "清退原因: 每户计入其期内最早一次整户确认的结论; 每人计入覆盖其的最早一"
      "次确认的结论(本人的成员标记或所在户的整户标记), 同日按标记编号; "
      "无本人成员标记的清退户成员计入户的原因。各原因之和等于清退合计。"
      "期内未出现的原因不列出。",
      "百分比: 清退人数 ÷ 复核人数 × 100, 四舍五入保留两位小数; 各原因的百分比"
      "由各自人数计算, 故其合计可能与总百分比在末位相差, "
      "人数和户数则必然相符。",
      "标准调整: 规则文件中起始日期在期内的低保标准, 列出同一区域的原标准与新"
      "标准(元/人/月; 以年标准给出的同时列出年标准)。",
      "新增: 首次发现日期在期内的标记, 按件数与不同户数计。",
      "停发: 状态为已停发且停发日期在期内的标记所在的户; 停发月金额按户取这些"
      "标记停发月金额的最大值(一户的低保金只停发一次)。",
      "追回: 各案件中日期在期内的每一笔追回款。",
      "按依据: 首次发现不晚于期末的标记, 按依据(规则)统计: 已确认(已确认或已停"
      "发, 决定日期不晚于期末)、已排除(其中结论为数据错误的)、未决(期末尚未作出"
      "结论)、数据已消失; 标记数 = 已确认 + 已排除 + 未决 + "
      "数据已消失。占比以已"
      "决(已确认 + 已排除)为分母。数据错误超过已决一半的依据标为“待改进数据”: "
      "应先核对该部门数据或规则。",
      "报告写出前已核对: 各村之和等于乡镇, 各乡镇之和等于合计, 各原因之和等于"
      "清退, 各依据之和等于标记总数, 百分比均按人数重算。",
  };
}

}  // namespace

StatusOr<CampaignReport> BuildCampaignReport(
    const std::vector<ReviewCase>& cases, const Rules& rules,
    const ReportOptions& options) {
  if (options.to < options.from)
    return Status::InvalidArgument(fmt::format("report period: {} is after {}",
                                               options.from.ToString(),
                                               options.to.ToString()));
  CampaignReport report;
  report.from = options.from;
  report.to = options.to;
  const std::string from = options.from.ToString(), to = options.to.ToString();
  report.title = options.title.empty() ? "低保核查报告" : options.title;
  report.generated_at = NowUtcText();

  // Reasons: the county's confirmed outcomes, then any other met, sorted.
  report.reasons = rules.confirmed_outcomes;
  std::set<std::string> extra;
  for (const ReviewCase& c : cases) {
    if (!IsRemoving(c.status) || !InPeriod(c.decided_on, from, to)) continue;
    std::string o = OutcomeOf(c);
    if (std::find(report.reasons.begin(), report.reasons.end(), o) ==
        report.reasons.end())
      extra.insert(o);
  }
  report.reasons.insert(report.reasons.end(), extra.begin(), extra.end());
  std::map<std::string, size_t> reason_index;
  for (size_t i = 0; i < report.reasons.size(); ++i)
    reason_index.emplace(report.reasons[i], i);
  auto reason_of = [&](const ReviewCase* c) {
    return reason_index.at(OutcomeOf(*c));
  };
  auto empty_place = [&](std::string township, std::string village) {
    PlaceFigures p;
    p.township = std::move(township);
    p.village = std::move(village);
    p.by_reason.resize(report.reasons.size());
    return p;
  };

  // Households, their flags by flag_id.
  std::map<std::string, std::vector<const ReviewCase*>> households;
  for (const ReviewCase& c : cases) households[c.case_id].push_back(&c);
  std::map<std::pair<std::string, std::string>, PlaceFigures> villages;

  for (auto& [case_id, flags] : households) {
    std::sort(flags.begin(), flags.end(),
              [](const ReviewCase* a, const ReviewCase* b) {
                return a->flag_id < b->flag_id;
              });
    const ReviewCase& first = *flags.front();
    std::set<std::string> all_ids;
    int64_t size = 1;
    for (const ReviewCase* f : flags) {
      size = std::max<int64_t>(size, f->household_size);
      if (!f->id_number.empty()) all_ids.insert(f->id_number);
    }
    size = std::max<int64_t>(size, static_cast<int64_t>(all_ids.size()));

    PlaceFigures h = empty_place(first.township, first.village);
    std::vector<const ReviewCase*> decided, removed_case;
    std::map<std::string, std::vector<const ReviewCase*>> removed_members;
    bool case_decided = false;
    std::set<std::string> decided_member_ids;
    int64_t new_flags = 0, stopped_max = -1;
    for (const ReviewCase* f : flags) {
      bool is_case = f->scope == "case";
      bool in_decided =
          IsDecided(f->status) && InPeriod(f->decided_on, from, to);
      bool in_removed = in_decided && IsRemoving(f->status);
      bool in_new = InPeriod(f->first_seen, from, to);
      bool in_stopped = f->status == CaseStatus::kStopped &&
                        InPeriod(f->stopped_on, from, to);
      int64_t recovered = 0, entries = 0;
      for (const MoneyRecovered& m : f->recovered) {
        if (!InPeriod(m.date, from, to)) continue;
        if (m.fen < 0 || __builtin_add_overflow(recovered, m.fen, &recovered))
          return Overflowed(fmt::format("案件 {} 的追回金额(分)", f->flag_id));
        ++entries;
      }
      if (in_decided) {
        decided.push_back(f);
        if (is_case)
          case_decided = true;
        else if (!f->id_number.empty())
          decided_member_ids.insert(f->id_number);
      }
      if (in_removed) {
        if (is_case)
          removed_case.push_back(f);
        else if (!f->id_number.empty())
          removed_members[f->id_number].push_back(f);
      }
      if (in_new) ++new_flags;
      if (in_stopped)
        stopped_max = std::max(stopped_max, f->monthly_stopped_fen);
      h.recovered_entries += entries;
      if (__builtin_add_overflow(h.recovered_fen, recovered, &h.recovered_fen))
        return Overflowed(fmt::format("户 {} 的追回金额(分)", case_id));

      std::vector<std::string> counts;
      if (in_decided) counts.push_back("复核");
      if (in_removed) counts.push_back("清退");
      if (in_new) counts.push_back("新增");
      if (in_stopped) counts.push_back("停发");
      if (entries > 0) counts.push_back("追回");
      if (counts.empty()) continue;
      ReportCase rc;
      rc.township = f->township;
      rc.village = f->village;
      rc.case_id = f->case_id;
      rc.flag_id = f->flag_id;
      rc.rule = f->rule;
      rc.name = f->name;
      rc.id_number = f->id_number;
      rc.scope = is_case ? "整户" : "成员";
      rc.status = std::string(StatusLabel(f->status));
      rc.outcome = f->outcome;
      rc.decided_on = f->decided_on;
      rc.first_seen = f->first_seen;
      rc.stopped_on = f->stopped_on;
      rc.household_size = f->household_size;
      rc.monthly_stopped_fen = f->monthly_stopped_fen;
      rc.recovered_fen = recovered;
      for (size_t i = 0; i < counts.size(); ++i)
        rc.counts_in += (i ? "、" : "") + counts[i];
      report.cases.push_back(std::move(rc));
    }

    if (!decided.empty()) {
      h.reviewed_households = 1;
      h.reviewed_persons =
          case_decided ? size : static_cast<int64_t>(decided_member_ids.size());
    }
    if (!removed_case.empty()) {
      const ReviewCase* earliest = *std::min_element(
          removed_case.begin(), removed_case.end(), DecidedBefore);
      size_t household_reason = reason_of(earliest);
      h.removed_households = 1;
      h.removed_persons = size;
      h.by_reason[household_reason].households = 1;
      int64_t own = 0;
      for (auto& [id, member_flags] : removed_members) {
        const ReviewCase* e = *std::min_element(
            member_flags.begin(), member_flags.end(), DecidedBefore);
        if (DecidedBefore(earliest, e)) e = earliest;
        ++h.by_reason[reason_of(e)].persons;
        ++own;
      }
      h.by_reason[household_reason].persons += size - own;
    } else {
      for (auto& [id, member_flags] : removed_members) {
        const ReviewCase* e = *std::min_element(
            member_flags.begin(), member_flags.end(), DecidedBefore);
        ++h.by_reason[reason_of(e)].persons;
        ++h.removed_persons;
      }
    }
    h.new_flags = new_flags;
    h.new_households = new_flags > 0 ? 1 : 0;
    if (stopped_max >= 0) {
      h.stopped_households = 1;
      h.monthly_stopped_fen = stopped_max;
    }
    auto key = std::make_pair(first.township, first.village);
    auto it = villages.find(key);
    if (it == villages.end())
      it = villages.emplace(key, empty_place(first.township, first.village))
               .first;
    if (const char* what = AddInto(it->second, h))
      return Overflowed(PlaceName(it->second) + " 的" + what);
  }

  std::map<std::string, PlaceFigures> townships;
  report.total = empty_place("", "");
  for (auto& [key, v] : villages) {
    auto it = townships.find(key.first);
    if (it == townships.end())
      it = townships.emplace(key.first, empty_place(key.first, "")).first;
    if (const char* what = AddInto(it->second, v))
      return Overflowed(PlaceName(it->second) + " 的" + what);
    SetPercents(v);
    report.villages.push_back(v);
  }
  for (auto& [name, t] : townships) {
    if (const char* what = AddInto(report.total, t))
      return Overflowed(std::string("合计的") + what);
    SetPercents(t);
    report.townships.push_back(t);
  }
  SetPercents(report.total);

  // Standards raised in the period.
  for (const auto& [zone, entries] : rules.standards) {
    for (size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].from < options.from || options.to < entries[i].from)
        continue;
      StandardRaised s;
      s.zone = zone;
      s.from = entries[i].from;
      s.new_monthly_fen = entries[i].monthly_fen;
      s.new_yearly_fen = entries[i].yearly_fen;
      if (i > 0) {
        s.old_monthly_fen = entries[i - 1].monthly_fen;
        s.old_yearly_fen = entries[i - 1].yearly_fen;
      }
      report.standards_raised.push_back(s);
    }
  }

  // Grounds.
  std::map<std::string, GroundFigures> grounds;
  for (const ReviewCase& c : cases) {
    if (!c.first_seen.empty() && c.first_seen > to) continue;
    GroundFigures& g = grounds[c.rule];
    g.rule = c.rule;
    ++g.flags;
    ++report.total_flags;
    if (InPeriod(c.first_seen, from, to)) ++g.new_flags;
    bool decided_by_to = !c.decided_on.empty() && c.decided_on <= to;
    if (c.status == CaseStatus::kGone) {
      ++g.gone;
    } else if (IsRemoving(c.status) && decided_by_to) {
      ++g.confirmed;
    } else if (c.status == CaseStatus::kCleared && decided_by_to) {
      ++g.cleared;
      if (c.outcome == kDataErrorOutcome) ++g.cleared_data_error;
    } else {
      ++g.open;
    }
  }
  for (auto& [rule, g] : grounds) {
    int64_t decided = g.confirmed + g.cleared;
    g.confirmed_share = Percent(g.confirmed, decided);
    g.cleared_share = Percent(g.cleared, decided);
    g.data_error_share = Percent(g.cleared_data_error, decided);
    g.to_fix = g.data_error_share > 5000;
    report.grounds.push_back(g);
  }

  std::sort(report.cases.begin(), report.cases.end(),
            [](const ReportCase& a, const ReportCase& b) {
              return std::tie(a.township, a.village, a.case_id, a.flag_id) <
                     std::tie(b.township, b.village, b.case_id, b.flag_id);
            });
  report.notes = Notes(report);
  return report;
}

// ---- the check

namespace {

Status NotAddingUp(const std::string& what, int64_t shown, int64_t sum,
                   const std::string& parts) {
  return Status::Corruption(fmt::format(
      "报告数字不符, 未写出: {} 为 {}, 而{}为 {}", what, shown, parts, sum));
}

// `whole` against the sum of `parts`.
Status CheckSum(const CampaignReport& r, const PlaceFigures& whole,
                const std::vector<const PlaceFigures*>& parts,
                const std::string& parts_name) {
  PlaceFigures sum;
  sum.by_reason.resize(r.reasons.size());
  for (const PlaceFigures* p : parts) {
    if (const char* what = AddInto(sum, *p))
      return Overflowed(PlaceName(whole) + " 的" + what + "(" + parts_name +
                        ")");
  }
  for (const SummedField& f : kSummedFields) {
    if (whole.*f.member != sum.*f.member)
      return NotAddingUp(PlaceName(whole) + " 的" + f.name, whole.*f.member,
                         sum.*f.member, parts_name);
  }
  for (size_t i = 0; i < r.reasons.size(); ++i) {
    if (whole.by_reason[i].households != sum.by_reason[i].households)
      return NotAddingUp(
          PlaceName(whole) + " 的清退原因 " + r.reasons[i] + " 户数",
          whole.by_reason[i].households, sum.by_reason[i].households,
          parts_name);
    if (whole.by_reason[i].persons != sum.by_reason[i].persons)
      return NotAddingUp(
          PlaceName(whole) + " 的清退原因 " + r.reasons[i] + " 人数",
          whole.by_reason[i].persons, sum.by_reason[i].persons, parts_name);
  }
  return Status::OK();
}

// Reasons against removed, percents recomputed.
Status CheckPlace(const CampaignReport& r, const PlaceFigures& p) {
  std::string name = PlaceName(p);
  // Counts and sums of money are never negative: a negative one is a wrapped
  // sum or a corrupt case, and the report is not written.
  for (const SummedField& f : kSummedFields) {
    if (p.*f.member < 0)
      return Status::Corruption(fmt::format(
          "报告数字不符, 未写出: {} 的{}为负数 {}", name, f.name, p.*f.member));
  }
  if (p.by_reason.size() != r.reasons.size())
    return Status::Corruption(
        fmt::format("报告数字不符, 未写出: {} 有 {} 个清退原因, 报告列出 {} 个",
                    name, p.by_reason.size(), r.reasons.size()));
  int64_t households = 0, persons = 0;
  for (const ReasonFigures& f : p.by_reason) {
    households += f.households;
    persons += f.persons;
  }
  if (households != p.removed_households)
    return NotAddingUp(name + " 的清退户数", p.removed_households, households,
                       "各原因之和");
  if (persons != p.removed_persons)
    return NotAddingUp(name + " 的清退人数", p.removed_persons, persons,
                       "各原因之和");
  if (p.removed_households > p.reviewed_households)
    return NotAddingUp(name + " 的清退户数", p.removed_households,
                       p.reviewed_households, "复核户数");
  if (p.removed_persons > p.reviewed_persons)
    return NotAddingUp(name + " 的清退人数", p.removed_persons,
                       p.reviewed_persons, "复核人数");
  int64_t want = Percent(p.removed_persons, p.reviewed_persons);
  if (p.removed_percent != want)
    return NotAddingUp(name + " 的清退百分比(1/100%)", p.removed_percent, want,
                       "按人数重算");
  for (size_t i = 0; i < r.reasons.size(); ++i) {
    int64_t w = Percent(p.by_reason[i].persons, p.reviewed_persons);
    if (p.by_reason[i].percent != w)
      return NotAddingUp(
          name + " 的清退原因 " + r.reasons[i] + " 百分比(1/100%)",
          p.by_reason[i].percent, w, "按人数重算");
  }
  return Status::OK();
}

}  // namespace

Status CheckCampaignReport(const CampaignReport& r) {
  for (const PlaceFigures& v : r.villages) {
    Status s = CheckPlace(r, v);
    if (!s.ok()) return s;
  }
  for (const PlaceFigures& t : r.townships) {
    Status s = CheckPlace(r, t);
    if (!s.ok()) return s;
  }
  Status s = CheckPlace(r, r.total);
  if (!s.ok()) return s;

  std::set<std::string> township_names;
  std::vector<const PlaceFigures*> townships;
  for (const PlaceFigures& t : r.townships) {
    township_names.insert(t.township);
    townships.push_back(&t);
    std::vector<const PlaceFigures*> villages;
    for (const PlaceFigures& v : r.villages)
      if (v.township == t.township) villages.push_back(&v);
    s = CheckSum(r, t, villages, "其各村之和");
    if (!s.ok()) return s;
  }
  for (const PlaceFigures& v : r.villages) {
    if (!township_names.count(v.township))
      return Status::Corruption(fmt::format(
          "报告数字不符, 未写出: {} 的乡镇不在乡镇表中", PlaceName(v)));
  }
  s = CheckSum(r, r.total, townships, "各乡镇之和");
  if (!s.ok()) return s;

  int64_t flags = 0, new_flags = 0;
  for (const GroundFigures& g : r.grounds) {
    std::string name = "依据 " + g.rule;
    int64_t parts = g.confirmed + g.cleared + g.open + g.gone;
    if (g.flags != parts)
      return NotAddingUp(name + " 的标记数", g.flags, parts,
                         "已确认、已排除、未决、数据已消失之和");
    if (g.cleared_data_error > g.cleared)
      return NotAddingUp(name + " 的数据错误", g.cleared_data_error, g.cleared,
                         "已排除");
    if (g.new_flags > g.flags)
      return NotAddingUp(name + " 的期内新增", g.new_flags, g.flags, "标记数");
    int64_t decided = g.confirmed + g.cleared;
    if (g.confirmed_share != Percent(g.confirmed, decided))
      return NotAddingUp(name + " 的确认占比(1/100%)", g.confirmed_share,
                         Percent(g.confirmed, decided), "按件数重算");
    if (g.cleared_share != Percent(g.cleared, decided))
      return NotAddingUp(name + " 的排除占比(1/100%)", g.cleared_share,
                         Percent(g.cleared, decided), "按件数重算");
    if (g.data_error_share != Percent(g.cleared_data_error, decided))
      return NotAddingUp(name + " 的数据错误占比(1/100%)", g.data_error_share,
                         Percent(g.cleared_data_error, decided), "按件数重算");
    if (g.to_fix != (g.data_error_share > 5000))
      return Status::Corruption(fmt::format(
          "报告数字不符, 未写出: {} 的“待改进数据”与其数据错误占比不符", name));
    flags += g.flags;
    new_flags += g.new_flags;
  }
  if (flags != r.total_flags)
    return NotAddingUp("标记总数", r.total_flags, flags, "各依据之和");
  if (new_flags != r.total.new_flags)
    return NotAddingUp("合计的新增案件", r.total.new_flags, new_flags,
                       "各依据期内新增之和");
  return Status::OK();
}

// ---- the tables every writer renders

namespace {

struct Cell {
  enum Kind { kText, kCount, kPercent, kMoney } kind = kText;
  std::string text;
  int64_t value = 0;  // kCount; kPercent in 1/100 %; kMoney in fen
};

Cell Text(std::string s) { return Cell{Cell::kText, std::move(s), 0}; }
Cell Count(int64_t v) { return Cell{Cell::kCount, {}, v}; }
Cell Pct(int64_t v) { return Cell{Cell::kPercent, {}, v}; }
Cell Money(int64_t fen) { return Cell{Cell::kMoney, {}, fen}; }

std::string CellText(const Cell& c) {
  switch (c.kind) {
    case Cell::kText:
      return c.text;
    case Cell::kCount:
      return std::to_string(c.value);
    case Cell::kPercent:
    case Cell::kMoney:
      return FormatFen(c.value);  // hundredths either way
  }
  return {};
}

struct Block {
  std::string caption;  // a line above the header; may be empty
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
};

struct Sheet {
  std::string name;  // the sheet, the CSV file's stem
  std::vector<Block> blocks;
};

// The reasons the tables show: those with a removal in the county (the
// seed lists only the reasons it met; thirteen columns of zeros hide them).
std::vector<size_t> ShownReasons(const CampaignReport& r) {
  std::vector<size_t> shown;
  for (size_t i = 0; i < r.reasons.size() && i < r.total.by_reason.size();
       ++i) {
    if (r.total.by_reason[i].households + r.total.by_reason[i].persons > 0)
      shown.push_back(i);
  }
  return shown;
}

std::vector<std::string> PlaceHeader(const CampaignReport& r) {
  std::vector<std::string> h = {
      "乡镇",     "村",       "复核户数",         "复核人数",
      "清退户数", "清退人数", "清退占复核人数(%)"};
  for (size_t i : ShownReasons(r)) {
    const std::string& reason = r.reasons[i];
    h.push_back(reason + "(户)");
    h.push_back(reason + "(人)");
    h.push_back(reason + "(%)");
  }
  for (const char* s : {"新增案件", "新增户数", "停发户数", "停发月金额(元)",
                        "追回笔数", "追回金额(元)"})
    h.push_back(s);
  return h;
}

std::vector<Cell> PlaceRow(const CampaignReport& r, const PlaceFigures& p,
                           std::string township) {
  std::vector<Cell> row = {
      Text(std::move(township)),    Text(p.village),
      Count(p.reviewed_households), Count(p.reviewed_persons),
      Count(p.removed_households),  Count(p.removed_persons),
      Pct(p.removed_percent)};
  for (size_t i : ShownReasons(r)) {
    const ReasonFigures& f = p.by_reason[i];
    row.push_back(Count(f.households));
    row.push_back(Count(f.persons));
    row.push_back(Pct(f.percent));
  }
  row.push_back(Count(p.new_flags));
  row.push_back(Count(p.new_households));
  row.push_back(Count(p.stopped_households));
  row.push_back(Money(p.monthly_stopped_fen));
  row.push_back(Count(p.recovered_entries));
  row.push_back(Money(p.recovered_fen));
  return row;
}

std::vector<Sheet> Tables(const CampaignReport& r) {
  std::vector<Sheet> sheets;
  const PlaceFigures& t = r.total;

  Sheet total{"总计", {}};
  Block head;
  head.caption =
      fmt::format("{} ({} 至 {})", r.title, r.from.ToString(), r.to.ToString());
  head.header = {"项目", "户数", "人数", "占复核人数(%)", "件数", "金额(元)"};
  head.rows.push_back({Text("复核"), Count(t.reviewed_households),
                       Count(t.reviewed_persons), Text(""), Text(""),
                       Text("")});
  head.rows.push_back({Text("清退"), Count(t.removed_households),
                       Count(t.removed_persons), Pct(t.removed_percent),
                       Text(""), Text("")});
  for (size_t i : ShownReasons(r)) {
    head.rows.push_back({Text("其中: " + r.reasons[i]),
                         Count(t.by_reason[i].households),
                         Count(t.by_reason[i].persons),
                         Pct(t.by_reason[i].percent), Text(""), Text("")});
  }
  head.rows.push_back({Text("新增案件"), Count(t.new_households), Text(""),
                       Text(""), Count(t.new_flags), Text("")});
  head.rows.push_back({Text("停发(月金额)"), Count(t.stopped_households),
                       Text(""), Text(""), Text(""),
                       Money(t.monthly_stopped_fen)});
  head.rows.push_back({Text("追回"), Text(""), Text(""), Text(""),
                       Count(t.recovered_entries), Money(t.recovered_fen)});
  total.blocks.push_back(std::move(head));
  Block standards;
  standards.caption = "标准调整";
  standards.header = {"区域",
                      "起始日期",
                      "原标准(元/人/月)",
                      "新标准(元/人/月)",
                      "原标准(元/人/年)",
                      "新标准(元/人/年)"};
  for (const StandardRaised& s : r.standards_raised) {
    standards.rows.push_back(
        {Text(ZoneLabel(s.zone)), Text(s.from.ToString()),
         Money(s.old_monthly_fen), Money(s.new_monthly_fen),
         s.old_yearly_fen ? Money(s.old_yearly_fen) : Text(""),
         s.new_yearly_fen ? Money(s.new_yearly_fen) : Text("")});
  }
  if (standards.rows.empty())
    standards.rows.push_back({Text("期内无标准调整")});
  total.blocks.push_back(std::move(standards));
  Block notes;
  notes.caption = "说明";
  notes.header = {"说明"};
  for (const std::string& n : r.notes) notes.rows.push_back({Text(n)});
  notes.rows.push_back({Text("生成时间（" + DisplayTimeZoneLabel() +
                             "）: " + LocalTimeText(r.generated_at))});
  total.blocks.push_back(std::move(notes));
  sheets.push_back(std::move(total));

  Sheet towns{"乡镇", {Block{{}, PlaceHeader(r), {}}}};
  for (const PlaceFigures& p : r.townships)
    towns.blocks[0].rows.push_back(PlaceRow(r, p, p.township));
  towns.blocks[0].rows.push_back(PlaceRow(r, t, "合计"));
  sheets.push_back(std::move(towns));

  Sheet villages{"村", {Block{{}, PlaceHeader(r), {}}}};
  for (const PlaceFigures& p : r.villages)
    villages.blocks[0].rows.push_back(PlaceRow(r, p, p.township));
  sheets.push_back(std::move(villages));

  Sheet grounds{"按依据",
                {Block{{},
                       {"依据", "期内新增", "标记数", "已确认", "已排除",
                        "其中数据错误", "未决", "数据已消失", "确认占已决(%)",
                        "排除占已决(%)", "数据错误占已决(%)", "提示"},
                       {}}}};
  for (const GroundFigures& g : r.grounds) {
    grounds.blocks[0].rows.push_back(
        {Text(g.rule), Count(g.new_flags), Count(g.flags), Count(g.confirmed),
         Count(g.cleared), Count(g.cleared_data_error), Count(g.open),
         Count(g.gone), Pct(g.confirmed_share), Pct(g.cleared_share),
         Pct(g.data_error_share), Text(g.to_fix ? "待改进数据" : "")});
  }
  sheets.push_back(std::move(grounds));

  Sheet list{
      "案件明细",
      {Block{{},
             {"乡镇", "村", "低保户编号", "标记编号", "依据", "姓名",
              "身份证号", "范围", "状态", "结论", "决定日期", "首次发现",
              "停发日期", "户人数", "停发月金额(元)", "期内追回(元)", "计入"},
             {}}}};
  for (const ReportCase& c : r.cases) {
    list.blocks[0].rows.push_back(
        {Text(c.township), Text(c.village), Text(c.case_id), Text(c.flag_id),
         Text(c.rule), Text(c.name), Text(c.id_number), Text(c.scope),
         Text(c.status), Text(c.outcome), Text(c.decided_on),
         Text(c.first_seen), Text(c.stopped_on), Count(c.household_size),
         Money(c.monthly_stopped_fen), Money(c.recovered_fen),
         Text(c.counts_in)});
  }
  sheets.push_back(std::move(list));
  return sheets;
}

// Display width: a CJK character (3 UTF-8 bytes) is two columns.
double DisplayWidth(const std::string& s) {
  double w = 0;
  for (unsigned char c : s) {
    if (c < 0x80)
      w += 1;
    else if (c >= 0xC0)
      w += (c >= 0xE0) ? 2 : 1;
  }
  return w;
}

Status ReadWhole(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(fmt::format("{}: cannot read", path));
  out->assign(std::istreambuf_iterator<char>(in),
              std::istreambuf_iterator<char>());
  return Status::OK();
}

}  // namespace

Status WriteCampaignReportXlsx(const CampaignReport& report,
                               const std::string& path) {
  Status s = CheckCampaignReport(report);
  if (!s.ok()) return s;
  // libxlsxwriter writes to a file name of its own: into a private
  // directory (0700), read back, then written whole with mode 0600.
  std::string dir_template = path + ".tmpXXXXXX";
  std::vector<char> dir_buf(dir_template.begin(), dir_template.end());
  dir_buf.push_back('\0');
  if (::mkdtemp(dir_buf.data()) == nullptr)
    return Status::IOError(
        fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  std::string dir = dir_buf.data();
  std::string tmp = dir + "/report.xlsx";
  auto cleanup = [&] {
    std::remove(tmp.c_str());
    ::rmdir(dir.c_str());
  };

  lxw_workbook* wb = workbook_new(tmp.c_str());
  if (wb == nullptr) {
    cleanup();
    return Status::IOError(fmt::format("{}: cannot start the workbook", path));
  }
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* caption = workbook_add_format(wb);
  format_set_bold(caption);
  format_set_font_size(caption, 12);
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0.00");
  lxw_format* percent = workbook_add_format(wb);
  format_set_num_format(percent, "0.00");
  lxw_format* count = workbook_add_format(wb);
  format_set_num_format(count, "0");

  for (const Sheet& sheet : Tables(report)) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    std::vector<double> widths;
    lxw_row_t row = 0;
    bool frozen = false;
    auto widen = [&](size_t col, double w) {
      if (widths.size() <= col) widths.resize(col + 1, 8);
      widths[col] = std::max(widths[col], std::min(w + 2, 60.0));
    };
    for (const Block& b : sheet.blocks) {
      if (!b.caption.empty() &&
          !(b.header.size() == 1 && b.header[0] == b.caption)) {
        worksheet_write_string(ws, row++, 0, b.caption.c_str(), caption);
      }
      for (size_t c = 0; c < b.header.size(); ++c) {
        worksheet_write_string(ws, row, static_cast<lxw_col_t>(c),
                               b.header[c].c_str(), header);
        widen(c, std::min(DisplayWidth(b.header[c]), 16.0));
      }
      ++row;
      if (!frozen) {
        worksheet_freeze_panes(ws, row, 0);
        frozen = true;
      }
      for (const std::vector<Cell>& cells : b.rows) {
        for (size_t c = 0; c < cells.size(); ++c) {
          const Cell& cell = cells[c];
          auto col = static_cast<lxw_col_t>(c);
          switch (cell.kind) {
            case Cell::kText:
              if (!cell.text.empty()) {
                worksheet_write_string(ws, row, col, cell.text.c_str(),
                                       nullptr);
                // The notes run long: let them overflow, not widen.
                if (b.header.size() > 1) widen(c, DisplayWidth(cell.text));
              }
              break;
            case Cell::kCount:
              worksheet_write_number(ws, row, col,
                                     static_cast<double>(cell.value), count);
              widen(c, DisplayWidth(CellText(cell)));
              break;
            case Cell::kPercent:
              worksheet_write_number(ws, row, col, cell.value / 100.0, percent);
              widen(c, DisplayWidth(CellText(cell)));
              break;
            case Cell::kMoney:
              worksheet_write_number(ws, row, col, cell.value / 100.0, money);
              widen(c, DisplayWidth(CellText(cell)) + 2);
              break;
          }
        }
        ++row;
      }
      ++row;  // a blank row between blocks
    }
    for (size_t c = 0; c < widths.size(); ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c),
                           static_cast<lxw_col_t>(c), widths[c], nullptr);
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    cleanup();
    return Status::IOError(fmt::format("{}: cannot write the workbook: {}",
                                       path, lxw_strerror(err)));
  }
  std::string bytes;
  s = ReadWhole(tmp, &bytes);
  cleanup();
  if (!s.ok()) return s;
  return WriteFileAtomically(path, bytes, kFileMode);
}

namespace {

// One CSV field (RFC 4180), text guarded against formula injection
// (engine/base/csv.h: the same guard as `hedui run`'s cases.csv).
void AppendCsvField(const Cell& cell, std::string* out) {
  hedui::AppendCsvField(CellText(cell), cell.kind == Cell::kText, out);
}

void AppendCsvRow(const std::vector<Cell>& cells, std::string* out) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) *out += ',';
    AppendCsvField(cells[i], out);
  }
  *out += "\r\n";
}

}  // namespace

Status WriteCampaignReportCsv(const CampaignReport& report,
                              const std::string& dir) {
  Status s = CheckCampaignReport(report);
  if (!s.ok()) return s;
  HEDUI_RETURN_IF_ERROR(MakePrivateDirectory(dir));
  for (const Sheet& sheet : Tables(report)) {
    std::string out = "\xEF\xBB\xBF";
    bool first = true;
    for (const Block& b : sheet.blocks) {
      if (!first) out += "\r\n";
      first = false;
      if (!b.caption.empty() &&
          !(b.header.size() == 1 && b.header[0] == b.caption))
        AppendCsvRow({Text(b.caption)}, &out);
      std::vector<Cell> header;
      for (const std::string& h : b.header) header.push_back(Text(h));
      AppendCsvRow(header, &out);
      for (const std::vector<Cell>& row : b.rows) AppendCsvRow(row, &out);
    }
    s = WriteFileAtomically(dir + "/" + sheet.name + ".csv", out, kFileMode);
    if (!s.ok()) return s;
  }
  return Status::OK();
}

namespace {

struct Series {
  std::string name;
  std::string color;
  std::vector<int64_t> values;
};

// Horizontal bars, one group per label, one bar per series.
std::string BarChart(const std::string& title,
                     const std::vector<std::string>& labels,
                     const std::vector<Series>& series) {
  constexpr int kLabelWidth = 170, kBarWidth = 460, kBar = 14, kGap = 10;
  int64_t max = 1;
  for (const Series& s : series)
    for (int64_t v : s.values) max = std::max(max, v);
  int group = static_cast<int>(series.size()) * kBar + kGap;
  int height = 30 + static_cast<int>(labels.size()) * group + 10;
  std::string out = fmt::format(
      "<figure><figcaption>{}</figcaption>"
      "<svg width=\"{}\" height=\"{}\" "
      "role=\"img\" aria-label=\"{}\">",
      HtmlEscape(title), kLabelWidth + kBarWidth + 80, height,
      HtmlEscape(title));
  int x = kLabelWidth;
  for (const Series& s : series) {
    out += fmt::format(
        "<rect x=\"{}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{}\"/>"
        "<text x=\"{}\" y=\"16\" font-size=\"12\">{}</text>",
        x, s.color, x + 16, HtmlEscape(s.name));
    x += 30 + static_cast<int>(DisplayWidth(s.name)) * 7;
  }
  for (size_t i = 0; i < labels.size(); ++i) {
    int y = 30 + static_cast<int>(i) * group;
    out += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"12\" "
        "text-anchor=\"end\">{}</text>",
        kLabelWidth - 6, y + static_cast<int>(series.size()) * kBar / 2 + 4,
        HtmlEscape(labels[i]));
    for (size_t k = 0; k < series.size(); ++k) {
      int64_t v = i < series[k].values.size() ? series[k].values[i] : 0;
      int w = static_cast<int>(v * kBarWidth / max);
      int by = y + static_cast<int>(k) * kBar;
      out += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>"
          "<text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
          kLabelWidth, by, w, kBar - 2, series[k].color, kLabelWidth + w + 4,
          by + kBar - 3, v);
    }
  }
  out += "</svg></figure>\n";
  return out;
}

std::string HtmlTable(const Block& b) {
  std::string out;
  if (!b.caption.empty()) out += "<h3>" + HtmlEscape(b.caption) + "</h3>\n";
  out += b.header.size() == 1 ? "<table class=\"notes\"><thead><tr>"
                              : "<table><thead><tr>";
  for (const std::string& h : b.header) out += "<th>" + HtmlEscape(h) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (const std::vector<Cell>& row : b.rows) {
    out += "<tr>";
    for (const Cell& c : row) {
      out += c.kind == Cell::kText ? "<td>" : "<td class=\"n\">";
      out += HtmlEscape(CellText(c));
      out += "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";
  return out;
}

constexpr char kCss[] = R"(
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #999;margin-top:1.6em}
h3{font-size:1em}
table{border-collapse:collapse;margin:.5em 0;font-size:.85em}
th,td{border:1px solid #bbb;padding:2px 6px;white-space:nowrap}
th{background:#ddebf7}.notes td{white-space:normal}
td.n{text-align:right;font-variant-numeric:tabular-nums}
p.lead{font-size:1.05em;line-height:1.6}
figure{margin:1em 0}figcaption{font-weight:bold}
@media print{body{margin:0}h2{page-break-after:avoid}tr,figure{page-break-inside:avoid}
thead{display:table-header-group}}
)";

}  // namespace

std::string CampaignReportHeadline(const CampaignReport& report) {
  const PlaceFigures& t = report.total;
  std::string lead = fmt::format(
      "本期共复核 {}户、{}人, 清退 {}户、{}人, 占复核人数的 {}%。",
      t.reviewed_households, t.reviewed_persons, t.removed_households,
      t.removed_persons, FormatFen(t.removed_percent));
  std::string parts;
  for (size_t i = 0; i < report.reasons.size() && i < t.by_reason.size(); ++i) {
    const ReasonFigures& f = t.by_reason[i];
    if (f.households == 0 && f.persons == 0) continue;
    parts += fmt::format("{}{} {}户、{}人, 占 {}%", parts.empty() ? "" : "; ",
                         report.reasons[i], f.households, f.persons,
                         FormatFen(f.percent));
  }
  if (!parts.empty()) lead += "其中" + parts + "。";
  std::string standards;
  for (const StandardRaised& s : report.standards_raised) {
    standards += fmt::format("{}{} 自 {} 由 {} 元/人/月提高到 {} 元/人/月",
                             standards.empty() ? "" : "; ", ZoneLabel(s.zone),
                             s.from.ToString(), FormatFen(s.old_monthly_fen),
                             FormatFen(s.new_monthly_fen));
  }
  if (!standards.empty()) lead += "标准调整: " + standards + "。";
  lead += fmt::format(
      "新增案件 {} 件、{}户; 停发 {}户, 月金额 {} 元; 追回 {} 笔, {} 元。",
      t.new_flags, t.new_households, t.stopped_households,
      FormatFen(t.monthly_stopped_fen), t.recovered_entries,
      FormatFen(t.recovered_fen));
  return lead;
}

Status WriteCampaignReportHtml(const CampaignReport& report,
                               const std::string& path) {
  Status s = CheckCampaignReport(report);
  if (!s.ok()) return s;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<title>" +
      HtmlEscape(report.title) + "</title><style>" + kCss +
      "</style></head><body>\n";
  out += "<h1>" + HtmlEscape(report.title) + "</h1>\n";
  out += "<p>统计期间: " + HtmlEscape(report.from.ToString()) + " 至 " +
         HtmlEscape(report.to.ToString()) + "。生成时间（" +
         HtmlEscape(DisplayTimeZoneLabel()) +
         "）: " + HtmlEscape(LocalTimeText(report.generated_at)) + "</p>\n";
  std::string lead = CampaignReportHeadline(report);
  out += "<p class=\"lead\">" + HtmlEscape(lead) + "</p>\n";

  std::vector<std::string> rules;
  Series flags{"标记数", "#4e79a7", {}}, confirmed{"已确认", "#e15759", {}},
      data_error{"数据错误", "#bab0ac", {}};
  for (const GroundFigures& g : report.grounds) {
    rules.push_back(g.rule);
    flags.values.push_back(g.flags);
    confirmed.values.push_back(g.confirmed);
    data_error.values.push_back(g.cleared_data_error);
  }
  std::vector<std::string> towns;
  Series reviewed{"复核户数", "#4e79a7", {}},
      removed{"清退户数", "#e15759", {}};
  for (const PlaceFigures& p : report.townships) {
    towns.push_back(p.township);
    reviewed.values.push_back(p.reviewed_households);
    removed.values.push_back(p.removed_households);
  }
  std::vector<Sheet> sheets = Tables(report);
  for (const Sheet& sheet : sheets) {
    out += "<h2>" + HtmlEscape(sheet.name) + "</h2>\n";
    if (sheet.name == "乡镇")
      out += BarChart("按乡镇: 复核与清退(户)", towns, {reviewed, removed});
    if (sheet.name == "按依据")
      out += BarChart("按依据: 标记、确认与数据错误(件)", rules,
                      {flags, confirmed, data_error});
    for (const Block& b : sheet.blocks) out += HtmlTable(b);
  }
  out += "</body></html>\n";
  return WriteFileAtomically(path, out, kFileMode);
}

}  // namespace hedui
