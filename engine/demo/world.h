// The demo county's world, shared by the generator's parts: randomness
// (splitmix64 streams), the text tables people and departments draw from,
// and the people, households, roll cases and department records that the
// planting fills, the truth oracle reads and the renderers write out.
#ifndef HEDUI_ENGINE_DEMO_WORLD_H_
#define HEDUI_ENGINE_DEMO_WORLD_H_

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "engine/demo/generator.h"
#include "engine/demo/places.h"

namespace hedui::demo::gen {

using SV = std::string_view;

// ---------------------------------------------------------------------------
// Randomness: splitmix64, our own integer helpers (std distributions differ
// between standard libraries).

inline uint64_t Mix64(uint64_t z) {
  z += 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(Mix64(seed)) {}
  Rng(uint64_t seed, uint64_t stream, uint64_t row = 0)
      : state_(Mix64(Mix64(seed ^ Mix64(stream * 0xD1342543DE82EF95ULL)) +
                     row * 0x9E3779B97F4A7C15ULL)) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n > 0 (Lemire's multiply-shift; bias < n / 2^64).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>((static_cast<unsigned __int128>(Next()) * n) >>
                                 64);
  }
  // Uniform in [lo, hi]; hi < lo gives lo.
  int Range(int lo, int hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<int>(Below(static_cast<uint32_t>(hi - lo + 1)));
  }
  // True with probability per_mille / 1000.
  bool Chance(int per_mille) {
    return Below(1000) < static_cast<uint32_t>(per_mille);
  }
  // Index by integer weights.
  template <size_t N>
  int Weighted(const int (&weights)[N]) {
    int total = 0;
    for (int w : weights) total += w;
    int r = static_cast<int>(Below(static_cast<uint32_t>(total)));
    for (size_t i = 0; i < N; ++i) {
      if (r < weights[i]) return static_cast<int>(i);
      r -= weights[i];
    }
    return static_cast<int>(N - 1);
  }

 private:
  uint64_t state_;
};

// Stream tags, one per independent use of the seed.
enum Stream : uint64_t {
  kStreamPeople = 1,
  kStreamRoll,
  kStreamBackground,
  kStreamPlant,
  kStreamPopRow,
  kStreamRollRow,
  kStreamDeathRow,
  kStreamVehicleRow,
  kStreamPropertyRow,
  kStreamSeq,
  kStreamMore,
  kStreamMoreRow,
  kStreamFamily,
  kStreamCadreRow,
  kStreamGroups,
  // Explicit, so that streams other plantings add keep their values.
  kStreamCounty = 101,  // planting_county.cc
  // planting_xcounty.cc
  kStreamNeighbour = 102,
};

// ---------------------------------------------------------------------------
// Text tables.

inline std::vector<SV> SplitUtf8(SV s) {
  std::vector<SV> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

// Common surnames, roughly by frequency (weights in the second table).
constexpr SV kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄",   "周",   "吴", "徐", "孙",
    "胡", "朱", "高", "林", "何", "郭", "马", "罗",   "梁",   "宋", "郑", "谢",
    "韩", "唐", "冯", "于", "董", "萧", "程", "曹",   "袁",   "邓", "许", "傅",
    "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡",   "贾",   "丁", "魏", "薛",
    "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟",   "汪",   "田", "任", "姜",
    "范", "方", "石", "姚", "谭", "廖", "邹", "熊",   "金",   "陆", "郝", "孔",
    "白", "崔", "康", "毛", "邱", "秦", "江", "史",   "顾",   "侯", "邵", "孟",
    "龙", "万", "段", "雷", "钱", "汤", "尹", "黎",   "易",   "常", "武", "乔",
    "贺", "赖", "龚", "文", "牛", "申", "翟", "司马", "欧阳",
};
constexpr int kSurnameWeightTop =
    40;  // the first 15 names weigh this, the rest less

constexpr SV kMaleGiven =
    "伟强军磊洋勇杰涛明超辉刚健平鹏飞斌宇浩凯鑫波华建国志文东海林峰亮德成鸿庆振"
    "宏俊永红卫新春山松金福"
    "贵生发旺宝喜全忠义龙虎彪豪毅朝晨阳天博一鸣子轩然航梓睿哲";
constexpr SV kFemaleGiven =
    "芳娜敏静丽艳娟霞秀英华玲桂兰凤梅琳雪慧婷燕萍红莉琴云洁晶颖倩佳欣怡悦涵萱彤"
    "雨婧诗琪妍瑶菲淑珍翠花荣巧莲香月";
// Characters that GBK lacks: GB18030 four-byte (Ext-A 㛃 䲜 㙟, Ext-B 𠮷 𡒄)
// and 䶮 (U+4DAE, glibc writes it as the two-byte FE9F of GB18030).
constexpr SV kRareChars[] = {"𠮷", "㛃", "䲜", "㙟", "𡒄", "䶮"};
// Names of minorities, written with the separator ·.
constexpr SV kMinorityFirst[] = {"阿依古丽", "买买提",   "艾力",     "古丽娜尔",
                                 "热依拉",   "阿卜杜拉", "迪丽拜尔", "吐尔逊",
                                 "帕尔哈提", "努尔兰"};
constexpr SV kMinorityLast[] = {"买买提", "阿不都", "吐尔洪", "艾合买提",
                                "库尔班", "热合曼", "依明",   "托乎提",
                                "阿西木", "赛买提"};

enum Relation : uint8_t {
  kHead,
  kSpouse,
  kSon,
  kDaughter,
  kFather,
  kMother,
  kGrandson,
  kGranddaughter,
};
constexpr SV kRelationNames[] = {"户主", "配偶", "子",   "女",
                                 "父亲", "母亲", "孙子", "孙女"};
// How an export writes the relation: the words above; the same with 本人
// for the head; GB/T 4761 two-digit codes; its one-digit codes.
enum RelationStyle : uint8_t {
  kRelationWords,
  kRelationSelf,
  kRelationCodes,
  kRelationDigit,
};
constexpr SV kRelationCodes2[] = {"02", "10", "21", "31",
                                  "51", "52", "41", "42"};
constexpr SV kRelationCodes1[] = {"0", "1", "2", "3", "5", "5", "4", "4"};
inline SV RelationAsWritten(uint8_t relation, uint8_t style) {
  switch (style) {
    case kRelationSelf:
      return relation == kHead ? SV("本人") : kRelationNames[relation];
    case kRelationCodes:
      return kRelationCodes2[relation];
    case kRelationDigit:
      return kRelationCodes1[relation];
    default:
      return kRelationNames[relation];
  }
}

constexpr SV kStreets[] = {"人民路",   "建设路", "伊河路", "滨河路",
                           "杜康大道", "城南路", "文化路", "解放路",
                           "伊滨大道", "顺河路", "政和路", "东大街"};
constexpr SV kCnDigits[] = {"〇", "一", "二", "三", "四", "五",
                            "六", "七", "八", "九", "十"};

// Neighbouring region codes for people first registered elsewhere.
constexpr uint32_t kOtherRegions[] = {
    410302, 410303, 410305, 410311, 410322, 410323, 410324, 410325,
    410326, 410327, 410328, 410381, 410825, 411329, 410102, 410184};

// Vehicle types as the 车管所 writes them (words, a few GA 24.4 codes).
struct VehicleType {
  SV spelled;
  bool exempt;  // motorcycle, tricycle, low_speed, disability, tractor
};
enum VehicleTypeIndex : uint8_t {
  kVtSedan,         // 小型轿车 -> car
  kVtSedanCode,     // K33 -> car
  kVtSmallBus,      // 小型普通客车 -> car
  kVtSmallBusCode,  // K31 -> car
  kVtMediumBus,     // 中型普通客车 -> bus
  kVtHeavyTruck,    // 重型货车 -> truck
  kVtLightTruck,    // 轻型普通货车 -> truck
  kVtVan,           // 轻型厢式货车 -> van
  kVtMiniVan,       // 微型普通客车 -> van
  kVtMotorcycle,    // 普通二轮摩托车 -> motorcycle
  kVtMoped,         // 轻便二轮摩托车 -> motorcycle
  kVtTricycle,      // 三轮汽车 -> tricycle
  kVtLowSpeed,      // 低速货车 -> low_speed
  kVtDisability,    // 残疾人专用车 -> disability
  kVtTractor,       // 拖拉机 -> tractor
  kVtWheelTractor,  // 轮式拖拉机 -> tractor
};
constexpr VehicleType kVehicleTypes[] = {
    {"小型轿车", false},      {"K33", false},           {"小型普通客车", false},
    {"K31", false},           {"中型普通客车", false},  {"重型货车", false},
    {"轻型普通货车", false},  {"轻型厢式货车", false},  {"微型普通客车", false},
    {"普通二轮摩托车", true}, {"轻便二轮摩托车", true}, {"三轮汽车", true},
    {"低速货车", true},       {"残疾人专用车", true},   {"拖拉机", true},
    {"轮式拖拉机", true},
};
constexpr int kBackgroundVehicleWeights[] = {300, 40,  160, 20, 6,  25, 30, 40,
                                             20,  120, 40,  60, 50, 4,  25, 15};

// GA 24 status letters.
constexpr char kStatusLetters[] = {'A', 'B', 'E', 'G', 'M', 'P', 'Q'};
enum VehicleStatusIndex : uint8_t { kVsA, kVsB, kVsE, kVsG, kVsM, kVsP, kVsQ };
constexpr int kBackgroundStatusWeights[] = {800, 50, 30, 40, 10, 20, 50};
inline bool StatusActive(uint8_t s) {
  return s == kVsA || s == kVsG || s == kVsQ;
}

enum Use : uint8_t { kResidential, kCommercial, kGarage };
constexpr SV kUseNames[] = {"住宅", "商业", "车库"};

enum DeathSource : uint8_t { kFuneral, kHealth, kPolice };
constexpr SV kDeathSourceNames[] = {"殡葬", "卫健", "公安"};

enum IdStyle : uint8_t {
  kIdClean,
  kIdOld15,
  kIdLowerX,
  kIdFullWidth,
  kIdSpaced,
  kIdBadCheck
};

enum PersonStatus : uint8_t { kNormal, kDead, kMovedOut, kImprisoned };
constexpr SV kStatusNames[] = {"正常", "死亡", "迁出", "服刑"};

// The demo county's standards, as configs/rules/demo.toml writes them:
// 城市 720 元/人/月 and 农村 6000 元/人/年 until 2025-06, then 780 and 6700
// (6700 ÷ 12 = 558.33, half up to the fen).
constexpr int kRaiseMonth = 2025 * 12 + 6;  // July 2025
constexpr int kFirstStandardMonth = 2000 * 12;
inline int64_t StandardFen(bool urban, int month) {
  if (month < kFirstStandardMonth) return -1;
  if (month >= kRaiseMonth) return urban ? 78000 : 55833;
  return urban ? 72000 : 50000;
}

enum MigrationEvent : uint8_t { kMoveOut, kMarryOut, kMarry, kMoveIn };
constexpr SV kMigrationNames[] = {"迁出", "出嫁", "结婚", "迁入"};
// A move's destination: outside the county (a city elsewhere), or inside it
// written as the county's 6-digit code, a village's 12-digit code, a
// township's name, or the county's name and a township's.
enum MigrationPlace : uint8_t {
  kPlaceOutside,
  kPlaceCountyCode,
  kPlaceVillageCode,
  kPlaceTownship,
  kPlaceCountyAndTownship,
};
enum PayKind : uint8_t {
  kPayWelfareJob,
  kPayPublic,
  kPayPension,
  kPayHousingFund
};
constexpr SV kPayKindNames[] = {"公益性岗位", "财政供养", "养老金",
                                "公积金缴存"};
enum TaxKind : uint8_t { kTaxWage, kTaxBusiness, kTaxService };
constexpr SV kTaxKindNames[] = {"工资薪金", "经营所得", "劳务报酬"};
enum BizRole : uint8_t { kLegalRep, kShareholder, kSupervisor };
constexpr SV kBizRoleNames[] = {"法定代表人", "股东", "监事"};
enum BizStatus : uint8_t { kBizActive, kBizDeregistered, kBizRevoked };
constexpr SV kBizStatusNames[] = {"存续", "注销", "吊销"};
constexpr SV kBanks[] = {"中国农业银行伊川支行", "伊川农村商业银行",
                         "中国邮政储蓄银行伊川县支行", "中国工商银行伊川支行"};

// ---------------------------------------------------------------------------
// The world.

struct Household {
  int32_t village;   // index into the county's flattened villages
  int32_t township;  // index into county.townships
  int32_t first;     // first person
  uint8_t size;
  uint8_t group;    // 组 (rural)
  uint16_t number;  // 号
  uint8_t street;   // urban: kStreets index
  uint8_t building, unit;
  uint16_t room;
  int32_t serial;  // 户号 serial
};

struct Person {
  uint64_t body = 0;  // first 17 digits of the ID
  int32_t birth = 0;
  int32_t household = 0;
  int32_t status_date = 0;
  int32_t member = -1;  // index into World::members, -1 when not on the roll
  uint8_t status = kNormal;
  uint8_t relation = kHead;
  bool male = false;
  bool status_date_blank = false;
  uint8_t id_style = kIdClean;  // how the population register writes the ID
  // Kin as the register writes them (father_id, mother_id, spouse_id).
  int32_t father = -1, mother = -1, spouse = -1;
  std::string name;
};

struct Case {
  std::string id;
  int32_t household;
  int32_t first_member;  // into World::members
  int32_t n;
  int64_t monthly_fen;
  int64_t income_fen;
  int32_t enrolled;
  bool urban;
  uint8_t category;  // 0..2: 一类/二类/三类
  uint64_t account;
  uint64_t phone;             // 0: blank
  bool used = false;          // by a planted scenario
  bool income_blank = false;  // the roll leaves 家庭月人均收入 empty
  // How the roll writes 与户主关系 (RelationAsWritten).
  uint8_t relation_style = kRelationWords;
};

// A case of the neighbouring county's roll (roll_neighbour.csv,
// planting_xcounty.cc): one person, paid there.
inline constexpr SV kNeighbourCounty = "汝阳县";
struct ForeignCase {
  std::string id;
  int32_t person;
  int32_t enrolled;
  int64_t monthly_fen;
};

struct DeathRecord {
  int32_t person;
  int32_t date;
  uint8_t source;
  uint8_t id_style;
};

struct VehicleRecord {
  int32_t person;
  int32_t date;
  uint8_t type;
  uint8_t status;
  uint8_t id_style;
  bool bad_columns = false;
};

struct Title {
  int32_t date;
  uint8_t use;
  bool active;
  int32_t area;  // centi-m²
  int32_t owners_begin;
  int32_t owners_n;
  int32_t household;  // location: this household's address; -1: a new flat
  int32_t township;
  int32_t street_no;
  std::string certificate;  // filled at Finalize
};

struct World {
  const County* county = nullptr;
  std::vector<const Village*> villages;  // flattened
  std::vector<int32_t> village_township;
  std::vector<Household> households;
  std::vector<Person> people;
  std::vector<Case> cases;
  std::vector<int32_t> members;      // person per roll member
  std::vector<int32_t> member_case;  // case per roll member
  // The neighbouring county's roll.
  std::vector<ForeignCase> foreign_cases;
  std::vector<DeathRecord> deaths;
  std::vector<VehicleRecord> vehicles;
  std::vector<Title> titles;
  std::vector<int32_t> owners;  // people, by Title::owners_begin
  std::vector<std::string> malformed_death_lines;
  // After the death records: rows with several faults (planting_intake.cc).
  std::vector<std::string> trailing_death_lines;
  struct Migration {
    int32_t person, date;
    uint8_t event;
    uint8_t place = kPlaceOutside;  // where to: MigrationPlace
  };
  struct Tax {
    int32_t person, month;
    uint8_t kind;
    int64_t fen;
  };
  struct Payroll {
    int32_t person, month;
    uint8_t kind;
    int64_t fen;
  };
  struct Bank {
    int32_t person, date;
    int64_t fen;
    uint64_t account;
    uint8_t bank;
  };
  struct Business {
    int32_t person, date;
    int64_t capital_fen;  // whole 元 hundreds, so that 万元 with 2 decimals is
                          // exact
    uint8_t role, status;
  };
  std::vector<Migration> migrations;
  std::vector<Tax> taxes;
  std::vector<Payroll> payrolls;
  std::vector<Bank> banks;
  std::vector<Business> businesses;
  // 村干部与工作人员名册: the roster row of a person, the township it names
  // (where the post is) and how it writes the ID.
  struct Cadre {
    int32_t person;
    int32_t township;
    uint8_t post;
    uint8_t id_style;  // kCadreIdClean, kCadreIdMissing, kCadreIdBadCheck
  };
  std::vector<Cadre> cadres;
  int64_t pop_quarantined = 0;
};

enum CadreIdStyle : uint8_t {
  kCadreIdClean,
  kCadreIdMissing,
  kCadreIdBadCheck
};
constexpr SV kCadrePosts[] = {"村党支部书记", "村委会主任", "村会计",
                              "村文书",       "民政助理员", "村妇女主任"};

struct TruthFlag {
  SV rule;
  int32_t case_index;
  std::string id;
  int32_t since;
  int64_t fen;
  // SPLIT, DUPLICATE, PAYMENT: every case of the flag's group (case
  // indices), and whether its amount adds to the totals (false on the
  // group's first case).
  std::vector<int32_t> group = {};
  bool counts = true;
  // DUPLICATE across counties: the neighbour's cases of the group (indices
  // into World::foreign_cases), written "汝阳县:ID".
  std::vector<int32_t> foreign_group = {};
};

// Who lives together: one string per dwelling, equal exactly when the
// engine's DwellingKey of the register addresses is (village + group + house
// number; an urban flat down to its room).
std::string DwellingOf(const World& w, const Household& h);

}  // namespace hedui::demo::gen

#endif  // HEDUI_ENGINE_DEMO_WORLD_H_
