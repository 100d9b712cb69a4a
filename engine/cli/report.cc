// `hedui report`: a campaign report (hedui/campaign_report.h) of the review
// cases the signed-in user may read, as XLSX, CSV and HTML.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include "engine/base/text.h"
#include "engine/cli/case_session.h"
#include "engine/cli/commands.h"
#include "engine/cli/store_socket.h"
#include "hedui/campaign_report.h"
#include "hedui/case_store.h"
#include "hedui/record_run.h"
#include "hedui/run_log.h"

namespace hedui::cli {

StatusOr<std::vector<ReviewCase>> LoadCasesFromStore(
    const std::string& data_dir, const std::string& user, const Rules& rules) {
  if (const ServedContext* served = CurrentServedContext()) {
    // Sent to the running review site: its open store.
    HEDUI_RETURN_IF_ERROR(ImportRunsAndSay(*served->store));
    StatusOr<Actor> actor = SignInFromCli(*served->store, user);
    if (!actor.ok()) return actor.status();
    return served->store->AllCases(*actor, "report");
  }
  CaseStore::Options options;
  options.rules = &rules;
  StatusOr<std::unique_ptr<CaseStore>> store =
      CaseStore::Open(data_dir, options);
  if (!store.ok()) return store.status();
  StatusOr<ImportedRuns> imported = (*store)->ImportRuns();
  if (!imported.ok()) return imported.status();
  StatusOr<Actor> actor = SignInFromCli(**store, user);
  if (!actor.ok()) return actor.status();
  // A township officer's report covers their own townships: the store
  // gives each user only the cases they may read.
  return (*store)->AllCases(*actor, "report");
}

namespace {

struct ReportArgs {
  std::string data_dir, user, campaign, from, to, rules_path;
  std::string out_dir = ".";
  std::string formats = "xlsx,csv,html";
};

StatusOr<Date> ParseDay(const std::string& option, const std::string& text) {
  Date d;
  if (!ParseDate(text, &d))
    return Status::InvalidArgument(
        fmt::format("{} '{}' is not a date (YYYY-MM-DD)", option, text));
  return d;
}

StatusOr<std::set<std::string>> ParseFormats(const std::string& text) {
  std::set<std::string> formats;
  std::stringstream in(text);
  std::string f;
  while (std::getline(in, f, ',')) {
    if (f != "xlsx" && f != "csv" && f != "html")
      return Status::InvalidArgument(
          fmt::format("--format: '{}' is not one of xlsx, csv, html", f));
    formats.insert(f);
  }
  if (formats.empty())
    return Status::InvalidArgument("--format: name at least one format");
  return formats;
}

// The rules file: --rules, else the one the last recorded run used.
StatusOr<Rules> RulesFor(const ReportArgs& args) {
  std::string path = args.rules_path;
  if (path.empty()) {
    std::optional<RunRecord> last = RunLog(args.data_dir).Last();
    if (!last || last->rules_path.empty())
      return Status::InvalidArgument(fmt::format(
          "no --rules given and no run recorded in {} to take it from",
          args.data_dir));
    return RulesOfRun(args.data_dir, *last);
  }
  return LoadRules(path);
}

StatusOr<ReportOptions> PeriodFor(const ReportArgs& args, const Rules& rules) {
  ReportOptions options;
  if (!args.campaign.empty()) {
    if (!args.from.empty() || !args.to.empty())
      return Status::InvalidArgument(
          "give --campaign or --from and --to, not both");
    std::string names;
    for (const Rules::Campaign& c : rules.campaigns) {
      if (c.name == args.campaign) {
        options.title = c.name;
        options.from = c.from;
        options.to = c.to;
        return options;
      }
      names += (names.empty() ? "" : ", ") + c.name;
    }
    return Status::InvalidArgument(
        fmt::format("no campaign '{}' in {} ([[campaign]]: {})", args.campaign,
                    rules.path, names.empty() ? "none" : names));
  }
  if (args.from.empty() || args.to.empty())
    return Status::InvalidArgument(
        "give --campaign NAME, or --from and --to (YYYY-MM-DD)");
  StatusOr<Date> from = ParseDay("--from", args.from);
  if (!from.ok()) return from.status();
  StatusOr<Date> to = ParseDay("--to", args.to);
  if (!to.ok()) return to.status();
  options.from = *from;
  options.to = *to;
  return options;
}

int RunReport(const ReportArgs& args, LoadCasesFn load) {
  StatusOr<std::set<std::string>> formats = ParseFormats(args.formats);
  if (!formats.ok()) return Fail(formats.status());
  StatusOr<Rules> rules = RulesFor(args);
  if (!rules.ok()) return Fail(rules.status());
  StatusOr<ReportOptions> options = PeriodFor(args, *rules);
  if (!options.ok()) return Fail(options.status());
  StatusOr<std::vector<ReviewCase>> cases =
      load(args.data_dir, args.user, *rules);
  if (!cases.ok()) return Fail(cases.status());
  StatusOr<CampaignReport> report =
      BuildCampaignReport(*cases, *rules, *options);
  if (!report.ok()) return Fail(report.status());
  Status s = CheckCampaignReport(*report);
  if (!s.ok()) return Fail(s);

  std::error_code ec;
  std::filesystem::create_directories(args.out_dir, ec);
  if (ec)
    return Fail(Status::IOError(
        fmt::format("{}: cannot create: {}", args.out_dir, ec.message())));
  std::string stem =
      fmt::format("{}/campaign-report-{}-{}", args.out_dir,
                  options->from.ToString(), options->to.ToString());
  std::vector<std::string> written;
  if (formats->count("xlsx")) {
    s = WriteCampaignReportXlsx(*report, stem + ".xlsx");
    if (!s.ok()) return Fail(s);
    written.push_back(stem + ".xlsx");
  }
  if (formats->count("csv")) {
    std::string dir = stem + "-csv";
    std::filesystem::create_directories(dir, ec);
    if (ec)
      return Fail(Status::IOError(
          fmt::format("{}: cannot create: {}", dir, ec.message())));
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                 ec);  // 0700: the files are about people
    s = WriteCampaignReportCsv(*report, dir);
    if (!s.ok()) return Fail(s);
    written.push_back(dir + "/ (总计, 乡镇, 村, 按依据, 案件明细 .csv)");
  }
  if (formats->count("html")) {
    s = WriteCampaignReportHtml(*report, stem + ".html");
    if (!s.ok()) return Fail(s);
    written.push_back(stem + ".html");
  }
  std::printf("%s (%s 至 %s), %zu 个案件, 规则 %s\n", report->title.c_str(),
              options->from.ToString().c_str(), options->to.ToString().c_str(),
              cases->size(), rules->path.c_str());
  std::printf("%s\n", CampaignReportHeadline(*report).c_str());
  for (const GroundFigures& g : report->grounds) {
    if (g.to_fix)
      std::printf(
          "依据 %s: 已决 %lld 件中数据错误占 %s%%, 应先核对该部门数据或规则\n",
          g.rule.c_str(), static_cast<long long>(g.confirmed + g.cleared),
          FormatFen(g.data_error_share).c_str());
  }
  for (const std::string& w : written) std::printf("写出 %s\n", w.c_str());
  return 0;
}

}  // namespace

Command AddReportCommand(CLI::App& app, LoadCasesFn load) {
  auto* report = app.add_subcommand(
      "report",
      "campaign report (专项整治): reviewed, removed by reason, standards "
      "raised, new cases, money stopped and recovered, per township and "
      "village, per ground; XLSX, CSV, HTML");
  auto args = std::make_shared<ReportArgs>();
  report->add_option("--data", args->data_dir, "data directory")->required();
  report
      ->add_option("--user", args->user,
                   "who signs in (password from HEDUI_PASSWORD, else asked); "
                   "a township officer's report covers their townships")
      ->required();
  report->add_option("--campaign", args->campaign,
                     "a [[campaign]] of the rules file: its name and period");
  report->add_option("--from", args->from,
                     "first day of the period (YYYY-MM-DD)");
  report->add_option("--to", args->to, "last day of the period (YYYY-MM-DD)");
  report->add_option("--rules", args->rules_path,
                     "rules file (default: the last recorded run's)");
  report->add_option("--out", args->out_dir, "directory to write into")
      ->default_str(".");
  report
      ->add_option("--format", args->formats,
                   "any of xlsx, csv, html, comma-separated")
      ->default_str("xlsx,csv,html");
  report->footer(
      "Examples:\n"
      "  HEDUI_PASSWORD=… hedui report --data /srv/hedui --user wang \\\n"
      "      --campaign 2026年专项整治 --out reports/\n"
      "  hedui report --data /srv/hedui --user li --from 2026-03-01 \\\n"
      "      --to 2026-05-31 --format html\n"
      "writes campaign-report-FROM-TO.xlsx (sheets 总计, 乡镇, 村, 按依据, "
      "案件明细),\n"
      "campaign-report-FROM-TO-csv/ and campaign-report-FROM-TO.html, each "
      "mode 0600,\n"
      "after checking that every total is the sum of its parts; the 说明 "
      "section\n"
      "of each says exactly what is counted.");
  return Command{report, [args, load] { return RunReport(*args, load); }};
}

}  // namespace hedui::cli
