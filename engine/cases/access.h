// Who may do what with a case, checked where the data is read: the case
// store calls these on every read and every change, so no front-end can
// forget a check (DOMAIN.md §2). And the masking of bank data for users
// not granted it.
#ifndef HEDUI_ENGINE_CASES_ACCESS_H_
#define HEDUI_ENGINE_CASES_ACCESS_H_

#include <string>
#include <string_view>
#include <vector>

#include "hedui/review_case.h"
#include "hedui/status.h"

namespace hedui {

// Whether the case's township is the user's to see in a list: every
// township for an admin or an inspector, their own for a township officer,
// none for an auditor (who reads the audit log, not cases).
bool InJurisdiction(const User& user, std::string_view township);

// Each returns OK or PermissionDenied naming the user, their role and
// their own townships, in Chinese and English; never the case's township
// (a refusal must not tell an officer where someone else's case is).
//
// Read the case: admin, inspector, the township officer of its township.
[[nodiscard]] Status CanReadCase(const User& user, const ReviewCase& c);
// Assign it, record steps other than a comment or a re-review request,
// stop the money, record money recovered: admin, the township officer of
// its township.
[[nodiscard]] Status CanWorkCase(const User& user, const ReviewCase& c);
// Decide it (confirm or clear): as CanWorkCase; an inspector never.
[[nodiscard]] Status CanDecide(const User& user, const ReviewCase& c);
// Comment: anyone who may read it.
[[nodiscard]] Status CanComment(const User& user, const ReviewCase& c);
// Request a re-review: inspector, admin.
[[nodiscard]] Status CanRequestReReview(const User& user, const ReviewCase& c);
// Read the audit log: admin, auditor.
[[nodiscard]] Status CanReadAudit(const User& user);
// Add users, grant roles, townships and bank data, set others' passwords:
// admin.
[[nodiscard]] Status CanManageUsers(const User& user);

// An account number with all but its first 4 and last 4 characters as
// '*' ("6222********1234"); wholly '*' when 8 characters or fewer, since
// then 4 + 4 would show it all. Counts UTF-8 characters, one '*' each.
std::string MaskAccount(std::string_view account);

// Masks, in place, what a user without `sees_bank` may not see:
// - in evidence records of feed "bank": "account" as MaskAccount,
//   "balance" as "***";
// - in every evidence record: "bank_account" (the roll's payment account)
//   as MaskAccount;
// - in `reason` and `params_json`: every run of 10 or more digits (account
//   numbers; PAYMENT writes the shared account into both) as MaskAccount,
//   except a resident ID (17 digits and a valid check character) and the
//   case IDs of the case and its group, which every reader may see;
// - in the reason of an ASSETS case, every amount ("123456.78": the
//   deposits it found) as "***".
// The store calls it on a copy after it has computed anything over the
// real values (evidence_hash).
void MaskBankData(ReviewCase* c);
// The evidence part of MaskBankData, for one record: also what a run's
// event text (evidence changed) writes, since every reader sees events.
void MaskBankFields(EvidenceRecord* r);

// Issue 19 defect 12: a township officer reading a group case (PAYMENT,
// SPLIT, DUPLICATE) whose evidence names persons of other townships sees
// those persons by name and place only. For a user of role kTownship,
// masks as "***", in place, every field but name, township, village and
// case_id of each evidence record whose person lives outside the user's
// townships, and removes those values wherever the case repeats them
// (reason, params, the run's events). A value the user sees on a record
// of their own township stays (a shared account is the group's evidence).
//
// Where a record's person lives: its own "township" field (roll, cadre
// roster); else the township of a roll record in the evidence with the
// same ID; else the case's township when it is the flagged member; else
// the first of `county_townships` (every township the store knows) that
// its address names. A record placed nowhere is the case's own. Admins,
// inspectors (every township is theirs) and auditors are left as they are.
void MaskOtherTownships(const User& user,
                        const std::vector<std::string>& county_townships,
                        ReviewCase* c);
// The same removal applied to `text` (a list's reason of case `c`).
std::string MaskOtherTownshipsInText(
    const User& user, const std::vector<std::string>& county_townships,
    const ReviewCase& c, std::string text);

// The reason (or any text a ground wrote) masked as MaskBankData masks a
// case's reason: for a CaseSummary, whose reason a list shows. `keep`: case
// IDs to leave visible (the case's own).
std::string MaskReason(std::string_view rule, std::string_view reason,
                       const std::vector<std::string_view>& keep = {});

}  // namespace hedui

#endif  // HEDUI_ENGINE_CASES_ACCESS_H_
