-- An admin's settings for a schedule's waiting room, stored with their expiry in one step.
-- KEYS: 1 settings (hash)
-- ARGV: 1 admissions per second, 2 max active, 3 paused ('1' or '0'), 4 how long to keep them (ms)
redis.call('HSET', KEYS[1], 'admitPerSecond', ARGV[1], 'maxActive', ARGV[2], 'paused', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
