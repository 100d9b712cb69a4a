#include "engine/cases/field_labels.h"

#include <map>
#include <optional>

#include "hedui/feed_schema.h"

namespace hedui {

std::string FieldLabel(const std::string& field) {
  static const std::map<std::string, std::string> kLabels = {
      {"id_number", "公民身份号码"},
      {"name", "姓名"},
      {"sex", "性别"},
      {"birth_date", "出生日期"},
      {"death_date", "死亡日期"},
      {"source", "数据来源"},
      {"status", "状态"},
      {"status_date", "状态日期"},
      {"plate", "号牌号码"},
      {"vehicle_type", "车辆类型"},
      {"registered_on", "登记日期"},
      {"certificate", "不动产权证号"},
      {"location", "坐落"},
      {"area_m2", "面积（平方米）"},
      {"use", "用途"},
      {"address", "地址"},
      {"hukou_id", "户号"},
      {"relation", "与户主关系"},
      {"destination", "迁往地"},
      {"event", "事项"},
      {"event_date", "发生日期"},
      {"employer", "单位"},
      {"wage", "工资（元）"},
      {"amount", "金额（元）"},
      {"period", "所属期"},
      {"income_kind", "收入类别"},
      {"institution", "金融机构"},
      {"account", "账号"},
      {"balance", "余额（元）"},
      {"as_of", "截至日期"},
      {"company", "企业名称"},
      {"role", "身份"},
      {"registered_capital", "注册资本（元）"},
      {"legal_rep", "法定代表人"},
      {"case_id", "低保案件编号"},
      {"township", "乡镇"},
      {"village", "村（社区）"},
      {"monthly_amount", "月保障金（元）"},
      {"bank_account", "发放账号"},
      {"enrolled_on", "纳入日期"},
      {"category", "保障类别"},
      {"zone", "城乡"},
      {"declared_income", "申报收入（元）"},
      {"post", "职务"},
      {"phone", "电话"}};
  auto it = kLabels.find(field);
  return it == kLabels.end() ? field : it->second;
}

std::string_view FeedLabel(std::string_view feed) {
  std::optional<FeedKind> kind = FeedKindFromName(feed);
  return kind ? GetFeedSpec(*kind).chinese : feed;
}

}  // namespace hedui
