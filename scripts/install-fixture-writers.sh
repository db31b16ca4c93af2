#!/usr/bin/env bash
# Installs the document writers that rebuild the blind sets' PDFs and Word files
# (fixtures/blind*/tools): LibreOffice, Chromium, TeX (pdfTeX, via pandoc too), groff and
# Ghostscript, WeasyPrint, the Java PDF libraries iText 5 and PDFBox 2 with a JDK, and the
# Python writers ReportLab, fpdf2, PyMuPDF and python-docx. Not needed to run chc or its
# tests: the built documents are committed. Idempotent; needs root (or sudo) for apt-get.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y \
    libreoffice-writer chromium \
    texlive-latex-base texlive-latex-recommended texlive-latex-extra pandoc \
    groff ghostscript weasyprint tesseract-ocr tesseract-ocr-eng ocrmypdf libreoffice-calc \
    default-jdk-headless libitext5-java libpdfbox2-java
python3 -m pip install --user reportlab fpdf2 pymupdf python-docx
