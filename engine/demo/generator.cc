#include "engine/demo/generator.h"

#include <iconv.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string_view>
#include <thread>
#include <vector>

#include "engine/demo/builder.h"
#include "engine/demo/renderers.h"
#include "engine/demo/truth.h"
#include "engine/demo/values.h"
#include "engine/demo/world.h"

namespace hedui::demo::gen {

namespace {

// Encoded bytes, in a buffer that is not zero-filled first.
struct Bytes {
  std::unique_ptr<char[]> data;
  size_t size = 0;
  SV view() const { return SV(data.get(), size); }
};

Status ToGb18030(SV in, Bytes* out) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1))
    return Status::Internal("iconv_open(GB18030, UTF-8) failed");
  const size_t capacity = in.size() + 16;  // GB18030 is never longer than UTF-8
  out->data.reset(new char[capacity]);
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char* dst = out->data.get();
  size_t dst_left = capacity;
  size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
  int err = errno;
  iconv_close(cd);
  if (r == static_cast<size_t>(-1) || src_left) {
    return Status::Internal(std::string("UTF-8 to GB18030 failed: ") +
                            std::strerror(err));
  }
  out->size = capacity - dst_left;
  return Status::OK();
}

Status WriteFile(const std::string& path, const std::vector<SV>& parts,
                 int64_t* bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f)
    return Status::IOError("cannot create " + path + ": " +
                           std::strerror(errno));
  for (SV s : parts) {
    if (!s.empty() && std::fwrite(s.data(), 1, s.size(), f) != s.size()) {
      std::fclose(f);
      return Status::IOError("cannot write " + path + ": " +
                             std::strerror(errno));
    }
    *bytes += static_cast<int64_t>(s.size());
  }
  if (std::fclose(f) != 0)
    return Status::IOError("cannot close " + path + ": " +
                           std::strerror(errno));
  return Status::OK();
}

void RunTasks(std::vector<std::function<void()>>& tasks, int threads) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < tasks.size();) tasks[i]();
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

}  // namespace

Status Generate(const GeneratorOptions& options, GeneratorReport* report) {
  if (options.out_dir.empty())
    return Status::InvalidArgument("generator: out_dir is empty");
  if (options.residents < 100 || options.residents > 20000000)
    return Status::InvalidArgument(
        "generator: residents must be between 100 and 20,000,000");
  if (options.roll_share_bp < 1 || options.roll_share_bp > 2000)
    return Status::InvalidArgument(
        "generator: the roll's share must be between 0.01% and 20% of "
        "residents");
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec)
    return Status::IOError("cannot create " + options.out_dir + ": " +
                           ec.message());

  World w;
  w.county = &Counties()[0];
  Builder b(options, &w);
  b.BuildPeople();
  b.LinkKin();
  b.BuildRoll();
  b.Background();
  b.Plant();
  b.PlantFamily();
  b.PlantCounty();
  b.PlantGroups();
  b.PlantMoney();
  b.Finalize();
  b.PlantSeveralDefects();
  b.PlantNeighbour();
  std::vector<TruthFlag> truth;
  ComputeTruth(w, options.as_of.days, &truth);

  // Render every file; the population in chunks, each encoded on its own.
  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::clamp(threads, 1, 16);
  const size_t kChunk = 1 << 16;
  const size_t np = w.people.size();
  const size_t nchunks = (np + kChunk - 1) / kChunk;
  std::vector<Bytes> pop_gb(nchunks);
  std::vector<Status> pop_status(nchunks);
  Bytes pop_header_gb, vehicle_gb;
  std::string roll, death, vehicle_utf8, property, truth_text, cadre;
  std::string roll_neighbour;
  int64_t neighbour_rows = 0;
  int64_t cadre_rows = 0;
  Status vehicle_status, header_status;
  int64_t roll_rows = 0, death_rows = 0, death_q = 0, veh_rows = 0, veh_q = 0,
          prop_rows = 0;
  const uint64_t seed = options.seed;
  const int32_t as_of = options.as_of.days;
  std::vector<std::function<void()>> tasks;
  tasks.push_back([&] {
    RenderVehicles(w, seed, as_of, &vehicle_utf8, &veh_rows, &veh_q);
    vehicle_status = ToGb18030(vehicle_utf8, &vehicle_gb);
    std::string().swap(vehicle_utf8);
  });
  tasks.push_back([&] { RenderProperty(w, seed, &property, &prop_rows); });
  std::string migration, tax_utf8, payroll, bank, business_utf8;
  Bytes tax_gb, business_gb;
  Status tax_status, business_status;
  int64_t mig_rows = 0, tax_rows = 0, pay_rows = 0, bank_rows = 0, biz_rows = 0;
  tasks.push_back([&] {
    RenderMigration(w, seed, &migration, &mig_rows);
    RenderPayroll(w, seed, &payroll, &pay_rows);
    RenderBank(w, seed, &bank, &bank_rows);
  });
  tasks.push_back([&] {
    RenderTax(w, seed, &tax_utf8, &tax_rows);
    tax_status = ToGb18030(tax_utf8, &tax_gb);
    RenderBusiness(w, seed, &business_utf8, &biz_rows);
    business_status = ToGb18030(business_utf8, &business_gb);
  });
  for (size_t c = 0; c < nchunks; ++c) {
    tasks.push_back([&, c] {
      thread_local std::string utf8;  // reused: one chunk's worth per thread
      utf8.clear();
      RenderPopulation(w, seed, c * kChunk, std::min(np, (c + 1) * kChunk),
                       &utf8);
      pop_status[c] = ToGb18030(utf8, &pop_gb[c]);
    });
  }
  tasks.push_back([&] {
    header_status = ToGb18030(
        "公民身份号码,姓名,性别,出生日期,户号,与户主关系,住址,人员状态,"
        "状态日期,父亲公民身份号码,"
        "母亲公民身份号码,配偶公民身份号码\r\n",
        &pop_header_gb);
    RenderRoll(w, seed, &roll, &roll_rows);
    RenderNeighbourRoll(w, &roll_neighbour, &neighbour_rows);
    RenderCadres(w, seed, &cadre, &cadre_rows);
    RenderDeaths(w, seed, &death, &death_rows, &death_q);
    for (const TruthFlag& f : truth) {
      truth_text.append("{\"rule\":\"");
      truth_text.append(f.rule);
      truth_text.append("\",\"case_id\":\"");
      truth_text.append(w.cases[f.case_index].id);
      truth_text.append("\",\"id_number\":\"");
      truth_text.append(f.id);
      truth_text.append("\",\"since\":\"");
      truth_text.append(Date{f.since}.ToString());
      truth_text.append("\",\"amount\":\"");
      truth_text.append(FormatFen(f.fen));
      truth_text.append("\"");
      AppendTruthGroup(w, f, &truth_text);
      truth_text.append("}\n");
    }
  });
  RunTasks(tasks, threads);
  HEDUI_RETURN_IF_ERROR(vehicle_status);
  HEDUI_RETURN_IF_ERROR(header_status);
  HEDUI_RETURN_IF_ERROR(tax_status);
  HEDUI_RETURN_IF_ERROR(business_status);
  for (const Status& s : pop_status) HEDUI_RETURN_IF_ERROR(s);

  GeneratorReport r;
  r.residents = static_cast<int>(np);
  r.roll_members = static_cast<int>(w.members.size());
  r.cases = static_cast<int>(w.cases.size());
  r.county = std::string(w.county->province) +
             std::string(w.county->prefecture) + std::string(w.county->name);
  for (const TruthFlag& f : truth) {
    ++r.flags[std::string(f.rule)];
    r.amounts[std::string(f.rule)] += f.fen;
  }
  for (const TruthFlag& f : truth) {
    if (f.rule == "DECEASED") {
      ++r.deceased_flags;
      r.deceased_fen += f.fen;
    } else if (f.rule == "VEHICLE") {
      ++r.vehicle_flags;
      r.vehicle_fen += f.fen;
    } else if (f.rule == "PROPERTY") {
      ++r.property_flags;
      r.property_fen += f.fen;
    }
  }
  r.feeds = {
      {"roll", "roll.csv", roll_rows, 0},
      {"population", "population.csv", static_cast<int64_t>(np),
       w.pop_quarantined},
      {"death", "death.ndjson", death_rows, death_q},
      {"vehicle", "vehicle.csv", veh_rows, veh_q},
      {"property", "property.csv", prop_rows, 0},
      {"migration", "migration.ndjson", mig_rows, 0},
      {"tax", "tax.csv", tax_rows, 0},
      {"payroll", "payroll.ndjson", pay_rows, 0},
      {"bank", "bank.csv", bank_rows, 0},
      {"business", "business.csv", biz_rows, 0},
      {"cadre", "cadre.csv", cadre_rows, 0},
      {"roll_neighbour", "roll_neighbour.csv", neighbour_rows, 0},
  };

  std::string counts =
      "{\n  \"county\": \"" + r.county +
      "\",\n  \"seed\": " + std::to_string(seed) + ",\n  \"as_of\": \"" +
      options.as_of.ToString() +
      "\",\n  \"residents\": " + std::to_string(r.residents) +
      ",\n  \"roll_members\": " + std::to_string(r.roll_members) +
      ",\n  \"cases\": " + std::to_string(r.cases) + ",\n  \"feeds\": {\n";
  for (size_t i = 0; i < r.feeds.size(); ++i) {
    const FeedFileReport& f = r.feeds[i];
    counts += "    \"" + f.feed + "\": {\"file\": \"" + f.file +
              "\", \"rows\": " + std::to_string(f.rows) +
              ", \"accepted\": " + std::to_string(f.rows - f.quarantined) +
              ", \"quarantined\": " + std::to_string(f.quarantined) + "}" +
              (i + 1 < r.feeds.size() ? ",\n" : "\n");
  }
  counts += "  },\n  \"flags\": {";
  for (auto it = r.flags.begin(); it != r.flags.end(); ++it) {
    counts += (it == r.flags.begin() ? "\"" : ", \"") + it->first +
              "\": " + std::to_string(it->second);
  }
  counts += "},\n  \"amount\": {";
  for (auto it = r.amounts.begin(); it != r.amounts.end(); ++it) {
    counts += (it == r.amounts.begin() ? "\"" : ", \"") + it->first + "\": \"" +
              FormatFen(it->second) + "\"";
  }
  counts += "}\n}\n";

  auto path = [&](const char* name) {
    return (std::filesystem::path(options.out_dir) / name).string();
  };
  std::vector<SV> pop_parts{pop_header_gb.view()};
  for (const Bytes& b : pop_gb) pop_parts.push_back(b.view());
  struct Out {
    const char* name;
    std::vector<SV> parts;
  };
  std::vector<Out> outs = {
      {"roll.csv", {roll}},           {"population.csv", pop_parts},
      {"death.ndjson", {death}},      {"vehicle.csv", {vehicle_gb.view()}},
      {"property.csv", {property}},   {"migration.ndjson", {migration}},
      {"tax.csv", {tax_gb.view()}},   {"payroll.ndjson", {payroll}},
      {"bank.csv", {bank}},           {"business.csv", {business_gb.view()}},
      {"cadre.csv", {cadre}},         {"roll_neighbour.csv", {roll_neighbour}},
      {"truth.ndjson", {truth_text}}, {"truth_counts.json", {counts}},
  };
  for (const Out& o : outs) {
    std::string p = path(o.name);
    HEDUI_RETURN_IF_ERROR(WriteFile(p, o.parts, &r.bytes_written));
    r.files.push_back(p);
  }
  if (report) *report = std::move(r);
  return Status::OK();
}

}  // namespace hedui::demo::gen

namespace hedui::demo {

Status GenerateCounty(const GeneratorOptions& options,
                      GeneratorReport* report) {
  return gen::Generate(options, report);
}

std::string HukouId(std::string_view township_code, int32_t serial,
                    size_t households) {
  // Cut to six digits, serials past a million repeated earlier ones: two
  // households of a province slice shared one 户号 and looked like one
  // family split into two cases.
  std::string id(township_code.substr(6, 3));
  gen::AppendPad(&id, static_cast<uint64_t>(serial),
                 households >= 1000000 ? 7 : 6);
  return id;
}

}  // namespace hedui::demo
