// Disjoint sets over 0..n-1, for the family graph and the demo's oracle of
// it.
#ifndef HEDUI_ENGINE_BASE_UNION_FIND_H_
#define HEDUI_ENGINE_BASE_UNION_FIND_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace hedui {

// Header-only: Find runs once or twice per link of a graph of millions of
// edges, and inlines into the loops that call it.
class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) {
    for (size_t i = 0; i < n; ++i) parent_[i] = static_cast<uint32_t>(i);
  }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];  // path halving
      x = parent_[x];
    }
    return x;
  }
  // The smaller root wins, so a group's representative is its smallest index
  // whatever the order of the unions.
  void Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (a < b) std::swap(a, b);
    parent_[a] = b;
  }
  // Every element's representative.
  std::vector<uint32_t> Roots() {
    std::vector<uint32_t> r(parent_.size());
    for (size_t i = 0; i < r.size(); ++i) r[i] = Find(static_cast<uint32_t>(i));
    return r;
  }

 private:
  std::vector<uint32_t> parent_;
};

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_UNION_FIND_H_
