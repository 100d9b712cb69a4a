#include "engine/cases/access.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "engine/base/id_number.h"

namespace hedui {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// "王五 (乡镇经办人: 城关镇)" and "王五 (township officer of 城关镇)".
std::string WhoZh(const User& u) {
  if (u.role == Role::kTownship)
    return fmt::format(
        "{} ({}: {})", u.name, RoleLabel(u.role),
        u.townships.empty() ? "无乡镇" : Join(u.townships, "、"));
  return fmt::format("{} ({})", u.name, RoleLabel(u.role));
}
std::string WhoEn(const User& u) {
  switch (u.role) {
    case Role::kAdmin:
      return u.name + " (admin)";
    case Role::kTownship:
      return fmt::format(
          "{} (township officer of {})", u.name,
          u.townships.empty() ? "no township" : Join(u.townships, ", "));
    case Role::kInspector:
      return u.name + " (inspector)";
    case Role::kAuditor:
      return u.name + " (auditor)";
  }
  return u.name;
}

// "用户 … 无权<zh>此案件：… / user … may not <en> this case: …". The
// case's township is never named (WhoZh names the user's own): a refusal
// must not tell an officer where a person has a case.
Status Refuse(const User& u, std::string_view zh, std::string_view en) {
  if (u.role == Role::kTownship) {
    return Status::PermissionDenied(fmt::format(
        "用户 {} 无权{}此案件：案件不在其管辖乡镇内 / user {} may not {} "
        "this case: it is not in their jurisdiction",
        WhoZh(u), zh, WhoEn(u), en));
  }
  return Status::PermissionDenied(
      fmt::format("用户 {} 无权{}此案件 / user {} may not {} this case",
                  WhoZh(u), zh, WhoEn(u), en));
}

bool OwnTownship(const User& u, std::string_view township) {
  // A case without a township belongs to no officer: only the roles that
  // see every township see it.
  return !township.empty() && std::find(u.townships.begin(), u.townships.end(),
                                        township) != u.townships.end();
}

// Bytes of the UTF-8 character starting with `lead` (1 for a stray byte,
// so that invalid text is still walked one unit at a time and never read
// past its end).
size_t CharLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

bool IsResidentId(std::string_view run, char next) {
  // The run is digits only: an ID ending in X is 17 digits then 'X'.
  if (run.size() == 17 && (next == 'X' || next == 'x'))
    return IdCheckCharacter(run) == 'X';
  return run.size() == 18 && IdCheckCharacter(run.substr(0, 17)) == run[17];
}

// Runs of 10+ digits masked as accounts, except resident IDs and the
// listed case IDs.
std::string MaskLongDigitRuns(std::string_view text,
                              const std::vector<std::string_view>& keep) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i])) {
      out += text[i++];
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsDigit(text[j])) ++j;
    std::string_view run = text.substr(i, j - i);
    const char next = j < text.size() ? text[j] : '\0';
    // A digit run inside a longer token (a case ID "C4103290001") is kept
    // whole when the token is one of the case IDs.
    size_t start = i;
    while (start > 0 &&
           std::isalnum(static_cast<unsigned char>(text[start - 1])))
      --start;
    size_t end = j;
    while (end < text.size() &&
           std::isalnum(static_cast<unsigned char>(text[end])))
      ++end;
    std::string_view token = text.substr(start, end - start);
    const bool kept = std::find(keep.begin(), keep.end(), token) != keep.end();
    if (run.size() >= 10 && !kept && !IsResidentId(run, next)) {
      out += MaskAccount(run);
    } else {
      out.append(run);
    }
    i = j;
  }
  return out;
}

// Every amount ("123.45", "-7.00") as "***"; dates (2024-05-01) and counts
// stay, which say nothing about a balance.
std::string MaskAmounts(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i]) || (i > 0 && IsDigit(text[i - 1]))) {
      out += text[i++];
      continue;
    }
    size_t j = i;
    while (j < text.size() && (IsDigit(text[j]) || text[j] == ',')) ++j;
    if (j + 1 < text.size() && text[j] == '.' && IsDigit(text[j + 1])) {
      ++j;
      while (j < text.size() && IsDigit(text[j])) ++j;
      out += "***";
    } else {
      out.append(text.substr(i, j - i));
    }
    i = j;
  }
  return out;
}

}  // namespace

bool InJurisdiction(const User& user, std::string_view township) {
  switch (user.role) {
    case Role::kAdmin:
    case Role::kInspector:
      return true;
    case Role::kTownship:
      return OwnTownship(user, township);
    case Role::kAuditor:
      return false;
  }
  return false;
}

Status CanReadCase(const User& user, const ReviewCase& c) {
  if (InJurisdiction(user, c.township)) return Status::OK();
  return Refuse(user, "查看", "read");
}

Status CanWorkCase(const User& user, const ReviewCase& c) {
  if (user.role == Role::kAdmin ||
      (user.role == Role::kTownship && OwnTownship(user, c.township)))
    return Status::OK();
  return Refuse(user, "办理", "work");
}

Status CanDecide(const User& user, const ReviewCase& c) {
  // The same people as CanWorkCase, spelled out: an inspector oversees the
  // decision and must never be able to make it.
  if (user.role == Role::kAdmin ||
      (user.role == Role::kTownship && OwnTownship(user, c.township)))
    return Status::OK();
  return Refuse(user, "决定", "decide");
}

Status CanComment(const User& user, const ReviewCase& c) {
  if (InJurisdiction(user, c.township)) return Status::OK();
  return Refuse(user, "评论", "comment on");
}

Status CanRequestReReview(const User& user, const ReviewCase& /*c*/) {
  if (user.role == Role::kAdmin || user.role == Role::kInspector)
    return Status::OK();
  return Refuse(user, "要求复核", "request a re-review of");
}

Status CanReadAudit(const User& user) {
  if (user.role == Role::kAdmin || user.role == Role::kAuditor)
    return Status::OK();
  return Status::PermissionDenied(fmt::format(
      "用户 {} 无权查看审计日志 / user {} may not read the audit log",
      WhoZh(user), WhoEn(user)));
}

Status CanManageUsers(const User& user) {
  if (user.role == Role::kAdmin) return Status::OK();
  return Status::PermissionDenied(
      fmt::format("用户 {} 无权管理用户 / user {} may not manage users",
                  WhoZh(user), WhoEn(user)));
}

std::string MaskAccount(std::string_view account) {
  std::vector<std::string_view> chars;
  for (size_t i = 0; i < account.size();) {
    size_t n = std::min(CharLength(static_cast<unsigned char>(account[i])),
                        account.size() - i);
    chars.push_back(account.substr(i, n));
    i += n;
  }
  if (chars.size() <= 8) return std::string(chars.size(), '*');
  std::string out;
  for (size_t i = 0; i < 4; ++i) out.append(chars[i]);
  out.append(chars.size() - 8, '*');
  for (size_t i = chars.size() - 4; i < chars.size(); ++i) out.append(chars[i]);
  return out;
}

void MaskBankFields(EvidenceRecord* r) {
  const bool bank = r->feed == "bank";
  for (auto& [field, value] : r->values) {
    if (field == "bank_account" || (bank && field == "account")) {
      value = MaskAccount(value);
    } else if (bank && field == "balance") {
      value = "***";
    }
  }
}

void MaskBankData(ReviewCase* c) {
  for (EvidenceRecord& r : c->evidence) MaskBankFields(&r);
  std::vector<std::string_view> keep = {c->case_id};
  for (const std::string& id : c->group_cases) keep.push_back(id);
  c->reason = MaskReason(c->rule, c->reason, keep);
  c->params_json = MaskLongDigitRuns(c->params_json, keep);
}

namespace {

bool IsPlaceField(std::string_view field) {
  return field == "name" || field == "township" || field == "village" ||
         field == "case_id";
}

const std::string* FieldOf(const EvidenceRecord& r, std::string_view field) {
  for (const auto& [f, v] : r.values)
    if (f == field) return &v;
  return nullptr;
}

// Whether `value`, hidden in a record, is worth removing from the case's
// texts too: short codes, dates and amounts ("01", "2026-01-05",
// "700.00") would take the case's own words with them.
bool WorthScrubbing(std::string_view value) {
  if (value.size() < 6 || value == "***") return false;
  bool digits_and_marks = true;
  for (char ch : value)
    digits_and_marks &= IsDigit(ch) || ch == '-' || ch == '.' || ch == ':';
  bool has_mark = value.find_first_of("-.:") != std::string_view::npos;
  return !(digits_and_marks && has_mark);
}

// Which evidence records `user` may see only by name and place, and the
// values of theirs to remove from the case's texts.
struct OtherTownshipPlan {
  std::vector<bool> hidden;  // per evidence record
  std::vector<std::string> scrub;
};

OtherTownshipPlan PlanOtherTownships(
    const User& user, const std::vector<std::string>& county_townships,
    const ReviewCase& c) {
  OtherTownshipPlan plan;
  plan.hidden.assign(c.evidence.size(), false);
  if (user.role != Role::kTownship) return plan;
  std::vector<std::pair<std::string_view, std::string_view>> id_townships;
  for (const EvidenceRecord& r : c.evidence) {
    const std::string* id = FieldOf(r, "id_number");
    const std::string* town = FieldOf(r, "township");
    if (id && town && !id->empty() && !town->empty())
      id_townships.emplace_back(*id, *town);
  }
  auto township_of = [&](const EvidenceRecord& r) -> std::string_view {
    const std::string* town = FieldOf(r, "township");
    if (town && !town->empty()) return *town;
    const std::string* id = FieldOf(r, "id_number");
    if (id && !id->empty()) {
      for (const auto& [known, t] : id_townships)
        if (known == *id) return t;
      if (*id == c.id_number) return c.township;
    }
    const std::string* address = FieldOf(r, "address");
    if (address && !address->empty()) {
      size_t best = std::string::npos;
      std::string_view found;
      for (const std::string& t : county_townships) {
        size_t at = t.empty() ? std::string::npos : address->find(t);
        if (at < best) {
          best = at;
          found = t;
        }
      }
      if (!found.empty()) return found;
    }
    return {};
  };
  bool any = false;
  for (size_t i = 0; i < c.evidence.size(); ++i) {
    std::string_view t = township_of(c.evidence[i]);
    plan.hidden[i] = !t.empty() && !OwnTownship(user, t);
    any |= plan.hidden[i];
  }
  if (!any) return plan;
  // Values the user sees anyway: the case's own and those on the records
  // of their townships.
  std::vector<std::string_view> seen = {c.id_number, c.name, c.case_id};
  for (size_t i = 0; i < c.evidence.size(); ++i) {
    if (plan.hidden[i]) continue;
    for (const auto& [f, v] : c.evidence[i].values) seen.push_back(v);
  }
  for (size_t i = 0; i < c.evidence.size(); ++i) {
    if (!plan.hidden[i]) continue;
    for (const auto& [f, v] : c.evidence[i].values) {
      if (IsPlaceField(f) || !WorthScrubbing(v)) continue;
      if (std::find(seen.begin(), seen.end(), v) != seen.end()) continue;
      plan.scrub.push_back(v);
    }
  }
  // Longest first, so that a value inside another goes with it.
  std::sort(plan.scrub.begin(), plan.scrub.end(),
            [](const std::string& a, const std::string& b) {
              return a.size() > b.size();
            });
  return plan;
}

std::string Scrub(const std::vector<std::string>& values, std::string text) {
  for (const std::string& v : values) {
    for (size_t at = text.find(v); at != std::string::npos;
         at = text.find(v, at + 3)) {
      text.replace(at, v.size(), "***");
    }
  }
  return text;
}

}  // namespace

void MaskOtherTownships(const User& user,
                        const std::vector<std::string>& county_townships,
                        ReviewCase* c) {
  OtherTownshipPlan plan = PlanOtherTownships(user, county_townships, *c);
  std::vector<std::string_view> seen;
  for (size_t i = 0; i < c->evidence.size(); ++i) {
    if (plan.hidden[i]) continue;
    for (const auto& [f, v] : c->evidence[i].values) seen.push_back(v);
  }
  seen.push_back(c->id_number);
  for (size_t i = 0; i < c->evidence.size(); ++i) {
    if (!plan.hidden[i]) continue;
    for (auto& [field, value] : c->evidence[i].values) {
      if (IsPlaceField(field) || value.empty()) continue;
      if (std::find(seen.begin(), seen.end(), value) != seen.end()) continue;
      value = "***";
    }
  }
  if (plan.scrub.empty()) return;
  c->reason = Scrub(plan.scrub, std::move(c->reason));
  c->params_json = Scrub(plan.scrub, std::move(c->params_json));
  for (CaseEvent& e : c->events) e.what = Scrub(plan.scrub, std::move(e.what));
}

std::string MaskOtherTownshipsInText(
    const User& user, const std::vector<std::string>& county_townships,
    const ReviewCase& c, std::string text) {
  OtherTownshipPlan plan = PlanOtherTownships(user, county_townships, c);
  return Scrub(plan.scrub, std::move(text));
}

std::string MaskReason(std::string_view rule, std::string_view reason,
                       const std::vector<std::string_view>& keep) {
  std::string out = MaskLongDigitRuns(reason, keep);
  if (rule == "ASSETS") out = MaskAmounts(out);
  return out;
}

}  // namespace hedui
