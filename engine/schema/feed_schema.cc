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

// 与户主关系 on the codes of GB/T 4761-2008 (家庭关系代码), collapsed to
// what the grounds need to tell apart: who is the head, and who is kin.
constexpr SV kRelationCodes[] = {"head",         "spouse",     "child",
                                 "child_in_law", "grandchild", "parent",
                                 "grandparent",  "sibling",    "other_kin",
                                 "non_kin",      "other"};
// The standard's one- and two-digit codes and the words registers and rolls
// write. 28 女婿 and 38 儿媳 are the standard's in-law codes (DOMAIN.md §8);
// the rest of 20-29 and 30-39 are sons and daughters (own, adopted, step). A
// grandchild's, a parent's or a sibling's spouse stays in that group: the
// grounds only ask whether a member is the head and whether they are kin.
constexpr Spelling kRelationSpellings[] = {
    // 0 本人或户主
    {"0", "head"},
    {"00", "head"},
    {"01", "head"},
    {"02", "head"},
    {"本人", "head"},
    {"户主", "head"},
    {"本人或户主", "head"},
    {"户主本人", "head"},
    // 1 配偶
    {"1", "spouse"},
    {"10", "spouse"},
    {"11", "spouse"},
    {"12", "spouse"},
    {"配偶", "spouse"},
    {"夫", "spouse"},
    {"妻", "spouse"},
    {"丈夫", "spouse"},
    {"妻子", "spouse"},
    {"之妻", "spouse"},
    {"之夫", "spouse"},
    {"爱人", "spouse"},
    {"老伴", "spouse"},
    // 2 子, 3 女
    {"2", "child"},
    {"20", "child"},
    {"21", "child"},
    {"22", "child"},
    {"23", "child"},
    {"24", "child"},
    {"25", "child"},
    {"26", "child"},
    {"27", "child"},
    {"29", "child"},
    {"3", "child"},
    {"30", "child"},
    {"31", "child"},
    {"32", "child"},
    {"33", "child"},
    {"34", "child"},
    {"35", "child"},
    {"36", "child"},
    {"37", "child"},
    {"39", "child"},
    {"子", "child"},
    {"儿子", "child"},
    {"之子", "child"},
    {"独生子", "child"},
    {"长子", "child"},
    {"次子", "child"},
    {"三子", "child"},
    {"四子", "child"},
    {"五子", "child"},
    {"养子", "child"},
    {"继子", "child"},
    {"养子或继子", "child"},
    {"其他儿子", "child"},
    {"女", "child"},
    {"女儿", "child"},
    {"之女", "child"},
    {"独生女", "child"},
    {"长女", "child"},
    {"次女", "child"},
    {"三女", "child"},
    {"四女", "child"},
    {"五女", "child"},
    {"养女", "child"},
    {"继女", "child"},
    {"养女或继女", "child"},
    {"其他女儿", "child"},
    {"子女", "child"},
    {"28", "child_in_law"},
    {"38", "child_in_law"},
    {"女婿", "child_in_law"},
    {"之婿", "child_in_law"},
    {"儿媳", "child_in_law"},
    {"儿媳妇", "child_in_law"},
    {"之媳", "child_in_law"},
    // 4 孙子女
    {"4", "grandchild"},
    {"40", "grandchild"},
    {"41", "grandchild"},
    {"42", "grandchild"},
    {"43", "grandchild"},
    {"44", "grandchild"},
    {"45", "grandchild"},
    {"46", "grandchild"},
    {"47", "grandchild"},
    {"48", "grandchild"},
    {"49", "grandchild"},
    {"孙子", "grandchild"},
    {"孙女", "grandchild"},
    {"之孙", "grandchild"},
    {"外孙", "grandchild"},
    {"外孙子", "grandchild"},
    {"外孙女", "grandchild"},
    {"孙子女", "grandchild"},
    {"孙媳妇", "grandchild"},
    {"孙女婿", "grandchild"},
    {"曾孙", "grandchild"},
    {"曾孙子", "grandchild"},
    {"曾孙女", "grandchild"},
    // 5 父母
    {"5", "parent"},
    {"50", "parent"},
    {"51", "parent"},
    {"52", "parent"},
    {"53", "parent"},
    {"54", "parent"},
    {"55", "parent"},
    {"56", "parent"},
    {"57", "parent"},
    {"58", "parent"},
    {"59", "parent"},
    {"父母", "parent"},
    {"父亲", "parent"},
    {"母亲", "parent"},
    {"父", "parent"},
    {"母", "parent"},
    {"公公", "parent"},
    {"婆婆", "parent"},
    {"岳父", "parent"},
    {"岳母", "parent"},
    {"继父", "parent"},
    {"继母", "parent"},
    {"养父", "parent"},
    {"养母", "parent"},
    // 6 祖父母
    {"6", "grandparent"},
    {"60", "grandparent"},
    {"61", "grandparent"},
    {"62", "grandparent"},
    {"63", "grandparent"},
    {"64", "grandparent"},
    {"65", "grandparent"},
    {"66", "grandparent"},
    {"67", "grandparent"},
    {"68", "grandparent"},
    {"69", "grandparent"},
    {"祖父母", "grandparent"},
    {"祖父", "grandparent"},
    {"祖母", "grandparent"},
    {"外祖父", "grandparent"},
    {"外祖母", "grandparent"},
    {"爷爷", "grandparent"},
    {"奶奶", "grandparent"},
    {"外公", "grandparent"},
    {"外婆", "grandparent"},
    {"曾祖父", "grandparent"},
    {"曾祖母", "grandparent"},
    // 7 兄弟姐妹
    {"7", "sibling"},
    {"70", "sibling"},
    {"71", "sibling"},
    {"72", "sibling"},
    {"73", "sibling"},
    {"74", "sibling"},
    {"75", "sibling"},
    {"76", "sibling"},
    {"77", "sibling"},
    {"78", "sibling"},
    {"79", "sibling"},
    {"兄弟姐妹", "sibling"},
    {"兄", "sibling"},
    {"哥哥", "sibling"},
    {"嫂", "sibling"},
    {"嫂子", "sibling"},
    {"弟", "sibling"},
    {"弟弟", "sibling"},
    {"弟媳", "sibling"},
    {"姐", "sibling"},
    {"姐姐", "sibling"},
    {"姐夫", "sibling"},
    {"妹", "sibling"},
    {"妹妹", "sibling"},
    {"妹夫", "sibling"},
    {"兄弟", "sibling"},
    {"姐妹", "sibling"},
    // 8 其他 (80-97 other kin), 99 非亲属
    {"8", "other_kin"},
    {"80", "other_kin"},
    {"81", "other_kin"},
    {"82", "other_kin"},
    {"83", "other_kin"},
    {"84", "other_kin"},
    {"85", "other_kin"},
    {"86", "other_kin"},
    {"87", "other_kin"},
    {"88", "other_kin"},
    {"89", "other_kin"},
    {"90", "other_kin"},
    {"91", "other_kin"},
    {"92", "other_kin"},
    {"93", "other_kin"},
    {"94", "other_kin"},
    {"95", "other_kin"},
    {"96", "other_kin"},
    {"97", "other_kin"},
    {"其他", "other_kin"},
    {"其他亲属", "other_kin"},
    {"亲属", "other_kin"},
    {"伯父", "other_kin"},
    {"伯母", "other_kin"},
    {"叔父", "other_kin"},
    {"叔叔", "other_kin"},
    {"婶母", "other_kin"},
    {"舅父", "other_kin"},
    {"舅舅", "other_kin"},
    {"舅母", "other_kin"},
    {"姨父", "other_kin"},
    {"姨母", "other_kin"},
    {"姑父", "other_kin"},
    {"姑母", "other_kin"},
    {"堂兄弟", "other_kin"},
    {"堂姐妹", "other_kin"},
    {"表兄弟", "other_kin"},
    {"表姐妹", "other_kin"},
    {"侄子", "other_kin"},
    {"侄女", "other_kin"},
    {"外甥", "other_kin"},
    {"外甥女", "other_kin"},
    {"99", "non_kin"},
    {"非亲属", "non_kin"},
};

constexpr SV kRelationDescription =
    "与户主关系: GB/T 4761 codes (01, 02, 12 …) and words (户主, 本人, 之妻 "
    "…), "
    "read without a values table; any other word is other";

constexpr FieldType kId = FieldType::kId, kText = FieldType::kText,
                    kDate = FieldType::kDate, kAmount = FieldType::kAmount,
                    kEnum = FieldType::kEnum, kMonth = FieldType::kMonth;

constexpr FieldSpec kRollFields[] = {
    {"case_id", kText, true, kOpen, "低保户编号: the case (household) number"},
    {"id_number", kId, true, kOpen, "member's resident ID"},
    {"name", kText, true, kOpen, "member's name"},
    // A word the table does not know is kept as `other` (never the head)
    // rather than quarantined: the member is still paid and counted.
    {"relation", kEnum, false, kRelationCodes, kRelationDescription,
     kRelationSpellings, "other"},
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
    {"relation", kEnum, false, kRelationCodes, kRelationDescription,
     kRelationSpellings, "other"},
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
