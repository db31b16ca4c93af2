#!/usr/bin/env bash
# Render the producer matrix (fixtures/pdf/matrix/mx_<style>_<writer>.pdf) and its gold
# (fixtures/gold/mx_*.json): the same forms printed by Chromium, WeasyPrint, wkhtmltopdf,
# LibreOffice, ReportLab and Ghostscript (see scripts/make-pdf-matrix.py).
# Installs what is missing: chromium, ghostscript, wkhtmltopdf, LibreOffice and fonts with
# apt-get, WeasyPrint and ReportLab with pip into a venv (MATRIX_VENV, default
# target/matrix-venv).
#
#   scripts/make-pdf-matrix.sh                      # everything
#   scripts/make-pdf-matrix.sh --only ruled chromium   # some styles and/or writers
#
# The generated files are committed: tests never need the writers.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/lib/ensure-libreoffice.sh

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v gs >/dev/null 2>&1 || missing+=(ghostscript)
command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -d /usr/share/fonts/truetype/liberation ] || missing+=(fonts-liberation)
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi

VENV=${MATRIX_VENV:-target/matrix-venv}
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c 'import weasyprint, reportlab' 2>/dev/null || "$VENV/bin/pip" install -q weasyprint reportlab

"$VENV/bin/python" scripts/make-pdf-matrix.py "$@"
