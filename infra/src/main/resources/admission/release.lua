-- A user's reservation ended (confirmed, released, expired, refunded): their admission slot is free again.
-- KEYS: 1 users, 2 active, 3 admitted
-- ARGV: 1 user
local entry = redis.call('HGET', KEYS[1], ARGV[1])
local freed = redis.call('ZREM', KEYS[2], ARGV[1])
if entry then
  redis.call('HDEL', KEYS[3], entry)
  redis.call('HDEL', KEYS[1], ARGV[1])
end
return freed
