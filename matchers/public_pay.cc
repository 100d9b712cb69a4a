// PUBLIC_PAY 财政供养/公益性岗位: a member draws public payroll (财政供养),
// a public-welfare job wage (公益性岗位, 001_542b72bfac3ea35b.txt), or a
// pension strictly above the rules' pension line, each as the rules say.
// The condition begins on the first day of the earliest such record's
// period (without a period: the enrolment date); periods after the as-of
// month do not count. The whole case is at stake, as for VEHICLE.
#include <fmt/format.h>

#include "hedui/matcher.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

// Its keys in the rules file, declared and read by these names.
constexpr std::string_view kPublicPayrollCounts = "public_payroll_counts";
constexpr std::string_view kWelfareJobCounts = "welfare_job_counts";
constexpr std::string_view kPensionLine = "pension_line";

class PublicPayMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "PUBLIC_PAY"; }
  int Version() const override { return 1; }
  std::string_view Section() const override { return "public_pay"; }
  std::vector<FeedKind> Needs() const override { return {FeedKind::kPayroll}; }
  std::vector<RuleKey> RuleKeys() const override {
    return {RuleKey::Bool(kPublicPayrollCounts, true),
            RuleKey::Bool(kWelfareJobCounts, true),
            RuleKey::Amount(kPensionLine, 0)};
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    const RuleValues& params = Params(*context.rules);
    const bool payroll_counts = params.Bool(kPublicPayrollCounts);
    const bool welfare_job_counts = params.Bool(kWelfareJobCounts);
    const int64_t pension_line_fen = params.Int(kPensionLine);
    for (size_t i = 0; i < household.members.size(); ++i) {
      std::optional<Date> since;
      std::vector<SourceRecord> evidence;
      std::string kinds;
      for (const SourceRecord& r :
           household.members[i]
               .feeds[static_cast<size_t>(FeedKind::kPayroll)]) {
        const std::string& kind = r.field(field::kPayKind);
        int64_t fen = FieldFen(r.field(field::kPayMonthlyAmount));
        bool counts = (kind == "public_payroll" && payroll_counts) ||
                      (kind == "public_welfare_job" && welfare_job_counts) ||
                      (kind == "pension" && fen > pension_line_fen);
        if (!counts) continue;
        std::optional<int> m = FieldMonth(r.field(field::kPayPeriod));
        if (m && *m > context.as_of.month_index()) continue;
        Date d = m ? MonthStart(*m)
                   : (household.has_enrolled_on ? household.enrolled_on
                                                : context.as_of);
        if (!since || d < *since) since = d;
        const std::string_view word =
            kind == "public_payroll"       ? "财政供养人员工资"
            : kind == "public_welfare_job" ? "公益性岗位补贴"
                                           : "养老金";
        if (kinds.find(word) == std::string::npos)
          kinds += (kinds.empty() ? "" : "、") + std::string(word);
        evidence.push_back(r);
      }
      if (!since) continue;
      Flag flag;
      Stamp(i, *since, FlagScope::kCase, &flag);
      SetCaseMoney(household, FirstAffectedMonth(household, *since),
                   context.as_of, &flag);
      flag.reason =
          fmt::format("自 {} 起领取{}（{} 条记录）",
                      MonthName(since->month_index()), kinds, evidence.size());
      flag.params = fmt::format(
          "{{\"public_payroll_counts\":{},\"welfare_job_counts\":{},\"pension_"
          "line\":\"{}\"}}",
          payroll_counts, welfare_job_counts, FormatFen(pension_line_fen));
      flag.evidence = std::move(evidence);
      flags->push_back(std::move(flag));
    }
  }
};

}  // namespace

std::unique_ptr<Matcher> NewPublicPayMatcher() {
  return std::make_unique<PublicPayMatcher>();
}

}  // namespace hedui
