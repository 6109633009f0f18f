#!/bin/bash
# Installs what the tests need beyond npm on Debian, only when missing: PostgreSQL server binaries
# (test/helpers/postgres.ts runs its own throwaway servers) and python3-slixmpp (interop client).
# The system's postgresql service is kept from starting; the tests never use it.
set -euo pipefail

missing=()

has_postgres_server() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}
# As root the helper runs initdb and postgres as the `postgres` user that the package creates.
if ! has_postgres_server || { [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; }; then
  missing+=(postgresql)
fi
# The package, not `import slixmpp`: a pyenv or venv python3 first on PATH would not see it.
if ! dpkg-query -W -f='${Status}' python3-slixmpp 2>/dev/null | grep -q 'install ok installed'; then
  missing+=(python3-slixmpp)
fi

if [ "${#missing[@]}" -eq 0 ]; then
  echo "test dependencies present"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "ensure-test-deps: missing ${missing[*]}, and no apt-get to install them (Debian expected)" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "ensure-test-deps: missing ${missing[*]}; run as root or install sudo" >&2
  exit 1
fi

# invoke-rc.d asks /usr/sbin/policy-rc.d whether a package may start its service; 101 = no.
# An existing policy belongs to someone else and stays as it is.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  trap '"${sudo[@]}" rm -f "$policy"' EXIT
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"
fi

echo "installing ${missing[*]}"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"

# Nor should it start at the next boot.
if [[ " ${missing[*]} " == *" postgresql "* ]]; then
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    "${sudo[@]}" systemctl disable --now postgresql >/dev/null 2>&1 || echo "ensure-test-deps: could not disable the postgresql service" >&2
  elif command -v update-rc.d >/dev/null; then
    "${sudo[@]}" update-rc.d postgresql disable >/dev/null 2>&1 || echo "ensure-test-deps: could not disable the postgresql service" >&2
  fi
fi
