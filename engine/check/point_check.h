// Point checks over the index itself; the public class is
// hedui/point_check.h.
#ifndef HEDUI_ENGINE_CHECK_POINT_CHECK_H_
#define HEDUI_ENGINE_CHECK_POINT_CHECK_H_

#include "engine/check/cross_check.h"
#include "engine/index/index.h"
#include "hedui/point_check.h"

#endif  // HEDUI_ENGINE_CHECK_POINT_CHECK_H_
