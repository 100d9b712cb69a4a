#include "engine/cases/case_codec.h"

#include <fmt/format.h>
#include <simdjson.h>
#include <sodium.h>

#include "engine/base/json.h"
#include "engine/base/text.h"

namespace hedui {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// Appends ,"key":"value".
void Field(std::string* out, std::string_view key, std::string_view value) {
  if (out->back() != '{') out->push_back(',');
  *out += JsonQuote(key);
  out->push_back(':');
  *out += JsonQuote(value);
}
void Number(std::string* out, std::string_view key, int64_t value) {
  if (out->back() != '{') out->push_back(',');
  *out += fmt::format("{}:{}", JsonQuote(key), value);
}
void Bool(std::string* out, std::string_view key, bool value) {
  if (out->back() != '{') out->push_back(',');
  *out += fmt::format("{}:{}", JsonQuote(key), value ? "true" : "false");
}
void Strings(std::string* out, std::string_view key,
             const std::vector<std::string>& values) {
  if (out->back() != '{') out->push_back(',');
  *out += JsonQuote(key);
  *out += ":[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out->push_back(',');
    *out += JsonQuote(values[i]);
  }
  out->push_back(']');
}

std::string EncodeEvidence(const EvidenceRecord& r) {
  std::string out = "{";
  Field(&out, "feed", r.feed);
  Number(&out, "batch", r.batch);
  Field(&out, "file", r.file);
  Number(&out, "line", static_cast<int64_t>(r.line));
  out += ",\"values\":{";
  for (size_t i = 0; i < r.values.size(); ++i) {
    if (i) out.push_back(',');
    out += JsonQuote(r.values[i].first) + ":" + JsonQuote(r.values[i].second);
  }
  out += "}}";
  return out;
}

// Readers that leave the target alone when the key is absent, and say
// whether a present key had the wrong type.
struct Reader {
  object obj;
  bool bad = false;
  std::string missing;

  void Text(std::string_view key, std::string* out) {
    element e;
    if (obj[key].get(e)) return;
    std::string_view s;
    if (e.get(s)) {
      bad = true;
      return;
    }
    *out = std::string(s);
  }
  template <typename Int>
  void Integer(std::string_view key, Int* out) {
    element e;
    if (obj[key].get(e)) return;
    int64_t v;
    if (e.get(v)) {
      bad = true;
      return;
    }
    *out = static_cast<Int>(v);
  }
  void Flag(std::string_view key, bool* out) {
    element e;
    if (obj[key].get(e)) return;
    if (e.get(*out)) bad = true;
  }
  void TextList(std::string_view key, std::vector<std::string>* out) {
    array a;
    if (obj[key].get(a)) return;
    out->clear();
    for (element e : a) {
      std::string_view s;
      if (e.get(s)) {
        bad = true;
        return;
      }
      out->emplace_back(s);
    }
  }
};

// The fields a stored case and a run's flag line write alike.
void ReadFlagIdentity(Reader* in, ReviewCase* c) {
  in->Text("flag_id", &c->flag_id);
  in->Text("rule", &c->rule);
  in->Text("case_id", &c->case_id);
  in->Text("id_number", &c->id_number);
  in->Text("name", &c->name);
  in->Text("township", &c->township);
  in->Text("village", &c->village);
  in->Text("scope", &c->scope);
  in->Integer("household_size", &c->household_size);
  in->Text("since", &c->since);
  // Added later: absent in cases stored and runs recorded before.
  in->Text("head_name", &c->head_name);
  in->Text("addressee_name", &c->addressee_name);
  in->Text("addressee_relation", &c->addressee_relation);
  in->Text("member_relation", &c->member_relation);
  in->Integer("case_monthly_fen", &c->case_monthly_fen);
}

bool DecodeEvidence(element e, EvidenceRecord* r) {
  object o;
  if (e.get(o)) return false;
  Reader in{o};
  in.Text("feed", &r->feed);
  in.Integer("batch", &r->batch);
  in.Text("file", &r->file);
  in.Integer("line", &r->line);
  object values;
  if (!o["values"].get(values)) {
    for (auto field : values) {
      std::string_view v;
      if (field.value.get(v)) return false;
      r->values.emplace_back(std::string(field.key), std::string(v));
    }
  }
  return !in.bad;
}

bool DecodeEvidenceList(object o, std::vector<EvidenceRecord>* out) {
  array list;
  if (o["evidence"].get(list)) return true;
  for (element e : list) {
    EvidenceRecord r;
    if (!DecodeEvidence(e, &r)) return false;
    out->push_back(std::move(r));
  }
  return true;
}

Status Malformed(std::string_view what) {
  return Status::Corruption(
      fmt::format("case store: a stored {} cannot be read", what));
}

}  // namespace

bool IsUtf8(std::string_view text) {
  return simdjson::validate_utf8(text.data(), text.size());
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest,
                     reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

std::string EvidenceHash(const std::vector<EvidenceRecord>& evidence) {
  // Length-prefixed, so no value can move a boundary.
  std::string text;
  auto add = [&](std::string_view s) {
    text += std::to_string(s.size());
    text.push_back(':');
    text += s;
  };
  for (const EvidenceRecord& r : evidence) {
    add(r.feed);
    text += std::to_string(r.values.size());
    for (const auto& [field, value] : r.values) {
      add(field);
      add(value);
    }
  }
  return Sha256Hex(text);
}

std::string EncodeReviewCase(const ReviewCase& c) {
  std::string out = "{";
  Field(&out, "flag_id", c.flag_id);
  Field(&out, "rule", c.rule);
  Field(&out, "case_id", c.case_id);
  Field(&out, "id_number", c.id_number);
  Field(&out, "name", c.name);
  Field(&out, "township", c.township);
  Field(&out, "village", c.village);
  Field(&out, "scope", c.scope);
  Number(&out, "household_size", c.household_size);
  Field(&out, "since", c.since);
  Number(&out, "amount_fen", c.amount_fen);
  Number(&out, "monthly_at_stake_fen", c.monthly_at_stake_fen);
  Field(&out, "reason", c.reason);
  Field(&out, "params", c.params_json);
  out += ",\"evidence\":[";
  for (size_t i = 0; i < c.evidence.size(); ++i) {
    if (i) out.push_back(',');
    out += EncodeEvidence(c.evidence[i]);
  }
  out += "],\"months\":[";
  for (size_t i = 0; i < c.months.size(); ++i) {
    if (i) out.push_back(',');
    out += fmt::format("[{},{}]", JsonQuote(c.months[i].first),
                       c.months[i].second);
  }
  out += "]";
  Field(&out, "group_id", c.group_id);
  Strings(&out, "group_cases", c.group_cases);
  Bool(&out, "counts_in_total", c.counts_in_total);
  Field(&out, "evidence_hash", c.evidence_hash);
  Field(&out, "file_number", c.file_number);
  Number(&out, "first_run", c.first_run);
  Number(&out, "last_run", c.last_run);
  Field(&out, "first_seen", c.first_seen);
  Field(&out, "last_seen", c.last_seen);
  Bool(&out, "in_data", c.in_data);
  Field(&out, "status", CaseStatusName(c.status));
  Field(&out, "assignee", c.assignee);
  out += ",\"steps\":[";
  for (size_t i = 0; i < c.steps.size(); ++i) {
    const Step& s = c.steps[i];
    if (i) out.push_back(',');
    out += "{";
    Field(&out, "kind", StepKindName(s.kind));
    Field(&out, "date", s.date);
    Field(&out, "by", s.by);
    Field(&out, "recorded_at", s.recorded_at);
    Field(&out, "notes", s.notes);
    out += ",\"attachments\":[";
    for (size_t a = 0; a < s.attachments.size(); ++a) {
      if (a) out.push_back(',');
      out += "{";
      Field(&out, "name", s.attachments[a].name);
      Field(&out, "sha256", s.attachments[a].sha256);
      Number(&out, "size", static_cast<int64_t>(s.attachments[a].size));
      out += "}";
    }
    out += "]}";
  }
  out += "]";
  Field(&out, "outcome", c.outcome);
  Field(&out, "decided_by", c.decided_by);
  Field(&out, "decided_on", c.decided_on);
  Field(&out, "decision_note", c.decision_note);
  Field(&out, "confirmed_on", c.confirmed_on);
  Field(&out, "heard_on", c.heard_on);
  Field(&out, "notice_delivered_on", c.notice_delivered_on);
  Field(&out, "stopped_on", c.stopped_on);
  Number(&out, "monthly_stopped_fen", c.monthly_stopped_fen);
  out += ",\"recovered\":[";
  for (size_t i = 0; i < c.recovered.size(); ++i) {
    if (i) out.push_back(',');
    out += "{";
    Number(&out, "fen", c.recovered[i].fen);
    Field(&out, "date", c.recovered[i].date);
    Field(&out, "by", c.recovered[i].by);
    Field(&out, "note", c.recovered[i].note);
    out += "}";
  }
  out += "],\"events\":[";
  for (size_t i = 0; i < c.events.size(); ++i) {
    if (i) out.push_back(',');
    out += "{";
    Field(&out, "at", c.events[i].at);
    Number(&out, "run", c.events[i].run);
    Field(&out, "what", c.events[i].what);
    out += "}";
  }
  out += "]";
  Number(&out, "version", static_cast<int64_t>(c.version));
  // Appended: a store written before has none of them, and decodes.
  Field(&out, "head_name", c.head_name);
  Field(&out, "addressee_name", c.addressee_name);
  Field(&out, "addressee_relation", c.addressee_relation);
  Field(&out, "member_relation", c.member_relation);
  Number(&out, "case_monthly_fen", c.case_monthly_fen);
  out += "}";
  return out;
}

StatusOr<ReviewCase> DecodeReviewCase(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  element doc;
  object o;
  if (parser.parse(padded).get(doc) || doc.get(o)) return Malformed("case");
  ReviewCase c;
  Reader in{o};
  ReadFlagIdentity(&in, &c);
  in.Integer("amount_fen", &c.amount_fen);
  in.Integer("monthly_at_stake_fen", &c.monthly_at_stake_fen);
  in.Text("reason", &c.reason);
  in.Text("params", &c.params_json);
  if (!DecodeEvidenceList(o, &c.evidence)) return Malformed("case");
  array months;
  if (!o["months"].get(months)) {
    for (element m : months) {
      array pair;
      std::string_view month;
      int64_t fen;
      if (m.get(pair) || pair.at(0).get(month) || pair.at(1).get(fen))
        return Malformed("case");
      c.months.emplace_back(std::string(month), fen);
    }
  }
  in.Text("group_id", &c.group_id);
  in.TextList("group_cases", &c.group_cases);
  in.Flag("counts_in_total", &c.counts_in_total);
  in.Text("evidence_hash", &c.evidence_hash);
  // Absent in a case stored before file numbers: left empty, and the store
  // numbers the household on open.
  in.Text("file_number", &c.file_number);
  in.Integer("first_run", &c.first_run);
  in.Integer("last_run", &c.last_run);
  in.Text("first_seen", &c.first_seen);
  in.Text("last_seen", &c.last_seen);
  in.Flag("in_data", &c.in_data);
  std::string status;
  in.Text("status", &status);
  std::optional<CaseStatus> parsed_status = ParseCaseStatus(status);
  if (!parsed_status) return Malformed("case");
  c.status = *parsed_status;
  in.Text("assignee", &c.assignee);
  array steps;
  if (!o["steps"].get(steps)) {
    for (element e : steps) {
      object so;
      if (e.get(so)) return Malformed("case");
      Reader sr{so};
      Step s;
      std::string kind;
      sr.Text("kind", &kind);
      std::optional<StepKind> k = ParseStepKind(kind);
      if (!k) return Malformed("case");
      s.kind = *k;
      sr.Text("date", &s.date);
      sr.Text("by", &s.by);
      sr.Text("recorded_at", &s.recorded_at);
      sr.Text("notes", &s.notes);
      array files;
      if (!so["attachments"].get(files)) {
        for (element f : files) {
          object fo;
          if (f.get(fo)) return Malformed("case");
          Reader fr{fo};
          Attachment a;
          fr.Text("name", &a.name);
          fr.Text("sha256", &a.sha256);
          fr.Integer("size", &a.size);
          if (fr.bad) return Malformed("case");
          s.attachments.push_back(std::move(a));
        }
      }
      if (sr.bad) return Malformed("case");
      c.steps.push_back(std::move(s));
    }
  }
  in.Text("outcome", &c.outcome);
  in.Text("decided_by", &c.decided_by);
  in.Text("decided_on", &c.decided_on);
  in.Text("decision_note", &c.decision_note);
  in.Text("confirmed_on", &c.confirmed_on);
  in.Text("heard_on", &c.heard_on);
  in.Text("notice_delivered_on", &c.notice_delivered_on);
  in.Text("stopped_on", &c.stopped_on);
  in.Integer("monthly_stopped_fen", &c.monthly_stopped_fen);
  array recovered;
  if (!o["recovered"].get(recovered)) {
    for (element e : recovered) {
      object ro;
      if (e.get(ro)) return Malformed("case");
      Reader rr{ro};
      MoneyRecovered m;
      rr.Integer("fen", &m.fen);
      rr.Text("date", &m.date);
      rr.Text("by", &m.by);
      rr.Text("note", &m.note);
      if (rr.bad) return Malformed("case");
      c.recovered.push_back(std::move(m));
    }
  }
  array events;
  if (!o["events"].get(events)) {
    for (element e : events) {
      object eo;
      if (e.get(eo)) return Malformed("case");
      Reader er{eo};
      CaseEvent ev;
      er.Text("at", &ev.at);
      er.Integer("run", &ev.run);
      er.Text("what", &ev.what);
      if (er.bad) return Malformed("case");
      c.events.push_back(std::move(ev));
    }
  }
  in.Integer("version", &c.version);
  if (in.bad) return Malformed("case");
  return c;
}

std::string EncodeUser(const StoredUser& u) {
  std::string out = "{";
  Field(&out, "name", u.user.name);
  Field(&out, "role", RoleName(u.user.role));
  Strings(&out, "townships", u.user.townships);
  Bool(&out, "sees_bank", u.user.sees_bank);
  Field(&out, "created_at", u.user.created_at);
  Field(&out, "password_hash", u.password_hash);
  // Appended, and written only when set: a store's users read the same
  // by a hedui from before the flag.
  if (u.user.disabled) Bool(&out, "disabled", true);
  out += "}";
  return out;
}

StatusOr<StoredUser> DecodeUser(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  element doc;
  object o;
  if (parser.parse(padded).get(doc) || doc.get(o)) return Malformed("user");
  StoredUser u;
  Reader in{o};
  in.Text("name", &u.user.name);
  std::string role;
  in.Text("role", &role);
  std::optional<Role> r = ParseRole(role);
  if (!r) return Malformed("user");
  u.user.role = *r;
  in.TextList("townships", &u.user.townships);
  in.Flag("sees_bank", &u.user.sees_bank);
  in.Text("created_at", &u.user.created_at);
  in.Text("password_hash", &u.password_hash);
  in.Flag("disabled", &u.user.disabled);
  if (in.bad) return Malformed("user");
  return u;
}

StatusOr<ReviewCase> ReviewCaseFromFlagLine(std::string_view line) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(line);
  element doc;
  object o;
  auto bad = [] {
    return Status::Corruption("a run's flag line cannot be read");
  };
  if (parser.parse(padded).get(doc) || doc.get(o)) return bad();
  ReviewCase c;
  Reader in{o};
  ReadFlagIdentity(&in, &c);
  std::string amount, at_stake;
  in.Text("amount", &amount);
  in.Text("monthly_at_stake", &at_stake);
  if (!ParseAmountFen(amount, 1, &c.amount_fen) ||
      !ParseAmountFen(at_stake, 1, &c.monthly_at_stake_fen))
    return bad();
  in.Text("reason", &c.reason);
  element params;
  if (!o["params"].get(params)) c.params_json = simdjson::minify(params);
  if (!DecodeEvidenceList(o, &c.evidence)) return bad();
  array months;
  if (!o["months"].get(months)) {
    for (element m : months) {
      array pair;
      std::string_view month, fen_text;
      int64_t fen;
      if (m.get(pair) || pair.at(0).get(month) || pair.at(1).get(fen_text) ||
          !ParseAmountFen(fen_text, 1, &fen))
        return bad();
      c.months.emplace_back(std::string(month), fen);
    }
  }
  in.Text("group_id", &c.group_id);
  in.TextList("group_cases", &c.group_cases);
  in.Flag("counts_in_total", &c.counts_in_total);
  if (in.bad || c.flag_id.empty()) return bad();
  c.evidence_hash = EvidenceHash(c.evidence);
  return c;
}

}  // namespace hedui
