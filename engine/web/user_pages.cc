#include "engine/web/user_pages.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/base/html.h"
#include "engine/web/pages.h"

namespace hedui::web {
namespace {

std::string E(std::string_view s) { return HtmlEscape(s); }

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

constexpr Role kRoles[] = {Role::kTownship, Role::kInspector, Role::kAuditor,
                           Role::kAdmin};

std::string RoleSelect(Role selected) {
  std::string out = "<select name=\"role\" aria-label=\"角色\">";
  for (Role r : kRoles) {
    out += fmt::format("<option value=\"{}\"{}>{}</option>", RoleName(r),
                       r == selected ? " selected" : "", RoleLabel(r));
  }
  return out + "</select>";
}

std::string FormOpen(const char* action, const std::string& csrf,
                     const std::string& name, const char* confirm = nullptr) {
  std::string out = fmt::format(
      "<form method=\"post\" action=\"/users/{}\" "
      "enctype=\"multipart/form-data\"",
      action);
  if (confirm) out += fmt::format(" data-confirm=\"{}\"", E(confirm));
  out += '>';
  out += CsrfField(csrf);
  if (!name.empty()) {
    out += fmt::format("<input type=\"hidden\" name=\"name\" value=\"{}\">",
                       E(name));
  }
  return out;
}

}  // namespace

std::string UsersPageBody(const std::vector<User>& users,
                          const std::string& self, const std::string& csrf,
                          const std::vector<std::string>& known_townships) {
  std::string b =
      "<h1>用户管理</h1><div class=\"card\"><p class=\"muted\">只有管理员能"
      "打开此页；每项操作（包括被拒绝的）都记入审计日志。乡镇经办人只能查看和"
      "办理其乡镇的案件；纪检监察可查看全部案件、发表意见、要求复核，不能作出"
      "决定；审计只看审计日志。停用的用户不能登录，已登录的会话在其下一次操作"
      "时结束；用户不会被删除，其记录保留在审计日志中。银行余额和账号只对"
      "管理员和勾选「可见银行数据」的用户显示。</p>";
  if (!known_townships.empty()) {
    b += "<p class=\"muted\">案件中的乡镇：" + E(Join(known_townships, "、")) +
         "</p><datalist id=\"townships\">";
    for (const std::string& t : known_townships)
      b += "<option value=\"" + E(t) + "\">";
    b += "</datalist>";
  }
  b += fmt::format(
      "<table class=\"users\"><thead><tr><th>用户名</th><th>角色与乡镇</th>"
      "<th>状态</th><th>{}</th><th>重置密码</th>"
      "<th>停用/启用</th></tr></thead><tbody>",
      "创建" + TimeHead());
  for (const User& u : users) {
    b += fmt::format(
        "<tr{}><td class=\"nowrap\"><strong>{}</strong>{}</td>",
        u.disabled ? " class=\"disabled\"" : "", E(u.name),
        u.name == self ? " <span class=\"muted\">（本人）</span>" : "");
    // Grant: role, townships, bank data, in one form.
    b += "<td>" + FormOpen("grant", csrf, u.name) + RoleSelect(u.role) +
         "<input name=\"townships\" class=\"townships\" list=\"townships\" "
         "aria-label=\"乡镇\" placeholder=\"仅乡镇经办人填写\" value=\"" +
         E(Join(u.townships, "、")) +
         "\"><label><input type=\"checkbox\" name=\"sees_bank\" value=\"1\"" +
         (u.sees_bank ? " checked" : "") +
         ">可见银行数据</label><button type=\"submit\" "
         "class=\"secondary\">保存授权</button></form></td>";
    b += fmt::format("<td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td>",
                     u.disabled ? "<span class=\"badge off\">已停用</span>"
                                : "<span class=\"badge on\">正常</span>",
                     TimeCell(u.created_at));
    b += "<td>" + FormOpen("password", csrf, u.name) +
         "<input type=\"password\" name=\"password\" "
         "autocomplete=\"new-password\" minlength=\"8\" required "
         "aria-label=\"新密码\" placeholder=\"新密码\"><input "
         "type=\"password\" name=\"password2\" autocomplete=\"new-password\" "
         "minlength=\"8\" required aria-label=\"再次输入新密码\" "
         "placeholder=\"再次输入\"><button type=\"submit\" "
         "class=\"secondary\">重置</button></form></td><td>";
    if (u.name == self) {
      b += "<span class=\"muted\">—</span>";
    } else if (u.disabled) {
      b += FormOpen("enable", csrf, u.name) +
           "<button type=\"submit\" class=\"secondary\">启用</button></form>";
    } else {
      b += FormOpen("disable", csrf, u.name,
                    "停用后该用户不能登录，已登录的会话将结束。确定停用吗？") +
           "<button type=\"submit\" class=\"danger\">停用</button></form>";
    }
    b += "</td></tr>";
  }
  b += "</tbody></table></div>";

  b += "<div class=\"card\"><h2>新增用户</h2><form class=\"adduser\" "
       "method=\"post\" action=\"/users/add\" "
       "enctype=\"multipart/form-data\">" +
       CsrfField(csrf) +
       "<label>用户名<input name=\"name\" required maxlength=\"64\" "
       "autocomplete=\"off\" pattern=\"[^\\s]+\" title=\"不含空格\"></label>"
       "<label>角色" +
       RoleSelect(Role::kTownship) +
       "</label><label>乡镇（乡镇经办人必填，多个用顿号分隔）<input "
       "name=\"townships\" list=\"townships\"></label>"
       "<label class=\"check\"><input type=\"checkbox\" name=\"sees_bank\" "
       "value=\"1\">可见银行余额和账号</label>"
       "<label>初始密码（至少 8 位）<input type=\"password\" "
       "name=\"password\" autocomplete=\"new-password\" minlength=\"8\" "
       "required></label><label>再次输入密码<input type=\"password\" "
       "name=\"password2\" autocomplete=\"new-password\" minlength=\"8\" "
       "required></label><div><button type=\"submit\">添加用户</button></div>"
       "</form><p class=\"muted\">初始密码请当面告知本人，不要通过微信或短信"
       "发送。</p></div>";
  return b;
}

StatusOr<User> UserFromForm(std::string_view name, std::string_view role,
                            std::string_view townships, bool sees_bank) {
  User u;
  u.name = std::string(name);
  std::optional<Role> r = ParseRole(role);
  if (!r) {
    return Status::InvalidArgument(fmt::format(
        "角色「{}」无效：可选 管理员、乡镇经办人、纪检监察、审计 / no such "
        "role '{}'",
        role, role));
  }
  u.role = *r;
  // Split at spaces, commas (ASCII and full-width) and 、.
  std::string current;
  auto flush = [&] {
    if (!current.empty() && std::find(u.townships.begin(), u.townships.end(),
                                      current) == u.townships.end())
      u.townships.push_back(current);
    current.clear();
  };
  for (size_t i = 0; i < townships.size();) {
    std::string_view rest = townships.substr(i);
    if (rest.starts_with("、") || rest.starts_with("，")) {
      flush();
      i += 3;  // both are 3 bytes in UTF-8
    } else if (rest[0] == ',' || rest[0] == ' ' || rest[0] == '\t' ||
               rest[0] == '\r' || rest[0] == '\n') {
      flush();
      ++i;
    } else {
      current += rest[0];
      ++i;
    }
  }
  flush();
  // Townships mean something for a township officer only.
  if (u.role != Role::kTownship) u.townships.clear();
  u.sees_bank = sees_bank;
  return u;
}

Status SamePasswords(const std::string& first, const std::string& second) {
  if (first == second) return Status::OK();
  return Status::InvalidArgument(
      "两次输入的密码不一致 / the two passwords differ");
}

}  // namespace hedui::web
