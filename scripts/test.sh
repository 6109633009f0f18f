#!/usr/bin/env bash
# Runs the test suites: unit, storage contract (embedded + a throwaway PostgreSQL) and
# integration (real clients on real sockets). Extra arguments go to mocha instead of the
# default file set, e.g. scripts/test.sh test/integration/login.test.ts
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-test-deps.sh

pki="$(mktemp -d -t parley-test-pki.XXXXXX)"
trap 'rm -rf "$pki"' EXIT
node --import tsx scripts/make-test-pki.ts "$pki"
export PARLEY_TEST_PKI="$pki"
export NODE_EXTRA_CA_CERTS="$pki/ca.crt"

if [ "$#" -gt 0 ]; then
  exec_args=("$@")
else
  # The whole suite also holds the code to its lint and type rules.
  npm run --silent lint
  exec_args=('test/unit/**/*.test.ts' 'test/contract/**/*.test.ts' 'test/integration/**/*.test.ts')
fi
npx mocha "${exec_args[@]}"
