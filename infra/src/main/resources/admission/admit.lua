-- One admission step for one schedule, atomic: any number of app instances may call it any number of
-- times; the rate (a token bucket kept in Redis) and the cap on active admissions hold across all of them.
-- KEYS: 1 line, 2 lastseen, 3 active (zset user -> admission expiry ms), 4 admitted (hash entryId -> expiry ms),
--       5 settings (hash), 6 bucket (hash: at, credit), 7 admissions log (zset 'ms:n' -> ms), 8 rate,
--       9 users (hash user -> entryId)
-- ARGV: 1 now ms, 2 sales open ms, 3 admission ttl ms, 4 idle timeout ms, 5 default rate, 6 default max active,
--       7 entry hash key prefix, 8 rate window ms, 9 how long the schedule's keys outlive their last write (ms),
--       10 how long an ended entry's hash is kept (ms), 11 the effective rate to admit at ('' = the ceiling),
--       12 the floor of a schedule whose settings name none
-- Every key written here gets its expiry in this same script: while the admitter works a schedule (until its
-- show starts) the keys stay; after that they go ARGV[9] after the last write.
-- The admin's admitPerSecond is the ceiling and minAdmitPerSecond the floor; the caller's effective rate (the
-- admitter's control loop, docs/design.md "Overload") is kept between them.
-- Returns {entry id, user, entry id, user, ... of those admitted, then waiting, active, entries expired this step,
--          and as strings the rate applied, the ceiling and the floor}
local now, opens, ttl, idle = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local ceiling = tonumber(redis.call('HGET', KEYS[5], 'admitPerSecond') or ARGV[5])
local floor = math.min(ceiling, tonumber(redis.call('HGET', KEYS[5], 'minAdmitPerSecond') or '')
    or tonumber(ARGV[12] or '') or ceiling)
local rate = ceiling
local cap = tonumber(ARGV[11] or '')
if cap then
  rate = math.max(floor, math.min(ceiling, cap))
end
local maxActive = tonumber(redis.call('HGET', KEYS[5], 'maxActive') or ARGV[6])
local paused = redis.call('HGET', KEYS[5], 'paused') == '1'

local keep, ended = ARGV[9], ARGV[10]

-- Admissions that ran out free their slot, and their entry is forgotten.
for _, user in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)) do
  local id = redis.call('HGET', KEYS[9], user)
  local expiry = id and redis.call('HGET', KEYS[4], id)
  if expiry and tonumber(expiry) <= now then
    redis.call('HDEL', KEYS[4], id)
    redis.call('HDEL', KEYS[9], user)
    redis.call('PEXPIRE', ARGV[7] .. id, ended)
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
-- Entries whose owner stopped polling leave the line.
local idleEntries = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - idle)
for _, id in ipairs(idleEntries) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
  local owner = redis.call('HGET', ARGV[7] .. id, 'user')
  if owner and redis.call('HGET', KEYS[9], owner) == id then
    redis.call('HDEL', KEYS[9], owner)
  end
  redis.call('PEXPIRE', ARGV[7] .. id, ended)
end

local admittedIds = {}
local last = tonumber(redis.call('HGET', KEYS[6], 'at') or now)
local credit = tonumber(redis.call('HGET', KEYS[6], 'credit') or 0)
if paused or now < opens then
  credit = 0
else
  -- At most one second's worth of admissions can be saved up.
  credit = math.min(math.max(rate, 1), credit + (now - last) / 1000.0 * rate)
  local room = maxActive - redis.call('ZCARD', KEYS[3])
  local n = math.min(math.floor(credit), room)
  if n > 0 then
    local popped = redis.call('ZPOPMIN', KEYS[1], n)
    for i = 1, #popped, 2 do
      local id = popped[i]
      local owner = redis.call('HGET', ARGV[7] .. id, 'user')
      redis.call('ZREM', KEYS[2], id)
      if owner then
        redis.call('ZADD', KEYS[3], now + ttl, owner)
        redis.call('HSET', KEYS[4], id, now + ttl)
        redis.call('HSET', ARGV[7] .. id, 'admittedNo', redis.call('HINCRBY', KEYS[6], 'admissions', 1))
        -- Lives as long as the admission, then as long as any ended entry.
        redis.call('PEXPIRE', ARGV[7] .. id, ttl + tonumber(ended))
        admittedIds[#admittedIds + 1] = id
        admittedIds[#admittedIds + 1] = owner
      end
    end
    local count = #admittedIds / 2
    credit = credit - count
    if count > 0 then
      redis.call('ZADD', KEYS[7], now, now .. ':' .. count .. ':' .. admittedIds[1])
    end
  end
end
redis.call('HSET', KEYS[6], 'at', now, 'credit', tostring(credit))

-- The measured admission rate over the last window, for ETAs.
local window = tonumber(ARGV[8])
redis.call('ZREMRANGEBYSCORE', KEYS[7], '-inf', now - window)
local total = 0
for _, member in ipairs(redis.call('ZRANGE', KEYS[7], 0, -1)) do
  total = total + tonumber(string.match(member, '^%d+:(%d+):'))
end
redis.call('SET', KEYS[8], tostring(total * 1000.0 / window), 'PX', keep)

for _, written in ipairs({KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[6], KEYS[7], KEYS[9]}) do
  redis.call('PEXPIRE', written, keep)
end
-- The admin's settings were given their own expiry (past the show); keep them at least as long as the rest,
-- and give one to settings stored before keys expired.
local settingsTtl = redis.call('PTTL', KEYS[5])
if settingsTtl == -1 or (settingsTtl >= 0 and settingsTtl < tonumber(keep)) then
  redis.call('PEXPIRE', KEYS[5], keep)
end

admittedIds[#admittedIds + 1] = redis.call('ZCARD', KEYS[1])
admittedIds[#admittedIds + 1] = redis.call('ZCARD', KEYS[3])
admittedIds[#admittedIds + 1] = #idleEntries
admittedIds[#admittedIds + 1] = tostring(rate)
admittedIds[#admittedIds + 1] = tostring(ceiling)
admittedIds[#admittedIds + 1] = tostring(floor)
return admittedIds
