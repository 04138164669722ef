#!/usr/bin/env bash
# Runs the Python receiver against npm start's stack, as test/receiver-examples.e2e.test.ts runs the Node one:
# Flask from the package index in a virtual environment, then the same loop. Needs python3 and a built bundle.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=node_modules/.cache/python-receiver
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r examples/python/requirements.txt
RECEIVER_PYTHON="$venv/bin/python" npx vitest run test/receiver-examples.e2e.test.ts -t python
