// hedui/quarantine.h: the quarantine files read back and summarised.
#include "hedui/quarantine.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>

#include "hedui/batch.h"
#include "hedui/feed_schema.h"

namespace hedui {

std::string_view QuarantineReasonText(std::string_view reason) {
  static const std::map<std::string_view, std::string_view> kTexts = {
      {"missing_value", "empty, but the field is required"},
      {"id_empty", "the ID number is empty"},
      {"id_bad_length", "the ID number has neither 15 nor 18 characters"},
      {"id_bad_character",
       "the ID number has characters other than digits and a final X"},
      {"id_bad_check_digit",
       "the ID number's check character (the 18th) does not match its first "
       "17 digits: a digit was mistyped"},
      {"id_bad_birth_date",
       "the birth date inside the ID number is impossible"},
      {"bad_date", "not a date, or an impossible one (30 February, month 13)"},
      {"bad_amount", "not an amount of money"},
      {"bad_month", "not a month (such as 2024-03 or 202403)"},
      {"unknown_value",
       "not a value the mapping knows; if it is right, add its spelling to "
       "the field's `values` in the mapping file"},
      {"invalid_encoding",
       "bytes that are not text in the file's encoding (shown as \\xNN "
       "beside the text that did decode): the file may be in another "
       "encoding than the mapping's feed.encoding, or damaged"},
      {"column_count",
       "another number of columns than the header: a delimiter inside an "
       "unquoted value, or a line cut short"},
      {"bad_quote", "a quote character inside an unquoted value"},
      {"unterminated_quote",
       "a quoted value that never closes: the file may be cut short"},
      {"bad_json", "not one JSON object per line"},
  };
  auto it = kTexts.find(reason);
  return it == kTexts.end() ? std::string_view() : it->second;
}

namespace {

// The quarantine file's cells: feed, file, line, field, reason, value (the
// value may hold no tab: the writer escapes them).
bool SplitLine(const std::string& line, std::vector<std::string>* cells) {
  cells->clear();
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    size_t tab = line.find('\t', start);
    if (tab == std::string::npos) return false;
    cells->push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  cells->push_back(line.substr(start));
  return true;
}

}  // namespace

StatusOr<QuarantineSummary> SummarizeQuarantine(
    const DataDirectory& data, const QuarantineOptions& options) {
  std::vector<BatchInfo> batches;
  if (options.batch) {
    std::optional<BatchInfo> b = data.GetBatch(*options.batch);
    if (!b) {
      return Status::NotFound(
          fmt::format("no batch {} in {} (hedui batches lists them)",
                      *options.batch, data.dir()));
    }
    batches.push_back(*b);
  } else {
    for (const BatchInfo& b : data.ListBatches())
      if (b.superseded_by == 0) batches.push_back(b);
  }
  std::sort(batches.begin(), batches.end(),
            [](const BatchInfo& a, const BatchInfo& b) {
              return a.number < b.number;
            });
  QuarantineSummary summary;
  std::map<std::string, QuarantineFeed> feeds;
  std::map<std::tuple<std::string, std::string, std::string>, QuarantineGroup>
      groups;
  std::vector<std::string> cells;
  for (const BatchInfo& b : batches) {
    std::string feed(GetFeedSpec(b.kind).name);
    QuarantineFeed& f = feeds[feed];
    f.feed = feed;
    f.batches.push_back(b.number);
    f.read += b.read;
    f.quarantined += b.quarantined;
    if (b.quarantined == 0 || b.quarantine_file.empty()) continue;
    // Where the data directory is now, whatever path ingest was given.
    std::string path =
        data.dir() + "/quarantine/" +
        std::filesystem::path(b.quarantine_file).filename().string();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return Status::IOError(fmt::format(
          "{}: cannot read the quarantine of batch {}", path, b.number));
    }
    std::string line;
    std::getline(in, line);  // the header
    while (std::getline(in, line)) {
      if (!SplitLine(line, &cells)) continue;
      QuarantineGroup& g = groups[{feed, cells[3], cells[4]}];
      if (g.rows == 0) {
        g.feed = feed;
        g.field = cells[3];
        g.reason = cells[4];
      }
      ++g.rows;
      if (g.examples.size() < options.examples) {
        QuarantineExample e;
        e.batch = b.number;
        e.file = cells[1];
        e.line = std::strtoull(cells[2].c_str(), nullptr, 10);
        e.value = cells[5];
        g.examples.push_back(std::move(e));
      }
    }
  }
  for (auto& [name, f] : feeds) summary.feeds.push_back(std::move(f));
  for (auto& [key, g] : groups) summary.groups.push_back(std::move(g));
  std::stable_sort(summary.groups.begin(), summary.groups.end(),
                   [](const QuarantineGroup& a, const QuarantineGroup& b) {
                     return a.feed != b.feed ? a.feed < b.feed
                                             : a.rows > b.rows;
                   });
  return summary;
}

}  // namespace hedui
