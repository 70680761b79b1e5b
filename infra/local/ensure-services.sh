#!/usr/bin/env bash
# Makes sure the MySQL-compatible database (127.0.0.1:3306) and Redis (127.0.0.1:6379) answer, starting
# them with this machine kind's own commands when they do not. Used by .ci/run and the local run.
set -euo pipefail

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {
  local name=$1 port=$2
  for _ in $(seq 1 60); do
    port_open "$port" && return 0
    sleep 1
  done
  echo "error: $name did not come up on 127.0.0.1:$port" >&2
  return 1
}

if ! port_open 3306; then
  echo "starting MariaDB"
  if command -v start-stop-daemon >/dev/null && [ -x /usr/sbin/mariadbd ]; then
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  else
    echo "error: nothing answers on 3306 and /usr/sbin/mariadbd is not installed" >&2
    exit 1
  fi
  wait_for MariaDB 3306
fi

if ! port_open 6379; then
  echo "starting Redis"
  if command -v redis-server >/dev/null; then
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
  else
    echo "error: nothing answers on 6379 and redis-server is not installed" >&2
    exit 1
  fi
  wait_for Redis 6379
fi
