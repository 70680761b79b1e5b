#!/usr/bin/env bash
# Everything the tests need, before the README's test command runs them (`infra/local/ensure-test-tools.sh &&
# ./mvnw -B verify`): makes sure MariaDB and Redis answer on this machine, and installs Debian's Chromium and
# ChromeDriver for the fan page's browser tests (FanPageBrowserTest) when they are missing — as root, or through sudo.
set -euo pipefail
cd "$(dirname "$0")/../.."
infra/local/ensure-services.sh
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "installing chromium and chromium-driver (Debian packages) for the browser tests"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver >/dev/null
fi
