#!/usr/bin/env bash
# Installs what the optional test dependencies need: headless Chromium for the HTML
# report test (tests/datasets.rs, `report_renders_in_chromium`). Idempotent: does
# nothing when chromium is already on PATH. Needs root (or sudo) for apt-get.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
    echo "chromium already installed: $(command -v chromium)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

command -v chromium || ($SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium)
chromium --version || true
