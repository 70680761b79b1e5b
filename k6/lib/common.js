// Shared helpers of the k6 scenarios: configuration from the environment, HS256 bearer tokens signed in k6,
// a concert of our own per run, and the waiting room's admin settings.
import http from 'k6/http';
import crypto from 'k6/crypto';
import encoding from 'k6/encoding';
import { sleep } from 'k6';

export const COMMAND_URL = __ENV.COMMAND_URL || 'http://127.0.0.1:8080';
export const QUERY_URL = __ENV.QUERY_URL || 'http://127.0.0.1:8081';
export const JWT_SECRET = __ENV.JWT_SECRET || 'local-development-jwt-secret-change-me-0123456789';
export const WEBHOOK_SECRET = __ENV.WEBHOOK_SECRET || 'local-development-webhook-secret-change-me';

const HEADER = encoding.b64encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' }), 'rawurl');

/** A bearer token for `sub` with the given roles, valid for two hours. */
export function jwt(sub, roles = ['USER']) {
  const now = Math.floor(Date.now() / 1000);
  const payload = encoding.b64encode(JSON.stringify({ sub, roles, iat: now, exp: now + 7200 }), 'rawurl');
  const signature = crypto.hmac('sha256', JWT_SECRET, `${HEADER}.${payload}`, 'base64rawurl');
  return `${HEADER}.${payload}.${signature}`;
}

export function headers(token, extra = {}) {
  return { headers: Object.assign({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, extra) };
}

/** Request params with a `name` tag, so thresholds and the summary can tell the endpoints apart. */
export function tagged(params, name) {
  return Object.assign({}, params, { tags: { name } });
}

/** A concert with one schedule on sale now: `rows` × `seatsPerRow` seats in section A. Returns the schedule id. */
export function createSchedule(rows, seatsPerRow, price = 50000) {
  const now = Date.now();
  const body = JSON.stringify({
    title: `k6 ${new Date(now).toISOString()}`, venue: 'Load Hall',
    schedules: [{ startsAt: new Date(now + 30 * 86400000).toISOString(), salesOpenAt: new Date(now - 3600000).toISOString() }],
    sections: [{ name: 'A', grade: 'R', price, currency: 'KRW', rows, seatsPerRow }],
  });
  const res = http.post(`${COMMAND_URL}/api/admin/concerts`, body, headers(jwt('k6-admin', ['ADMIN'])));
  if (res.status !== 201) {
    throw new Error(`concert not created: ${res.status} ${res.body}`);
  }
  return res.json('scheduleIds')[0];
}

/** Sets the schedule's waiting room; retries while the new schedule is not yet known to it (a moment). */
export function setQueue(scheduleId, admitPerSecond, maxActive, paused = false) {
  const body = JSON.stringify({ admitPerSecond, maxActive, paused });
  for (let i = 0; i < 100; i++) {
    const res = http.put(`${COMMAND_URL}/api/admin/schedules/${scheduleId}/queue`, body, headers(jwt('k6-admin', ['ADMIN'])));
    if (res.status === 200) {
      return;
    }
    sleep(0.1);
  }
  throw new Error(`queue of ${scheduleId} could not be set`);
}

/** Enters the waiting room and polls until admitted; returns the admission token, or null after `maxSeconds`. */
export function admit(scheduleId, token, maxSeconds = 60) {
  let res = http.post(`${COMMAND_URL}/api/queue/${scheduleId}/entries`, null, tagged(headers(token), 'enter'));
  const deadline = Date.now() + maxSeconds * 1000;
  while (Date.now() < deadline) {
    if (res.status === 200 || res.status === 201) {
      const entry = res.json();
      if (entry.status === 'ADMITTED') {
        return entry.admissionToken;
      }
      if (entry.status === 'EXPIRED') {
        res = http.post(`${COMMAND_URL}/api/queue/${scheduleId}/entries`, null, tagged(headers(token), 'enter'));
        continue;
      }
      sleep(0.1);
      res = http.get(`${COMMAND_URL}/api/queue/${scheduleId}/entries/${entry.entryId}`, tagged(headers(token), 'poll'));
    } else {
      sleep(0.2);
      res = http.post(`${COMMAND_URL}/api/queue/${scheduleId}/entries`, null, tagged(headers(token), 'enter'));
    }
  }
  return null;
}

/** Seat labels of section A, row-major. */
export function seatLabels(rows, seatsPerRow) {
  const labels = [];
  for (let r = 1; r <= rows; r++) {
    for (let n = 1; n <= seatsPerRow; n++) {
      labels.push(`A-${r}-${n}`);
    }
  }
  return labels;
}

/** The payment provider's signed callback (what the mock provider sends). */
export function webhook(paymentOrderId, amount, status = 'PAID') {
  const body = JSON.stringify({ paymentOrderId, paymentKey: `k6-${paymentOrderId}`, amount, currency: 'KRW', status });
  const signature = crypto.hmac('sha256', WEBHOOK_SECRET, body, 'hex');
  return http.post(`${COMMAND_URL}/api/payments/webhook`, body,
    { headers: { 'Content-Type': 'application/json', 'X-Signature': `sha256=${signature}` }, tags: { name: 'webhook' } });
}

/** A scenario that starts `rate` iterations a second for `duration`, on up to `maxVUs` VUs (10 s to finish). */
export function arrivalRate(rate, duration, preAllocatedVUs, maxVUs) {
  return {
    executor: 'constant-arrival-rate',
    rate, timeUnit: '1s', duration,
    preAllocatedVUs, maxVUs,
    gracefulStop: '10s',
  };
}
