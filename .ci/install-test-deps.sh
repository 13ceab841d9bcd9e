#!/usr/bin/env bash
# Installs the Debian packages the test suite uses as independent decoders of what Loci writes:
# tshark (Wireshark's dissectors) and tcpdump. Idempotent: does nothing when both are present.
# Needs root (or passwordless sudo) only when something is missing.
set -euo pipefail

missing=()
command -v tshark >/dev/null 2>&1 || missing+=(tshark)
command -v tcpdump >/dev/null 2>&1 || missing+=(tcpdump)

if ((${#missing[@]} > 0)); then
    sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            echo "install-test-deps: need root to install ${missing[*]} (no sudo found)" >&2
            exit 1
        fi
    fi

    echo "install-test-deps: installing ${missing[*]}"
    # wireshark-common asks whether non-root users may capture; answer once, never interactively.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | "${sudo[@]}" debconf-set-selections
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

tshark -v 2>/dev/null | sed -n 1p
tcpdump --version 2>&1 | sed -n 1p
