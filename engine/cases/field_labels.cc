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
      {"phone", "电话"},
      {"kind", "类别"},
      {"father_id", "父亲身份号码"},
      {"mother_id", "母亲身份号码"},
      {"spouse_id", "配偶身份号码"},
      {"id_as_written", "名册所填身份号码"}};
  auto it = kLabels.find(field);
  return it == kLabels.end() ? field : it->second;
}

std::string FieldLabel(std::string_view feed, const std::string& field) {
  // The same canonical field means different money in different feeds: the
  // roll's monthly_amount is the allowance, payroll's a wage or pension.
  if (field == "monthly_amount" && feed != "roll") return "月发放金额（元）";
  return FieldLabel(field);
}

namespace {

struct Code {
  std::string_view feed;  // empty: every feed with the field
  std::string_view field;
  std::string_view code;
  std::string_view label;
};

// The enum codes of engine/schema/feed_schema.cc, feed by feed: "status"
// means a vehicle's, a title's or a company's state depending on the feed.
constexpr Code kCodes[] = {
    {"", "sex", "male", "男"},
    {"", "sex", "female", "女"},
    {"population", "status", "normal", "正常"},
    {"population", "status", "dead", "死亡"},
    {"population", "status", "moved_out", "迁出"},
    {"population", "status", "imprisoned", "服刑"},
    {"population", "status", "other", "其他"},
    {"migration", "event", "moved_out", "迁出"},
    {"migration", "event", "married_out", "婚迁（出嫁）"},
    {"migration", "event", "married", "结婚"},
    {"migration", "event", "moved_in", "迁入"},
    {"migration", "event", "other", "其他"},
    {"vehicle", "vehicle_type", "car", "小型汽车"},
    {"vehicle", "vehicle_type", "truck", "货车"},
    {"vehicle", "vehicle_type", "bus", "客车"},
    {"vehicle", "vehicle_type", "van", "面包车"},
    {"vehicle", "vehicle_type", "motorcycle", "摩托车"},
    {"vehicle", "vehicle_type", "tricycle", "三轮汽车"},
    {"vehicle", "vehicle_type", "low_speed", "低速汽车"},
    {"vehicle", "vehicle_type", "disability", "残疾人专用车"},
    {"vehicle", "vehicle_type", "tractor", "拖拉机"},
    {"vehicle", "vehicle_type", "other", "其他车辆"},
    {"vehicle", "status", "active", "在用（正常）"},
    {"vehicle", "status", "transferred", "已转移登记"},
    {"vehicle", "status", "cancelled", "已注销"},
    {"vehicle", "status", "scrapped", "已报废"},
    {"property", "use", "residential", "住宅"},
    {"property", "use", "commercial", "商业"},
    {"property", "use", "garage", "车库"},
    {"property", "use", "industrial", "工业"},
    {"property", "use", "other", "其他"},
    {"property", "status", "active", "现势"},
    {"property", "status", "cancelled", "已注销"},
    {"tax", "income_kind", "wage", "工资薪金"},
    {"tax", "income_kind", "business", "经营所得"},
    {"tax", "income_kind", "service", "劳务报酬"},
    {"tax", "income_kind", "property", "财产性收入"},
    {"tax", "income_kind", "other", "其他所得"},
    {"business", "role", "legal_rep", "法定代表人"},
    {"business", "role", "shareholder", "股东"},
    {"business", "role", "other", "其他"},
    {"business", "status", "active", "存续（在业）"},
    {"business", "status", "deregistered", "已注销"},
    {"business", "status", "revoked", "已吊销"},
    {"payroll", "kind", "public_welfare_job", "公益性岗位补贴"},
    {"payroll", "kind", "public_payroll", "财政供养人员工资"},
    {"payroll", "kind", "pension", "养老金"},
    {"payroll", "kind", "housing_fund", "住房公积金"},
    {"payroll", "kind", "other", "其他"},
};

struct Relation {
  std::string_view code, label;
};
constexpr Relation kRelations[] = {
    {"head", "户主"},          {"spouse", "配偶"},
    {"child", "子女"},         {"child_in_law", "儿媳或女婿"},
    {"grandchild", "孙子女"},  {"parent", "父母"},
    {"grandparent", "祖父母"}, {"sibling", "兄弟姐妹"},
    {"other_kin", "其他亲属"}, {"non_kin", "非亲属"},
    {"other", "其他"},
};

}  // namespace

std::string_view RelationLabel(std::string_view code) {
  for (const Relation& r : kRelations) {
    if (r.code == code) return r.label;
  }
  return code;
}

std::string ValueLabel(std::string_view feed, std::string_view field,
                       std::string_view value) {
  if (field == "relation") return std::string(RelationLabel(value));
  if (field == "zone") return ZoneLabel(value);
  for (const Code& c : kCodes) {
    if ((c.feed.empty() || c.feed == feed) && c.field == field &&
        c.code == value)
      return std::string(c.label);
  }
  return std::string(value);
}

std::string ZoneLabel(std::string_view zone) {
  if (zone == "rural") return "农村";
  if (zone == "urban") return "城市";
  return std::string(zone);
}

std::string_view FeedLabel(std::string_view feed) {
  std::optional<FeedKind> kind = FeedKindFromName(feed);
  return kind ? GetFeedSpec(*kind).chinese : feed;
}

}  // namespace hedui
