# The build's guard on the architecture (ARCHITECTURE.md): every quoted
# #include in a layer's folder must name a header of the same layer or of a
# layer it may use. Run at build time by the hedui_layers target, which every
# library depends on, so an upward include fails the build before anything
# compiles:
#
#   cmake -DSOURCE_DIR=<repo> -DSTAMP=<file> -P cmake/check_layers.cmake
#
# Public headers (engine/include/hedui/) belong to the layer named for them
# in HEDUI_PUBLIC_HEADERS below, and may include only other public headers.
cmake_minimum_required(VERSION 3.25)

# Layer name, its folder, and the layers it may include from.
set(HEDUI_LAYERS base schema index connectors linkage matchers check cases demo web cli)
set(folder_base engine/base)
set(uses_base "")
set(folder_schema engine/schema)
set(uses_schema base)
set(folder_index engine/index)
set(uses_index base schema)
set(folder_connectors connectors)
set(uses_connectors base schema index)
set(folder_linkage engine/linkage)
set(uses_linkage base schema index)
set(folder_matchers matchers)
set(uses_matchers base schema)
set(folder_check engine/check)
set(uses_check base schema index linkage matchers)
set(folder_cases engine/cases)
set(uses_cases base schema index linkage matchers check)
set(folder_demo engine/demo)
set(uses_demo base schema index connectors linkage matchers check cases)
# The review site: a front-end over the case store (engine/web/).
set(folder_web engine/web)
set(uses_web base schema index linkage matchers check cases)
set(folder_cli engine/cli)
set(uses_cli base schema index connectors linkage matchers check cases demo web)

# Public header → its layer.
set(HEDUI_PUBLIC_HEADERS
  status.h=base
  date.h=base
  feed_schema.h=schema
  record.h=schema
  case_model.h=schema
  county_places.h=schema
  rules.h=matchers
  matcher.h=matchers
  batch.h=index
  data_directory.h=index
  run_log.h=index
  compaction.h=index
  ingest.h=connectors
  quarantine.h=connectors
  cross_check.h=check
  incremental.h=check
  point_check.h=check
  case_output.h=cases
  record_run.h=cases
  explain.h=cases
  review_case.h=cases
  case_store.h=cases
  campaign_report.h=cases
)

function(layer_of_include include out)
  set(result "")
  if(include MATCHES "^hedui/(.+)$")
    set(name "${CMAKE_MATCH_1}")
    foreach(entry IN LISTS HEDUI_PUBLIC_HEADERS)
      string(REPLACE "=" ";" pair "${entry}")
      list(GET pair 0 header)
      list(GET pair 1 layer)
      if(header STREQUAL name)
        set(result "${layer}")
      endif()
    endforeach()
    if(result STREQUAL "")
      set(result "unlisted")
    endif()
  else()
    foreach(layer IN LISTS HEDUI_LAYERS)
      if(include MATCHES "^${folder_${layer}}/")
        set(result "${layer}")
      endif()
    endforeach()
  endif()
  set(${out} "${result}" PARENT_SCOPE)
endfunction()

set(errors "")
function(check_file path own_layer public)
  file(STRINGS "${SOURCE_DIR}/${path}" lines REGEX "^#include \"")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^#include \"([^\"]+)\".*$" "\\1" include "${line}")
    if(include MATCHES "^(simdjson|xxhash)\\.h$")
      continue()
    endif()
    layer_of_include("${include}" layer)
    if(layer STREQUAL "unlisted")
      set(errors "${errors}\n  ${path}: includes ${include}, a public header not listed in HEDUI_PUBLIC_HEADERS (cmake/check_layers.cmake)")
    elseif(layer STREQUAL "")
      set(errors "${errors}\n  ${path}: includes ${include}, which is in no layer")
    elseif(public AND NOT include MATCHES "^hedui/")
      set(errors "${errors}\n  ${path}: a public header may include only public headers (hedui/...), not ${include}")
    elseif(NOT layer STREQUAL own_layer AND NOT layer IN_LIST uses_${own_layer})
      set(errors "${errors}\n  ${path} (layer ${own_layer}) includes ${include} (layer ${layer}); ${own_layer} may use: ${uses_${own_layer}}")
    endif()
  endforeach()
  set(errors "${errors}" PARENT_SCOPE)
endfunction()

foreach(layer IN LISTS HEDUI_LAYERS)
  file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}"
       "${SOURCE_DIR}/${folder_${layer}}/*.cc" "${SOURCE_DIR}/${folder_${layer}}/*.h")
  foreach(path IN LISTS sources)
    check_file("${path}" "${layer}" FALSE)
  endforeach()
endforeach()
file(GLOB public_headers RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/engine/include/hedui/*.h")
foreach(path IN LISTS public_headers)
  get_filename_component(name "${path}" NAME)
  layer_of_include("hedui/${name}" layer)
  if(layer STREQUAL "unlisted")
    set(errors "${errors}\n  ${path}: not listed in HEDUI_PUBLIC_HEADERS (cmake/check_layers.cmake)")
  else()
    check_file("${path}" "${layer}" TRUE)
    # The public API names no storage-engine type (hedui/data_directory.h).
    file(STRINGS "${SOURCE_DIR}/${path}" storage REGEX "^#include <rocksdb/|rocksdb::")
    if(storage)
      set(errors "${errors}\n  ${path}: a public header may not name RocksDB (${storage})")
    endif()
  endif()
endforeach()

if(errors)
  message(FATAL_ERROR "hedui layer check failed (ARCHITECTURE.md, 'Floors and what may include what'):${errors}")
endif()
if(STAMP)
  file(TOUCH "${STAMP}")
endif()
