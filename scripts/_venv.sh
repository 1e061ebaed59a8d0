# Shared by scripts/demo and scripts/test: make .venv if missing and install accord into it.
# Usage: source scripts/_venv.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "accord needs Python 3.11 or newer ($python is $("$python" --version 2>&1))" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
# Every dependency comes from requirements.lock (exact releases, hashes checked), so a new
# machine runs what main was tested with; accord itself is then installed without resolving anything.
# The lock holds the test extras too, so scripts/demo and scripts/test share one environment.
stamp=".venv/.accord-installed"
if [ ! -f "$stamp" ] || [ requirements.lock -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes --no-deps \
    -r requirements.lock
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
  touch "$stamp"
fi
export PATH="$root/.venv/bin:$PATH"
export PACT_DO_NOT_TRACK=true
