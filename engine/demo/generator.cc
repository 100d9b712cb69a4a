#include "engine/demo/generator.h"

#include <iconv.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "engine/demo/places.h"
#include "engine/base/id_number.h"
#include "engine/base/union_find.h"

namespace hedui::demo {

namespace {

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
};

// ---------------------------------------------------------------------------
// Text tables.

std::vector<SV> SplitUtf8(SV s) {
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
bool StatusActive(uint8_t s) { return s == kVsA || s == kVsG || s == kVsQ; }

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
// Appending values.

inline void AppendUInt(std::string* s, uint64_t v) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) s->push_back(buf[--n]);
}

inline void AppendPad(std::string* s, uint64_t v, int width) {
  char buf[24];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  s->append(buf, static_cast<size_t>(width));
}

// Chinese numerals up to 999, as people write house numbers: 十二, 三十五.
void AppendCnNumber(std::string* s, int v) {
  if (v >= 100) {
    s->append(kCnDigits[v / 100]);
    s->append("百");
    v %= 100;
    if (v == 0) return;
    if (v < 10) {
      s->append("零");
      s->append(kCnDigits[v]);
      return;
    }
  } else if (v >= 10 && v < 20) {
    s->append("十");
    if (v % 10) s->append(kCnDigits[v % 10]);
    return;
  }
  if (v >= 10) {
    s->append(kCnDigits[v / 10]);
    s->append("十");
    if (v % 10) s->append(kCnDigits[v % 10]);
    return;
  }
  s->append(kCnDigits[v]);
}

struct Ymd {
  int y, m, d;
};
inline Ymd ToYmd(int32_t days) {
  int v = Date{days}.yyyymmdd();
  return {v / 10000, v / 100 % 100, v % 100};
}

// 0: 2021-03-05, 1: 2021/3/5, 2: 20210305, 3: 2021年3月5日.
void AppendDate(std::string* s, int32_t days, int style) {
  Ymd t = ToYmd(days);
  switch (style) {
    case 0:
      AppendPad(s, t.y, 4);
      s->push_back('-');
      AppendPad(s, t.m, 2);
      s->push_back('-');
      AppendPad(s, t.d, 2);
      break;
    case 1:
      AppendUInt(s, t.y);
      s->push_back('/');
      AppendUInt(s, t.m);
      s->push_back('/');
      AppendUInt(s, t.d);
      break;
    case 2:
      AppendPad(s, t.y, 4);
      AppendPad(s, t.m, 2);
      AppendPad(s, t.d, 2);
      break;
    default:
      AppendUInt(s, t.y);
      s->append("年");
      AppendUInt(s, t.m);
      s->append("月");
      AppendUInt(s, t.d);
      s->append("日");
      break;
  }
}

// Amount in hundredths (fen, or centi-m²). style 0: "1280" / "1280.5",
// 1: "1,280.00" (quoted in CSV when it has a comma), 2: "1280.00",
// 3: "1280、00" (、 as the decimal point).
void AppendHundredths(std::string* s, int64_t v, int style, bool csv_quote) {
  int64_t whole = v / 100, frac = v % 100;
  std::string num;
  if (style == 1 && whole >= 1000) {
    std::string digits;
    AppendUInt(&digits, static_cast<uint64_t>(whole));
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i && (digits.size() - i) % 3 == 0) num.push_back(',');
      num.push_back(digits[i]);
    }
  } else {
    AppendUInt(&num, static_cast<uint64_t>(whole));
  }
  switch (style) {
    case 0:
      if (frac) {
        num.push_back('.');
        num.push_back(static_cast<char>('0' + frac / 10));
        if (frac % 10) num.push_back(static_cast<char>('0' + frac % 10));
      }
      break;
    case 3:
      num.append("、");
      AppendPad(&num, static_cast<uint64_t>(frac), 2);
      break;
    default:
      num.push_back('.');
      AppendPad(&num, static_cast<uint64_t>(frac), 2);
      break;
  }
  bool quote = csv_quote && num.find(',') != std::string::npos;
  if (quote) s->push_back('"');
  s->append(num);
  if (quote) s->push_back('"');
}

// The 18 characters of an ID from its 17-digit body, without allocating.
void IdChars(uint64_t body, char id[18]) {
  for (int i = 16; i >= 0; --i) {
    id[i] = static_cast<char>('0' + body % 10);
    body /= 10;
  }
  id[17] = IdCheckCharacter(std::string_view(id, 17));
}

std::string Id18(uint64_t body) {
  char id[18];
  IdChars(body, id);
  return std::string(id, 18);
}

char CheckChar(uint64_t body) {
  char id[18];
  IdChars(body, id);
  return id[17];
}

void AppendId(std::string* s, uint64_t body, uint8_t style) {
  char id[18];
  IdChars(body, id);
  switch (style) {
    case kIdOld15: {
      // region(6) + yymmdd(6) + sequence(3): the person's own old number.
      s->append(id, 6);
      s->append(id + 8, 9);
      return;
    }
    case kIdLowerX:
      if (id[17] == 'X') id[17] = 'x';
      s->append(id, 18);
      return;
    case kIdFullWidth:
      for (char c : std::string_view(id, 18)) {
        if (c == 'X') {
          s->append("\xEF\xBC\xB8");
        } else {
          s->append("\xEF\xBC");
          s->push_back(static_cast<char>(0x90 + (c - '0')));
        }
      }
      return;
    case kIdSpaced:
      s->append(id, 6);
      s->push_back(' ');
      s->append(id + 6, 8);
      s->push_back(' ');
      s->append(id + 14, 4);
      return;
    case kIdBadCheck: {
      static constexpr char kChecks[] = "0123456789X";
      const char* p = std::strchr(kChecks, id[17]);
      id[17] = kChecks[((p - kChecks) + 1 + static_cast<int>(body % 9)) % 11];
      s->append(id, 18);
      return;
    }
    default:
      s->append(id, 18);
      return;
  }
}

void AppendJsonString(std::string* s, SV v) {
  s->push_back('"');
  for (char c : v) {
    if (c == '"' || c == '\\') s->push_back('\\');
    s->push_back(c);
  }
  s->push_back('"');
}

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
  std::vector<DeathRecord> deaths;
  std::vector<VehicleRecord> vehicles;
  std::vector<Title> titles;
  std::vector<int32_t> owners;  // people, by Title::owners_begin
  std::vector<std::string> malformed_death_lines;
  struct Migration {
    int32_t person, date;
    uint8_t event;
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
};

// ---------------------------------------------------------------------------
// Building people and households.

class Builder {
 public:
  Builder(const GeneratorOptions& o, World* w)
      : opt_(o), w_(*w), as_of_(o.as_of.days) {
    male_given_ = SplitUtf8(kMaleGiven);
    female_given_ = SplitUtf8(kFemaleGiven);
  }

  void BuildPeople();
  void BuildRoll();
  void Background();
  void Plant();
  void Finalize();
  void PlantMore(Rng& rng);
  void LinkKin();
  void PlantFamily();

 private:
  std::string MakeName(Rng& rng, SV surname, bool male);
  SV DrawSurname(Rng& rng);
  void AddPerson(Rng& rng, int hh, Relation rel, int age, bool male,
                 SV surname);
  int32_t BirthFromAge(Rng& rng, int age);
  uint64_t AllocateBody(Rng& rng, int32_t* birth, bool male);

  // Planting helpers.
  int PickCase(Rng& rng, int min_n, int max_n, int min_adults = 0);
  int RandomMember(Rng& rng, int c) {
    const Case& k = w_.cases[c];
    return w_.members[k.first_member + rng.Below(k.n)];
  }
  int Member(int c, int i) { return w_.members[w_.cases[c].first_member + i]; }
  int PickNonMember(Rng& rng, int min_age);
  int32_t AfterEnrol(Rng& rng, int c) {  // (enrolled, as_of - 35]
    return rng.Range(w_.cases[c].enrolled + 1, as_of_ - 35);
  }
  // [enrolled - max_years, enrolled - 1], not before `owner` turned 18.
  int32_t BeforeEnrol(Rng& rng, int c, int max_years, int owner = -1) {
    int32_t hi = w_.cases[c].enrolled - 1;
    int32_t lo = hi + 1 - 365 * max_years;
    if (owner >= 0)
      lo = std::min(hi, std::max(lo, w_.people[owner].birth + 365 * 18));
    return rng.Range(lo, hi);
  }
  bool IsAdult(int person) const {
    return as_of_ - w_.people[person].birth >= 365 * 22;
  }
  // The i-th adult member of case c (members in household order), or -1.
  int AdultMember(int c, int i) {
    for (int k = 0; k < w_.cases[c].n; ++k) {
      int p = Member(c, k);
      if (IsAdult(p) && i-- == 0) return p;
    }
    return -1;
  }
  int CountAdults(int c) {
    int n = 0;
    for (int k = 0; k < w_.cases[c].n; ++k) n += IsAdult(Member(c, k));
    return n;
  }
  // A random adult member (the head is one).
  int Adult(Rng& rng, int c) {
    int n = CountAdults(c);
    return n ? AdultMember(
                   c, static_cast<int>(rng.Below(static_cast<uint32_t>(n))))
             : Member(c, 0);
  }
  int32_t AnyDate(Rng& rng, int years_back) {
    return rng.Range(as_of_ - 365 * years_back, as_of_ - 35);
  }
  void AddDeath(int person, int32_t date, uint8_t source, uint8_t style) {
    w_.deaths.push_back({person, date, source, style});
  }
  void SetPopDead(int person, int32_t date) {
    w_.people[person].status = kDead;
    w_.people[person].status_date = date;
  }
  void AddVehicle(int person, int32_t date, uint8_t type, uint8_t status,
                  uint8_t style = kIdClean) {
    w_.vehicles.push_back({person, date, type, status, style, false});
  }
  int AddTitle(int32_t date, uint8_t use, bool active, int32_t area,
               std::initializer_list<int> owner_people, int household) {
    Title t;
    t.date = date;
    t.use = use;
    t.active = active;
    t.area = area;
    t.owners_begin = static_cast<int32_t>(w_.owners.size());
    t.owners_n = static_cast<int32_t>(owner_people.size());
    for (int p : owner_people) w_.owners.push_back(p);
    t.household = household;
    t.township = w_.households[household >= 0
                                   ? household
                                   : w_.people[*owner_people.begin()].household]
                     .township;
    t.street_no = 0;
    w_.titles.push_back(std::move(t));
    return static_cast<int>(w_.titles.size() - 1);
  }
  int32_t DwellingArea(Rng& rng) { return rng.Range(4500, 16000) / 10 * 10; }
  int Scaled(int base) const {
    int64_t v = (static_cast<int64_t>(base) * opt_.residents + 100000) / 200000;
    return static_cast<int>(std::max<int64_t>(1, v));
  }

  const GeneratorOptions& opt_;
  World& w_;
  int32_t as_of_;
  std::vector<SV> male_given_, female_given_;
  std::vector<uint16_t> seq_counters_;
  int32_t seq_base_ = Date::FromYmd(1900, 1, 1).days;
  int32_t seq_span_ = 0;
  uint32_t county_region_ = 0;
  std::vector<int> case_order_;
  size_t case_cursor_ = 0;
};

SV Builder::DrawSurname(Rng& rng) {
  constexpr int n = static_cast<int>(std::size(kSurnames));
  // The first 15 surnames carry about half the people.
  if (rng.Below(100) < static_cast<uint32_t>(kSurnameWeightTop + 10))
    return kSurnames[rng.Below(15)];
  return kSurnames[15 + rng.Below(n - 15)];
}

std::string Builder::MakeName(Rng& rng, SV surname, bool male) {
  std::string name;
  uint32_t r = rng.Below(10000);
  if (r < 12) {  // a minority name with ·
    name.append(kMinorityFirst[rng.Below(std::size(kMinorityFirst))]);
    name.append("·");
    name.append(kMinorityLast[rng.Below(std::size(kMinorityLast))]);
    return name;
  }
  const std::vector<SV>& given = male ? male_given_ : female_given_;
  name.append(surname);
  if (r < 20) {  // a character only GB18030 holds
    name.append(kRareChars[rng.Below(std::size(kRareChars))]);
    if (rng.Chance(500))
      name.append(given[rng.Below(static_cast<uint32_t>(given.size()))]);
    return name;
  }
  name.append(given[rng.Below(static_cast<uint32_t>(given.size()))]);
  if (rng.Below(100) < 72)
    name.append(given[rng.Below(static_cast<uint32_t>(given.size()))]);
  return name;
}

int32_t Builder::BirthFromAge(Rng& rng, int age) {
  int year = ToYmd(as_of_).y - age;
  int32_t d = Date::FromYmd(year, 1, 1).days + rng.Range(0, 364);
  if (d > as_of_) d -= 365;
  return d;
}

uint64_t Builder::AllocateBody(Rng& rng, int32_t* birth, bool male) {
  constexpr int kRegions = 1 + static_cast<int>(std::size(kOtherRegions));
  int region =
      rng.Below(100) < 88 ? 0 : 1 + static_cast<int>(rng.Below(kRegions - 1));
  uint32_t region_code =
      region == 0 ? county_region_ : kOtherRegions[region - 1];
  for (;;) {
    int32_t day = *birth - seq_base_;
    size_t slot =
        (static_cast<size_t>(region) * seq_span_ + day) * 2 + (male ? 1 : 0);
    uint16_t& counter = seq_counters_[slot];
    if (counter < 499) {
      // Sequence numbers start at a slot-dependent offset, as police
      // stations hand out blocks; odd = male.
      uint32_t start =
          static_cast<uint32_t>(Mix64(opt_.seed ^ (slot * 0x9E37ULL)) % 499);
      uint32_t idx = 1 + (start + counter) % 499;  // 1..499
      uint32_t seq = idx * 2 - (male ? 1 : 0);     // 1..998
      ++counter;
      Ymd t = ToYmd(*birth);
      return static_cast<uint64_t>(region_code) * 100000000000ULL +
             static_cast<uint64_t>(t.y * 10000 + t.m * 100 + t.d) * 1000ULL +
             seq;
    }
    *birth -= 1;  // this day is full: a day earlier
  }
}

void Builder::AddPerson(Rng& rng, int hh, Relation rel, int age, bool male,
                        SV surname) {
  Person p;
  p.household = hh;
  p.relation = rel;
  p.male = male;
  p.birth = BirthFromAge(rng, std::clamp(age, 0, 100));
  p.body = AllocateBody(rng, &p.birth, male);
  p.name = MakeName(rng, surname, male);
  int birth_year = ToYmd(p.birth).y;
  uint32_t r = rng.Below(1000);
  char check = CheckChar(p.body);
  if (birth_year < 1980 && r < 30) {
    p.id_style = kIdOld15;
  } else if (check == 'X' && r >= 500) {
    p.id_style = kIdLowerX;
  } else if (r >= 995) {
    p.id_style = kIdFullWidth;
  } else if (r >= 990) {
    p.id_style = kIdSpaced;
  }
  w_.people.push_back(std::move(p));
}

void Builder::BuildPeople() {
  const County& county = *w_.county;
  for (size_t t = 0; t < county.townships.size(); ++t) {
    for (const Village& v : county.townships[t].villages) {
      w_.villages.push_back(&v);
      w_.village_township.push_back(static_cast<int32_t>(t));
    }
  }
  std::vector<int32_t> village_cum;
  int32_t total = 0;
  for (const Village* v : w_.villages) {
    total += v->urban ? 3 : 1;
    village_cum.push_back(total);
  }
  seq_span_ = as_of_ - seq_base_ + 1;
  county_region_ = static_cast<uint32_t>(std::stoul(std::string(county.code)));
  seq_counters_.assign(
      static_cast<size_t>(1 + std::size(kOtherRegions)) * seq_span_ * 2, 0);

  Rng rng(opt_.seed, kStreamPeople);
  const int n = opt_.residents;
  w_.people.reserve(n);
  w_.households.reserve(n / 2 + 1);
  constexpr int kSizeWeights[] = {18, 27, 22, 18, 10, 5};
  while (static_cast<int>(w_.people.size()) < n) {
    int size = 1 + rng.Weighted(kSizeWeights);
    size = std::min(size, n - static_cast<int>(w_.people.size()));
    Household h{};
    uint32_t pick = rng.Below(static_cast<uint32_t>(total));
    h.village = static_cast<int32_t>(
        std::upper_bound(village_cum.begin(), village_cum.end(),
                         static_cast<int32_t>(pick)) -
        village_cum.begin());
    h.township = w_.village_township[h.village];
    h.first = static_cast<int32_t>(w_.people.size());
    h.group = static_cast<uint8_t>(rng.Range(1, 12));
    h.number = static_cast<uint16_t>(rng.Range(1, 180));
    h.street = static_cast<uint8_t>(rng.Below(std::size(kStreets)));
    h.building = static_cast<uint8_t>(rng.Range(1, 18));
    h.unit = static_cast<uint8_t>(rng.Range(1, 4));
    h.room = static_cast<uint16_t>(rng.Range(1, 6) * 100 + rng.Range(1, 4));
    h.serial = static_cast<int32_t>(w_.households.size()) + 1;
    int hh = static_cast<int>(w_.households.size());

    int head_age = 22 + static_cast<int>(rng.Below(58)) +
                   (rng.Below(100) < 30 ? static_cast<int>(rng.Below(12)) : 0);
    bool head_male = rng.Below(100) < 78;
    SV surname = DrawSurname(rng);
    AddPerson(rng, hh, kHead, head_age, head_male, surname);
    int left = size - 1;
    if (left > 0 && rng.Below(100) < 85) {
      AddPerson(rng, hh, kSpouse, head_age + rng.Range(-5, 5), !head_male,
                DrawSurname(rng));
      --left;
    }
    if (left > 0 && head_age <= 58 && rng.Below(100) < 25) {
      bool father = rng.Below(100) < 45;
      AddPerson(rng, hh, father ? kFather : kMother,
                head_age + rng.Range(22, 32), father,
                father ? surname : DrawSurname(rng));
      --left;
    }
    while (left > 0) {
      bool boy = rng.Below(100) < 52;
      if (head_age >= 60 && rng.Below(100) < 35) {
        AddPerson(rng, hh, boy ? kGrandson : kGranddaughter, rng.Range(0, 16),
                  boy, surname);
      } else {
        int age = head_age - rng.Range(20, 36);
        if (age < 0) age = rng.Range(0, 3);
        AddPerson(rng, hh, boy ? kSon : kDaughter, age, boy, surname);
      }
      --left;
    }
    h.size = static_cast<uint8_t>(size);
    w_.households.push_back(h);
  }
  seq_counters_.clear();
  seq_counters_.shrink_to_fit();
}

// ---------------------------------------------------------------------------
// The roll: cases built from hukou households, about 3% of residents.

void Builder::BuildRoll() {
  Rng rng(opt_.seed, kStreamRoll);
  const int target = std::max(
      1,
      static_cast<int>((static_cast<int64_t>(opt_.residents) * 3 + 50) / 100));
  std::vector<uint8_t> taken(w_.households.size(), 0);
  std::vector<int32_t> township_serial(w_.county->townships.size(), 0);
  constexpr int kCaseSizeWeights[] = {33, 30, 19, 12, 6};
  int members = 0;
  int attempts = 0;
  int want = 0, size_tries = 0;
  const int nh = static_cast<int>(w_.households.size());
  while (members < target && attempts < nh * 4) {
    ++attempts;
    int hh = static_cast<int>(rng.Below(static_cast<uint32_t>(nh)));
    if (taken[hh]) continue;
    const Household& h = w_.households[hh];
    // An adult head: children do not hold cases.
    if (as_of_ - w_.people[h.first].birth < 365 * 20) continue;
    if (want == 0) want = 1 + rng.Weighted(kCaseSizeWeights);
    // A case of `want` members needs a household that large (a few tries).
    if (h.size < want && ++size_tries < 40) continue;
    size_tries = 0;
    taken[hh] = 1;
    int n = std::min<int>(want, h.size);
    want = 0;
    n = std::min(n, target - members);
    Case c;
    c.household = hh;
    c.first_member = static_cast<int32_t>(w_.members.size());
    c.n = n;
    c.urban = w_.villages[h.village]->urban;
    c.category = static_cast<uint8_t>(rng.Weighted({20, 40, 40}));
    // Local standards (元/人/月): 城市 720, 农村 6000/年 = 500.
    int64_t standard =
        c.urban ? 72000 : 50000;  // the first standard: incomes below it
    int64_t income;
    if (c.category == 0) {
      income = 0;
    } else if (c.category == 1) {
      income = rng.Range(50, 250) * 100;
    } else {
      income = rng.Range(200, static_cast<int>(standard / 100) - 100) * 100;
    }
    if (income && rng.Below(100) < 20) income += 50;  // ×.50
    c.income_fen = income;
    // Adjusted to the standard in force at the as-of date (an UNDERPAID
    // plant undoes that for some cases).
    c.monthly_fen =
        (StandardFen(c.urban, Date{as_of_}.month_index()) - income) * n;
    c.enrolled = rng.Range(as_of_ - 365 * 12, as_of_ - 90);
    c.account = 6228230000000000000ULL + rng.Next() % 1000000000000ULL * 10 +
                rng.Below(10);
    c.phone = rng.Below(100) < 85
                  ? 13000000000ULL +
                        static_cast<uint64_t>(rng.Below(7)) * 1000000000ULL +
                        rng.Next() % 1000000000ULL
                  : 0;
    const Township& t = w_.county->townships[h.township];
    c.id = std::string(t.code);
    AppendPad(&c.id, static_cast<uint64_t>(ToYmd(c.enrolled).y), 4);
    // Five digits: a township of a 10-million province slice has ~9,000
    // cases, and the planted cases below number from 80000 and 90000.
    AppendPad(&c.id, static_cast<uint64_t>(++township_serial[h.township]), 5);
    int ci = static_cast<int>(w_.cases.size());
    for (int i = 0; i < n; ++i) {
      int p = h.first + i;
      w_.people[p].member = static_cast<int32_t>(w_.members.size());
      w_.members.push_back(p);
      w_.member_case.push_back(ci);
    }
    members += n;
    w_.cases.push_back(std::move(c));
  }
  // Members are alive and registered: population IDs of members stay valid.
  case_order_.resize(w_.cases.size());
  for (size_t i = 0; i < case_order_.size(); ++i)
    case_order_[i] = static_cast<int>(i);
  Rng shuffle(opt_.seed, kStreamPlant, 1);
  for (size_t i = case_order_.size(); i > 1; --i) {
    std::swap(case_order_[i - 1],
              case_order_[shuffle.Below(static_cast<uint32_t>(i))]);
  }
}

int Builder::PickCase(Rng& rng, int min_n, int max_n, int min_adults) {
  (void)rng;
  for (size_t k = 0; k < case_order_.size(); ++k) {
    size_t i = (case_cursor_ + k) % case_order_.size();
    Case& c = w_.cases[case_order_[i]];
    if (c.used || c.n < min_n || c.n > max_n) continue;
    if (c.enrolled > as_of_ - 120)
      continue;  // room for an event after enrolment
    if (min_adults && CountAdults(case_order_[i]) < min_adults) continue;
    c.used = true;
    case_cursor_ = i + 1;
    return case_order_[i];
  }
  return -1;
}

int Builder::PickNonMember(Rng& rng, int min_age) {
  const int n = static_cast<int>(w_.people.size());
  for (int tries = 0; tries < 1000; ++tries) {
    int p = static_cast<int>(rng.Below(static_cast<uint32_t>(n)));
    const Person& q = w_.people[p];
    if (q.member >= 0 || q.id_style == kIdBadCheck) continue;
    if (as_of_ - q.birth < 365 * min_age) continue;
    return p;
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Background: what happens to people who are not on the roll.

void Builder::Background() {
  Rng rng(opt_.seed, kStreamBackground);
  const int n = static_cast<int>(w_.people.size());
  // Deaths and moves.
  for (int p = 0; p < n; ++p) {
    Person& q = w_.people[p];
    if (q.member >= 0) continue;
    int age = (as_of_ - q.birth) / 365;
    int per_10k = age >= 80 ? 1500 : age >= 70 ? 500 : age >= 60 ? 160 : 20;
    uint32_t r = rng.Below(10000);
    if (static_cast<int>(r) < per_10k) {
      int32_t date = rng.Range(std::max(q.birth + 1, as_of_ - 365 * 8), as_of_);
      // 殡葬 knows most deaths, 卫健 those in hospital, 公安 some.
      bool any = false;
      if (date >= as_of_ - 365 * 6) {
        if (rng.Below(100) < 80) {
          AddDeath(p, date, kFuneral, kIdClean);
          any = true;
        }
        if (rng.Below(100) < 30) {
          AddDeath(p, date - rng.Range(0, 2), kHealth, kIdClean);
          any = true;
        }
        if (rng.Below(100) < 8) {
          AddDeath(p, date, kPolice, kIdClean);
          any = true;
        }
      }
      if (!any || rng.Below(100) < 85) {
        SetPopDead(p, std::min(as_of_, date + rng.Range(0, 30)));
        if (rng.Below(1000) < 15) q.status_date_blank = true;
      }
    } else if (static_cast<int>(r) < per_10k + 100) {
      q.status = kMovedOut;
      q.status_date = rng.Range(as_of_ - 365 * 10, as_of_);
    }
  }
  // Vehicles: about 0.2 per resident.
  const int vehicles = static_cast<int>(static_cast<int64_t>(n) * 196 / 1000);
  for (int i = 0; i < vehicles; ++i) {
    int p = PickNonMember(rng, 20);
    if (p < 0) break;
    int32_t earliest =
        std::max(w_.people[p].birth + 365 * 18, as_of_ - 365 * 22);
    int32_t date = rng.Range(earliest, as_of_);
    uint8_t type =
        static_cast<uint8_t>(rng.Weighted(kBackgroundVehicleWeights));
    uint8_t status =
        static_cast<uint8_t>(rng.Weighted(kBackgroundStatusWeights));
    uint8_t style = rng.Below(100) < 30 ? kIdLowerX : kIdClean;
    AddVehicle(p, date, type, status, style);
  }
  // Property: about 0.35 rows per resident; spouses co-own.
  const int rows_target = static_cast<int>(static_cast<int64_t>(n) * 35 / 100);
  int rows = 0;
  while (rows < rows_target) {
    int p = PickNonMember(rng, 22);
    if (p < 0) break;
    const Person& q = w_.people[p];
    uint32_t r = rng.Below(100);
    uint8_t use = r < 84 ? kResidential : r < 92 ? kCommercial : kGarage;
    bool active = rng.Below(100) >= 7;
    int32_t date =
        rng.Range(std::max(q.birth + 365 * 20, as_of_ - 365 * 25), as_of_);
    int32_t area = use == kResidential  ? DwellingArea(rng)
                   : use == kCommercial ? rng.Range(2000, 150000)
                                        : rng.Range(1200, 4000);
    // Co-owner: the spouse (head <-> spouse) when not on the roll.
    int co = -1;
    const Household& h = w_.households[q.household];
    if (rng.Below(100) < 45 && h.size >= 2) {
      int other = q.relation == kHead     ? h.first + 1
                  : q.relation == kSpouse ? h.first
                                          : -1;
      if (other >= 0 && w_.people[other].relation <= kSpouse &&
          w_.people[other].member < 0 &&
          w_.people[other].id_style != kIdBadCheck)
        co = other;
    }
    int home = (use == kResidential && rng.Below(100) < 60) ? q.household : -1;
    int t = co >= 0 ? AddTitle(date, use, active, area, {p, co}, home)
                    : AddTitle(date, use, active, area, {p}, home);
    w_.titles[t].street_no = rng.Range(1, 300);
    rows += co >= 0 ? 2 : 1;
  }
}

// ---------------------------------------------------------------------------
// Planted cases (flags and decoys). Counts are for 200,000 residents and
// scale with the population (at least one of each).

void Builder::Plant() {
  Rng rng(opt_.seed, kStreamPlant);
  auto repeat = [&](int base, const std::function<void()>& f) {
    for (int i = Scaled(base); i > 0; --i) f();
  };
  auto death_date = [&](int c) { return AfterEnrol(rng, c); };

  // DECEASED ---------------------------------------------------------------
  // A member of a multi-member case died (death record and register).
  repeat(12, [&] {
    int c = PickCase(rng, 2, 5);
    if (c < 0) return;
    int p = RandomMember(rng, c);
    int32_t d = death_date(c);
    AddDeath(p, d, rng.Below(100) < 70 ? kFuneral : kHealth, kIdClean);
    SetPopDead(p, std::min(as_of_, d + rng.Range(0, 25)));
  });
  // A single-member case: the whole case is dead.
  repeat(8, [&] {
    int c = PickCase(rng, 1, 1);
    if (c < 0) return;
    int p = Member(c, 0);
    int32_t d = death_date(c);
    AddDeath(p, d, kFuneral, kIdClean);
    if (rng.Below(100) < 60)
      SetPopDead(p, std::min(as_of_, d + rng.Range(1, 40)));
  });
  // Two members of one case died at different dates (half of them in
  // two-member cases, so that nobody is left).
  repeat(5, [&] {
    bool pair = rng.Below(100) < 50;
    int c = pair ? PickCase(rng, 2, 2) : PickCase(rng, 3, 5);
    if (c < 0) return;
    int a = Member(c, 0), b = Member(c, 1);
    int32_t d1 = death_date(c);
    int32_t d2 = death_date(c);
    if (d1 == d2) d2 = std::max(w_.cases[c].enrolled + 1, d2 - 17);
    AddDeath(a, d1, kFuneral, kIdClean);
    SetPopDead(a, std::min(as_of_, d1 + 5));
    AddDeath(b, d2, kHealth, kIdClean);
  });
  // Death known only from the population register.
  repeat(6, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    SetPopDead(RandomMember(rng, c), death_date(c));
  });
  // Death records carrying the old 15-digit ID of a member born before 1980.
  repeat(4, [&] {
    for (int tries = 0; tries < 50; ++tries) {
      int c = PickCase(rng, 1, 5);
      if (c < 0) return;
      for (int i = 0; i < w_.cases[c].n; ++i) {
        int p = Member(c, i);
        if (ToYmd(w_.people[p].birth).y < 1980) {
          AddDeath(p, death_date(c), kFuneral, kIdOld15);
          return;
        }
      }
      w_.cases[c].used = false;  // no one old enough: give it back
    }
  });
  // ... a lowercase x, full-width digits, digits typed in groups.
  repeat(3, [&] {
    for (int tries = 0; tries < 200; ++tries) {
      int c = PickCase(rng, 1, 5);
      if (c < 0) return;
      for (int i = 0; i < w_.cases[c].n; ++i) {
        int p = Member(c, i);
        if (CheckChar(w_.people[p].body) == 'X') {
          AddDeath(p, death_date(c), kFuneral, kIdLowerX);
          return;
        }
      }
      w_.cases[c].used = false;
    }
  });
  repeat(3, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddDeath(RandomMember(rng, c), death_date(c), kHealth, kIdFullWidth);
  });
  repeat(2, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddDeath(RandomMember(rng, c), death_date(c), kPolice, kIdSpaced);
  });
  // Two sources with different dates: the earliest counts.
  repeat(3, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int p = RandomMember(rng, c);
    int32_t d = death_date(c);
    AddDeath(p, d, kHealth, kIdClean);
    AddDeath(p, std::min(as_of_, d + rng.Range(2, 6)), kFuneral, kIdClean);
    SetPopDead(p, std::min(as_of_, d + rng.Range(6, 30)));
  });
  // Decoys: a death dated after the as-of date.
  repeat(5, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddDeath(RandomMember(rng, c), as_of_ + rng.Range(1, 60), kFuneral,
             kIdClean);
  });
  // A namesake (same name, another ID) died.
  repeat(5, [&] {
    int c = PickCase(rng, 1, 5);
    int q = PickNonMember(rng, 30);
    if (c < 0 || q < 0) return;
    int p = RandomMember(rng, c);
    w_.people[q].name = w_.people[p].name;
    int32_t d = AnyDate(rng, 5);
    AddDeath(q, d, kFuneral, kIdClean);
    SetPopDead(q, d + 3);
  });
  // A death record whose ID has a corrupted check digit (quarantined).
  repeat(4, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddDeath(RandomMember(rng, c), death_date(c), kFuneral, kIdBadCheck);
  });

  // VEHICLE ----------------------------------------------------------------
  auto car_type = [&]() -> uint8_t {
    constexpr uint8_t kCars[] = {kVtSedan, kVtSedan, kVtSedanCode, kVtSmallBus,
                                 kVtSmallBusCode};
    return kCars[rng.Below(std::size(kCars))];
  };
  // A car bought after enrolment.
  repeat(18, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddVehicle(Adult(rng, c), AfterEnrol(rng, c), car_type(), kVsA,
               rng.Below(100) < 30 ? kIdLowerX : kIdClean);
  });
  // A car bought before enrolment and still owned.
  repeat(10, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int p = Adult(rng, c);
    AddVehicle(p, BeforeEnrol(rng, c, 6, p), car_type(), kVsA);
  });
  // Trucks, vans, buses; G (unpaid fines) and Q (overdue inspection) still own.
  repeat(8, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    constexpr uint8_t kTypes[] = {kVtHeavyTruck, kVtLightTruck, kVtVan,
                                  kVtMiniVan, kVtMediumBus};
    AddVehicle(
        Adult(rng, c), rng.Range(w_.cases[c].enrolled - 900, as_of_ - 35),
        kTypes[rng.Below(std::size(kTypes))], rng.Below(2) ? kVsG : kVsQ);
  });
  // Two vehicles: the earliest counts.
  repeat(4, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int p = Adult(rng, c);
    AddVehicle(p, AfterEnrol(rng, c), car_type(), kVsA);
    AddVehicle(p, AfterEnrol(rng, c), kVtLightTruck, kVsA);
  });
  // Decoys: exempt types, gone vehicles, after the as-of date, namesakes,
  // a relative in the same hukou who is not on the case.
  auto decoy_vehicle = [&](int base, std::initializer_list<uint8_t> types,
                           std::initializer_list<uint8_t> statuses) {
    std::vector<uint8_t> ty(types), st(statuses);
    repeat(base, [&] {
      int c = PickCase(rng, 1, 5);
      if (c < 0) return;
      AddVehicle(Adult(rng, c), AnyDate(rng, 10),
                 ty[rng.Below(static_cast<uint32_t>(ty.size()))],
                 st[rng.Below(static_cast<uint32_t>(st.size()))]);
    });
  };
  decoy_vehicle(6, {kVtMotorcycle, kVtMoped}, {kVsA, kVsG, kVsQ});
  decoy_vehicle(6, {kVtTricycle, kVtLowSpeed}, {kVsA, kVsQ});
  decoy_vehicle(3, {kVtDisability}, {kVsA});
  decoy_vehicle(3, {kVtTractor, kVtWheelTractor}, {kVsA});
  decoy_vehicle(4, {kVtSedan, kVtSmallBus}, {kVsP});
  decoy_vehicle(4, {kVtSedan, kVtSedanCode}, {kVsB});
  decoy_vehicle(3, {kVtSedan, kVtHeavyTruck}, {kVsE, kVsM});
  repeat(2, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddVehicle(Adult(rng, c), as_of_ + rng.Range(1, 60), kVtSedan, kVsA);
  });
  repeat(5, [&] {
    int c = PickCase(rng, 1, 5);
    int q = PickNonMember(rng, 25);
    if (c < 0 || q < 0) return;
    w_.people[q].name = w_.people[Adult(rng, c)].name;
    AddVehicle(q, AnyDate(rng, 6), kVtSedan, kVsA);
  });
  repeat(4, [&] {
    for (int tries = 0; tries < 50; ++tries) {
      int c = PickCase(rng, 1, 4);
      if (c < 0) return;
      const Household& h = w_.households[w_.cases[c].household];
      if (h.size > w_.cases[c].n &&
          as_of_ - w_.people[h.first + w_.cases[c].n].birth > 365 * 20) {
        AddVehicle(h.first + w_.cases[c].n, AnyDate(rng, 6), kVtSedan, kVsA);
        return;
      }
      w_.cases[c].used = false;
    }
  });

  // PROPERTY ---------------------------------------------------------------
  auto home = [&](int c) { return w_.cases[c].household; };
  // A dwelling bought after enrolment.
  repeat(15, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddTitle(AfterEnrol(rng, c), kResidential, true, DwellingArea(rng),
             {Adult(rng, c)}, -1);
  });
  // A commercial shop, bought any time.
  repeat(8, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddTitle(rng.Range(w_.cases[c].enrolled - 2000, as_of_ - 35), kCommercial,
             true, rng.Range(1500, 130000), {Adult(rng, c)}, -1);
  });
  // A second dwelling co-owned by two members of the case (both titles
  // before enrolment: only the count of dwellings flags them).
  repeat(6, [&] {
    int c = PickCase(rng, 2, 5, 2);
    if (c < 0) return;
    int a = AdultMember(c, 0), b = AdultMember(c, 1);
    AddTitle(BeforeEnrol(rng, c, 15, a), kResidential, true, DwellingArea(rng),
             {a}, home(c));
    AddTitle(BeforeEnrol(rng, c, 8, b), kResidential, true, DwellingArea(rng),
             {a, b}, -1);
  });
  // A second dwelling co-owned with someone outside the case.
  repeat(6, [&] {
    int c = PickCase(rng, 1, 5);
    int q = PickNonMember(rng, 22);
    if (c < 0 || q < 0) return;
    int a = Adult(rng, c);
    AddTitle(BeforeEnrol(rng, c, 15, a), kResidential, true, DwellingArea(rng),
             {a}, home(c));
    int32_t d2 = rng.Below(2) ? BeforeEnrol(rng, c, 5, a) : AfterEnrol(rng, c);
    AddTitle(d2, kResidential, true, DwellingArea(rng), {q, a}, -1);
  });
  // Two members, one dwelling each, both before enrolment.
  repeat(4, [&] {
    int c = PickCase(rng, 2, 5, 2);
    if (c < 0) return;
    int a = AdultMember(c, 0), b = AdultMember(c, 1);
    AddTitle(BeforeEnrol(rng, c, 20, a), kResidential, true, DwellingArea(rng),
             {a}, home(c));
    AddTitle(BeforeEnrol(rng, c, 10, b), kResidential, true, DwellingArea(rng),
             {b}, -1);
  });
  // Decoys: the one home, bought before enrolment.
  repeat(10, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddTitle(BeforeEnrol(rng, c, 20, Member(c, 0)), kResidential, true,
             DwellingArea(rng), {Member(c, 0)}, home(c));
  });
  // ... that home co-owned by two members (one certificate: one dwelling).
  repeat(4, [&] {
    int c = PickCase(rng, 2, 5, 2);
    if (c < 0) return;
    int a = AdultMember(c, 0), b = AdultMember(c, 1);
    AddTitle(BeforeEnrol(rng, c, 20, b), kResidential, true, DwellingArea(rng),
             {a, b}, home(c));
  });
  // ... plus a second dwelling bought after enrolment but since sold (注销).
  repeat(5, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int a = Adult(rng, c);
    AddTitle(BeforeEnrol(rng, c, 20, a), kResidential, true, DwellingArea(rng),
             {a}, home(c));
    AddTitle(AfterEnrol(rng, c), kResidential, false, DwellingArea(rng), {a},
             -1);
  });
  // ... a garage bought after enrolment.
  repeat(5, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddTitle(AfterEnrol(rng, c), kGarage, true, rng.Range(1200, 3800),
             {Adult(rng, c)}, -1);
  });
  // ... a shop whose title is cancelled.
  repeat(3, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddTitle(AnyDate(rng, 10), kCommercial, false, rng.Range(1500, 90000),
             {Adult(rng, c)}, -1);
  });
  // ... a dwelling registered after the as-of date.
  repeat(2, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddTitle(as_of_ + rng.Range(1, 60), kResidential, true, DwellingArea(rng),
             {Adult(rng, c)}, -1);
  });

  PlantMore(rng);

  // Every other case: most own their home (before enrolment), some ride an
  // exempt vehicle. None of this may raise a flag.
  for (size_t i = 0; i < w_.cases.size(); ++i) {
    Case& c = w_.cases[i];
    if (c.used) continue;
    int ci = static_cast<int>(i);
    if (rng.Below(100) < 30 && c.enrolled > as_of_ - 365 * 30) {
      AddTitle(BeforeEnrol(rng, ci, 25, Member(ci, 0)), kResidential, true,
               DwellingArea(rng), {Member(ci, 0)}, home(ci));
    }
    if (rng.Below(100) < 6) {
      constexpr uint8_t kExempt[] = {kVtMotorcycle, kVtMoped, kVtTricycle,
                                     kVtLowSpeed, kVtTractor};
      AddVehicle(Adult(rng, ci), rng.Range(as_of_ - 365 * 10, as_of_),
                 kExempt[rng.Below(std::size(kExempt))], kVsA);
    }
  }

  // Population rows with a wrong check digit (quarantined), never members.
  int bad = std::max(3, opt_.residents / 40000);
  for (int i = 0; i < bad; ++i) {
    int q = PickNonMember(rng, 0);
    if (q < 0) break;
    w_.people[q].id_style = kIdBadCheck;
    ++w_.pop_quarantined;
  }
}

// ---------------------------------------------------------------------------
// The grounds of issue 3: MOVED, INCOME, ASSETS, BUSINESS, PUBLIC_PAY,
// DUPLICATE, PAYMENT, UNDERPAID, each with its decoys (configs/rules/
// README.md gives the exact rules the truth follows).

void Builder::PlantMore(Rng& rng) {
  auto repeat = [&](int base, const std::function<void()>& f) {
    for (int i = Scaled(base); i > 0; --i) f();
  };
  const int am = Date{as_of_}.month_index();
  auto month_of = [](int32_t d) { return Date{d}.month_index(); };
  auto enrol_month = [&](int c) { return month_of(w_.cases[c].enrolled); };
  // A case whose enrolment month satisfies `ok` (a few tries).
  auto pick_if = [&](int min_n, int max_n,
                     const std::function<bool(const Case&)>& ok) {
    for (int tries = 0; tries < 400; ++tries) {
      int c = PickCase(rng, min_n, max_n);
      if (c < 0) return -1;
      if (ok(w_.cases[c])) return c;
      w_.cases[c].used = false;
    }
    return -1;
  };
  auto before_raise = [&](const Case& c) {
    return month_of(c.enrolled) < kRaiseMonth - 6;
  };
  auto line = [&](int c, int m) {
    return StandardFen(w_.cases[c].urban, m) * w_.cases[c].n;
  };
  auto mig = [&](int p, int32_t d, uint8_t e) {
    w_.migrations.push_back({p, d, e});
  };
  auto tax = [&](int p, int m, int64_t fen) {
    w_.taxes.push_back(
        {p, m,
         static_cast<uint8_t>(rng.Below(100) < 80 ? kTaxWage : rng.Range(1, 2)),
         fen});
  };
  auto pay = [&](int p, int m0, int m1, uint8_t kind, int64_t fen) {
    for (int m = m0; m <= m1; ++m) w_.payrolls.push_back({p, m, kind, fen});
  };
  auto new_account = [&] {
    return 6228231000000000000ULL + rng.Next() % 1000000000000ULL * 10 +
           rng.Below(10);
  };
  auto bank = [&](int p, int32_t d, int64_t fen, uint64_t account) {
    w_.banks.push_back({p, d, fen, account,
                        static_cast<uint8_t>(rng.Below(std::size(kBanks)))});
  };
  auto biz = [&](int p, int32_t d, int64_t wan_hundredths, uint8_t role,
                 uint8_t status) {
    w_.businesses.push_back({p, d, wan_hundredths * 10000, role, status});
  };

  // MOVED ------------------------------------------------------------------
  repeat(8, [&] {
    int c = PickCase(rng, 2, 5);
    if (c >= 0) mig(RandomMember(rng, c), AfterEnrol(rng, c), kMoveOut);
  });
  repeat(5, [&] {
    int c = PickCase(rng, 2, 5);
    if (c >= 0) mig(RandomMember(rng, c), AfterEnrol(rng, c), kMarryOut);
  });
  repeat(4, [&] {  // the register only: 迁出
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    Person& q = w_.people[RandomMember(rng, c)];
    q.status = kMovedOut;
    q.status_date = AfterEnrol(rng, c);
  });
  repeat(3, [&] {  // 服刑
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    Person& q = w_.people[RandomMember(rng, c)];
    q.status = kImprisoned;
    q.status_date = AfterEnrol(rng, c);
  });
  repeat(3, [&] {  // a one-member case: the whole case
    int c = PickCase(rng, 1, 1);
    if (c >= 0) mig(Member(c, 0), AfterEnrol(rng, c), kMoveOut);
  });
  repeat(2, [&] {  // both members of a two-member case, at different dates
    int c = PickCase(rng, 2, 2);
    if (c < 0) return;
    int32_t d1 = AfterEnrol(rng, c), d2 = AfterEnrol(rng, c);
    if (d1 == d2) d2 = std::max(w_.cases[c].enrolled + 1, d2 - 20);
    mig(Member(c, 0), d1, kMoveOut);
    mig(Member(c, 1), d2, kMarryOut);
  });
  repeat(2, [&] {  // migration and register disagree: the earliest counts
    int c = PickCase(rng, 2, 5);
    if (c < 0) return;
    int p = RandomMember(rng, c);
    int32_t d = AfterEnrol(rng, c);
    mig(p, d, kMoveOut);
    w_.people[p].status = kMovedOut;
    w_.people[p].status_date = std::min(as_of_, d + rng.Range(3, 40));
  });
  // Decoys: married and stayed, moved in, moving after the as-of date.
  repeat(4, [&] {
    int c = PickCase(rng, 1, 5);
    if (c >= 0) mig(RandomMember(rng, c), AnyDate(rng, 8), kMarry);
  });
  repeat(2, [&] {
    int c = PickCase(rng, 1, 5);
    if (c >= 0) mig(RandomMember(rng, c), AnyDate(rng, 8), kMoveIn);
  });
  repeat(2, [&] {
    int c = PickCase(rng, 1, 5);
    if (c >= 0) mig(RandomMember(rng, c), as_of_ + rng.Range(1, 60), kMoveOut);
  });

  // INCOME -----------------------------------------------------------------
  repeat(8, [&] {  // wages over the line for some months
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int p = Adult(rng, c);
    int m0 = month_of(AfterEnrol(rng, c));
    int m1 = std::min(am, m0 + rng.Range(2, 11));
    for (int m = m0; m <= m1; ++m) tax(p, m, line(c, m) + rng.Range(1, 80000));
  });
  repeat(2, [&] {  // one month, over by one fen
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int m = month_of(AfterEnrol(rng, c));
    tax(Adult(rng, c), m, line(c, m) + 1);
  });
  repeat(3, [&] {  // decoy: exactly at the line
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int p = Adult(rng, c);
    int m0 = month_of(AfterEnrol(rng, c));
    for (int m = m0; m <= std::min(am, m0 + 4); ++m) tax(p, m, line(c, m));
  });
  repeat(2, [&] {  // decoy: just under, earned by two members
    int c = PickCase(rng, 2, 5);
    if (c < 0) return;
    int m = month_of(AfterEnrol(rng, c));
    int64_t a = line(c, m) / 3;
    tax(Member(c, 0), m, a);
    tax(Member(c, 1), m, line(c, m) - 1 - a);
  });
  repeat(3, [&] {  // between the old and the new standard across the raise
    int c = pick_if(1, 5, before_raise);
    if (c < 0) return;
    int p = Adult(rng, c);
    int64_t per =
        StandardFen(w_.cases[c].urban, kRaiseMonth - 1) + rng.Range(1, 5000);
    for (int m = kRaiseMonth - 4; m <= std::min(am, kRaiseMonth + 3); ++m)
      tax(p, m, per * w_.cases[c].n);
  });
  repeat(2, [&] {  // decoy: the same, only after the raise
    int c = pick_if(1, 5, before_raise);
    if (c < 0) return;
    int p = Adult(rng, c);
    int64_t per =
        StandardFen(w_.cases[c].urban, kRaiseMonth - 1) + rng.Range(1, 5000);
    for (int m = kRaiseMonth; m <= std::min(am, kRaiseMonth + 3); ++m)
      tax(p, m, per * w_.cases[c].n);
  });
  repeat(2, [&] {  // decoy: high income before enrolment only
    int c = pick_if(1, 5, [&](const Case& k) {
      return month_of(k.enrolled) > kFirstStandardMonth + 24;
    });
    if (c < 0) return;
    int p = Adult(rng, c);
    for (int m = enrol_month(c) - 6; m < enrol_month(c); ++m)
      tax(p, m, line(c, m) * 3);
  });
  repeat(1, [&] {  // decoy: a period after the as-of month
    int c = PickCase(rng, 1, 5);
    if (c >= 0) tax(Adult(rng, c), am + 1, line(c, am) * 4);
  });

  // PUBLIC_PAY -------------------------------------------------------------
  auto pay_months = [&](int c, int* m0, int* m1) {
    *m0 = month_of(AfterEnrol(rng, c));
    *m1 = std::min(am, *m0 + rng.Range(1, 5));
  };
  int m0, m1;
  repeat(4, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    pay_months(c, &m0, &m1);
    pay(Adult(rng, c), m0, m1, kPayPublic, rng.Range(3000, 6500) * 100);
  });
  repeat(6, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    pay_months(c, &m0, &m1);
    pay(Adult(rng, c), m0, m1, kPayWelfareJob,
        rng.Range(1500, 2200) * 100 + (rng.Below(2) ? 50 : 0));
  });
  repeat(4, [&] {  // a pension above the line (1000.00)
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    pay_months(c, &m0, &m1);
    pay(Adult(rng, c), m0, m1, kPayPension,
        rng.Below(4) == 0 ? 100001 : rng.Range(1001, 3000) * 100);
  });
  repeat(3, [&] {  // decoy: a pension exactly at the line
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    pay_months(c, &m0, &m1);
    pay(Adult(rng, c), m0, m1, kPayPension, 100000);
  });
  repeat(2, [&] {  // decoy: a pension below the line
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    pay_months(c, &m0, &m1);
    pay(Adult(rng, c), m0, m1, kPayPension, rng.Range(300, 999) * 100);
  });
  repeat(3, [&] {  // decoy: housing fund contributions
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    pay_months(c, &m0, &m1);
    pay(Adult(rng, c), m0, m1, kPayHousingFund, rng.Range(100, 400) * 100);
  });
  repeat(2, [&] {  // decoy: public payroll starting after the as-of month
    int c = PickCase(rng, 1, 5);
    if (c >= 0) pay(Adult(rng, c), am + 1, am + 2, kPayPublic, 420000);
  });

  // ASSETS -----------------------------------------------------------------
  auto limit = [&](int c, int32_t d) { return 24 * line(c, month_of(d)); };
  repeat(6, [&] {  // below, then above
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int p = Adult(rng, c);
    uint64_t account = new_account();
    int32_t d1 = AfterEnrol(rng, c);
    bank(p, d1, limit(c, d1) / 3, account);
    if (d1 + 1 > as_of_ - 1) return;
    int32_t d2 = rng.Range(d1 + 1, as_of_ - 1);
    bank(p, d2, limit(c, d2) + rng.Range(1, 5000000), account);
  });
  repeat(2, [&] {  // one fen above
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int32_t d = AfterEnrol(rng, c);
    bank(Adult(rng, c), d, limit(c, d) + 1, new_account());
  });
  repeat(3, [&] {  // decoy: exactly at the threshold
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int32_t d = AfterEnrol(rng, c);
    bank(Adult(rng, c), d, limit(c, d), new_account());
  });
  repeat(2, [&] {  // two members, over together
    int c = PickCase(rng, 2, 5);
    if (c < 0) return;
    int32_t d = AfterEnrol(rng, c);
    int64_t half = limit(c, d) / 2 + 100000;
    bank(Member(c, 0), d, half, new_account());
    bank(Member(c, 1), d, half, new_account());
  });
  repeat(2, [&] {  // at the new threshold before the raise: over the old one
    int c = pick_if(1, 5, before_raise);
    if (c < 0) return;
    int32_t d = rng.Range(
        std::max(w_.cases[c].enrolled + 1, Date::FromYmd(2025, 1, 1).days),
        Date::FromYmd(2025, 6, 30).days);
    bank(Adult(rng, c), d, 24 * line(c, kRaiseMonth), new_account());
  });
  repeat(2, [&] {  // decoy: the same after the raise
    int c = pick_if(1, 5, before_raise);
    if (c < 0) return;
    int32_t d = rng.Range(Date::FromYmd(2025, 7, 1).days, as_of_ - 1);
    bank(Adult(rng, c), d, 24 * line(c, kRaiseMonth), new_account());
  });
  repeat(2, [&] {  // decoy: a balance dated after the as-of date
    int c = PickCase(rng, 1, 5);
    if (c >= 0)
      bank(Adult(rng, c), as_of_ + rng.Range(1, 30), limit(c, as_of_) * 2,
           new_account());
  });

  // PAYMENT ----------------------------------------------------------------
  repeat(4, [&] {  // the account is someone else's
    int c = PickCase(rng, 1, 5);
    int q = PickNonMember(rng, 25);
    if (c < 0 || q < 0) return;
    bank(q, AnyDate(rng, 2), rng.Range(100, 900000), w_.cases[c].account);
  });
  repeat(6, [&] {  // decoy: the account is a member's
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    bank(Adult(rng, c), AnyDate(rng, 2), rng.Range(100, 300000),
         w_.cases[c].account);
  });
  repeat(4, [&] {  // two cases paid into one account
    int a = PickCase(rng, 1, 5), b = PickCase(rng, 1, 5);
    if (a < 0 || b < 0) return;
    w_.cases[b].account = w_.cases[a].account;
  });

  // BUSINESS (capital in hundredths of 万元; the threshold is 5 万元) -------
  auto biz_date = [&](int c) {
    return rng.Below(2) ? AfterEnrol(rng, c) : BeforeEnrol(rng, c, 8);
  };
  repeat(5, [&] {
    int c = PickCase(rng, 1, 5);
    if (c >= 0)
      biz(Adult(rng, c), biz_date(c), rng.Range(6, 300) * 100, kLegalRep,
          kBizActive);
  });
  repeat(3, [&] {
    int c = PickCase(rng, 1, 5);
    if (c >= 0)
      biz(Adult(rng, c), biz_date(c), rng.Range(6, 100) * 100, kShareholder,
          kBizActive);
  });
  repeat(1, [&] {  // 5.01 万元: just over
    int c = PickCase(rng, 1, 5);
    if (c >= 0) biz(Adult(rng, c), biz_date(c), 501, kLegalRep, kBizActive);
  });
  repeat(3, [&] {  // decoy: deregistered before enrolment
    int c = PickCase(rng, 1, 5);
    if (c >= 0)
      biz(Adult(rng, c), BeforeEnrol(rng, c, 10), rng.Range(10, 200) * 100,
          kLegalRep, kBizDeregistered);
  });
  repeat(2, [&] {  // decoy: revoked
    int c = PickCase(rng, 1, 5);
    if (c >= 0)
      biz(Adult(rng, c), biz_date(c), rng.Range(10, 200) * 100, kShareholder,
          kBizRevoked);
  });
  repeat(3, [&] {  // decoy: exactly 5 万元
    int c = PickCase(rng, 1, 5);
    if (c >= 0) biz(Adult(rng, c), biz_date(c), 500, kLegalRep, kBizActive);
  });
  repeat(2, [&] {  // decoy: a supervisor
    int c = PickCase(rng, 1, 5);
    if (c >= 0)
      biz(Adult(rng, c), biz_date(c), rng.Range(10, 200) * 100, kSupervisor,
          kBizActive);
  });
  repeat(1, [&] {  // decoy: registered after the as-of date
    int c = PickCase(rng, 1, 5);
    if (c >= 0)
      biz(Adult(rng, c), as_of_ + rng.Range(1, 60), 2000, kLegalRep,
          kBizActive);
  });

  // DUPLICATE: a member of one case also in a later, one-member case ------
  int extra = 0;
  repeat(4, [&] {
    int a = PickCase(rng, 1, 5);
    if (a < 0 || w_.cases[a].enrolled + 30 > as_of_ - 60) return;
    const Case& ca = w_.cases[a];
    Case c;
    c.household = ca.household;
    c.first_member = static_cast<int32_t>(w_.members.size());
    c.n = 1;
    c.urban = ca.urban;
    c.category = static_cast<uint8_t>(rng.Below(3));
    c.income_fen = ca.income_fen;
    c.enrolled = rng.Range(ca.enrolled + 30, as_of_ - 60);
    c.monthly_fen = StandardFen(c.urban, am) - c.income_fen;
    c.account = new_account();
    c.phone = 0;
    c.used = true;
    c.id = std::string(
        w_.county->townships[w_.households[ca.household].township].code);
    AppendPad(&c.id, static_cast<uint64_t>(ToYmd(c.enrolled).y), 4);
    AppendPad(&c.id, static_cast<uint64_t>(90000 + extra++), 5);
    w_.members.push_back(RandomMember(rng, a));
    w_.member_case.push_back(static_cast<int32_t>(w_.cases.size()));
    w_.cases.push_back(std::move(c));
  });

  // UNDERPAID ---------------------------------------------------------------
  auto due = [&](int c, int m) {
    const Case& k = w_.cases[c];
    return std::max<int64_t>(0, StandardFen(k.urban, m) - k.income_fen) * k.n;
  };
  repeat(8, [&] {  // the raise never applied
    int c = pick_if(1, 5, before_raise);
    if (c >= 0) w_.cases[c].monthly_fen = due(c, kRaiseMonth - 1);
  });
  repeat(2, [&] {  // one fen short since the raise
    int c = pick_if(1, 5, before_raise);
    if (c >= 0) w_.cases[c].monthly_fen = due(c, am) - 1;
  });
  repeat(2, [&] {  // enrolled after the raise, short from the start
    int c = pick_if(1, 5, [&](const Case& k) {
      return month_of(k.enrolled) >= kRaiseMonth;
    });
    if (c >= 0) w_.cases[c].monthly_fen = due(c, am) - rng.Range(1, 50) * 100;
  });
  // Decoys: the raise never applied either, but the roll carries no declared
  // income, so the top-up cannot be computed (the run says so once).
  repeat(3, [&] {
    int c = pick_if(1, 5, before_raise);
    if (c < 0) return;
    w_.cases[c].monthly_fen = due(c, kRaiseMonth - 1);
    w_.cases[c].income_blank = true;
  });
  // Decoys: every other case was adjusted correctly after the raise; these
  // are paid more than due.
  repeat(2, [&] {
    int c = pick_if(1, 5, before_raise);
    if (c >= 0) w_.cases[c].monthly_fen = due(c, am) + 1000;
  });

  // Background: the same feeds for people not on the roll.
  const int n = static_cast<int>(w_.people.size());
  Rng bg(opt_.seed, kStreamMore);
  for (int i = n / 100; i > 0; --i) {
    int q = PickNonMember(bg, 18);
    if (q >= 0)
      w_.migrations.push_back(
          {q, AnyDate(bg, 8), static_cast<uint8_t>(bg.Below(4))});
  }
  for (int i = n / 20; i > 0; --i) {
    int q = PickNonMember(bg, 20);
    if (q >= 0) {
      w_.taxes.push_back(
          {q, am - static_cast<int>(bg.Below(36)),
           static_cast<uint8_t>(bg.Below(3)),
           static_cast<int64_t>(bg.Range(500, 30000)) * 100 + bg.Below(100)});
    }
  }
  for (int i = n / 40; i > 0; --i) {
    int q = PickNonMember(bg, 20);
    if (q >= 0) {
      w_.payrolls.push_back({q, am - static_cast<int>(bg.Below(24)),
                             static_cast<uint8_t>(bg.Below(4)),
                             static_cast<int64_t>(bg.Range(300, 9000)) * 100});
    }
  }
  for (int i = n / 10; i > 0; --i) {
    int q = PickNonMember(bg, 16);
    if (q >= 0) {
      w_.banks.push_back(
          {q, AnyDate(bg, 3),
           static_cast<int64_t>(bg.Range(0, 2000000)) * 10 + bg.Below(10),
           6217000000000000000ULL + bg.Next() % 1000000000000ULL,
           static_cast<uint8_t>(bg.Below(4))});
    }
  }
  for (int i = n / 100; i > 0; --i) {
    int q = PickNonMember(bg, 22);
    if (q >= 0) {
      w_.businesses.push_back(
          {q, AnyDate(bg, 15),
           static_cast<int64_t>(bg.Range(1, 1000)) * 1000000,
           static_cast<uint8_t>(bg.Below(3)),
           static_cast<uint8_t>(bg.Below(3))});
    }
  }
}

// ---------------------------------------------------------------------------
// The family grounds of issue 4: SPLIT, MERGE, CADRE_KIN, each with its
// decoys (configs/rules/README.md gives the rules the truth follows).

// Who lives together: one string per dwelling, equal exactly when the
// engine's DwellingKey of the register addresses is (village + group + house
// number; an urban flat down to its room).
std::string DwellingOf(const World& w, const Household& h) {
  std::string key = std::to_string(h.village);
  if (w.villages[h.village]->urban) {
    for (int v : {int(h.street), int(h.number), int(h.building), int(h.unit),
                  int(h.room)})
      key += "|" + std::to_string(v);
  } else {
    for (int v : {int(h.group), int(h.number)}) key += "|" + std::to_string(v);
  }
  return key;
}

void Builder::LinkKin() {
  for (const Household& h : w_.households) {
    int head = h.first, spouse = -1, father = -1, mother = -1;
    for (int i = 1; i < h.size; ++i) {
      uint8_t r = w_.people[h.first + i].relation;
      if (r == kSpouse) spouse = h.first + i;
      if (r == kFather) father = h.first + i;
      if (r == kMother) mother = h.first + i;
    }
    Person& hp = w_.people[head];
    if (spouse >= 0) {
      hp.spouse = spouse;
      w_.people[spouse].spouse = head;
    }
    hp.father = father;
    hp.mother = mother;
    int dad = hp.male ? head : spouse, mom = hp.male ? spouse : head;
    for (int i = 1; i < h.size; ++i) {
      Person& p = w_.people[h.first + i];
      if (p.relation == kSon || p.relation == kDaughter) {
        p.father = dad;
        p.mother = mom;
      }
    }
  }
}

void Builder::PlantFamily() {
  Rng rng(opt_.seed, kStreamFamily);
  auto repeat = [&](int base, const std::function<void()>& f) {
    for (int i = Scaled(base); i > 0; --i) f();
  };
  const int am = Date{as_of_}.month_index();
  const int nh = static_cast<int>(w_.households.size());
  std::vector<uint8_t> busy(w_.households.size(), 0);
  for (int p : w_.members) busy[w_.people[p].household] = 1;
  for (const World::Cadre& c : w_.cadres)
    busy[w_.people[c.person].household] = 1;
  auto age = [&](int p) { return (as_of_ - w_.people[p].birth) / 365; };
  auto free_person = [&](int p) {
    const Person& q = w_.people[p];
    return q.member < 0 && q.status == kNormal && q.id_style != kIdBadCheck;
  };
  // A household nobody has touched: no case, every member alive and
  // registered, its head of the given age.
  auto free_household = [&](int min_size, int max_size, int min_age,
                            int max_age, int urban = -1) {
    for (int tries = 0; tries < 20000; ++tries) {
      int hh = static_cast<int>(rng.Below(static_cast<uint32_t>(nh)));
      const Household& h = w_.households[hh];
      if (busy[hh] || h.size < min_size || h.size > max_size) continue;
      if (urban >= 0 && w_.villages[h.village]->urban != (urban == 1)) continue;
      int a = age(h.first);
      if (a < min_age || a > max_age) continue;
      bool ok = true;
      for (int i = 0; i < h.size; ++i) ok = ok && free_person(h.first + i);
      if (!ok) continue;
      busy[hh] = 1;
      return hh;
    }
    return -1;
  };
  auto copy_address = [&](int to, int from) {
    Household& t = w_.households[to];
    const Household& f = w_.households[from];
    t.village = f.village;
    t.township = f.township;
    t.group = f.group;
    t.number = f.number;
    t.street = f.street;
    t.building = f.building;
    t.unit = f.unit;
    t.room = f.room;
  };
  int serial = 0;
  auto new_case = [&](int hh, const std::vector<int>& persons) {
    const Household& h = w_.households[hh];
    Case c;
    c.household = hh;
    c.first_member = static_cast<int32_t>(w_.members.size());
    c.n = static_cast<int32_t>(persons.size());
    c.urban = w_.villages[h.village]->urban;
    c.category = static_cast<uint8_t>(rng.Weighted({20, 40, 40}));
    c.income_fen = c.category == 0 ? 0 : rng.Range(50, 400) * 100;
    c.monthly_fen = (StandardFen(c.urban, am) - c.income_fen) * c.n;
    c.enrolled = rng.Range(as_of_ - 365 * 8, as_of_ - 120);
    c.account = 6228232000000000000ULL + rng.Next() % 1000000000000ULL * 10 +
                rng.Below(10);
    c.phone = 13900000000ULL + rng.Next() % 100000000ULL;
    c.used = true;
    c.id = std::string(w_.county->townships[h.township].code);
    AppendPad(&c.id, static_cast<uint64_t>(ToYmd(c.enrolled).y), 4);
    AppendPad(&c.id, static_cast<uint64_t>(80000 + serial++), 5);
    int ci = static_cast<int>(w_.cases.size());
    for (int p : persons) {
      w_.people[p].member = static_cast<int32_t>(w_.members.size());
      w_.members.push_back(p);
      w_.member_case.push_back(ci);
    }
    w_.cases.push_back(std::move(c));
    return ci;
  };
  auto whole = [&](int hh, int max_n = 5) {
    std::vector<int> v;
    for (int i = 0; i < w_.households[hh].size && i < max_n; ++i)
      v.push_back(w_.households[hh].first + i);
    return v;
  };
  // The head of `child_hh` is a child of the head (and spouse) of `parent_hh`.
  auto make_child_of = [&](int child_hh, int parent_hh) {
    const Household& ph = w_.households[parent_hh];
    int head = ph.first, spouse = w_.people[head].spouse;
    Person& c = w_.people[w_.households[child_hh].first];
    c.father = w_.people[head].male ? head : spouse;
    c.mother = w_.people[head].male ? spouse : head;
  };
  auto elderly_and_child = [&](int urban, int* parent_hh, int* child_hh) {
    *parent_hh = free_household(1, 2, 62, 88, urban);
    if (*parent_hh < 0) return false;
    int pa = age(w_.households[*parent_hh].first);
    *child_hh = free_household(1, 4, 24, pa - 22, urban);
    if (*child_hh < 0) return false;
    make_child_of(*child_hh, *parent_hh);
    return true;
  };

  // SPLIT -------------------------------------------------------------------
  repeat(6, [&] {  // one hukou household, two cases (一户保一人)
    int hh = free_household(3, 6, 30, 80);
    if (hh < 0) return;
    std::vector<int> all = whole(hh, 6);
    int k = 1 + static_cast<int>(rng.Below(2));
    new_case(hh, std::vector<int>(all.begin(), all.begin() + k));
    new_case(hh, std::vector<int>(all.begin() + k, all.end()));
  });
  repeat(5, [&] {  // a grown child's own hukou, living at the parents' home
    int parent_hh, child_hh;
    if (!elderly_and_child(-1, &parent_hh, &child_hh)) return;
    copy_address(child_hh, parent_hh);
    new_case(parent_hh, whole(parent_hh));
    new_case(child_hh, whole(child_hh));
  });
  repeat(3, [&] {  // spouses registered in two hukou, each with a case
    int a = free_household(1, 1, 28, 70);
    if (a < 0) return;
    int b = -1;
    for (int tries = 0; tries < 50 && b < 0; ++tries) {
      b = free_household(1, 1, 28, 70);
      if (b >= 0 && w_.people[w_.households[b].first].male ==
                        w_.people[w_.households[a].first].male)
        b = -1;
    }
    if (b < 0) return;
    w_.people[w_.households[a].first].spouse = w_.households[b].first;
    w_.people[w_.households[b].first].spouse = w_.households[a].first;
    new_case(a, whole(a));
    new_case(b, whole(b));
  });
  repeat(2, [&] {  // one dwelling, one phone, two cases, no kin
    int a = free_household(1, 3, 25, 80), b = free_household(1, 3, 25, 80);
    if (a < 0 || b < 0) return;
    copy_address(b, a);
    int ca = new_case(a, whole(a)), cb = new_case(b, whole(b));
    w_.cases[cb].phone = w_.cases[ca].phone;
  });
  // Decoys: elderly parents with their own hukou and their own home.
  repeat(6, [&] {
    int parent_hh, child_hh;
    if (!elderly_and_child(-1, &parent_hh, &child_hh)) return;
    if (DwellingOf(w_, w_.households[child_hh]) ==
        DwellingOf(w_, w_.households[parent_hh])) {
      Household& c = w_.households[child_hh];
      c.number = static_cast<uint16_t>(c.number % 180 + 1);
    }
    new_case(parent_hh, whole(parent_hh));
    new_case(child_hh, whole(child_hh));
  });
  // ... parents and child in one apartment building, different flats.
  repeat(3, [&] {
    int parent_hh, child_hh;
    if (!elderly_and_child(1, &parent_hh, &child_hh)) return;
    copy_address(child_hh, parent_hh);
    Household& c = w_.households[child_hh];
    c.room = static_cast<uint16_t>(c.room % 100 == 4 ? c.room - 1 : c.room + 1);
    new_case(parent_hh, whole(parent_hh));
    new_case(child_hh, whole(child_hh));
  });
  // ... neighbours in one building, and two families of one surname in one
  // village (no kin in the register): nothing ties them.
  repeat(3, [&] {
    int a = free_household(1, 3, 25, 80, 1),
        b = free_household(1, 3, 25, 80, 1);
    if (a < 0 || b < 0) return;
    copy_address(b, a);
    Household& h = w_.households[b];
    h.room = static_cast<uint16_t>(h.room + 100 <= 604 ? h.room + 100
                                                       : h.room - 100);
    new_case(a, whole(a));
    new_case(b, whole(b));
  });
  repeat(3, [&] {
    int a = free_household(1, 3, 25, 80, 0),
        b = free_household(1, 3, 25, 80, 0);
    if (a < 0 || b < 0) return;
    Household& h = w_.households[b];
    int group = h.group, number = h.number;
    copy_address(b, a);
    h.group = static_cast<uint8_t>(group);
    h.number = static_cast<uint16_t>(number);
    if (DwellingOf(w_, h) == DwellingOf(w_, w_.households[a]))
      h.number = static_cast<uint16_t>(h.number % 180 + 1);
    // The same surname: the first character of the head's name.
    std::string& name = w_.people[h.first].name;
    const std::string& other = w_.people[w_.households[a].first].name;
    if (name.size() >= 3 && other.size() >= 3 &&
        name.find("·") == std::string::npos &&
        other.find("·") == std::string::npos) {
      name = other.substr(0, 3) + name.substr(3);
    }
    new_case(a, whole(a));
    new_case(b, whole(b));
  });
  // ... a generic phone (the village office's) on several cases, two of
  // them at one address.
  repeat(1, [&] {
    uint64_t phone = 13700000000ULL + rng.Next() % 100000000ULL;
    int first = -1;
    for (int k = 0; k < 5; ++k) {
      int hh = free_household(1, 3, 25, 80);
      if (hh < 0) return;
      if (k == 0) first = hh;
      if (k == 1) copy_address(hh, first);
      w_.cases[new_case(hh, whole(hh))].phone = phone;
    }
  });

  // MERGE -------------------------------------------------------------------
  repeat(6, [&] {  // 多户人集中一个户头，每户保1至2人
    int own = free_household(2, 6, 30, 70);
    if (own < 0) return;
    std::vector<int> persons = whole(own, 2 + static_cast<int>(rng.Below(2)));
    int others = 1 + static_cast<int>(rng.Below(2));
    for (int k = 0; k < others; ++k) {
      int hh = free_household(2, 6, 25, 80);
      if (hh < 0) break;
      const Household& h = w_.households[hh];
      int take = 1 + static_cast<int>(rng.Below(std::min<uint32_t>(
                         2, static_cast<uint32_t>(persons.size() - 1))));
      // Not the other household's head: the roll writes one 户主.
      for (int i = 1; i < h.size && take > 0; ++i, --take)
        persons.push_back(h.first + i);
    }
    new_case(own, persons);
  });
  // Decoys: an elderly parent with their own hukou in the child's case; a
  // spouse whose hukou stayed with her parents.
  repeat(3, [&] {
    int parent_hh, child_hh;
    if (!elderly_and_child(-1, &parent_hh, &child_hh)) return;
    std::vector<int> persons = whole(child_hh);
    persons.push_back(w_.households[parent_hh].first);
    new_case(child_hh, persons);
  });
  repeat(2, [&] {
    int a = free_household(1, 1, 28, 70);
    if (a < 0) return;
    int b = -1;
    for (int tries = 0; tries < 50 && b < 0; ++tries) {
      b = free_household(1, 1, 28, 70);
      if (b >= 0 && w_.people[w_.households[b].first].male ==
                        w_.people[w_.households[a].first].male)
        b = -1;
    }
    if (b < 0) return;
    int pa = w_.households[a].first, pb = w_.households[b].first;
    w_.people[pa].spouse = pb;
    w_.people[pb].spouse = pa;
    new_case(a, {pa, pb});
  });

  // CADRE_KIN ---------------------------------------------------------------
  auto id_style = [&] {
    uint32_t r = rng.Below(100);
    return static_cast<uint8_t>(r < 25   ? kCadreIdMissing
                                : r < 45 ? kCadreIdBadCheck
                                         : kCadreIdClean);
  };
  auto cadre = [&](int p, int township) {
    w_.cadres.push_back(
        {p, township, static_cast<uint8_t>(rng.Below(std::size(kCadrePosts))),
         id_style()});
  };
  auto township_of_case = [&](int c) {
    return w_.households[w_.cases[c].household].township;
  };
  repeat(3, [&] {  // a cadre on the roll
    int c = PickCase(rng, 1, 5, 1);
    if (c >= 0) cadre(Adult(rng, c), township_of_case(c));
  });
  // A cadre whose parent's case is in the cadre's township: the cadre lives
  // with them (not on the case) or apart (own hukou). The decoy: the same,
  // but the post is in another township.
  auto child_not_on_case = [&](int c) {
    const Case& k = w_.cases[c];
    const Household& h = w_.households[k.household];
    for (int i = k.n; i < h.size; ++i) {
      int p = h.first + i;
      const Person& q = w_.people[p];
      if ((q.relation == kSon || q.relation == kDaughter) && free_person(p) &&
          age(p) >= 22)
        return p;
    }
    return -1;
  };
  const int townships = static_cast<int>(w_.county->townships.size());
  for (int decoy = 0; decoy < 2; ++decoy) {
    repeat(decoy ? 3 : 4, [&] {
      for (int tries = 0; tries < 400; ++tries) {
        int c = PickCase(rng, 1, 4, 1);
        if (c < 0) return;
        int p = child_not_on_case(c);
        if (p < 0) {
          w_.cases[c].used = false;
          continue;
        }
        int t = township_of_case(c);
        cadre(p, decoy ? (t + 1) % townships : t);
        return;
      }
    });
  }
  repeat(3, [&] {
    int parent_hh, child_hh;
    if (!elderly_and_child(-1, &parent_hh, &child_hh)) return;
    new_case(parent_hh, whole(parent_hh));
    cadre(w_.households[child_hh].first, w_.households[parent_hh].township);
  });
  // The rest of the roster: cadres of every township, on nobody's case
  // unless by chance (the truth counts chance too).
  repeat(160, [&] {
    int p = PickNonMember(rng, 25);
    if (p >= 0) cadre(p, w_.households[w_.people[p].household].township);
  });
}

// Sorts records into export order and numbers the certificates.
void Builder::Finalize() {
  std::stable_sort(w_.deaths.begin(), w_.deaths.end(),
                   [](const DeathRecord& a, const DeathRecord& b) {
                     return a.date < b.date;
                   });
  std::stable_sort(w_.vehicles.begin(), w_.vehicles.end(),
                   [](const VehicleRecord& a, const VehicleRecord& b) {
                     return a.date < b.date;
                   });
  std::stable_sort(
      w_.titles.begin(), w_.titles.end(),
      [](const Title& a, const Title& b) { return a.date < b.date; });
  std::stable_sort(w_.migrations.begin(), w_.migrations.end(),
                   [](const World::Migration& a, const World::Migration& b) {
                     return a.date < b.date;
                   });
  std::stable_sort(w_.taxes.begin(), w_.taxes.end(),
                   [](const World::Tax& a, const World::Tax& b) {
                     return a.month < b.month;
                   });
  std::stable_sort(w_.payrolls.begin(), w_.payrolls.end(),
                   [](const World::Payroll& a, const World::Payroll& b) {
                     return a.month < b.month;
                   });
  std::stable_sort(w_.banks.begin(), w_.banks.end(),
                   [](const World::Bank& a, const World::Bank& b) {
                     return a.date < b.date;
                   });
  // Owners of a title whose ID would be quarantined in the population feed
  // keep their valid ID here: only the register row is broken.
  int last_year = 0, serial = 0;
  std::string county_short(w_.county->name);
  for (Title& t : w_.titles) {
    int y = ToYmd(t.date).y;
    if (y != last_year) {
      last_year = y;
      serial = 0;
    }
    ++serial;
    if (y >= 2016) {  // unified registration: 豫(2021)伊川县不动产权第0001234号
      t.certificate = "豫(";
      AppendUInt(&t.certificate, static_cast<uint64_t>(y));
      t.certificate += ")";
      t.certificate += county_short;
      t.certificate += "不动产权第";
      AppendPad(&t.certificate, static_cast<uint64_t>(serial), 7);
      t.certificate += "号";
    } else {  // older house titles, carried over: 伊房权证字第2009001234号
      t.certificate = "伊房权证字第";
      AppendUInt(&t.certificate, static_cast<uint64_t>(y));
      AppendPad(&t.certificate, static_cast<uint64_t>(serial), 6);
      t.certificate += "号";
    }
  }
  // One row with a wrong column count, in the middle of the export, on a
  // vehicle of someone not on the roll.
  for (size_t i = w_.vehicles.size() / 2; i < w_.vehicles.size(); ++i) {
    if (w_.people[w_.vehicles[i].person].member < 0) {
      w_.vehicles[i].bad_columns = true;
      break;
    }
  }
  // Malformed death lines.
  w_.malformed_death_lines = {
      "{\"sfzh\": \"410329195603120017\", \"xm\": \"张建国\", \"swrq\": "
      "\"2025-08-02\"",
      "以下为殡葬管理所2025年第三季度火化数据",
      "{\"sfzh\": \"410329194811230025\", \"xm\": \"李秀英\", \"swrq\": "
      "\"2025-07-14\", \"ly\": \"殡葬}",
      "{\"sfzh\": \"410329196201150013\", \"xm\": \"王",
  };
}

// ---------------------------------------------------------------------------
// The truth, by the rules of the matchers.

int MonthIndex(int32_t days) {
  Ymd t = ToYmd(days);
  return t.y * 12 + t.m - 1;
}

// SPLIT, MERGE and CADRE_KIN by the rules of configs/rules/README.md, over
// the world as the register and the roster write it.
void ComputeFamilyTruth(const World& w, int32_t as_of,
                        std::vector<TruthFlag>* out) {
  const int32_t np = static_cast<int32_t>(w.people.size());
  const int ma = MonthIndex(as_of);
  auto in_register = [&](int32_t p) {
    return p >= 0 && w.people[p].id_style != kIdBadCheck;
  };
  std::vector<std::string> dwelling(w.households.size());
  for (size_t h = 0; h < w.households.size(); ++h)
    dwelling[h] = DwellingOf(w, w.households[h]);
  auto together = [&](int32_t a, int32_t b) {
    return dwelling[w.people[a].household] == dwelling[w.people[b].household];
  };
  UnionFind family(static_cast<size_t>(np)), kin(static_cast<size_t>(np));
  std::vector<int32_t> first_in(w.households.size(), -1);
  std::unordered_map<int32_t, std::vector<int32_t>>
      children;  // parent → registered children
  std::map<std::pair<int32_t, std::string>, int32_t> first_child_at;
  for (int32_t p = 0; p < np; ++p) {
    if (!in_register(p)) continue;
    const Person& q = w.people[p];
    int32_t& f = first_in[q.household];
    if (f < 0) {
      f = p;
    } else {
      family.Union(f, p);
      kin.Union(f, p);
    }
    if (in_register(q.spouse)) {
      family.Union(p, q.spouse);
      kin.Union(p, q.spouse);
    }
    for (int32_t parent : {q.father, q.mother}) {
      if (parent < 0) continue;
      if (in_register(parent)) {
        kin.Union(p, parent);
        if (together(p, parent)) family.Union(p, parent);
      }
      std::vector<int32_t>& c = children[parent];
      if (!c.empty()) kin.Union(c.front(), p);
      c.push_back(p);
      auto [it, fresh] = first_child_at.emplace(
          std::make_pair(parent, dwelling[q.household]), p);
      if (!fresh) family.Union(it->second, p);
    }
  }
  // Accounts and phones of two or three cases, between members at one
  // dwelling (more cases: generic).
  std::vector<int32_t> by_id(w.cases.size());
  for (size_t i = 0; i < by_id.size(); ++i) by_id[i] = static_cast<int32_t>(i);
  std::sort(by_id.begin(), by_id.end(), [&](int32_t a, int32_t b) {
    return w.cases[a].id < w.cases[b].id;
  });
  auto sorted_members = [&](int32_t ci) {
    const Case& c = w.cases[ci];
    std::vector<int32_t> v(w.members.begin() + c.first_member,
                           w.members.begin() + c.first_member + c.n);
    std::sort(v.begin(), v.end(), [&](int32_t a, int32_t b) {
      return w.people[a].body < w.people[b].body;
    });
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  };
  for (int kind = 0; kind < 2; ++kind) {
    std::map<uint64_t, std::vector<int32_t>> cases_of;
    for (int32_t ci : by_id) {
      uint64_t v = kind == 0 ? w.cases[ci].account : w.cases[ci].phone;
      if (v) cases_of[v].push_back(ci);
    }
    for (const auto& [v, cs] : cases_of) {
      if (cs.size() < 2 || cs.size() > 3) continue;
      std::map<std::string, std::pair<int32_t, int32_t>> first_at;
      for (int32_t ci : cs) {
        for (int32_t p : sorted_members(ci)) {
          auto [it, fresh] = first_at.emplace(dwelling[w.people[p].household],
                                              std::make_pair(p, ci));
          if (!fresh && it->second.second != ci)
            family.Union(it->second.first, p);
        }
      }
    }
  }
  std::unordered_map<int32_t, int> cases_of_person;
  for (size_t ci = 0; ci < w.cases.size(); ++ci) {
    for (int32_t p : sorted_members(static_cast<int32_t>(ci)))
      ++cases_of_person[p];
  }
  auto usable = [&](int32_t p) {
    return in_register(p) && cases_of_person[p] == 1;
  };
  auto case_before = [&](int32_t a, int32_t b) {
    const Case& x = w.cases[a];
    const Case& y = w.cases[b];
    return x.enrolled != y.enrolled ? x.enrolled < y.enrolled : x.id < y.id;
  };
  auto months_from = [&](const Case& c) {
    return std::max(0, ma - MonthIndex(c.enrolled) + 1);
  };

  // SPLIT: the earliest case of each family group.
  std::unordered_map<int32_t, std::vector<int32_t>>
      cases_in;  // family root → cases
  for (size_t ci = 0; ci < w.cases.size(); ++ci) {
    for (int32_t p : sorted_members(static_cast<int32_t>(ci))) {
      if (!usable(p)) continue;
      std::vector<int32_t>& v = cases_in[family.Find(p)];
      if (std::find(v.begin(), v.end(), static_cast<int32_t>(ci)) == v.end())
        v.push_back(static_cast<int32_t>(ci));
    }
  }
  for (size_t ci = 0; ci < w.cases.size(); ++ci) {
    const Case& c = w.cases[ci];
    for (int32_t p : sorted_members(static_cast<int32_t>(ci))) {
      if (!usable(p)) continue;
      bool earlier = false;
      for (int32_t o : cases_in[family.Find(p)])
        earlier = earlier || case_before(o, static_cast<int32_t>(ci));
      if (!earlier) continue;
      out->push_back({"SPLIT", static_cast<int32_t>(ci), Id18(w.people[p].body),
                      c.enrolled, c.monthly_fen * months_from(c)});
      break;
    }
  }

  // MERGE: kin groups of a case; the largest (then the 户主's, then the
  // smallest ID's) is the case's own.
  for (size_t ci = 0; ci < w.cases.size(); ++ci) {
    const Case& c = w.cases[ci];
    std::map<int32_t, std::vector<int32_t>> groups;
    for (int32_t p : sorted_members(static_cast<int32_t>(ci))) {
      if (usable(p)) groups[kin.Find(p)].push_back(p);
    }
    if (groups.size() < 2) continue;
    auto rank = [&](const std::vector<int32_t>& g) {
      bool head = false;
      for (int32_t p : g) head = head || w.people[p].relation == kHead;
      return std::make_tuple(g.size(), head, ~w.people[g.front()].body);
    };
    const std::vector<int32_t>* own = nullptr;
    for (const auto& [root, g] : groups) {
      if (own == nullptr || rank(g) > rank(*own)) own = &g;
    }
    for (const auto& [root, g] : groups) {
      if (&g == own) continue;
      for (int32_t p : g) {
        out->push_back({"MERGE", static_cast<int32_t>(ci),
                        Id18(w.people[p].body), c.enrolled,
                        c.monthly_fen / c.n * months_from(c)});
      }
    }
  }

  // CADRE_KIN: the cadre, spouse, parents, children, siblings, registered,
  // on a case of the roster row's township.
  std::unordered_map<int32_t, std::vector<int32_t>>
      ties;  // person → roster townships
  for (const World::Cadre& cr : w.cadres) {
    int32_t me = cr.person;
    if (!in_register(me)) continue;
    const Person& q = w.people[me];
    std::vector<int32_t> kin_people{me, q.spouse, q.father, q.mother};
    for (int32_t parent : {q.father, q.mother}) {
      if (parent < 0) continue;
      auto it = children.find(parent);
      if (it != children.end())
        kin_people.insert(kin_people.end(), it->second.begin(),
                          it->second.end());
    }
    auto it = children.find(me);
    if (it != children.end())
      kin_people.insert(kin_people.end(), it->second.begin(), it->second.end());
    std::sort(kin_people.begin(), kin_people.end());
    kin_people.erase(std::unique(kin_people.begin(), kin_people.end()),
                     kin_people.end());
    for (int32_t p : kin_people) {
      if (in_register(p)) ties[p].push_back(cr.township);
    }
  }
  for (size_t ci = 0; ci < w.cases.size(); ++ci) {
    const Case& c = w.cases[ci];
    const int32_t t = w.households[c.household].township;
    for (int32_t p : sorted_members(static_cast<int32_t>(ci))) {
      auto it = ties.find(p);
      if (it == ties.end() || std::find(it->second.begin(), it->second.end(),
                                        t) == it->second.end())
        continue;
      out->push_back({"CADRE_KIN", static_cast<int32_t>(ci),
                      Id18(w.people[p].body), c.enrolled,
                      c.monthly_fen * months_from(c)});
      break;
    }
  }
}

void ComputeTruth(const World& w, int32_t as_of, std::vector<TruthFlag>* out) {
  const size_t nm = w.members.size();
  constexpr int32_t kNone = INT32_MAX;
  std::vector<int32_t> death(nm, kNone), vehicle(nm, kNone);
  // DECEASED evidence.
  for (const DeathRecord& d : w.deaths) {
    int m = w.people[d.person].member;
    if (m < 0 || d.id_style == kIdBadCheck || d.date > as_of) continue;
    death[m] = std::min(death[m], d.date);
  }
  for (size_t m = 0; m < nm; ++m) {
    const Person& p = w.people[w.members[m]];
    if (p.status == kDead && !p.status_date_blank && p.status_date <= as_of &&
        p.id_style != kIdBadCheck)
      death[m] = std::min(death[m], p.status_date);
  }
  // VEHICLE evidence.
  for (const VehicleRecord& v : w.vehicles) {
    int m = w.people[v.person].member;
    if (m < 0 || v.bad_columns || v.id_style == kIdBadCheck) continue;
    if (!StatusActive(v.status) || kVehicleTypes[v.type].exempt ||
        v.date > as_of)
      continue;
    vehicle[m] = std::min(vehicle[m], v.date);
  }
  // PROPERTY evidence: titles per member.
  std::vector<std::vector<int32_t>> titles_of(nm);
  for (size_t t = 0; t < w.titles.size(); ++t) {
    const Title& title = w.titles[t];
    if (!title.active || title.date > as_of) continue;
    for (int k = 0; k < title.owners_n; ++k) {
      int m = w.people[w.owners[title.owners_begin + k]].member;
      if (m >= 0) titles_of[m].push_back(static_cast<int32_t>(t));
    }
  }
  const int ma = MonthIndex(as_of);
  for (size_t ci = 0; ci < w.cases.size(); ++ci) {
    const Case& c = w.cases[ci];
    const int n = c.n;
    const int me = MonthIndex(c.enrolled);
    auto months_from = [&](int32_t since) {
      return std::max(0, ma - std::max(MonthIndex(since) + 1, me) + 1);
    };
    // DECEASED.
    int last = -1;  // the member who died last (ties: smallest ID)
    bool all_dead = true;
    for (int i = 0; i < n; ++i) {
      int m = c.first_member + i;
      if (death[m] == kNone) {
        all_dead = false;
        continue;
      }
      if (last < 0 || death[m] > death[last] ||
          (death[m] == death[last] &&
           w.people[w.members[m]].body < w.people[w.members[last]].body))
        last = m;
    }
    for (int i = 0; i < n; ++i) {
      int m = c.first_member + i;
      if (death[m] == kNone) continue;
      int64_t fen = 0;
      for (int month = std::max(MonthIndex(death[m]) + 1, me); month <= ma;
           ++month) {
        bool someone_left = !all_dead;
        if (!someone_left) {
          for (int j = 0; j < n; ++j) {
            if (MonthIndex(death[c.first_member + j]) >= month) {
              someone_left = true;
              break;
            }
          }
        }
        if (someone_left) {
          fen += c.monthly_fen / n;
        } else if (m == last) {
          fen += c.monthly_fen;
        }
      }
      out->push_back({"DECEASED", static_cast<int32_t>(ci),
                      Id18(w.people[w.members[m]].body), death[m], fen});
    }
    // VEHICLE.
    for (int i = 0; i < n; ++i) {
      int m = c.first_member + i;
      if (vehicle[m] == kNone) continue;
      out->push_back({"VEHICLE", static_cast<int32_t>(ci),
                      Id18(w.people[w.members[m]].body), vehicle[m],
                      c.monthly_fen * months_from(vehicle[m])});
    }
    // PROPERTY.
    std::vector<int32_t> dwellings;
    for (int i = 0; i < n; ++i) {
      for (int32_t t : titles_of[c.first_member + i]) {
        if (w.titles[t].use == kResidential) dwellings.push_back(t);
      }
    }
    std::sort(dwellings.begin(), dwellings.end(), [&](int32_t a, int32_t b) {
      if (w.titles[a].date != w.titles[b].date)
        return w.titles[a].date < w.titles[b].date;
      return w.titles[a].certificate < w.titles[b].certificate;
    });
    dwellings.erase(std::unique(dwellings.begin(), dwellings.end(),
                                [&](int32_t a, int32_t b) {
                                  return w.titles[a].certificate ==
                                         w.titles[b].certificate;
                                }),
                    dwellings.end());
    const int32_t second =
        dwellings.size() > 1 ? w.titles[dwellings[1]].date : kNone;
    for (int i = 0; i < n; ++i) {
      int m = c.first_member + i;
      int32_t since = kNone;
      for (int32_t t : titles_of[m]) {
        const Title& title = w.titles[t];
        if (title.use == kCommercial)
          since = std::min(since, title.date);  // (a)
        if (title.use == kResidential && title.date > c.enrolled)
          since = std::min(since, title.date);  // (b)
        if (title.use == kResidential && second != kNone)
          since = std::min(since, second);  // (c)
      }
      if (since == kNone) continue;
      out->push_back({"PROPERTY", static_cast<int32_t>(ci),
                      Id18(w.people[w.members[m]].body), since,
                      c.monthly_fen * months_from(since)});
    }
  }
  // The grounds of issue 3, case by case, over each case's member slots in
  // ID order (a person on two cases is seen by both).
  auto by_person = [&](auto& records, auto person_of) {
    std::unordered_map<int32_t, std::vector<int32_t>> map;
    for (size_t i = 0; i < records.size(); ++i) {
      int32_t p = person_of(records[i]);
      if (w.people[p].member >= 0) map[p].push_back(static_cast<int32_t>(i));
    }
    return map;
  };
  auto mig_of = by_person(w.migrations,
                          [](const World::Migration& r) { return r.person; });
  auto tax_of =
      by_person(w.taxes, [](const World::Tax& r) { return r.person; });
  auto pay_of =
      by_person(w.payrolls, [](const World::Payroll& r) { return r.person; });
  auto bank_of =
      by_person(w.banks, [](const World::Bank& r) { return r.person; });
  auto biz_of = by_person(w.businesses,
                          [](const World::Business& r) { return r.person; });
  static const std::vector<int32_t> kEmpty;
  auto get = [&](const std::unordered_map<int32_t, std::vector<int32_t>>& m,
                 int32_t p) -> const std::vector<int32_t>& {
    auto it = m.find(p);
    return it == m.end() ? kEmpty : it->second;
  };
  // Account holders and cases per payment account.
  std::unordered_map<uint64_t, std::vector<int32_t>> holders, account_cases;
  for (const World::Bank& b : w.banks) holders[b.account].push_back(b.person);
  for (size_t ci = 0; ci < w.cases.size(); ++ci)
    account_cases[w.cases[ci].account].push_back(static_cast<int32_t>(ci));
  std::unordered_map<int32_t, std::vector<int32_t>> cases_of_person;
  for (size_t m = 0; m < w.members.size(); ++m)
    cases_of_person[w.members[m]].push_back(w.member_case[m]);
  auto case_before = [&](int32_t a, int32_t b) {
    const Case& x = w.cases[a];
    const Case& y = w.cases[b];
    return x.enrolled != y.enrolled ? x.enrolled < y.enrolled : x.id < y.id;
  };
  for (size_t ci = 0; ci < w.cases.size(); ++ci) {
    const Case& c = w.cases[ci];
    const int n = c.n;
    const int me = MonthIndex(c.enrolled);
    auto months_from = [&](int first) {
      return std::max(0, ma - std::max(first, me) + 1);
    };
    std::vector<int32_t> slot(n);  // people, by ID
    for (int i = 0; i < n; ++i) slot[i] = w.members[c.first_member + i];
    std::sort(slot.begin(), slot.end(), [&](int32_t a, int32_t b) {
      return w.people[a].body < w.people[b].body;
    });
    auto id = [&](int i) { return Id18(w.people[slot[i]].body); };
    auto add = [&](SV rule, int i, int32_t since, int64_t fen) {
      out->push_back({rule, static_cast<int32_t>(ci), id(i), since, fen});
    };
    // MOVED.
    std::vector<int32_t> gone(n, kNone);
    for (int i = 0; i < n; ++i) {
      for (int32_t r : get(mig_of, slot[i])) {
        const World::Migration& e = w.migrations[r];
        if ((e.event == kMoveOut || e.event == kMarryOut) && e.date <= as_of)
          gone[i] = std::min(gone[i], e.date);
      }
      const Person& p = w.people[slot[i]];
      if ((p.status == kMovedOut || p.status == kImprisoned) &&
          !p.status_date_blank && p.status_date <= as_of &&
          p.id_style != kIdBadCheck)
        gone[i] = std::min(gone[i], p.status_date);
    }
    {
      int last = -1;
      bool all_gone = true;
      for (int i = 0; i < n; ++i) {
        if (gone[i] == kNone) {
          all_gone = false;
        } else if (last < 0 || gone[i] > gone[last]) {
          last = i;
        }
      }
      const int last_from = all_gone ? MonthIndex(gone[last]) + 1 : INT32_MAX;
      for (int i = 0; i < n; ++i) {
        if (gone[i] == kNone) continue;
        int64_t fen = 0;
        for (int m = std::max(MonthIndex(gone[i]) + 1, me); m <= ma; ++m) {
          if (m < last_from)
            fen += c.monthly_fen / n;
          else if (i == last)
            fen += c.monthly_fen;
        }
        add("MOVED", i, gone[i], fen);
      }
    }
    // INCOME.
    {
      std::map<int, std::vector<int64_t>> income;
      for (int i = 0; i < n; ++i) {
        for (int32_t r : get(tax_of, slot[i])) {
          const World::Tax& t = w.taxes[r];
          if (t.month < me || t.month > ma) continue;
          auto& v = income[t.month];
          v.resize(n);
          v[i] += t.fen;
        }
        for (int32_t r : get(pay_of, slot[i])) {
          const World::Payroll& t = w.payrolls[r];
          if (t.kind == kPayHousingFund || t.month < me || t.month > ma)
            continue;
          auto& v = income[t.month];
          v.resize(n);
          v[i] += t.fen;
        }
      }
      for (const auto& [m, v] : income) {
        int64_t total = 0;
        for (int64_t x : v) total += x;
        if (StandardFen(c.urban, m) < 0 || total <= StandardFen(c.urban, m) * n)
          continue;
        int who =
            static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin());
        add("INCOME", who, Date::FromYmd(m / 12, m % 12 + 1, 1).days,
            c.monthly_fen * months_from(m + 1));
        break;
      }
    }
    // ASSETS.
    {
      std::vector<const World::Bank*> bal;
      std::vector<int> owner;
      std::vector<int32_t> dates;
      for (int i = 0; i < n; ++i) {
        for (int32_t r : get(bank_of, slot[i])) {
          if (w.banks[r].date > as_of) continue;
          bal.push_back(&w.banks[r]);
          owner.push_back(i);
          dates.push_back(w.banks[r].date);
        }
      }
      std::sort(dates.begin(), dates.end());
      dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
      for (int32_t d : dates) {
        // Latest balance per (owner, bank, account) on or before d.
        std::map<std::tuple<int, int, uint64_t>, const World::Bank*> latest;
        std::map<std::tuple<int, int, uint64_t>, int> who;
        for (size_t k = 0; k < bal.size(); ++k) {
          if (bal[k]->date > d) continue;
          auto key = std::make_tuple(owner[k], static_cast<int>(bal[k]->bank),
                                     bal[k]->account);
          auto it = latest.find(key);
          if (it == latest.end() || bal[k]->date >= it->second->date)
            latest[key] = bal[k];
          who[key] = owner[k];
        }
        int64_t total = 0;
        std::vector<int64_t> held(n);
        for (const auto& [key, b] : latest) {
          total += b->fen;
          held[std::get<0>(key)] += b->fen;
        }
        int64_t standard = StandardFen(c.urban, MonthIndex(d));
        if (standard < 0 || total <= 24 * standard * n) continue;
        int member = static_cast<int>(
            std::max_element(held.begin(), held.end()) - held.begin());
        add("ASSETS", member, d,
            c.monthly_fen * months_from(MonthIndex(d) + 1));
        break;
      }
    }
    // BUSINESS and PUBLIC_PAY.
    for (int i = 0; i < n; ++i) {
      int32_t since = kNone;
      for (int32_t r : get(biz_of, slot[i])) {
        const World::Business& b = w.businesses[r];
        if (b.status == kBizActive && b.role != kSupervisor &&
            b.capital_fen > 5000000 && b.date <= as_of)
          since = std::min(since, b.date);
      }
      if (since != kNone)
        add("BUSINESS", i, since,
            c.monthly_fen * months_from(MonthIndex(since) + 1));
      int first = INT32_MAX;
      for (int32_t r : get(pay_of, slot[i])) {
        const World::Payroll& t = w.payrolls[r];
        bool counts = t.kind == kPayPublic || t.kind == kPayWelfareJob ||
                      (t.kind == kPayPension && t.fen > 100000);
        if (counts && t.month <= ma) first = std::min(first, t.month);
      }
      if (first != INT32_MAX) {
        add("PUBLIC_PAY", i, Date::FromYmd(first / 12, first % 12 + 1, 1).days,
            c.monthly_fen * months_from(first + 1));
      }
    }
    // DUPLICATE.
    for (int i = 0; i < n; ++i) {
      const std::vector<int32_t>& cases = cases_of_person[slot[i]];
      bool later = false;
      for (int32_t o : cases)
        later = later || (o != static_cast<int32_t>(ci) &&
                          case_before(o, static_cast<int32_t>(ci)));
      if (later)
        add("DUPLICATE", i, c.enrolled, c.monthly_fen / n * months_from(me));
    }
    // PAYMENT.
    {
      bool wrong = false;
      const std::vector<int32_t>& h = holders[c.account];
      if (!h.empty()) {
        bool member_holds = false;
        for (int32_t p : h) {
          for (int i = 0; i < n; ++i)
            member_holds =
                member_holds || w.people[p].body == w.people[slot[i]].body;
        }
        wrong = !member_holds;
      }
      for (int32_t o : account_cases[c.account])
        wrong = wrong || (o != static_cast<int32_t>(ci) &&
                          case_before(o, static_cast<int32_t>(ci)));
      if (wrong) add("PAYMENT", 0, c.enrolled, c.monthly_fen * months_from(me));
    }
    // UNDERPAID.
    if (!c.income_blank) {
      int64_t fen = 0;
      int first = -1;
      for (int m = me; m <= ma; ++m) {
        int64_t standard = StandardFen(c.urban, m);
        if (standard < 0) continue;
        int64_t due = std::max<int64_t>(0, standard - c.income_fen) * n;
        if (c.monthly_fen >= due) continue;
        if (first < 0) first = m;
        fen += due - c.monthly_fen;
      }
      if (first >= 0)
        add("UNDERPAID", 0, Date::FromYmd(first / 12, first % 12 + 1, 1).days,
            fen);
    }
  }
  ComputeFamilyTruth(w, as_of, out);
  std::sort(out->begin(), out->end(),
            [&](const TruthFlag& a, const TruthFlag& b) {
              const std::string& ca = w.cases[a.case_index].id;
              const std::string& cb = w.cases[b.case_index].id;
              if (ca != cb) return ca < cb;
              if (a.rule != b.rule) return a.rule < b.rule;
              return a.id < b.id;
            });
}

// ---------------------------------------------------------------------------
// Rendering.

void AppendAddress(std::string* s, const World& w, const Household& h,
                   bool chinese_numerals, bool province) {
  if (province) {
    s->append(w.county->province);
    s->append(w.county->prefecture);
  }
  s->append(w.county->name);
  s->append(w.county->townships[h.township].name);
  const Village& v = *w.villages[h.village];
  s->append(v.name);
  if (v.urban) {
    s->append(kStreets[h.street]);
    AppendUInt(s, h.number);
    s->append("号院");
    AppendUInt(s, h.building);
    s->append("号楼");
    AppendUInt(s, h.unit);
    s->append("单元");
    AppendUInt(s, h.room);
    return;
  }
  if (chinese_numerals) {
    AppendCnNumber(s, h.group);
    s->append("组");
    AppendCnNumber(s, h.number);
  } else {
    AppendUInt(s, h.group);
    s->append("组");
    AppendUInt(s, h.number);
  }
  s->append("号");
}

void AppendHukouId(std::string* s, const World& w, const Household& h) {
  s->append(HukouId(w.county->townships[h.township].code, h.serial,
                    w.households.size()));
}

void RenderPopulation(const World& w, uint64_t seed, size_t begin, size_t end,
                      std::string* out) {
  out->reserve((end - begin) * 150);
  for (size_t i = begin; i < end; ++i) {
    const Person& p = w.people[i];
    const Household& h = w.households[p.household];
    Rng rng(seed, kStreamPopRow, i);
    AppendId(out, p.body, p.id_style);
    out->push_back(',');
    out->append(p.name);
    out->append(p.male ? ",男," : ",女,");
    AppendDate(out, p.birth, rng.Below(100) < 70 ? 2 : 0);
    out->push_back(',');
    AppendHukouId(out, w, h);
    out->push_back(',');
    out->append(kRelationNames[p.relation]);
    out->push_back(',');
    AppendAddress(out, w, h, rng.Below(100) < 15, rng.Below(100) < 40);
    out->push_back(',');
    out->append(kStatusNames[p.status]);
    out->push_back(',');
    if (p.status != kNormal && !p.status_date_blank)
      AppendDate(out, p.status_date, rng.Below(100) < 60 ? 0 : 2);
    for (int32_t kin : {p.father, p.mother, p.spouse}) {
      out->push_back(',');
      if (kin >= 0) AppendId(out, w.people[kin].body, kIdClean);
    }
    out->append("\r\n");
  }
}

// 村干部与工作人员名册 as the 组织部 types it: IDs often missing or mistyped
// (the run falls back to name + birth date + township).
void RenderCadres(const World& w, uint64_t seed, std::string* out,
                  int64_t* rows) {
  out->append(
      "\xEF\xBB\xBF序号,姓名,性别,出生年月日,身份证号,所在乡镇,所在村（社区）,"
      "职务\r\n");
  for (size_t i = 0; i < w.cadres.size(); ++i) {
    const World::Cadre& c = w.cadres[i];
    const Person& p = w.people[c.person];
    Rng rng(seed, kStreamCadreRow, i);
    AppendUInt(out, i + 1);
    out->push_back(',');
    out->append(p.name);
    out->append(p.male ? ",男," : ",女,");
    AppendDate(out, p.birth, static_cast<int>(rng.Below(4)));
    out->push_back(',');
    if (c.id_style == kCadreIdClean)
      AppendId(out, p.body, rng.Below(100) < 30 ? kIdLowerX : kIdClean);
    if (c.id_style == kCadreIdBadCheck) AppendId(out, p.body, kIdBadCheck);
    out->push_back(',');
    out->append(w.county->townships[c.township].name);
    out->push_back(',');
    // The village of the post: the cadre's own where the post is in their
    // township, else the township's first.
    const Household& h = w.households[p.household];
    out->append(h.township == c.township
                    ? w.villages[h.village]->name
                    : w.county->townships[c.township].villages[0].name);
    out->push_back(',');
    out->append(kCadrePosts[c.post]);
    out->append("\r\n");
    ++*rows;
  }
}

void RenderRoll(const World& w, uint64_t seed, std::string* out,
                int64_t* rows) {
  out->reserve(w.members.size() * 200 + 512);
  out->append("\xEF\xBB\xBF");
  out->append(
      "低保户编号,身份证号码,姓名,与户主关系,乡镇（街道）,村（社区）,家庭住址,"
      "城乡类别,保障类别,"
      "家庭月人均收入,月保障金（元）,批准日期,银行账号,联系电话\r\n");
  std::vector<int> order(w.cases.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::sort(order.begin(), order.end(),
            [&](int a, int b) { return w.cases[a].id < w.cases[b].id; });
  constexpr SV kCategories[] = {"一类", "二类", "三类"};
  for (int ci : order) {
    const Case& c = w.cases[ci];
    const Household& h = w.households[c.household];
    Rng rng(seed, kStreamRollRow, static_cast<uint64_t>(ci));
    int date_style = static_cast<int>(rng.Below(4));
    int amount_style = static_cast<int>(rng.Below(3));
    bool cn_address = rng.Below(100) < 30;
    for (int i = 0; i < c.n; ++i) {
      const Person& p = w.people[w.members[c.first_member + i]];
      out->append(c.id);
      out->push_back(',');
      AppendId(out, p.body,
               CheckChar(p.body) == 'X' && rng.Below(100) < 20 ? kIdLowerX
                                                               : kIdClean);
      out->push_back(',');
      out->append(p.name);
      out->push_back(',');
      out->append(kRelationNames[p.relation]);
      out->push_back(',');
      out->append(w.county->townships[h.township].name);
      out->push_back(',');
      out->append(w.villages[h.village]->name);
      out->push_back(',');
      AppendAddress(out, w, h, cn_address, false);
      out->append(c.urban ? ",城市," : ",农村,");
      out->append(kCategories[c.category]);
      out->push_back(',');
      if (!c.income_blank)
        AppendHundredths(out, c.income_fen, amount_style == 1 ? 2 : 0, true);
      out->push_back(',');
      AppendHundredths(out, c.monthly_fen, amount_style, true);
      out->push_back(',');
      AppendDate(out, c.enrolled, date_style);
      out->push_back(',');
      AppendUInt(out, c.account);
      out->push_back(',');
      if (c.phone) AppendUInt(out, c.phone);
      out->append("\r\n");
      ++*rows;
    }
  }
}

void RenderDeaths(const World& w, uint64_t seed, std::string* out,
                  int64_t* rows, int64_t* quarantined) {
  const size_t n = w.deaths.size();
  const size_t nbad = w.malformed_death_lines.size();
  out->reserve((n + nbad) * 96 + 256);
  size_t next_bad = 0;
  for (size_t i = 0; i <= n; ++i) {
    // Malformed lines spread through the file.
    while (next_bad < nbad && i == (n * (next_bad + 1)) / (nbad + 1)) {
      out->append(w.malformed_death_lines[next_bad++]);
      out->push_back('\n');
      ++*rows;
      ++*quarantined;
    }
    if (i == n) break;
    const DeathRecord& d = w.deaths[i];
    const Person& p = w.people[d.person];
    Rng rng(seed, kStreamDeathRow, i);
    out->append("{\"sfzh\": \"");
    AppendId(out, p.body, d.id_style);
    out->append("\", \"xm\": ");
    AppendJsonString(out, p.name);
    out->append(", \"swrq\": \"");
    AppendDate(out, d.date, static_cast<int>(rng.Below(4)));
    out->append("\", \"ly\": \"");
    out->append(kDeathSourceNames[d.source]);
    out->append("\"}\n");
    ++*rows;
    if (d.id_style == kIdBadCheck) ++*quarantined;
  }
}

void AppendPlate(std::string* s, Rng& rng, int32_t date, int32_t as_of) {
  static constexpr char kLetters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  s->append("豫C");
  if (date > as_of - 365 * 4 &&
      rng.Below(100) < 25) {  // new-energy plates: 6 characters
    s->push_back(rng.Below(2) ? 'D' : 'F');
    AppendPad(s, rng.Below(100000), 5);
    return;
  }
  s->push_back(kLetters[rng.Below(24)]);
  for (int k = 0; k < 4; ++k) {
    if (rng.Below(100) < 20)
      s->push_back(kLetters[rng.Below(24)]);
    else
      s->push_back(static_cast<char>('0' + rng.Below(10)));
  }
}

void RenderVehicles(const World& w, uint64_t seed, int32_t as_of,
                    std::string* out, int64_t* rows, int64_t* quarantined) {
  out->reserve(w.vehicles.size() * 72 + 256);
  out->append(
      "号牌号码,车辆类型,所有人身份证明号码,所有人,初次登记日期,"
      "机动车状态\r\n");
  for (size_t i = 0; i < w.vehicles.size(); ++i) {
    const VehicleRecord& v = w.vehicles[i];
    const Person& p = w.people[v.person];
    Rng rng(seed, kStreamVehicleRow, i);
    AppendPlate(out, rng, v.date, as_of);
    out->push_back(',');
    out->append(kVehicleTypes[v.type].spelled);
    out->push_back(',');
    AppendId(out, p.body, v.id_style);
    out->push_back(',');
    out->append(p.name);
    out->push_back(',');
    AppendDate(out, v.date,
               rng.Below(100) < 50 ? 0 : static_cast<int>(rng.Below(4)));
    out->push_back(',');
    out->push_back(kStatusLetters[v.status]);
    if (v.bad_columns) {
      out->append(",备注：已过户未核");  // a stray column
      ++*quarantined;
    }
    out->append("\r\n");
    ++*rows;
  }
}

void RenderProperty(const World& w, uint64_t seed, std::string* out,
                    int64_t* rows) {
  out->reserve(w.owners.size() * 160 + 256);
  out->append(
      "不动产权证号,权利人,证件号码,坐落,建筑面积,用途,登记日期,权属状态\n");
  for (size_t i = 0; i < w.titles.size(); ++i) {
    const Title& t = w.titles[i];
    Rng rng(seed, kStreamPropertyRow, i);
    std::string location;
    if (t.household >= 0) {
      AppendAddress(&location, w, w.households[t.household],
                    rng.Below(100) < 20, false);
    } else {
      location.append(w.county->name);
      location.append(
          w.county->townships[t.township >= 0 ? t.township : 0].name);
      location.append(kStreets[rng.Below(std::size(kStreets))]);
      AppendUInt(&location, static_cast<uint64_t>(rng.Range(1, 300)));
      location.append("号");
      if (t.use == kResidential) {
        AppendUInt(&location, static_cast<uint64_t>(rng.Range(1, 20)));
        location.append("幢");
        AppendUInt(&location, static_cast<uint64_t>(rng.Range(1, 4)));
        location.append("单元");
        AppendUInt(&location, static_cast<uint64_t>(rng.Range(1, 18) * 100 +
                                                    rng.Range(1, 4)));
        location.append("室");
      } else if (t.use == kCommercial) {
        location.append("商铺");
        AppendUInt(&location, static_cast<uint64_t>(rng.Range(101, 130)));
      } else {
        location.append("地下车库");
        AppendUInt(&location, static_cast<uint64_t>(rng.Range(1, 400)));
        location.append("号车位");
      }
    }
    int area_style = static_cast<int>(rng.Below(100));
    area_style = area_style < 55   ? 0
                 : area_style < 80 ? 1
                 : area_style < 92 ? 2
                                   : 3;
    int date_style = static_cast<int>(rng.Below(4));
    for (int k = 0; k < t.owners_n; ++k) {
      const Person& p = w.people[w.owners[t.owners_begin + k]];
      out->append(t.certificate);
      out->push_back(',');
      out->append(p.name);
      out->push_back(',');
      AppendId(out, p.body,
               CheckChar(p.body) == 'X' && rng.Below(100) < 25 ? kIdLowerX
                                                               : kIdClean);
      out->push_back(',');
      out->append(location);
      out->push_back(',');
      AppendHundredths(out, t.area, area_style, true);
      out->push_back(',');
      out->append(kUseNames[t.use]);
      out->push_back(',');
      AppendDate(out, t.date, date_style);
      out->append(t.active ? ",现势\n" : ",注销\n");
      ++*rows;
    }
  }
}

// The feeds of issue 3, each in its department's shape.

void AppendMonth(std::string* s, int month, int style) {
  int y = month / 12, m = month % 12 + 1;
  AppendPad(s, static_cast<uint64_t>(y), 4);
  if (style == 0) {
    s->push_back('-');
    AppendPad(s, static_cast<uint64_t>(m), 2);
  } else if (style == 1) {
    AppendPad(s, static_cast<uint64_t>(m), 2);
  } else {
    s->append("年");
    AppendUInt(s, static_cast<uint64_t>(m));
    s->append("月");
  }
}

uint8_t RowIdStyle(Rng& rng, uint64_t body) {
  return CheckChar(body) == 'X' && rng.Below(100) < 40 ? kIdLowerX : kIdClean;
}

// 迁出/婚姻: the public-security and marriage registries' NDJSON.
void RenderMigration(const World& w, uint64_t seed, std::string* out,
                     int64_t* rows) {
  constexpr SV kDestinations[] = {"广东省深圳市", "浙江省杭州市",
                                  "河南省郑州市", "江苏省苏州市",
                                  "洛阳市涧西区"};
  for (size_t i = 0; i < w.migrations.size(); ++i) {
    const World::Migration& e = w.migrations[i];
    const Person& p = w.people[e.person];
    Rng rng(seed, kStreamMoreRow, i * 8 + 1);
    out->append("{\"gmsfhm\":\"");
    AppendId(out, p.body, RowIdStyle(rng, p.body));
    out->append("\",\"xm\":");
    AppendJsonString(out, p.name);
    out->append(",\"ywlx\":\"");
    out->append(kMigrationNames[e.event]);
    out->append("\",\"blrq\":\"");
    AppendDate(out, e.date, static_cast<int>(rng.Below(4)));
    out->append("\",\"qwd\":\"");
    if (e.event == kMoveOut || e.event == kMarryOut)
      out->append(kDestinations[rng.Below(std::size(kDestinations))]);
    out->append("\"}\n");
    ++*rows;
  }
}

// 税务: the tax bureau's export, GB18030 CSV, periods in three spellings.
void RenderTax(const World& w, uint64_t seed, std::string* out, int64_t* rows) {
  out->append("证件号码,纳税人姓名,所属期,所得项目,收入额\r\n");
  for (size_t i = 0; i < w.taxes.size(); ++i) {
    const World::Tax& t = w.taxes[i];
    const Person& p = w.people[t.person];
    Rng rng(seed, kStreamMoreRow, i * 8 + 2);
    AppendId(out, p.body, RowIdStyle(rng, p.body));
    out->push_back(',');
    out->append(p.name);
    out->push_back(',');
    AppendMonth(out, t.month, static_cast<int>(rng.Below(3)));
    out->push_back(',');
    out->append(kTaxKindNames[t.kind]);
    out->push_back(',');
    AppendHundredths(out, t.fen, static_cast<int>(rng.Below(3)), true);
    out->append("\r\n");
    ++*rows;
  }
}

// 工资/养老: the human-resources bureau's NDJSON.
void RenderPayroll(const World& w, uint64_t seed, std::string* out,
                   int64_t* rows) {
  constexpr SV kEmployers[] = {"伊川县城市管理局", "伊川县社会保险中心",
                               "伊川县人力资源和社会保障局",
                               "伊川县住房公积金管理中心"};
  for (size_t i = 0; i < w.payrolls.size(); ++i) {
    const World::Payroll& t = w.payrolls[i];
    const Person& p = w.people[t.person];
    Rng rng(seed, kStreamMoreRow, i * 8 + 3);
    out->append("{\"sfzh\":\"");
    AppendId(out, p.body, RowIdStyle(rng, p.body));
    out->append("\",\"xm\":");
    AppendJsonString(out, p.name);
    out->append(",\"dwmc\":\"");
    out->append(kEmployers[t.kind]);
    out->append("\",\"lb\":\"");
    out->append(kPayKindNames[t.kind]);
    out->append("\",\"yje\":\"");
    AppendHundredths(out, t.fen, static_cast<int>(rng.Below(3)), false);
    out->append("\",\"ssq\":\"");
    AppendMonth(out, t.month, static_cast<int>(rng.Below(2)));
    out->append("\"}\n");
    ++*rows;
  }
}

// 存款: the banks' export, UTF-8 with BOM.
void RenderBank(const World& w, uint64_t seed, std::string* out,
                int64_t* rows) {
  out->append(
      "\xEF\xBB\xBF"
      "客户姓名,证件号码,开户机构,账号,账户余额（元）,余额日期\r\n");
  for (size_t i = 0; i < w.banks.size(); ++i) {
    const World::Bank& b = w.banks[i];
    const Person& p = w.people[b.person];
    Rng rng(seed, kStreamMoreRow, i * 8 + 4);
    out->append(p.name);
    out->push_back(',');
    AppendId(out, p.body, RowIdStyle(rng, p.body));
    out->push_back(',');
    out->append(kBanks[b.bank]);
    out->push_back(',');
    AppendUInt(out, b.account);
    out->push_back(',');
    AppendHundredths(out, b.fen, static_cast<int>(rng.Below(4)), true);
    out->push_back(',');
    AppendDate(out, b.date, static_cast<int>(rng.Below(3)));
    out->append("\r\n");
    ++*rows;
  }
}

// 工商登记: market regulation's export, GB18030, capital in 万元.
void RenderBusiness(const World& w, uint64_t seed, std::string* out,
                    int64_t* rows) {
  constexpr SV kTrades[] = {"商贸",     "建材",           "农业科技", "物流",
                            "餐饮管理", "养殖专业合作社", "电子商务"};
  out->append(
      "企业名称,法定代表人/"
      "股东,证件号码,角色,注册资本（万元）,登记状态,成立日期\r\n");
  for (size_t i = 0; i < w.businesses.size(); ++i) {
    const World::Business& b = w.businesses[i];
    const Person& p = w.people[b.person];
    Rng rng(seed, kStreamMoreRow, i * 8 + 5);
    out->append(w.county->name);
    out->append(p.name.substr(0, 3));
    out->append(kTrades[rng.Below(std::size(kTrades))]);
    out->append("有限公司,");
    out->append(p.name);
    out->push_back(',');
    AppendId(out, p.body, RowIdStyle(rng, p.body));
    out->push_back(',');
    out->append(kBizRoleNames[b.role]);
    out->push_back(',');
    AppendHundredths(out, b.capital_fen / 10000, rng.Below(2) ? 0 : 2, true);
    out->push_back(',');
    out->append(kBizStatusNames[b.status]);
    out->push_back(',');
    AppendDate(out, b.date, static_cast<int>(rng.Below(4)));
    out->append("\r\n");
    ++*rows;
  }
}

// Encoded bytes, in a buffer that is not zero-filled first.
struct Bytes {
  std::unique_ptr<char[]> data;
  size_t size = 0;
  SV view() const { return SV(data.get(), size); }
};

Status ToGb18030(SV in, Bytes* out) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1))
    return Status::Internal("iconv_open(GB18030, UTF-8) failed");
  const size_t capacity = in.size() + 16;  // GB18030 is never longer than UTF-8
  out->data.reset(new char[capacity]);
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char* dst = out->data.get();
  size_t dst_left = capacity;
  size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
  int err = errno;
  iconv_close(cd);
  if (r == static_cast<size_t>(-1) || src_left) {
    return Status::Internal(std::string("UTF-8 to GB18030 failed: ") +
                            std::strerror(err));
  }
  out->size = capacity - dst_left;
  return Status::OK();
}

Status WriteFile(const std::string& path, const std::vector<SV>& parts,
                 int64_t* bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f)
    return Status::IOError("cannot create " + path + ": " +
                           std::strerror(errno));
  for (SV s : parts) {
    if (!s.empty() && std::fwrite(s.data(), 1, s.size(), f) != s.size()) {
      std::fclose(f);
      return Status::IOError("cannot write " + path + ": " +
                             std::strerror(errno));
    }
    *bytes += static_cast<int64_t>(s.size());
  }
  if (std::fclose(f) != 0)
    return Status::IOError("cannot close " + path + ": " +
                           std::strerror(errno));
  return Status::OK();
}

void RunTasks(std::vector<std::function<void()>>& tasks, int threads) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < tasks.size();) tasks[i]();
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

}  // namespace

Status GenerateCounty(const GeneratorOptions& options,
                      GeneratorReport* report) {
  if (options.out_dir.empty())
    return Status::InvalidArgument("generator: out_dir is empty");
  if (options.residents < 100 || options.residents > 20000000)
    return Status::InvalidArgument(
        "generator: residents must be between 100 and 20,000,000");
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec)
    return Status::IOError("cannot create " + options.out_dir + ": " +
                           ec.message());

  World w;
  w.county = &Counties()[0];
  Builder b(options, &w);
  b.BuildPeople();
  b.LinkKin();
  b.BuildRoll();
  b.Background();
  b.Plant();
  b.PlantFamily();
  b.Finalize();
  std::vector<TruthFlag> truth;
  ComputeTruth(w, options.as_of.days, &truth);

  // Render every file; the population in chunks, each encoded on its own.
  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::clamp(threads, 1, 16);
  const size_t kChunk = 1 << 16;
  const size_t np = w.people.size();
  const size_t nchunks = (np + kChunk - 1) / kChunk;
  std::vector<Bytes> pop_gb(nchunks);
  std::vector<Status> pop_status(nchunks);
  Bytes pop_header_gb, vehicle_gb;
  std::string roll, death, vehicle_utf8, property, truth_text, cadre;
  int64_t cadre_rows = 0;
  Status vehicle_status, header_status;
  int64_t roll_rows = 0, death_rows = 0, death_q = 0, veh_rows = 0, veh_q = 0,
          prop_rows = 0;
  const uint64_t seed = options.seed;
  const int32_t as_of = options.as_of.days;
  std::vector<std::function<void()>> tasks;
  tasks.push_back([&] {
    RenderVehicles(w, seed, as_of, &vehicle_utf8, &veh_rows, &veh_q);
    vehicle_status = ToGb18030(vehicle_utf8, &vehicle_gb);
    std::string().swap(vehicle_utf8);
  });
  tasks.push_back([&] { RenderProperty(w, seed, &property, &prop_rows); });
  std::string migration, tax_utf8, payroll, bank, business_utf8;
  Bytes tax_gb, business_gb;
  Status tax_status, business_status;
  int64_t mig_rows = 0, tax_rows = 0, pay_rows = 0, bank_rows = 0, biz_rows = 0;
  tasks.push_back([&] {
    RenderMigration(w, seed, &migration, &mig_rows);
    RenderPayroll(w, seed, &payroll, &pay_rows);
    RenderBank(w, seed, &bank, &bank_rows);
  });
  tasks.push_back([&] {
    RenderTax(w, seed, &tax_utf8, &tax_rows);
    tax_status = ToGb18030(tax_utf8, &tax_gb);
    RenderBusiness(w, seed, &business_utf8, &biz_rows);
    business_status = ToGb18030(business_utf8, &business_gb);
  });
  for (size_t c = 0; c < nchunks; ++c) {
    tasks.push_back([&, c] {
      thread_local std::string utf8;  // reused: one chunk's worth per thread
      utf8.clear();
      RenderPopulation(w, seed, c * kChunk, std::min(np, (c + 1) * kChunk),
                       &utf8);
      pop_status[c] = ToGb18030(utf8, &pop_gb[c]);
    });
  }
  tasks.push_back([&] {
    header_status = ToGb18030(
        "公民身份号码,姓名,性别,出生日期,户号,与户主关系,住址,人员状态,"
        "状态日期,父亲公民身份号码,"
        "母亲公民身份号码,配偶公民身份号码\r\n",
        &pop_header_gb);
    RenderRoll(w, seed, &roll, &roll_rows);
    RenderCadres(w, seed, &cadre, &cadre_rows);
    RenderDeaths(w, seed, &death, &death_rows, &death_q);
    for (const TruthFlag& f : truth) {
      truth_text.append("{\"rule\":\"");
      truth_text.append(f.rule);
      truth_text.append("\",\"case_id\":\"");
      truth_text.append(w.cases[f.case_index].id);
      truth_text.append("\",\"id_number\":\"");
      truth_text.append(f.id);
      truth_text.append("\",\"since\":\"");
      truth_text.append(Date{f.since}.ToString());
      truth_text.append("\",\"amount\":\"");
      truth_text.append(FormatFen(f.fen));
      truth_text.append("\"}\n");
    }
  });
  RunTasks(tasks, threads);
  HEDUI_RETURN_IF_ERROR(vehicle_status);
  HEDUI_RETURN_IF_ERROR(header_status);
  HEDUI_RETURN_IF_ERROR(tax_status);
  HEDUI_RETURN_IF_ERROR(business_status);
  for (const Status& s : pop_status) HEDUI_RETURN_IF_ERROR(s);

  GeneratorReport r;
  r.residents = static_cast<int>(np);
  r.roll_members = static_cast<int>(w.members.size());
  r.cases = static_cast<int>(w.cases.size());
  r.county = std::string(w.county->province) +
             std::string(w.county->prefecture) + std::string(w.county->name);
  for (const TruthFlag& f : truth) {
    ++r.flags[std::string(f.rule)];
    r.amounts[std::string(f.rule)] += f.fen;
  }
  for (const TruthFlag& f : truth) {
    if (f.rule == "DECEASED") {
      ++r.deceased_flags;
      r.deceased_fen += f.fen;
    } else if (f.rule == "VEHICLE") {
      ++r.vehicle_flags;
      r.vehicle_fen += f.fen;
    } else if (f.rule == "PROPERTY") {
      ++r.property_flags;
      r.property_fen += f.fen;
    }
  }
  r.feeds = {
      {"roll", "roll.csv", roll_rows, 0},
      {"population", "population.csv", static_cast<int64_t>(np),
       w.pop_quarantined},
      {"death", "death.ndjson", death_rows, death_q},
      {"vehicle", "vehicle.csv", veh_rows, veh_q},
      {"property", "property.csv", prop_rows, 0},
      {"migration", "migration.ndjson", mig_rows, 0},
      {"tax", "tax.csv", tax_rows, 0},
      {"payroll", "payroll.ndjson", pay_rows, 0},
      {"bank", "bank.csv", bank_rows, 0},
      {"business", "business.csv", biz_rows, 0},
      {"cadre", "cadre.csv", cadre_rows, 0},
  };

  std::string counts =
      "{\n  \"county\": \"" + r.county +
      "\",\n  \"seed\": " + std::to_string(seed) + ",\n  \"as_of\": \"" +
      options.as_of.ToString() +
      "\",\n  \"residents\": " + std::to_string(r.residents) +
      ",\n  \"roll_members\": " + std::to_string(r.roll_members) +
      ",\n  \"cases\": " + std::to_string(r.cases) + ",\n  \"feeds\": {\n";
  for (size_t i = 0; i < r.feeds.size(); ++i) {
    const FeedFileReport& f = r.feeds[i];
    counts += "    \"" + f.feed + "\": {\"file\": \"" + f.file +
              "\", \"rows\": " + std::to_string(f.rows) +
              ", \"accepted\": " + std::to_string(f.rows - f.quarantined) +
              ", \"quarantined\": " + std::to_string(f.quarantined) + "}" +
              (i + 1 < r.feeds.size() ? ",\n" : "\n");
  }
  counts += "  },\n  \"flags\": {";
  for (auto it = r.flags.begin(); it != r.flags.end(); ++it) {
    counts += (it == r.flags.begin() ? "\"" : ", \"") + it->first +
              "\": " + std::to_string(it->second);
  }
  counts += "},\n  \"amount\": {";
  for (auto it = r.amounts.begin(); it != r.amounts.end(); ++it) {
    counts += (it == r.amounts.begin() ? "\"" : ", \"") + it->first + "\": \"" +
              FormatFen(it->second) + "\"";
  }
  counts += "}\n}\n";

  auto path = [&](const char* name) {
    return (std::filesystem::path(options.out_dir) / name).string();
  };
  std::vector<SV> pop_parts{pop_header_gb.view()};
  for (const Bytes& b : pop_gb) pop_parts.push_back(b.view());
  struct Out {
    const char* name;
    std::vector<SV> parts;
  };
  std::vector<Out> outs = {
      {"roll.csv", {roll}},
      {"population.csv", pop_parts},
      {"death.ndjson", {death}},
      {"vehicle.csv", {vehicle_gb.view()}},
      {"property.csv", {property}},
      {"migration.ndjson", {migration}},
      {"tax.csv", {tax_gb.view()}},
      {"payroll.ndjson", {payroll}},
      {"bank.csv", {bank}},
      {"business.csv", {business_gb.view()}},
      {"cadre.csv", {cadre}},
      {"truth.ndjson", {truth_text}},
      {"truth_counts.json", {counts}},
  };
  for (const Out& o : outs) {
    std::string p = path(o.name);
    HEDUI_RETURN_IF_ERROR(WriteFile(p, o.parts, &r.bytes_written));
    r.files.push_back(p);
  }
  if (report) *report = std::move(r);
  return Status::OK();
}

std::string HukouId(std::string_view township_code, int32_t serial,
                    size_t households) {
  // Cut to six digits, serials past a million repeated earlier ones: two
  // households of a province slice shared one 户号 and looked like one
  // family split into two cases.
  std::string id(township_code.substr(6, 3));
  AppendPad(&id, static_cast<uint64_t>(serial), households >= 1000000 ? 7 : 6);
  return id;
}

}  // namespace hedui::demo
