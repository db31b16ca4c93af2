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

. scripts/lib/ensure-libreoffice.sh

python3 scripts/make-pdf-fixtures.py "$@"
