# SPDX-License-Identifier: GPL-3.0-or-later
# Settings every Forgedesk target shares: language level, warnings, Qt defines.

set(CMAKE_CXX_STANDARD 23)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

add_library(forgedesk_common INTERFACE)
target_compile_options(forgedesk_common INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
    -Wimplicit-fallthrough
    # Designated initializers leave fields at their defaults on purpose; g++ 12 still warns.
    -Wno-missing-field-initializers)
if(FORGEDESK_WERROR)
    target_compile_options(forgedesk_common INTERFACE -Werror)
endif()
target_compile_definitions(forgedesk_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)
target_include_directories(forgedesk_common INTERFACE "${PROJECT_SOURCE_DIR}")

# One executable and one ctest per test file: forgedesk_add_test(tst_x SOURCES … LIBS …
# [WRAPPER script]); a wrapper runs the test binary (e.g. in a network namespace).
function(forgedesk_add_test name)
    cmake_parse_arguments(ARG "" "WRAPPER" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE forgedesk_common Qt6::Test ${ARG_LIBS})
    if(ARG_WRAPPER)
        add_test(NAME ${name} COMMAND "${ARG_WRAPPER}" $<TARGET_FILE:${name}>)
    else()
        add_test(NAME ${name} COMMAND ${name})
    endif()
    set(env "QT_QPA_PLATFORM=offscreen" "FORGEDESK_TEST_ARTIFACTS=${PROJECT_BINARY_DIR}/test-artifacts")
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "${env}" TIMEOUT 120)
endfunction()
