#include "connectors/chunk_parser.h"

#include <fmt/format.h>

#include <cstring>

#include "connectors/csv_parser.h"
#include "connectors/input_file.h"
#include "engine/base/text.h"

namespace hedui {

namespace {

// Extracts the mapped values of one JSON object, descending into nested
// objects for dotted columns.
simdjson::error_code ExtractJson(
    simdjson::ondemand::object object,
    const std::vector<std::vector<std::string>>& paths, size_t depth,
    const std::vector<std::string_view>& prefix, ThreadScratch* scratch,
    int* bad_slot) {
  for (auto field_result : object) {
    simdjson::ondemand::field field;
    if (auto e = std::move(field_result).get(field)) return e;
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    bool descend = false;
    for (size_t i = 0; i < paths.size(); ++i) {
      const std::vector<std::string>& path = paths[i];
      if (path.size() <= depth || path[depth] != key) continue;
      bool prefix_ok = true;
      for (size_t d = 0; d < depth; ++d)
        prefix_ok = prefix_ok && path[d] == prefix[d];
      if (!prefix_ok) continue;
      if (path.size() > depth + 1) {
        descend = true;
        continue;
      }
      if (scratch->present[i]) continue;  // first occurrence wins
      simdjson::ondemand::json_type type;
      if (auto e = field.value().type().get(type)) return e;
      std::string& slot = scratch->owned[i];
      switch (type) {
        case simdjson::ondemand::json_type::string: {
          std::string_view s;
          if (auto e = field.value().get_string().get(s)) return e;
          slot.assign(s);
          break;
        }
        case simdjson::ondemand::json_type::null:
          slot.clear();
          break;
        case simdjson::ondemand::json_type::number:
        case simdjson::ondemand::json_type::boolean: {
          std::string_view token = field.value().raw_json_token();
          slot.assign(TrimBlank(token));
          break;
        }
        default:
          *bad_slot = static_cast<int>(i);
          return simdjson::INCORRECT_TYPE;
      }
      scratch->present[i] = true;
    }
    if (descend && depth < 4) {
      simdjson::ondemand::object inner;
      if (field.value().get_object().get(inner) == simdjson::SUCCESS) {
        std::vector<std::string_view> next = prefix;
        next.push_back(key);
        // Keys of `next` view the parser's buffer, valid for this document.
        if (auto e =
                ExtractJson(inner, paths, depth + 1, next, scratch, bad_slot))
          return e;
      }
    }
  }
  return simdjson::SUCCESS;
}

// The mapped slots whose string values hold bytes that are not UTF-8,
// with those values. simdjson refuses such a line whole, so its strings are
// walked here: a string followed by ':' is a key, `{` after a key descends.
void FindInvalidJsonValues(
    std::string_view row, const std::vector<std::vector<std::string>>& paths,
    std::vector<std::pair<size_t, std::string_view>>* found) {
  std::vector<std::string_view> keys;  // the enclosing objects' keys
  std::string_view last_key;
  int depth = 0;
  for (size_t i = 0; i < row.size(); ++i) {
    char c = row[i];
    if (c == '{') {
      if (depth++ > 0) keys.push_back(last_key);
    } else if (c == '}') {
      if (--depth > 0 && !keys.empty()) keys.pop_back();
    } else if (c == '"') {
      size_t start = ++i;
      while (i < row.size() && row[i] != '"') i += row[i] == '\\' ? 2 : 1;
      std::string_view s = row.substr(start, std::min(i, row.size()) - start);
      size_t j = i + 1;
      while (j < row.size() && (row[j] == ' ' || row[j] == '\t')) ++j;
      if (j < row.size() && row[j] == ':') {
        last_key = s;
        continue;
      }
      if (IsValidUtf8(s)) continue;
      for (size_t p = 0; p < paths.size(); ++p) {
        const std::vector<std::string>& path = paths[p];
        bool match = path.size() == keys.size() + 1 && path.back() == last_key;
        for (size_t k = 0; match && k < keys.size(); ++k)
          match = path[k] == keys[k];
        if (match) found->emplace_back(p, s);
      }
    }
  }
}

// What is wrong with a JSON line, in the engine's words (simdjson's own
// messages speak of its API, not of the export).
std::string_view DescribeJsonError(simdjson::error_code error,
                                   std::string_view trimmed, bool in_value) {
  if (in_value) return "an object or list where one value belongs";
  if (trimmed.front() != '{') return "not a JSON object";
  if (error == simdjson::TRAILING_CONTENT)
    return "text after the closing brace";
  // Where the outer object closes, strings skipped: before the end of the
  // line (text follows it), at its end (something inside is wrong), or
  // never (the line was cut).
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < trimmed.size(); ++i) {
    char c = trimmed[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1 < trimmed.size()
                 ? "text after the closing brace"
                 : "malformed JSON (a quote, comma or colon out of place)";
    }
  }
  return "cut short, no closing brace";
}

}  // namespace

ChunkParser::ChunkParser(const Mapping& mapping, const std::string& file)
    : mapping_(mapping), file_(file) {
  // One source slot per mapped field, and one more for a delta's
  // deletion marker.
  slots_ = mapping.fields.size() + (mapping.deleted ? 1 : 0);
  for (const FieldMapping& f : mapping.fields) json_paths_.push_back(f.path);
  if (mapping.deleted) json_paths_.push_back(mapping.deleted->path);
}

std::string_view ChunkParser::Decode(std::string_view raw,
                                     ThreadScratch* scratch) {
  if (mapping_.encoding == Encoding::kGb18030) {
    scratch->decoder.Convert(raw, &scratch->text);
    return scratch->text.view();
  }
  return raw;
}

Status ChunkParser::ResolveCsvHeader(std::string_view data, bool whole_file,
                                     bool* needs_more, size_t* body_offset,
                                     uint64_t* header_lines) {
  *needs_more = false;
  size_t offset = Utf8BomLength(data);
  size_t lines_to_skip =
      static_cast<size_t>(mapping_.skip_lines) + (mapping_.header ? 1 : 0);
  size_t header_begin = offset;
  for (size_t k = 0; k < lines_to_skip; ++k) {
    if (k + 1 == lines_to_skip) header_begin = offset;
    const void* nl =
        std::memchr(data.data() + offset, '\n', data.size() - offset);
    if (nl == nullptr) {
      if (!whole_file) {
        *needs_more = true;  // the header goes on past the bytes read
        return Status::OK();
      }
      if (offset == data.size()) {
        return Status::InvalidArgument(
            fmt::format("{}: the file ends before its header (skip_lines = {})",
                        file_, mapping_.skip_lines));
      }
      offset = data.size();
    } else {
      offset =
          static_cast<size_t>(static_cast<const char*>(nl) - data.data()) + 1;
    }
  }
  *body_offset = offset;
  *header_lines = lines_to_skip;
  csv_columns_.assign(slots_, -1);
  if (!mapping_.header) {
    for (size_t i = 0; i < mapping_.fields.size(); ++i)
      csv_columns_[i] = mapping_.fields[i].column_index;
    if (mapping_.deleted) csv_columns_.back() = mapping_.deleted->column_index;
    return Status::OK();
  }
  ThreadScratch& scratch = scratch_.local();
  std::string_view header_text =
      Decode(data.substr(header_begin, offset - header_begin), &scratch);
  std::string header_copy(header_text);
  if (!IsValidUtf8(header_copy)) {
    return Status::InvalidArgument(fmt::format(
        "{}: the header line is not valid {}; check feed.encoding in {}", file_,
        mapping_.encoding == Encoding::kUtf8 ? "UTF-8" : "GB18030",
        mapping_.path));
  }
  CsvOptions csv;
  csv.delimiter = mapping_.delimiter;
  CsvParser parser(header_copy, csv);
  CsvRecord header;
  if (!parser.Next(&header))
    return Status::InvalidArgument(
        fmt::format("{}: the header line is empty", file_));
  header_columns_ = header.fields.size();
  std::vector<std::string> names;
  for (std::string_view f : header.fields) names.push_back(FoldSpelling(f));
  for (size_t i = 0; i < mapping_.fields.size(); ++i) {
    const FieldMapping& f = mapping_.fields[i];
    if (f.column_index >= 0) {
      csv_columns_[i] = f.column_index;
      continue;
    }
    if (f.column.empty()) continue;  // a default only
    std::string wanted = FoldSpelling(f.column);
    for (size_t c = 0; c < names.size(); ++c) {
      if (names[c] == wanted) {
        csv_columns_[i] = static_cast<int>(c);
        break;
      }
    }
    if (csv_columns_[i] < 0) {
      if (f.default_value) continue;
      std::string have;
      for (const std::string& n : names) have += (have.empty() ? "" : ", ") + n;
      return Status::InvalidArgument(fmt::format(
          "{}: column '{}' (fields.{} in {}) is not in the header; it has: {}",
          file_, f.column, f.spec->name, mapping_.path, have));
    }
  }
  if (mapping_.deleted) {
    const DeletionMarker& d = *mapping_.deleted;
    if (d.column_index >= 0) {
      csv_columns_.back() = d.column_index;
    } else {
      std::string wanted = FoldSpelling(d.column);
      for (size_t c = 0; c < names.size(); ++c) {
        if (names[c] == wanted) csv_columns_.back() = static_cast<int>(c);
      }
      if (csv_columns_.back() < 0) {
        return Status::InvalidArgument(fmt::format(
            "{}: column '{}' (feed.deleted in {}) is not in the header", file_,
            d.column, mapping_.path));
      }
    }
  }
  return Status::OK();
}

void ChunkParser::ProcessCsvChunk(std::string_view raw, ChunkResult* out) {
  ThreadScratch& scratch = scratch_.local();
  out->arena.Reserve(raw.size() + raw.size() / 2 + 4096);
  out->entries.reserve(raw.size() / 64 + 16);
  std::string_view text = Decode(raw, &scratch);
  bool all_valid = IsValidUtf8(text);
  CsvOptions csv;
  csv.delimiter = mapping_.delimiter;
  CsvParser parser(text, csv);
  CsvRecord record;
  RowConverter converter(mapping_);
  scratch.raw.assign(slots_, std::string_view());
  scratch.present.assign(slots_, false);
  while (parser.Next(&record)) {
    ++out->read;
    uint64_t line = record.first_line;
    if (!all_valid && !IsValidUtf8(record.raw)) {
      // Name the mapped fields that hold the bad bytes; a row whose bad
      // bytes lie elsewhere (or whose columns are lost) names none.
      bool named = false;
      if (record.error == nullptr) {
        for (size_t i = 0; i < mapping_.fields.size(); ++i) {
          int c = csv_columns_[i];
          if (c < 0 || static_cast<size_t>(c) >= record.fields.size() ||
              IsValidUtf8(record.fields[c]))
            continue;
          RowConverter::AddReason(line, mapping_.fields[i].spec->name,
                                  "invalid_encoding", record.fields[c], out);
          named = true;
        }
      }
      if (named) {
        ++out->rejected_rows;
      } else {
        RowConverter::Reject(line, "", "invalid_encoding", record.raw, out);
      }
      continue;
    }
    if (record.error != nullptr) {
      RowConverter::Reject(line, "", record.error, record.raw, out);
      continue;
    }
    if (mapping_.header && record.fields.size() != header_columns_) {
      RowConverter::Reject(
          line, "", "column_count",
          fmt::format("{} columns, the header has {}: {}", record.fields.size(),
                      header_columns_, record.raw),
          out);
      continue;
    }
    bool short_row = false;
    for (size_t i = 0; i < slots_; ++i) {
      int c = csv_columns_[i];
      if (c < 0) {
        scratch.present[i] = false;
      } else if (static_cast<size_t>(c) < record.fields.size()) {
        scratch.raw[i] = record.fields[c];
        scratch.present[i] = true;
      } else {
        short_row = true;
      }
    }
    if (short_row) {
      RowConverter::Reject(
          line, "", "column_count",
          fmt::format("{} columns: {}", record.fields.size(), record.raw), out);
      continue;
    }
    converter.Convert(scratch.raw, scratch.present, line, out);
  }
  out->lines = parser.lines_seen();
}

void ChunkParser::ProcessNdjsonChunk(std::string_view raw, ChunkResult* out) {
  ThreadScratch& scratch = scratch_.local();
  out->arena.Reserve(raw.size() + raw.size() / 2 + 4096);
  std::string_view text = raw;
  size_t bom = out->begin == 0 ? Utf8BomLength(text) : 0;
  text.remove_prefix(bom);
  // simdjson reads up to SIMDJSON_PADDING bytes past a document's end:
  // UTF-8 rows are read in place, the chunk's buffer has the room;
  // decoded ones are copied with it.
  static_assert(InputFile::kPadding >= simdjson::SIMDJSON_PADDING);
  const char* base = text.data();
  size_t buffer_end =
      static_cast<size_t>(out->raw.data() + out->raw.size() - text.data()) +
      InputFile::kPadding;
  if (mapping_.encoding == Encoding::kGb18030) {
    text = Decode(text, &scratch);
    scratch.padded.assign(text);
    scratch.padded.append(simdjson::SIMDJSON_PADDING, '\0');
    base = scratch.padded.data();
    buffer_end = scratch.padded.size();
  }
  const size_t size = text.size();
  bool all_valid = IsValidUtf8(text);
  RowConverter converter(mapping_);
  scratch.raw.assign(slots_, std::string_view());
  scratch.owned.assign(slots_, std::string());
  size_t pos = 0;
  uint64_t line = 0;
  while (pos < size) {
    const void* nl = std::memchr(base + pos, '\n', size - pos);
    size_t end =
        nl ? static_cast<size_t>(static_cast<const char*>(nl) - base) : size;
    std::string_view row(base + pos, end - pos);
    uint64_t this_line = line;
    pos = end + 1;
    ++line;
    std::string_view trimmed = TrimBlank(row);
    if (trimmed.empty()) continue;
    ++out->read;
    if (!all_valid && !IsValidUtf8(row)) {
      // Name the mapped fields that hold the bad bytes where the line
      // shows them; the whole line otherwise.
      std::vector<std::pair<size_t, std::string_view>> bad;
      FindInvalidJsonValues(row, json_paths_, &bad);
      for (const auto& [slot, value] : bad) {
        std::string_view field = slot < mapping_.fields.size()
                                     ? mapping_.fields[slot].spec->name
                                     : std::string_view("deleted");
        RowConverter::AddReason(this_line, field, "invalid_encoding", value,
                                out);
      }
      if (bad.empty()) {
        RowConverter::Reject(this_line, "", "invalid_encoding", row, out);
      } else {
        ++out->rejected_rows;
      }
      continue;
    }
    scratch.present.assign(slots_, false);
    size_t capacity = buffer_end - static_cast<size_t>(row.data() - base);
    simdjson::ondemand::document doc;
    simdjson::error_code error = scratch.json
                                     .iterate(simdjson::padded_string_view(
                                         row.data(), row.size(), capacity))
                                     .get(doc);
    simdjson::ondemand::object object;
    if (!error) error = doc.get_object().get(object);
    int bad_slot = -1;
    if (!error)
      error = ExtractJson(object, json_paths_, 0, {}, &scratch, &bad_slot);
    // An object followed by more text is not one record: this simdjson has
    // no at_end() on documents, but a record line must end with its brace.
    if (!error && trimmed.back() != '}') error = simdjson::TRAILING_CONTENT;
    if (error) {
      // The field is known when a mapped key holds an object or list.
      bool in_value = bad_slot >= 0 &&
                      static_cast<size_t>(bad_slot) < mapping_.fields.size();
      RowConverter::Reject(
          this_line, in_value ? mapping_.fields[bad_slot].spec->name : "",
          "bad_json",
          fmt::format("{}: {}", DescribeJsonError(error, trimmed, in_value),
                      trimmed),
          out);
      continue;
    }
    for (size_t i = 0; i < slots_; ++i) scratch.raw[i] = scratch.owned[i];
    converter.Convert(scratch.raw, scratch.present, this_line, out);
  }
  out->lines = line;
}

}  // namespace hedui
