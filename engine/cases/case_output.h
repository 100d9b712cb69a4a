// The case files are public API: hedui/case_output.h.
#ifndef HEDUI_ENGINE_CASES_CASE_OUTPUT_H_
#define HEDUI_ENGINE_CASES_CASE_OUTPUT_H_

#include "hedui/case_output.h"

#endif  // HEDUI_ENGINE_CASES_CASE_OUTPUT_H_
