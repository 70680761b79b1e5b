-- Enter a schedule's waiting room: one round trip, atomic, idempotent per user.
-- KEYS: 1 users (hash user -> entryId), 2 line (zset entryId -> order), 3 lastseen (zset entryId -> ms),
--       4 sequence (counter), 5 entry hash of the new entry, 6 admitted (hash entryId -> admission expiry ms),
--       7 rate (measured admissions per second), 8 settings (hash)
-- ARGV: 1 user, 2 new entry id, 3 now ms, 4 sales open ms, 5 random score in (0,1) for the pre-queue,
--       6 key prefix of entry hashes, 7 how long the schedule's keys and a live entry's hash outlive their last
--       write (ms), 8 how long an ended entry's hash is kept (ms; it answers EXPIRED meanwhile)
-- Every key written here gets its expiry in this same script, so nothing it creates outlives the sale.
-- Returns {created (0/1), entryId, state, rank (-1 when none), admittedUntil (or 0), measured rate,
--          configured rate ('' when never set), paused ('1' or '0')}: all an ETA needs, in this one round trip
local rate = redis.call('GET', KEYS[7]) or '0'
local settings = redis.call('HMGET', KEYS[8], 'admitPerSecond', 'paused')
local configured, paused = settings[1] or '', settings[2] or '0'
local user, newId, now, opens, random = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local keep, ended = ARGV[7], ARGV[8]
local existing = redis.call('HGET', KEYS[1], user)
if existing then
  local admittedUntil = redis.call('HGET', KEYS[6], existing)
  if admittedUntil and tonumber(admittedUntil) > now then
    return {0, existing, 'ADMITTED', -1, admittedUntil, rate, configured, paused}
  end
  local rank = redis.call('ZRANK', KEYS[2], existing)
  if rank then
    redis.call('ZADD', KEYS[3], now, existing)
    redis.call('PEXPIRE', KEYS[3], keep)
    redis.call('PEXPIRE', ARGV[6] .. existing, keep)
    return {0, existing, now < opens and 'PRE_QUEUE' or 'WAITING', rank, 0, rate, configured, paused}
  end
  -- The old entry expired or its admission ended: the user queues again with a new entry, and the old one is
  -- forgotten (its hash lingers briefly so a last poll still reads EXPIRED).
  redis.call('HDEL', KEYS[1], user)
  redis.call('HDEL', KEYS[6], existing)
  redis.call('PEXPIRE', ARGV[6] .. existing, ended)
end
local score
if now < opens then
  score = random                                   -- the pre-queue: a random place ahead of everyone later
else
  score = 1 + redis.call('INCR', KEYS[4])          -- after the opening: first come, first served
  redis.call('PEXPIRE', KEYS[4], keep)
end
redis.call('ZADD', KEYS[2], score, newId)
redis.call('ZADD', KEYS[3], now, newId)
redis.call('HSET', KEYS[1], user, newId)
redis.call('HSET', KEYS[5], 'user', user, 'enteredAt', now, 'order', tostring(score))
for _, written in ipairs({KEYS[1], KEYS[2], KEYS[3], KEYS[5]}) do
  redis.call('PEXPIRE', written, keep)
end
return {1, newId, now < opens and 'PRE_QUEUE' or 'WAITING', redis.call('ZRANK', KEYS[2], newId), 0, rate,
        configured, paused}
