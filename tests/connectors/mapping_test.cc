#include "connectors/mapping.h"

#include <gtest/gtest.h>

namespace hedui {
namespace {

std::string Error(const std::string& toml) {
  StatusOr<Mapping> m = ParseMapping(toml, "m.toml");
  return m.ok() ? std::string("ok") : m.status().message();
}

constexpr char kHead[] =
    "[feed]\nkind = \"vehicle\"\n[fields]\nid_number = \"sfzh\"\nvehicle_type "
    "= \"t\"\nstatus = \"s\"\n";

TEST(MappingTest, AcceptsAGoodMapping) {
  StatusOr<Mapping> m = ParseMapping(
      std::string(kHead) + "plate = { column = \"号牌\" }\n", "m.toml");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->kind, FeedKind::kVehicle);
  EXPECT_EQ(m->fields.size(), 4u);
  EXPECT_EQ(m->fields[0].spec->name, "id_number");  // schema order
}

TEST(MappingTest, ErrorsNameFileLineAndKey) {
  EXPECT_EQ(Error(std::string(kHead) + "plate = { colum = \"x\" }\n"),
            "m.toml:7: unknown key 'colum' in fields.plate (expected one of: "
            "column, index, values, other, default, "
            "unit, required)");
  EXPECT_EQ(Error(std::string(kHead) + "plates = \"x\"\n").substr(0, 45),
            "m.toml:7: 'plates' is not a field of feed kin");
  EXPECT_NE(Error("[feed]\nkind = \"vehicle\"\n[fields]\nid_number = "
                  "\"a\"\nstatus = \"s\"\n")
                .find("needs field 'vehicle_type'"),
            std::string::npos);
  EXPECT_NE(Error("[feed]\nkind = \"cars\"\n[fields]\n")
                .find("m.toml:2: feed.kind 'cars' is unknown"),
            std::string::npos);
  // A values table translates any field, not only enumerations.
  EXPECT_EQ(Error(std::string(kHead) +
                  "registered_on = { column = \"d\", values = { a = \"b\" } "
                  "}\n"),
            "ok");
  std::string bad_code = Error(
      "[feed]\nkind = \"vehicle\"\n[fields]\nid_number = \"a\"\nvehicle_type = "
      "\"t\"\n"
      "status = { column = \"s\", values = { A = \"actve\" } }\n");
  EXPECT_EQ(bad_code,
            "m.toml:6: fields.status: 'actve' is not a code of vehicle.status "
            "(active, transferred, "
            "cancelled, scrapped)");
  EXPECT_NE(Error("[feed\nkind=").find("m.toml:1: not valid TOML"),
            std::string::npos);
  EXPECT_NE(
      Error("[feed]\nkind = \"vehicle\"\nencoding = \"latin1\"\n[fields]\n")
          .find("encoding 'latin1'"),
      std::string::npos);
  EXPECT_NE(
      Error(std::string(kHead) + "plate = { column = \"p\", unit = 10000 }\n")
          .find("amounts only"),
      std::string::npos);
}

TEST(MappingTest, MissingFileIsAnError) {
  StatusOr<Mapping> m = LoadMapping("/nonexistent/x.toml");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().message(),
            "/nonexistent/x.toml: cannot read mapping file");
}

}  // namespace
}  // namespace hedui
