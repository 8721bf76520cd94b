#ifndef WINNOW_CNCURSESW_SHIM_H
#define WINNOW_CNCURSESW_SHIM_H
// Wide-character curses: get_wch, setcchar, mvadd_wch and friends need this before the header.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>
#endif
