// `hedui demo`: a generated county through the whole spine — generate,
// ingest, run, and score the flags against the generator's ground truth.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>

#include "engine/cli/commands.h"
#include "engine/demo/demo_feeds.h"
#include "engine/demo/generator.h"
#include "engine/demo/score.h"
#include "hedui/case_store.h"
#include "hedui/rules.h"

namespace hedui::cli {
namespace {

struct DemoArgs {
  std::string dir = "demo";
  int residents = 200000;
  std::string configs = DefaultConfigs();
  std::string as_of = "2026-10-31";
};

double Seconds(std::chrono::steady_clock::time_point from,
               std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// The demo's review users, so that `hedui cases` and `hedui serve` can be
// tried at once: an administrator, the officer of the township with the
// most cases, an inspector and an auditor. Demo passwords, printed: a
// county makes its own users (README, "Reviewing cases").
Status CreateDemoUsers(const std::string& data_dir,
                       const std::string& rules_path) {
  StatusOr<Rules> rules = LoadRules(rules_path);
  if (!rules.ok()) return rules.status();
  CaseStore::Options options;
  options.rules = &rules.value();
  StatusOr<std::unique_ptr<CaseStore>> opened =
      CaseStore::Open(data_dir, options);
  if (!opened.ok()) return opened.status();
  CaseStore& store = **opened;
  const std::string admin_password = "demo-admin-2026";
  User admin{"admin", Role::kAdmin, {}, false, ""};
  HEDUI_RETURN_IF_ERROR(store.AddUser(nullptr, admin, admin_password));
  StatusOr<Actor> by = store.SignIn("admin", admin_password);
  if (!by.ok()) return by.status();
  StatusOr<std::vector<CaseSummary>> cases = store.List(*by, CaseFilter{});
  if (!cases.ok()) return cases.status();
  std::map<std::string, size_t> per_township;
  for (const CaseSummary& c : cases.value()) ++per_township[c.township];
  std::string township;
  size_t most = 0;
  for (const auto& [name, count] : per_township) {
    if (count > most) township = name, most = count;
  }
  struct DemoUser {
    User user;
    std::string password;
  };
  std::vector<DemoUser> users = {
      {{"officer", Role::kTownship, {township}, false, ""},
       "demo-officer-2026"},
      {{"inspector", Role::kInspector, {}, false, ""}, "demo-inspector-2026"},
      {{"auditor", Role::kAuditor, {}, false, ""}, "demo-auditor-2026"}};
  for (const DemoUser& u : users)
    HEDUI_RETURN_IF_ERROR(store.AddUser(&by.value(), u.user, u.password));
  // The program as it was run (./build/hedui): `hedui` alone may not be on
  // the PATH.
  const char* program = ProgramName().c_str();
  std::printf(
      "\n审核案件 (reviewing the cases): %zu 个案件待核查. Demo users (demo "
      "passwords — a county makes its own, README \"Reviewing cases\"):\n"
      "  admin      管理员       demo-admin-2026\n"
      "  officer    乡镇经办人   demo-officer-2026   (%s, %zu cases)\n"
      "  inspector  纪检监察     demo-inspector-2026\n"
      "  auditor    审计         demo-auditor-2026\n"
      "Start here:\n"
      "  export HEDUI_PASSWORD=demo-officer-2026\n"
      "  %s cases list --data %s --user officer --by household\n"
      "  %s cases show --data %s --user officer <档案号 (file number) from "
      "the list>\n"
      "Or in a browser (the review site; the case commands above keep "
      "working while it runs):\n"
      "  %s serve --data %s\n"
      "  then open http://127.0.0.1:8080 and sign in as officer\n",
      cases->size(), township.c_str(), most, program, data_dir.c_str(), program,
      data_dir.c_str(), program, data_dir.c_str());
  return Status::OK();
}

int RunDemo(const DemoArgs& args) {
  StatusOr<Date> as_of = ParseAsOf(args.as_of);
  if (!as_of.ok()) return Fail(as_of.status());
  std::string feeds_dir = args.dir + "/feeds";
  std::string data_dir = args.dir + "/data";
  std::error_code ec;
  // The demo starts from an empty index each time.
  std::filesystem::remove_all(data_dir, ec);
  auto t0 = std::chrono::steady_clock::now();
  demo::GeneratorOptions options;
  options.out_dir = feeds_dir;
  options.residents = args.residents;
  options.as_of = *as_of;
  demo::GeneratorReport report;
  Status s = demo::GenerateCounty(options, &report);
  if (!s.ok()) return Fail(s);
  auto t1 = std::chrono::steady_clock::now();
  std::printf(
      "Demo county: %d residents, %d roll members in %d cases (generated in "
      "%.2f s)\n\n",
      report.residents, report.roll_members, report.cases, Seconds(t0, t1));
  {
    // Closed before the run, which opens the directory read-only.
    StatusOr<std::unique_ptr<DataDirectory>> data =
        DataDirectory::Open(data_dir, DataDirectory::Mode::kReadWrite);
    if (!data.ok()) return Fail(data.status());
    std::vector<FeedFile> feeds;
    for (const demo::DemoFeed& feed : demo::kDemoFeeds) {
      feeds.push_back(FeedFile{
          fmt::format("{}/feeds/demo/{}.toml", args.configs, feed.kind),
          fmt::format("{}/{}", feeds_dir, feed.file)});
    }
    uint64_t bytes = 0;
    s = IngestAndPrint(data->get(), feeds, &bytes);
    if (!s.ok()) return Fail(s);
  }
  auto t2 = std::chrono::steady_clock::now();
  RecordRunOptions run;
  run.data_dir = data_dir;
  run.rules_path = args.configs + "/rules/demo.toml";
  run.as_of = *as_of;
  run.out_dir = args.dir + "/reports";
  s = RecordRunAndPrint(run);
  if (!s.ok()) return Fail(s);
  auto t3 = std::chrono::steady_clock::now();
  StatusOr<demo::Score> score = demo::ScoreCases(
      args.dir + "/reports/cases.ndjson", feeds_dir + "/truth.ndjson");
  if (!score.ok()) return Fail(score.status());
  std::printf("\nAgainst the generator's ground truth:\n%s",
              demo::FormatScore(*score).c_str());
  for (const std::string& d : score->differences)
    std::printf("  %s\n", d.c_str());
  std::printf("\nIngest %.2f s + cross-check %.2f s = %.2f s\n",
              Seconds(t1, t2), Seconds(t2, t3), Seconds(t1, t3));
  s = CreateDemoUsers(data_dir, run.rules_path);
  if (!s.ok()) return Fail(s);
  return 0;
}

}  // namespace

Command AddDemoCommand(CLI::App& app) {
  auto* demo = app.add_subcommand(
      "demo",
      "generate a demo county, ingest it, cross-check it, score against truth");
  auto args = std::make_shared<DemoArgs>();
  demo->add_option("--dir", args->dir,
                   "working directory for feeds, index and reports")
      ->capture_default_str();
  demo->add_option("--residents", args->residents, "size of the county")
      ->capture_default_str();
  demo->add_option("--configs", args->configs,
                   "the configs/ directory (mappings and rules)")
      ->capture_default_str();
  demo->add_option("--as-of", args->as_of, "as-of date of the run")
      ->capture_default_str();
  return Command{demo, [args] { return RunDemo(*args); }};
}

}  // namespace hedui::cli
