// The review site's user management (issue 19, "one store, many hands"):
// the page an administrator adds users on, resets a password, grants
// townships and bank data, disables and enables a user. Who may do it is
// the case store's check (CaseStore::AddUser, Grant, SetPassword,
// SetDisabled: admins only, each audited, refusals too); this file only
// renders the page and reads its forms.
#ifndef HEDUI_ENGINE_WEB_USER_PAGES_H_
#define HEDUI_ENGINE_WEB_USER_PAGES_H_

#include <string>
#include <string_view>
#include <vector>

#include "hedui/review_case.h"
#include "hedui/status.h"

namespace hedui::web {

// The body of /users: every user with role, townships, bank grant, state
// and their forms (grant, reset password, disable/enable), then the form
// that adds one. `self`: the signed-in admin (no disable button for
// themselves); `known_townships`: the townships of the cases, offered as
// suggestions. Every value escaped; every form carries `csrf`.
std::string UsersPageBody(const std::vector<User>& users,
                          const std::string& self, const std::string& csrf,
                          const std::vector<std::string>& known_townships);

// A user from the add and grant forms: the role by name (admin, township,
// inspector, auditor) or label (管理员 …), the townships split at spaces,
// commas (, ，) and 、, without repeats.
[[nodiscard]] StatusOr<User> UserFromForm(std::string_view name,
                                          std::string_view role,
                                          std::string_view townships,
                                          bool sees_bank);

// The password typed twice must be the same (the store checks its length).
[[nodiscard]] Status SamePasswords(const std::string& first,
                                   const std::string& second);

}  // namespace hedui::web

#endif  // HEDUI_ENGINE_WEB_USER_PAGES_H_
