#include "hedui/feed_schema.h"

#include <array>

namespace hedui {

namespace {

using SV = std::string_view;
constexpr std::span<const SV> kOpen{};

constexpr SV kSexCodes[] = {"male", "female"};
constexpr SV kPopStatusCodes[] = {"normal", "dead", "moved_out", "imprisoned",
                                  "other"};
constexpr SV kMigrationCodes[] = {"moved_out", "married_out", "married",
                                  "moved_in", "other"};
constexpr SV kVehicleTypeCodes[] = {
    "car",      "truck",     "bus",        "van",     "motorcycle",
    "tricycle", "low_speed", "disability", "tractor", "other"};
constexpr SV kVehicleStatusCodes[] = {"active", "transferred", "cancelled",
                                      "scrapped"};
constexpr SV kPropertyUseCodes[] = {"residential", "commercial", "garage",
                                    "industrial", "other"};
constexpr SV kPropertyStatusCodes[] = {"active", "cancelled"};
constexpr SV kIncomeKindCodes[] = {"wage", "business", "service", "property",
                                   "other"};
constexpr SV kBusinessRoleCodes[] = {"legal_rep", "shareholder", "other"};
constexpr SV kBusinessStatusCodes[] = {"active", "deregistered", "revoked"};
constexpr SV kPayrollKindCodes[] = {"public_welfare_job", "public_payroll",
                                    "pension", "housing_fund", "other"};

constexpr FieldType kId = FieldType::kId, kText = FieldType::kText,
                    kDate = FieldType::kDate, kAmount = FieldType::kAmount,
                    kEnum = FieldType::kEnum, kMonth = FieldType::kMonth;

constexpr FieldSpec kRollFields[] = {
    {"case_id", kText, true, kOpen, "低保户编号: the case (household) number"},
    {"id_number", kId, true, kOpen, "member's resident ID"},
    {"name", kText, true, kOpen, "member's name"},
    {"relation", kText, false, kOpen,
     "与户主关系: relation to the head of the case"},
    {"township", kText, false, kOpen, "乡镇/街道"},
    {"village", kText, false, kOpen, "村/社区"},
    {"address", kText, false, kOpen, "家庭住址"},
    {"zone", kEnum, false, kOpen, "城市/农村 or the county's own zone codes"},
    {"category", kEnum, false, kOpen, "一类/二类/三类, A/B/C, 三无, 五保"},
    {"declared_income", kAmount, false, kOpen,
     "家庭月人均收入 assessed at enrolment (元)"},
    {"monthly_amount", kAmount, true, kOpen,
     "月保障金: the case's monthly payment (元)"},
    {"enrolled_on", kDate, false, kOpen, "date the case was approved"},
    {"bank_account", kText, false, kOpen, "payment account"},
    {"phone", kText, false, kOpen, "contact phone"},
};
constexpr FieldSpec kPopulationFields[] = {
    {"id_number", kId, true, kOpen, "resident ID"},
    {"name", kText, false, kOpen, "name"},
    {"sex", kEnum, false, kSexCodes, "sex"},
    {"birth_date", kDate, false, kOpen, "birth date"},
    {"hukou_id", kText, false, kOpen, "户号: household register number"},
    {"relation", kText, false, kOpen, "与户主关系 (GB/T 4761 code or words)"},
    {"address", kText, false, kOpen, "住址"},
    {"father_id", kId, false, kOpen, "father's ID"},
    {"mother_id", kId, false, kOpen, "mother's ID"},
    {"spouse_id", kId, false, kOpen, "spouse's ID"},
    {"status", kEnum, false, kPopStatusCodes, "人员状态: 正常/死亡/迁出/服刑"},
    {"status_date", kDate, false, kOpen, "date the status took effect"},
};
constexpr FieldSpec kDeathFields[] = {
    {"id_number", kId, true, kOpen, "deceased's ID"},
    {"name", kText, false, kOpen, "name"},
    {"death_date", kDate, true, kOpen, "date of death"},
    {"source", kText, false, kOpen, "公安/殡葬/卫健"},
};
constexpr FieldSpec kMigrationFields[] = {
    {"id_number", kId, true, kOpen, "resident ID"},
    {"event", kEnum, true, kMigrationCodes, "迁出/出嫁/结婚"},
    {"event_date", kDate, true, kOpen, "date of the event"},
    {"destination", kText, false, kOpen, "where to"},
};
constexpr FieldSpec kVehicleFields[] = {
    {"id_number", kId, true, kOpen, "owner's ID"},
    {"plate", kText, false, kOpen, "号牌号码"},
    {"vehicle_type", kEnum, true, kVehicleTypeCodes, "车辆类型"},
    {"registered_on", kDate, false, kOpen, "初次登记日期"},
    {"status", kEnum, true, kVehicleStatusCodes,
     "机动车状态 (GA 24 letters or words)"},
};
constexpr FieldSpec kPropertyFields[] = {
    {"id_number", kId, true, kOpen, "owner's or co-owner's ID"},
    {"certificate", kText, true, kOpen,
     "不动产权证号: one title, shared by its co-owners"},
    {"location", kText, false, kOpen, "坐落"},
    {"area_m2", kAmount, false, kOpen, "建筑面积 (m²)"},
    {"use", kEnum, true, kPropertyUseCodes, "用途: 住宅/商业/车库"},
    {"registered_on", kDate, false, kOpen, "登记日期"},
    {"status", kEnum, true, kPropertyStatusCodes, "权属状态: 现势/注销"},
};
constexpr FieldSpec kTaxFields[] = {
    {"id_number", kId, true, kOpen, "taxpayer's ID"},
    {"period", kMonth, true, kOpen, "所属期"},
    {"income_kind", kEnum, true, kIncomeKindCodes, "所得项目"},
    {"amount", kAmount, true, kOpen, "收入额 (元)"},
};
constexpr FieldSpec kBankFields[] = {
    {"id_number", kId, true, kOpen, "holder's ID"},
    {"institution", kText, false, kOpen, "金融机构"},
    {"account", kText, false, kOpen, "账号"},
    {"balance", kAmount, true, kOpen, "余额 (元)"},
    {"as_of", kDate, false, kOpen, "balance date"},
};
constexpr FieldSpec kBusinessFields[] = {
    {"id_number", kId, true, kOpen,
     "legal representative's or shareholder's ID"},
    {"company", kText, true, kOpen, "企业名称"},
    {"registered_capital", kAmount, false, kOpen, "注册资本 (元)"},
    {"role", kEnum, true, kBusinessRoleCodes, "法定代表人/股东"},
    {"status", kEnum, true, kBusinessStatusCodes, "登记状态: 存续/注销/吊销"},
    {"registered_on", kDate, false, kOpen,
     "成立日期: the company's registration date"},
};
constexpr FieldSpec kPayrollFields[] = {
    {"id_number", kId, true, kOpen, "payee's ID"},
    {"employer", kText, false, kOpen, "单位"},
    {"kind", kEnum, true, kPayrollKindCodes,
     "公益性岗位/财政供养/养老金/公积金缴存"},
    {"monthly_amount", kAmount, true, kOpen, "月金额 (元)"},
    {"period", kMonth, false, kOpen, "所属期"},
};
constexpr FieldSpec kCadreFields[] = {
    // Optional for this kind alone: a cadre roster is typed by hand and its
    // IDs are often missing or wrong, and the run can still find the person
    // by name, birth date and township (configs/rules/README.md, CADRE_KIN).
    {"id_number", kId, false, kOpen, "cadre's ID"},
    {"name", kText, false, kOpen, "name"},
    {"post", kText, false, kOpen, "职务"},
    {"township", kText, false, kOpen, "乡镇/街道"},
    {"village", kText, false, kOpen, "村/社区"},
    {"birth_date", kDate, false, kOpen,
     "birth date, for matching a cadre without a valid ID"},
    {"id_as_written", kText, false, kOpen,
     "the ID exactly as the roster writes it, for rosters whose IDs are "
     "unreliable: checked at run time, "
     "and one that fails its check falls back to name + birth date + township"},
};

constexpr std::array<FeedSpec, kFeedKindCount> kFeeds = {{
    {FeedKind::kRoll, "roll", "低保名册", kRollFields},
    {FeedKind::kPopulation, "population", "户籍人口", kPopulationFields},
    {FeedKind::kDeath, "death", "死亡/火化", kDeathFields},
    {FeedKind::kMigration, "migration", "迁出/婚姻", kMigrationFields},
    {FeedKind::kVehicle, "vehicle", "机动车", kVehicleFields},
    {FeedKind::kProperty, "property", "不动产", kPropertyFields},
    {FeedKind::kTax, "tax", "税务", kTaxFields},
    {FeedKind::kBank, "bank", "存款", kBankFields},
    {FeedKind::kBusiness, "business", "工商登记", kBusinessFields},
    {FeedKind::kPayroll, "payroll", "工资/养老", kPayrollFields},
    {FeedKind::kCadre, "cadre", "村干部与工作人员名册", kCadreFields},
}};

}  // namespace

int FeedSpec::FieldIndex(std::string_view field) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == field) return static_cast<int>(i);
  }
  return -1;
}

const FeedSpec& GetFeedSpec(FeedKind kind) {
  return kFeeds[static_cast<size_t>(kind)];
}

std::optional<FeedKind> FeedKindFromName(std::string_view name) {
  for (const FeedSpec& spec : kFeeds) {
    if (spec.name == name) return spec.kind;
  }
  return std::nullopt;
}

std::string_view FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kId:
      return "id";
    case FieldType::kText:
      return "text";
    case FieldType::kDate:
      return "date";
    case FieldType::kAmount:
      return "amount";
    case FieldType::kEnum:
      return "enum";
    case FieldType::kMonth:
      return "month";
  }
  return "?";
}

}  // namespace hedui
