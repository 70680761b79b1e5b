#!/usr/bin/env bash
# Prints an HS256 bearer token for local use: jwt.sh <user-id> [USER|ADMIN] [valid-seconds]
# Signed with TICKETING_JWT_SECRET, or the local default the apps use when it is not set.
set -euo pipefail
sub=${1:?usage: jwt.sh <user-id> [USER|ADMIN] [valid-seconds]}
role=${2:-USER}
ttl=${3:-3600}
secret=${TICKETING_JWT_SECRET:-local-development-jwt-secret-change-me-0123456789}
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
payload=$(printf '{"sub":"%s","roles":["%s"],"iat":%d,"exp":%d}' "$sub" "$role" "$(date +%s)" "$(( $(date +%s) + ttl ))" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$secret" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
