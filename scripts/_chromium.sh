# Shared by scripts/test: the web view's browser tests drive Debian's chromium through Playwright
# (Playwright's own browser builds are never downloaded). Install the package when it is missing and
# apt can: as root, or with password-less sudo. Otherwise the tests say so (and fail under CI=true).
# Usage: source scripts/_chromium.sh
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(sudo -n)
  if [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; then
    echo "installing chromium for the web view's browser tests (apt-get)" >&2
    "${as_root[@]}" apt-get install -y -q chromium >/dev/null \
      || { "${as_root[@]}" apt-get update -q >/dev/null && "${as_root[@]}" apt-get install -y -q chromium >/dev/null; } \
      || echo "could not install chromium; the browser tests will say so" >&2
  fi
fi
