// The two apps' HTTP contract (docs/api.md) as the page uses it. Tokens are passed in by the caller and live only
// in its memory: nothing here stores them, and none ever goes into a URL.

/** A refused request, carrying what the problem+json answer said (or a plain description when there was none). */
export class Problem extends Error {
  constructor({ status, type, title, detail, seatIds, retryAfter }) {
    super(title);
    this.status = status;
    this.type = type ?? 'about:blank';
    this.title = title;
    this.detail = detail ?? '';
    this.seatIds = Array.isArray(seatIds) ? seatIds : [];
    this.retryAfter = retryAfter;
  }
}

function retryAfterSeconds(response) {
  const value = response.headers.get('Retry-After');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

export function newKey() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One request. Resolves to the parsed JSON body (or null); rejects with a Problem whose title is the server's
 * problem title, so the page shows people a sentence, never a JSON blob or a stack.
 */
export async function call(base, method, path, { bearer, admission, idempotencyKey, body } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (admission) headers['X-Admission-Token'] = admission;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(base + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit',
    });
  } catch {
    throw new Problem({ status: 0, type: 'urn:fan-page:network', title: 'Cannot reach the server',
      detail: 'Check your connection; the page tries again by itself where it can.' });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (response.ok) return json;
  const problem = json && typeof json === 'object' && typeof json.title === 'string' ? json : {};
  throw new Problem({
    status: response.status,
    type: problem.type,
    title: problem.title ?? `Request failed (${response.status})`,
    detail: typeof problem.detail === 'string' ? problem.detail : '',
    seatIds: problem.seatIds,
    retryAfter: retryAfterSeconds(response),
  });
}

export function api(config, session) {
  const cmd = (method, path, options = {}) => call('', method, path, { bearer: session.bearer, ...options });
  const qry = (path) => call(config.queryUrl, 'GET', path, { bearer: session.bearer });
  const id = encodeURIComponent;
  return {
    concerts: () => qry('/api/concerts'),
    seats: (scheduleId) => qry(`/api/schedules/${id(scheduleId)}/seats`),
    reservation: (reservationId) => qry(`/api/reservations/${id(reservationId)}`),
    myReservations: () => qry('/api/me/reservations'),
    enterQueue: (scheduleId) => cmd('POST', `/api/queue/${id(scheduleId)}/entries`),
    queueEntry: (scheduleId, entryId) => cmd('GET', `/api/queue/${id(scheduleId)}/entries/${id(entryId)}`),
    hold: (scheduleId, seatIds, key) => cmd('POST', `/api/schedules/${id(scheduleId)}/holds`,
      { admission: session.admission, idempotencyKey: key, body: { seatIds } }),
    openPayment: (reservationId, key) => cmd('POST', `/api/reservations/${id(reservationId)}/payments`,
      { admission: session.admission, idempotencyKey: key }),
    mockPay: (paymentOrderId, outcome = 'PAID') =>
      cmd('POST', `/mock-provider/payments/${id(paymentOrderId)}?outcome=${id(outcome)}`),
    cancel: (reservationId) => cmd('DELETE', `/api/reservations/${id(reservationId)}`),
  };
}

export function devLogin(userId) {
  return call('', 'POST', '/dev/login', { body: { userId } });
}

export function pageConfig() {
  return call('', 'GET', '/fan/config');
}
