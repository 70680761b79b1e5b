// The whole journey of a flash sale with many more people than seats: enter the waiting room, poll until
// admitted, look at the seat map, hold seats that look free, pay (payment order, then the local mock payment
// provider, which posts the signed callback). The teardown checks that no seat was sold twice: the seats sold on the map equal the seats of
// the CONFIRMED reservations, and no seat belongs to two of them.
//   k6 run k6/flash-sale.js                          (defaults: 100 seats, 2,000 users, 60 s at most, up to
//                                                     10 hold attempts per fan)
//   SEATS_PER_ROW=50 ROWS=10 USERS=10000 VUS=300 k6 run k6/flash-sale.js
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Counter } from 'k6/metrics';
import { COMMAND_URL, QUERY_URL, admit, createSchedule, headers, tagged, jwt, setQueue, webhook } from './lib/common.js';

const ROWS = parseInt(__ENV.ROWS || '5', 10);
const SEATS_PER_ROW = parseInt(__ENV.SEATS_PER_ROW || '20', 10);
const USERS = parseInt(__ENV.USERS || '2000', 10);
const VUS = parseInt(__ENV.VUS || '200', 10);
const ADMIT_PER_SECOND = parseFloat(__ENV.ADMIT_PER_SECOND || '500');
const MAX_ACTIVE = parseInt(__ENV.MAX_ACTIVE || '300', 10);
const ATTEMPTS = parseInt(__ENV.ATTEMPTS || '10', 10);

const decisions = new Counter('hold_decisions');
const holds = new Counter('holds_accepted');
const confirmedPayments = new Counter('payments_sent');

export const options = {
  setupTimeout: '120s',
  teardownTimeout: '120s',
  scenarios: {
    sale: { executor: 'shared-iterations', vus: VUS, iterations: USERS, maxDuration: __ENV.DURATION || '60s' },
  },
  summaryTrendStats: ['avg', 'min', 'med', 'p(95)', 'p(99)', 'max'],
  thresholds: {
    'checks{audit:no-oversell}': ['rate==1'],
    'http_req_failed{name:hold}': ['rate<0.01'],
    'http_req_duration{name:hold}': [`p(99)<${__ENV.HOLD_P99_MS || 100}`],
    'http_req_duration{name:seat-map}': [`p(99)<${__ENV.MAP_P99_MS || 200}`],
  },
};

export function setup() {
  const scheduleId = createSchedule(ROWS, SEATS_PER_ROW, 50000);
  setQueue(scheduleId, ADMIT_PER_SECOND, MAX_ACTIVE, false);
  return { scheduleId };
}

export default function (data) {
  const user = jwt(`fan-${__VU}-${__ITER}-${Math.random().toString(36).slice(2, 8)}`);
  const admission = admit(data.scheduleId, user, 50);
  if (!admission) {
    return;
  }
  const map = http.get(`${QUERY_URL}/api/schedules/${data.scheduleId}/seats`, tagged(headers(user), 'seat-map'));
  if (map.status !== 200) {
    return;
  }
  let free = map.json('seats').filter((s) => s.status === 'AVAILABLE').map((s) => s.seatId);
  if (free.length === 0) {
    return; // sold out as far as the map shows: a real fan leaves
  }
  // A fan whose seats were taken picks others that still look free, up to ATTEMPTS times: most requests of a
  // real sale are for seats someone else just got, and each one is a decision (201 or 409) the engine must make.
  let hold = null;
  for (let attempt = 0; attempt < ATTEMPTS && free.length > 0; attempt++) {
    const wanted = [];
    const count = 1 + Math.floor(Math.random() * Math.min(4, free.length));
    while (wanted.length < count) {
      const seat = free[Math.floor(Math.random() * free.length)];
      if (!wanted.includes(seat)) {
        wanted.push(seat);
      }
    }
    hold = http.post(`${COMMAND_URL}/api/schedules/${data.scheduleId}/holds`, JSON.stringify({ seatIds: wanted }),
      Object.assign(tagged(headers(user, { 'X-Admission-Token': admission }), 'hold'),
        { responseCallback: http.expectedStatuses(201, 409) }));  // a 409 is a decision, not a failure
    check(hold, { 'hold decided (201 or 409)': (r) => r.status === 201 || r.status === 409 }, { step: 'hold' });
    decisions.add(1);
    if (hold.status !== 409) {
      break;
    }
    const taken = new Set(hold.json('seatIds') || wanted);
    free = free.filter((seat) => !taken.has(seat));
  }
  if (!hold || hold.status !== 201) {
    return;
  }
  holds.add(1);
  const reservationId = hold.json('reservationId');
  const order = http.post(`${COMMAND_URL}/api/reservations/${reservationId}/payments`, null,
    tagged(headers(user, { 'X-Admission-Token': admission }), 'payment-order'));
  if (check(order, { 'payment order (201)': (r) => r.status === 201 })) {
    // The local mock provider signs and posts the webhook, as the real provider would; PAY_WITH=webhook signs
    // the callback here instead (a system without the mock provider, with WEBHOOK_SECRET set).
    const paid = __ENV.PAY_WITH === 'webhook'
      ? webhook(order.json('paymentOrderId'), order.json('amount'))
      : http.post(`${COMMAND_URL}/mock-provider/payments/${order.json('paymentOrderId')}?outcome=PAID`, null,
        tagged(headers(user), 'mock-provider'));
    check(paid, { 'paid through the provider (200)': (r) => r.status === 200 });
    confirmedPayments.add(1);
  }
}

export function teardown(data) {
  // Let confirmations travel through Kafka and the read models catch up.
  let map;
  for (let i = 0; i < 60; i++) {
    map = http.get(`${QUERY_URL}/api/schedules/${data.scheduleId}/seats`, tagged(headers(jwt('k6-auditor')), 'audit'));
    if (map.status === 200 && map.json('counts.held') === 0) {
      break;
    }
    sleep(1);
  }
  const seats = map.json('seats');
  const sold = seats.filter((s) => s.status === 'SOLD').map((s) => s.seatId);
  // Every reservation of the schedule, as the admin sees them: no seat may be in two CONFIRMED ones, and the
  // seats on the map that are SOLD are exactly the seats of the CONFIRMED reservations.
  const all = http.get(`${QUERY_URL}/api/admin/schedules/${data.scheduleId}/reservations`, tagged(headers(jwt('k6-admin', ['ADMIN'])), 'audit'));
  const confirmedSeats = all.json().filter((r) => r.status === 'CONFIRMED').flatMap((r) => r.seatIds);
  const distinct = new Set(confirmedSeats);
  const soldSet = new Set(sold);
  check(all, {
    'no seat in two confirmed reservations': () => distinct.size === confirmedSeats.length,
    'sold seats on the map = seats of confirmed reservations':
      () => soldSet.size === distinct.size && [...distinct].every((seat) => soldSet.has(seat)),
    'no more seats sold than exist': () => sold.length <= ROWS * SEATS_PER_ROW,
  }, { audit: 'no-oversell' });
  console.log(`flash sale: ${sold.length} of ${ROWS * SEATS_PER_ROW} seats sold, ${all.json().length} reservations, `
    + `${confirmedSeats.length} seats in confirmed ones; map counts ${JSON.stringify(map.json('counts'))}`);
}
