#!/usr/bin/env bash
# One command for an approver: an SSH signing key (made if missing), git set to sign every commit and merge
# with it, and the line to add to .github/allowed_signers. Usage:
#   bash scripts/siapkan-tanda-tangan.sh @akun-anda nama@instansi.go.id
set -euo pipefail
if [ $# -ne 2 ] || [ "${1#@}" = "$1" ] || [ "${2#*@}" = "$2" ]; then
  echo "Pemakaian: bash scripts/siapkan-tanda-tangan.sh @akun-anda nama@instansi.go.id" >&2
  echo "  @akun-anda: nama akun Anda seperti tertulis di .github/CODEOWNERS; lalu e-mail yang Anda pakai di git." >&2
  exit 2
fi
handle="$1"; email="$2"
key="${SOPGEN_KUNCI:-$HOME/.ssh/id_ed25519_sopgen}"
if [ ! -f "$key" ]; then
  mkdir -p "$(dirname "$key")"
  ssh-keygen -q -t ed25519 -C "$email" -f "$key"   # asks for a passphrase: choose one
fi
git config --global gpg.format ssh
git config --global user.signingkey "$key.pub"
git config --global user.email "$email"
git config --global commit.gpgsign true
git config --global tag.gpgsign true
echo "Git sekarang menandatangani setiap commit dan merge Anda dengan $key."
echo "Tambahkan baris ini ke .github/allowed_signers melalui pull request (disetujui pemilik .github/):"
echo
echo "$handle,$email $(cut -d' ' -f1,2 "$key.pub")"
