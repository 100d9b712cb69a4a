// What issue 10's "money a reviewer needs" plants: ASSETS cases whose
// balance over the line is dated the as-of date itself. Nothing has been
// paid since (amount 0.00), yet the case's whole payment stops each month
// if the flag is confirmed (monthly_at_stake). The truth oracle needs no
// change: it evaluates every balance date up to the as-of date.
#include "engine/demo/builder.h"

namespace hedui::demo::gen {

void Builder::PlantMoney() {
  // A stream of its own, so the other plantings draw exactly as before.
  Rng rng(opt_.seed, kStreamPlant, 0x6d6f6e6579 /* "money" */);
  for (int k = 0; k < 2; ++k) {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    const Case& kase = w_.cases[c];
    const int64_t line =
        StandardFen(kase.urban, Date{as_of_}.month_index()) * kase.n;
    const uint64_t account = 6228231000000000000ULL +
                             rng.Next() % 1000000000000ULL * 10 + rng.Below(10);
    w_.banks.push_back({Adult(rng, c), as_of_,
                        24 * line + rng.Range(1, 5000000), account,
                        static_cast<uint8_t>(rng.Below(std::size(kBanks)))});
  }
}

}  // namespace hedui::demo::gen
