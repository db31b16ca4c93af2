# Sourced by the fixture scripts: LibreOffice Writer (headless) and Python 3, installed with
# apt-get when soffice is missing.
if ! command -v soffice >/dev/null 2>&1; then
    echo "soffice not found: installing LibreOffice Writer (needs root and apt-get)" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends \
        libreoffice-writer-nogui fonts-liberation2 fonts-dejavu-core
fi
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed" >&2; exit 1; }
