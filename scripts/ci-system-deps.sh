#!/usr/bin/env bash
# System packages the integration tests need: rsyslog, for the syslog destination tests
# (packages/transport/test/destination-syslog.test.ts starts its own rsyslogd in the foreground).
# Idempotent and non-interactive: does nothing when rsyslogd is already installed.
set -euo pipefail

if command -v rsyslogd >/dev/null 2>&1 || [ -x /usr/sbin/rsyslogd ]; then
  echo "== rsyslog: already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends rsyslog
echo "== rsyslog: installed $(/usr/sbin/rsyslogd -v | head -1)"
