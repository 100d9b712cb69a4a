// PUBLIC_PAY 财政供养/公益性岗位: a member draws public payroll (财政供养),
// a public-welfare job wage (公益性岗位, 001_542b72bfac3ea35b.txt), or a
// pension strictly above the rules' pension line, each as the rules say.
// The condition begins on the first day of the earliest such record's
// period (without a period: the enrolment date); periods after the as-of
// month do not count. The whole case is at stake, as for VEHICLE.
#include <fmt/format.h>

#include "matchers/case_money.h"
#include "hedui/matcher.h"

namespace hedui {

namespace {

class PublicPayMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "PUBLIC_PAY"; }
  int Version() const override { return 1; }
  std::vector<FeedKind> Needs() const override { return {FeedKind::kPayroll}; }
  bool Enabled(const Rules& rules) const override {
    return rules.public_pay_enabled;
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    const Rules& rules = *context.rules;
    for (size_t i = 0; i < household.members.size(); ++i) {
      std::optional<Date> since;
      std::vector<SourceRecord> evidence;
      std::string kinds;
      for (const SourceRecord& r :
           household.members[i]
               .feeds[static_cast<size_t>(FeedKind::kPayroll)]) {
        const std::string& kind = r.field(field::kPayKind);
        int64_t fen = FieldFen(r.field(field::kPayMonthlyAmount));
        bool counts =
            (kind == "public_payroll" &&
             rules.public_pay_public_payroll_counts) ||
            (kind == "public_welfare_job" &&
             rules.public_pay_welfare_job_counts) ||
            (kind == "pension" && fen > rules.public_pay_pension_line_fen);
        if (!counts) continue;
        std::optional<int> m = FieldMonth(r.field(field::kPayPeriod));
        if (m && *m > context.as_of.month_index()) continue;
        Date d = m ? MonthStart(*m)
                   : (household.has_enrolled_on ? household.enrolled_on
                                                : context.as_of);
        if (!since || d < *since) since = d;
        if (kinds.find(kind) == std::string::npos)
          kinds += (kinds.empty() ? "" : ", ") + kind;
        evidence.push_back(r);
      }
      if (!since) continue;
      Flag flag;
      flag.rule = Name();
      flag.matcher_version = Version();
      flag.member = i;
      flag.since = *since;
      flag.scope = FlagScope::kCase;
      SetCaseMoney(household, FirstAffectedMonth(household, *since),
                   context.as_of, &flag);
      flag.reason =
          fmt::format("{} from {} ({} record(s))", kinds,
                      MonthName(since->month_index()), evidence.size());
      flag.params = fmt::format(
          "{{\"public_payroll_counts\":{},\"welfare_job_counts\":{},\"pension_"
          "line\":\"{}\"}}",
          rules.public_pay_public_payroll_counts,
          rules.public_pay_welfare_job_counts,
          FormatFen(rules.public_pay_pension_line_fen));
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
