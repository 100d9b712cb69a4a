// The review site's household review files (一户一档): the list of
// households (/households) and a household's page (/households/FILE): the
// file, every member's flags with their evidence and decision form, one
// assign form and one visit form for the whole household. Rendering only:
// who may see or change what is the case store's to check. Every value
// from data or from a person is HTML-escaped here.
#ifndef HEDUI_ENGINE_WEB_HOUSEHOLD_PAGE_H_
#define HEDUI_ENGINE_WEB_HOUSEHOLD_PAGE_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "hedui/case_store.h"

namespace hedui::web {

// The list's filters from the query (the same names as /cases: township,
// village, rule, status, min, from, to, q, assignee, sort); `error` gets a
// message for a value that is not understood.
CaseFilter HouseholdFilterFromQuery(
    const std::function<std::string(const char*)>& param, std::string* error);

struct HouseholdListView {
  std::vector<HouseholdSummary> rows;
  size_t matched = 0, page = 1, pages = 1, page_size = 50;
  // The query without page, escaped by the renderer ("township=A镇&…").
  std::string query;
  std::string q, township, status;  // the filters shown in the form
};
// The body of /households.
std::string HouseholdListBody(const HouseholdListView& view);

// The link between the two lists: "按户 | 按疑点", with the query kept.
std::string ListSwitch(bool households, const std::string& query);

struct HouseholdPageView {
  HouseholdFile file;
  bool works = false;  // the user may assign, visit and decide (the store
                       // checks again)
  std::string csrf, today;
  std::vector<std::string> confirmed_outcomes, cleared_outcomes;
};
// The body of /households/FILE.
std::string HouseholdPageBody(const HouseholdPageView& view);

}  // namespace hedui::web

#endif  // HEDUI_ENGINE_WEB_HOUSEHOLD_PAGE_H_
