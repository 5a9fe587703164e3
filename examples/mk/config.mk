# Build configuration shared by the project's makefiles.
CC ?= cc
CFLAGS ?= -O2 -Wall -Wextra
CPPFLAGS += -Iinclude
LDLIBS :=
PREFIX ?= /usr/local
