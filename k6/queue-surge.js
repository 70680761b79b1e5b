// A burst of people entering one schedule's waiting room, each polling their position a few times.
// Measures the enter path (one Lua script in Redis) and the poll path.
//   k6 run k6/queue-surge.js                       (defaults: 2000 entries/s for 30 s)
//   RATE=5000 DURATION=20s POLLS=2 k6 run k6/queue-surge.js
import http from 'k6/http';
import { check } from 'k6';
import { Counter } from 'k6/metrics';
import { COMMAND_URL, arrivalRate, createSchedule, headers, tagged, jwt, setQueue } from './lib/common.js';

const RATE = parseInt(__ENV.RATE || '2000', 10);
const DURATION = __ENV.DURATION || '30s';
const POLLS = parseInt(__ENV.POLLS || '1', 10);
const entered = new Counter('entries_accepted');

export const options = {
  setupTimeout: '60s',
  scenarios: {
    surge: arrivalRate(RATE, DURATION, parseInt(__ENV.VUS || '200', 10), parseInt(__ENV.MAX_VUS || '1000', 10)),
  },
  summaryTrendStats: ['avg', 'min', 'med', 'p(95)', 'p(99)', 'max'],
  thresholds: {
    'http_req_failed{name:enter}': ['rate<0.01'],
    'http_req_duration{name:enter}': [`p(99)<${__ENV.ENTER_P99_MS || 50}`],
    'http_req_duration{name:poll}': [`p(99)<${__ENV.POLL_P99_MS || 50}`],
    'checks': ['rate>0.99'],
  },
};

export function setup() {
  const scheduleId = createSchedule(1, 10);
  // Nobody is admitted during the surge: the line only grows, as in the first minute of a sale.
  setQueue(scheduleId, 1, 1, true);
  return { scheduleId };
}

export default function (data) {
  const token = jwt(`surge-${__VU}-${__ITER}-${Math.random().toString(36).slice(2, 8)}`);
  const res = http.post(`${COMMAND_URL}/api/queue/${data.scheduleId}/entries`, null, tagged(headers(token), 'enter'));
  const ok = check(res, { 'entered (201)': (r) => r.status === 201 });
  if (!ok) {
    return;
  }
  entered.add(1);
  const entryId = res.json('entryId');
  for (let i = 0; i < POLLS; i++) {
    const poll = http.get(`${COMMAND_URL}/api/queue/${data.scheduleId}/entries/${entryId}`, tagged(headers(token), 'poll'));
    check(poll, { 'polled (200 WAITING)': (r) => r.status === 200 && r.json('status') === 'WAITING' });
  }
}
