#!/usr/bin/env bash
# Render the PDF fixtures (fixtures/pdf/*.pdf) and their expected output
# (fixtures/gold/pdf_*.json) from gold JSON through LibreOffice.
# Installs LibreOffice Writer (headless) with apt-get when soffice is missing.
#
#   scripts/make-pdf-fixtures.sh                 # all fixtures
#   scripts/make-pdf-fixtures.sh --only NAME...  # some of them
#
# The generated files are committed: tests never need LibreOffice.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null 2>&1; then
    echo "soffice not found: installing LibreOffice Writer (needs root and apt-get)" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends \
        libreoffice-writer-nogui fonts-liberation2 fonts-dejavu-core
fi
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed" >&2; exit 1; }

python3 scripts/make-pdf-fixtures.py "$@"
