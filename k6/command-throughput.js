// Hold and release commands at a target arrival rate, each on a seat no one else uses (distinct seats):
// measures what the write side accepts per second and its latency. Every VU is one admitted user: a
// released hold keeps the admission (only a purchase ends it early), so a VU queues again only when its
// admission runs out and the gate says it is not admitted.
//   k6 run k6/command-throughput.js                  (defaults: 200 holds/s for 30 s, 2,000 seats)
//   RATE=1000 DURATION=60s VUS=300 SEATS_PER_ROW=100 ROWS=40 k6 run k6/command-throughput.js
import http from 'k6/http';
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import { COMMAND_URL, admit, arrivalRate, createSchedule, headers, tagged, jwt, seatLabels, setQueue } from './lib/common.js';

const RATE = parseInt(__ENV.RATE || '200', 10);
const DURATION = __ENV.DURATION || '30s';
const VUS = parseInt(__ENV.VUS || '200', 10);
const ROWS = parseInt(__ENV.ROWS || '20', 10);
const SEATS_PER_ROW = parseInt(__ENV.SEATS_PER_ROW || '100', 10);

const accepted = new Counter('holds_accepted');
const released = new Counter('holds_released');
const holdLatency = new Trend('hold_latency', true);

export const options = {
  setupTimeout: '120s',
  scenarios: {
    holds: arrivalRate(RATE, DURATION, VUS, VUS),
  },
  thresholds: {
    'http_req_failed{name:hold}': ['rate<0.01'],
    'hold_latency': [`p(95)<${__ENV.HOLD_P95_MS || 100}`, `p(99)<${__ENV.HOLD_P99_MS || 200}`],
    'checks{step:hold}': ['rate>0.99'],
  },
  summaryTrendStats: ['avg', 'min', 'med', 'p(95)', 'p(99)', 'max'],
};

export function setup() {
  if (ROWS * SEATS_PER_ROW < VUS) {
    throw new Error('need at least one seat per VU');
  }
  const scheduleId = createSchedule(ROWS, SEATS_PER_ROW);
  setQueue(scheduleId, 100000, 1000000, false);
  return { scheduleId, seats: seatLabels(ROWS, SEATS_PER_ROW) };
}

const state = { token: null, admission: null, next: 0 };

export default function (data) {
  if (!state.token) {
    state.token = jwt(`throughput-${__VU}-${Date.now()}`);
  }
  if (!state.admission) {
    state.admission = admit(data.scheduleId, state.token);
  }
  // VU n uses seats n, n + VUS, n + 2·VUS, …: no two VUs ever ask for the same seat.
  const perVu = Math.floor(data.seats.length / VUS);
  const seat = data.seats[(__VU - 1) + VUS * (state.next++ % perVu)];
  const body = JSON.stringify({ seatIds: [seat] });
  let res = http.post(`${COMMAND_URL}/api/schedules/${data.scheduleId}/holds`, body,
    tagged(headers(state.token, { 'X-Admission-Token': state.admission }), 'hold'));
  if (res.status === 403) {
    state.admission = admit(data.scheduleId, state.token);
    res = http.post(`${COMMAND_URL}/api/schedules/${data.scheduleId}/holds`, body,
      tagged(headers(state.token, { 'X-Admission-Token': state.admission }), 'hold'));
  }
  holdLatency.add(res.timings.duration);
  if (!check(res, { 'hold accepted (201)': (r) => r.status === 201 }, { step: 'hold' })) {
    return;
  }
  accepted.add(1);
  const reservationId = res.json('reservationId');
  const release = http.del(`${COMMAND_URL}/api/reservations/${reservationId}`, null, tagged(headers(state.token), 'release'));
  if (check(release, { 'released (202)': (r) => r.status === 202 })) {
    released.add(1);
  }
}
