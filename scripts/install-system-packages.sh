#!/usr/bin/env bash
# Installs the Debian packages the end-to-end tests need, only those missing: headers for
# code-server's native modules, ripgrep (stands in for the rg that @vscode/ripgrep would
# download), Chromium (drives the VS Code workbench), a Chinese font (legible screenshots) and
# Neovim (its built-in LSP client runs the server in test/nvim/). Used by .ci/run and, when run
# as root, by test/e2e/run.mjs and test/nvim/nvim.test.ts on first use.
set -euo pipefail
packages=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium fonts-wqy-microhei neovim)
missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "system packages: all present"
  exit 0
fi
echo "system packages: installing ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
