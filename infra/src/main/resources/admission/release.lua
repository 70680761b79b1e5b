-- A user's purchase ended their admission: the slot is free again, and the admission's entry is forgotten
-- (its hash lingers briefly so a last poll still reads EXPIRED). A user whose current entry is still in the
-- line keeps it: only an admission ends here.
-- KEYS: 1 users, 2 active, 3 admitted
-- ARGV: 1 user, 2 key prefix of entry hashes, 3 how long an ended entry's hash is kept (ms)
local entry = redis.call('HGET', KEYS[1], ARGV[1])
local freed = redis.call('ZREM', KEYS[2], ARGV[1])
if entry and redis.call('HEXISTS', KEYS[3], entry) == 1 then
  redis.call('HDEL', KEYS[3], entry)
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('PEXPIRE', ARGV[2] .. entry, ARGV[3])
end
return freed
