/*
 * Preloaded into a throwaway PostgreSQL server by bench/slow-disk/start: every fsync and
 * fdatasync takes SLOWSYNC_US microseconds longer (default 1000), as on network storage or a
 * replicated volume, where a flush costs a millisecond or more instead of this machine's 0.1.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>

static void wait_a_while(void) {
  const char *us = getenv("SLOWSYNC_US");
  usleep(us ? (useconds_t) atoi(us) : 1000);
}

int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int)) dlsym(RTLD_NEXT, "fsync");
  wait_a_while();
  return real(fd);
}

int fdatasync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int)) dlsym(RTLD_NEXT, "fdatasync");
  wait_a_while();
  return real(fd);
}
