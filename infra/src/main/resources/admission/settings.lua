-- An admin's settings for a schedule's waiting room, stored with their expiry in one step.
-- KEYS: 1 settings (hash)
-- ARGV: 1 admissions per second (the ceiling), 2 max active, 3 paused ('1' or '0'), 4 how long to keep them (ms),
--       5 the floor of the adaptive rate ('' = none: the configured default applies)
redis.call('HSET', KEYS[1], 'admitPerSecond', ARGV[1], 'maxActive', ARGV[2], 'paused', ARGV[3])
if ARGV[5] and ARGV[5] ~= '' then
  redis.call('HSET', KEYS[1], 'minAdmitPerSecond', ARGV[5])
else
  redis.call('HDEL', KEYS[1], 'minAdmitPerSecond')
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
