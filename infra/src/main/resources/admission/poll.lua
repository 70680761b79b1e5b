-- Where an entry stands; counts as a sign of life for a waiting entry.
-- KEYS: 1 entry hash, 2 line, 3 lastseen, 4 admitted, 5 rate (measured admissions per second), 6 settings (hash)
-- ARGV: 1 user, 2 entry id, 3 now ms, 4 sales open ms, 5 how long the schedule's keys and a live entry's hash
--       outlive their last write (ms)
-- Returns {state, rank (-1 when none), admittedUntil (or 0), measured rate (string), configured rate ('' when
--          never set), paused ('1' or '0')} or {'UNKNOWN'}
local owner = redis.call('HGET', KEYS[1], 'user')
if not owner or owner ~= ARGV[1] then
  return {'UNKNOWN'}
end
local now, opens = tonumber(ARGV[3]), tonumber(ARGV[4])
local rate = redis.call('GET', KEYS[5]) or '0'
local settings = redis.call('HMGET', KEYS[6], 'admitPerSecond', 'paused')
local configured, paused = settings[1] or '', settings[2] or '0'
local admittedUntil = redis.call('HGET', KEYS[4], ARGV[2])
if admittedUntil then
  if tonumber(admittedUntil) > now then
    return {'ADMITTED', -1, admittedUntil, rate, configured, paused}
  end
  return {'EXPIRED', -1, 0, rate, configured, paused}
end
local rank = redis.call('ZRANK', KEYS[2], ARGV[2])
if not rank then
  return {'EXPIRED', -1, 0, rate, configured, paused}
end
redis.call('ZADD', KEYS[3], now, ARGV[2])
redis.call('PEXPIRE', KEYS[3], ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {now < opens and 'PRE_QUEUE' or 'WAITING', rank, 0, rate, configured, paused}
