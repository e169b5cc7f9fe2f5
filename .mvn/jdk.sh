# Sourced by ./mvnw and ./spatialthinker: exports JAVA_HOME pointing at a JDK >= 21.
# Order: JAVA_HOME, then the java on PATH, then the usual JVM folders (newest first).
# POSIX sh; sets st_jdk_error instead of exiting so the caller decides how to fail.

st_jdk_major() {
  "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9][0-9]*\).*/\1/p'
}

st_jdk_ok() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  st_major=$(st_jdk_major "$1")
  [ -n "$st_major" ] && [ "$st_major" -ge 21 ]
}

st_find_jdk() {
  if st_jdk_ok "${JAVA_HOME-}"; then
    return 0
  fi
  st_java=$(command -v java 2>/dev/null || true)
  if [ -n "$st_java" ]; then
    st_home=$(dirname "$(dirname "$(readlink -f "$st_java")")")
    if st_jdk_ok "$st_home"; then
      JAVA_HOME=$st_home
      export JAVA_HOME
      return 0
    fi
  fi
  st_best=""
  st_best_major=0
  st_glob_off=""
  case $- in *f*) st_glob_off=1 ;; esac
  set +f
  for st_dir in /usr/lib/jvm/* /usr/local/lib/jvm/* /usr/java/* /opt/java/* /opt/*jdk* \
    "${HOME-}"/.sdkman/candidates/java/* "${HOME-}"/.jdks/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$st_dir" ] || continue
    if st_jdk_ok "$st_dir" && [ "$st_major" -gt "$st_best_major" ]; then
      st_best=$st_dir
      st_best_major=$st_major
    fi
  done
  [ -z "$st_glob_off" ] || set -f
  if [ -n "$st_best" ]; then
    JAVA_HOME=$st_best
    export JAVA_HOME
    return 0
  fi
  st_jdk_error="no JDK >= 21 found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm and other usual folders); install one or set JAVA_HOME"
  return 1
}
