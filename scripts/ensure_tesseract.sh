#!/usr/bin/env bash
# OCR of scanned PDFs uses Debian's Tesseract with the Indonesian and English language data; the OCR tests
# draw their page images with DejaVu Sans. Install what is missing (as root with apt-get), else say what to do.
set -euo pipefail
packages=(tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng fonts-dejavu-core)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "OCR packages missing: install them with 'apt-get install ${missing[*]}' (OCR tests need them)." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
