// A matcher checks one ground over one household (a roll case with every
// member's records from the feeds it needs) and emits flags.
//
// Matchers run in parallel over households, read-only: Check() must not
// touch shared mutable state, and its output must depend only on its input
// (deterministic whatever the thread count).
#ifndef HEDUI_MATCHER_H_
#define HEDUI_MATCHER_H_

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hedui/case_model.h"
#include "hedui/date.h"
#include "hedui/feed_schema.h"
#include "hedui/rules.h"

namespace hedui {

struct RunContext {
  Date as_of;
  const Rules* rules;
};

class Matcher {
 public:
  virtual ~Matcher() = default;
  // The rule code in flags ("DECEASED"); stable.
  virtual std::string_view Name() const = 0;
  // Bumped whenever the meaning of a flag changes.
  virtual int Version() const = 0;
  virtual std::vector<FeedKind> Needs() const = 0;
  virtual bool Enabled(const Rules& rules) const = 0;
  virtual void Check(const Household& household, const RunContext& context,
                     std::vector<Flag>* flags) const = 0;
};

// Every matcher, in the order their flags are listed
// (matchers/matcher_list.cc).
const std::vector<std::unique_ptr<Matcher>>& AllMatchers();

}  // namespace hedui

#endif  // HEDUI_MATCHER_H_
