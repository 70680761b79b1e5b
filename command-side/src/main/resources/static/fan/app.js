// The fan's page: sign in → concerts → waiting room → seat map → hold → pay → confirmed → my reservations.
// Bearer and admission tokens live in `session` (memory) only: a reload signs you out, and no token ever goes into
// a URL, storage or a cookie.
import { api, devLogin, newKey, pageConfig, Problem } from './api.js';

const $ = (id) => document.getElementById(id);
const session = { bearer: null, userId: null, admission: null };
let config = { queryUrl: '', maxSeatsPerOrder: 4, local: false };
let client = null;

const sleep = (ms, signal) => new Promise((resolve) => {
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
});

// ---- errors: always the problem's title (and its seat ids), never raw JSON ----
function showError(error) {
  const problem = error instanceof Problem ? error
    : new Problem({ status: 0, title: 'Something went wrong', detail: 'Please try again.' });
  if (!(error instanceof Problem)) console.error(error);
  $('error-title').textContent = problem.title;
  $('error-detail').textContent = problem.detail;
  $('error-detail').hidden = !problem.detail;
  $('error-seat-ids').textContent = problem.seatIds.join(', ');
  $('error-seats').hidden = problem.seatIds.length === 0;
  $('error').dataset.type = problem.type;
  $('error').hidden = false;
}
function clearError() { $('error').hidden = true; }
$('error-close').addEventListener('click', clearError);

const show = (...ids) => {
  for (const id of ['signin', 'concerts', 'queue', 'seats', 'hold', 'mine']) $(id).hidden = !ids.includes(id);
};

function money(amount, currency) {
  try {
    const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits;
    return format.format(amount / 10 ** digits);
  } catch {
    return `${amount} ${currency}`;
  }
}
const when = (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

// ---- sign in ----
async function start() {
  try {
    config = await pageConfig();
  } catch (e) {
    showError(e);
  }
  config.queryUrl = (config.queryUrl ?? '').replace(/\/+$/, '');
  client = api(config, session);
  $('signin-dev').hidden = !config.local;
  $('signin-token').hidden = config.local;
  (config.local ? $('user-id') : $('bearer')).required = true;
  (config.local ? $('bearer') : $('user-id')).required = false;
  document.body.dataset.ready = 'true';
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault(); // never a GET with the name or token in the URL
  clearError();
  try {
    if (config.local) {
      const issued = await devLogin($('user-id').value.trim());
      session.bearer = issued.token;
      session.userId = issued.userId;
    } else {
      session.bearer = $('bearer').value.trim();
      session.userId = 'you';
    }
    $('who').textContent = `Signed in as ${session.userId}`;
    $('who').hidden = false;
    await openConcerts();
  } catch (e) {
    session.bearer = null;
    showError(e);
  }
});

// ---- concerts ----
async function openConcerts() {
  stopSale();
  show('concerts', 'mine');
  const list = $('concert-list');
  try {
    const concerts = await client.concerts();
    list.replaceChildren(...concerts.map(concertCard));
    if (concerts.length === 0) list.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'No concerts on sale yet.' }));
  } catch (e) {
    showError(e);
  }
  refreshMine();
}
$('concerts-refresh').addEventListener('click', openConcerts);
$('more-button').addEventListener('click', openConcerts);

function concertCard(concert) {
  const li = document.createElement('li');
  li.className = 'concert';
  const title = document.createElement('h3');
  title.textContent = concert.title;
  const venue = Object.assign(document.createElement('p'), { className: 'muted', textContent: concert.venue });
  const actions = Object.assign(document.createElement('div'), { className: 'actions' });
  for (const schedule of concert.schedules) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'schedule';
    button.dataset.scheduleId = schedule.scheduleId;
    button.textContent = `${when(schedule.startsAt)} — get tickets`;
    button.setAttribute('aria-label', `${concert.title}, ${when(schedule.startsAt)}: get tickets`);
    button.addEventListener('click', () => enterSale(concert, schedule));
    actions.append(button);
  }
  li.append(title, venue, actions);
  return li;
}

// ---- one sale: waiting room, seat map, hold ----
let sale = null;

function stopSale() {
  sale?.abort.abort();
  sale = null;
  session.admission = null;
}

async function enterSale(concert, schedule) {
  clearError();
  stopSale();
  const abort = new AbortController();
  sale = { abort, concert, schedule, selected: new Set(), seats: new Map(), hold: null, mine: new Set() };
  $('queue-show').textContent = `${concert.title} · ${concert.venue} · ${when(schedule.startsAt)}`;
  show('queue');
  const admission = await waitInLine(schedule.scheduleId, abort.signal);
  if (!admission || abort.signal.aborted) return;
  session.admission = admission;
  openSeatMap(abort.signal);
}

/**
 * Polls the entry until it is admitted. The pause grows with the wait (near the front: often; far back: rarely) and
 * after failures (doubling up to 15 s); a 503 waits its Retry-After and says so on the page.
 */
async function waitInLine(scheduleId, signal) {
  let entry = null;
  let failures = 0;
  while (!signal.aborted) {
    let pause;
    try {
      entry = entry ? await client.queueEntry(scheduleId, entry.entryId) : await client.enterQueue(scheduleId);
      failures = 0;
      $('queue-reconnect').hidden = true;
      renderEntry(entry);
      if (entry.status === 'ADMITTED' && entry.admissionToken) return entry.admissionToken;
      if (entry.status === 'EXPIRED') {
        entry = null; // the place is gone (idle or admission over): take a new one
        pause = 500;
      } else if (entry.status === 'PRE_QUEUE') {
        pause = 2000;
      } else {
        pause = Math.min(5000, Math.max(500, (entry.etaSeconds ?? 1) * 250));
      }
    } catch (e) {
      if (!(e instanceof Problem)) throw e;
      if (e.status === 503 || e.status === 0) {
        failures += 1;
        const backoff = Math.min(15, 2 ** (failures - 1));
        const wait = e.retryAfter ?? backoff;
        pause = Math.max(wait, backoff) * 1000;
        reconnecting(e, pause);
      } else if (e.status === 404 && entry) {
        entry = null; // our entry is unknown now (it ended long ago): queue again
        pause = 500;
      } else {
        showError(e);
        $('queue-status').textContent = 'You are not in line.';
        return null;
      }
    }
    await sleep(pause, signal);
  }
  return null;
}

function reconnecting(problem, pauseMs) {
  const notice = $('queue-reconnect');
  notice.hidden = false;
  const until = Date.now() + pauseMs;
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    notice.textContent = `${problem.title}. Reconnecting in ${Math.max(0, left)} s — you keep your place in line.`;
  };
  tick();
  clearInterval(reconnecting.timer);
  reconnecting.timer = setInterval(() => (Date.now() >= until ? clearInterval(reconnecting.timer) : tick()), 500);
}

function renderEntry(entry) {
  const status = $('queue-status');
  status.dataset.status = entry.status;
  status.textContent = {
    PRE_QUEUE: 'You are in the pre-queue. When the sale opens, everyone here gets a random place ahead of later arrivals.',
    WAITING: 'You are in line. Keep this page open.',
    ADMITTED: 'It is your turn!',
    EXPIRED: 'Your place expired; joining the line again…',
  }[entry.status] ?? entry.status;
  $('queue-position').textContent = entry.position == null ? '—' : String(entry.position);
  $('queue-eta').textContent = entry.etaSeconds == null ? '—' : duration(entry.etaSeconds);
}

// ---- seat map ----
function openSeatMap(signal) {
  show('seats', 'mine');
  $('seat-map').replaceChildren();
  $('seat-map').dataset.loaded = 'false';
  renderSelection();
  pollSeats(signal);
  refreshMine();
}

async function pollSeats(signal) {
  const scheduleId = sale.schedule.scheduleId;
  let failures = 0;
  while (!signal.aborted) {
    try {
      const map = await client.seats(scheduleId);
      if (signal.aborted) return;
      renderSeatMap(map);
      failures = 0;
    } catch (e) {
      failures += 1;
      // A read-model hiccup should not cover the map with errors: say so once the map stays stale.
      if (failures === 3 || !(e instanceof Problem) || (e.status >= 400 && e.status < 500 && e.status !== 404)) showError(e);
    }
    await sleep(failures ? Math.min(10000, 1000 * 2 ** failures) : 1000, signal);
  }
}

const STATUS_WORD = { AVAILABLE: 'available', HELD: 'held', SOLD: 'sold' };

function seatParts(seatId) {
  const parts = seatId.split('-');
  return { number: parts.at(-1), row: parts.at(-2) };
}

function renderSeatMap(map) {
  const container = $('seat-map');
  const c = map.counts;
  $('seat-counts').textContent = `${c.available} available · ${c.held} held · ${c.sold} sold`;
  if (container.dataset.loaded !== 'true') buildSeatMap(container, map.seats);
  for (const seat of map.seats) {
    const known = sale.seats.get(seat.seatId);
    if (!known) continue;
    known.status = seat.status;
    paintSeat(known);
    if (seat.status !== 'AVAILABLE' && sale.selected.has(seat.seatId) && !sale.mine.has(seat.seatId)) {
      sale.selected.delete(seat.seatId);
      paintSeat(known);
      renderSelection(`${seat.seatId} was just taken by someone else.`);
    }
  }
  container.dataset.loaded = 'true';
}

function buildSeatMap(container, seats) {
  const sections = new Map();
  for (const seat of seats) {
    if (!sections.has(seat.section)) sections.set(seat.section, { seat, rows: new Map() });
    const { row } = seatParts(seat.seatId);
    const rows = sections.get(seat.section).rows;
    if (!rows.has(row)) rows.set(row, []);
    rows.get(row).push(seat);
  }
  const blocks = [];
  let first = true;
  for (const [name, { seat: sample, rows }] of sections) {
    const block = document.createElement('div');
    block.className = 'section';
    block.dataset.section = name;
    const head = document.createElement('div');
    head.className = 'section-head';
    const h3 = document.createElement('h3');
    h3.id = `section-${name}`;
    h3.textContent = `Section ${name}`;
    const price = Object.assign(document.createElement('span'), { className: 'muted' });
    price.textContent = `${sample.grade} · ${money(sample.price, sample.currency)} per seat`;
    head.append(h3, price);
    block.append(head);
    for (const [row, rowSeats] of rows) {
      const line = document.createElement('div');
      line.className = 'seat-row';
      line.setAttribute('role', 'group');
      line.setAttribute('aria-label', `Section ${name}, row ${row}`);
      line.append(Object.assign(document.createElement('span'), { className: 'row-label', textContent: `Row ${row}` }));
      for (const seat of rowSeats) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'seat';
        button.dataset.seatId = seat.seatId;
        button.tabIndex = first ? 0 : -1; // one tab stop for the whole map; arrows move inside it
        first = false;
        button.addEventListener('click', () => toggleSeat(seat.seatId));
        button.addEventListener('keydown', moveFocus);
        line.append(button);
        sale.seats.set(seat.seatId, { ...seat, button });
      }
      block.append(line);
    }
    blocks.push(block);
  }
  container.replaceChildren(...blocks);
}

function paintSeat(seat) {
  const { number, row } = seatParts(seat.seatId);
  const mine = sale.mine.has(seat.seatId);
  const picked = sale.selected.has(seat.seatId);
  const takeable = seat.status === 'AVAILABLE' && !sale.hold;
  const b = seat.button;
  const state = mine ? 'yours' : picked ? 'picked' : STATUS_WORD[seat.status] ?? seat.status.toLowerCase();
  const mark = mine ? '★' : picked ? '✓' : seat.status === 'HELD' ? 'H' : seat.status === 'SOLD' ? '✕' : '';
  b.setAttribute('aria-pressed', String(picked));
  b.setAttribute('aria-disabled', String(!takeable && !picked));
  if (b.dataset.status !== seat.status || b.dataset.state !== state) {
    b.dataset.status = seat.status;
    b.dataset.state = state;
    b.dataset.mine = String(mine);
    b.setAttribute('aria-label',
      `Seat ${seat.seatId}: section ${seat.section}, row ${row}, seat ${number}, ${state}, ${money(seat.price, seat.currency)}`);
    b.replaceChildren(document.createTextNode(number));
    if (mark) b.append(Object.assign(document.createElement('span'), { className: 'mark', textContent: mark, ariaHidden: 'true' }));
  }
}

function toggleSeat(seatId) {
  const seat = sale.seats.get(seatId);
  if (!seat || sale.hold) return;
  if (sale.selected.has(seatId)) {
    sale.selected.delete(seatId);
    paintSeat(seat);
    renderSelection();
    return;
  }
  if (seat.status !== 'AVAILABLE') {
    renderSelection(`Seat ${seatId} is ${STATUS_WORD[seat.status] ?? seat.status}.`);
    return;
  }
  if (sale.selected.size >= config.maxSeatsPerOrder) {
    renderSelection(`You can pick at most ${config.maxSeatsPerOrder} seats per order.`);
    return;
  }
  sale.selected.add(seatId);
  paintSeat(seat);
  renderSelection();
}

function renderSelection(note) {
  const picked = sale ? [...sale.selected] : [];
  const total = picked.reduce((sum, id) => sum + sale.seats.get(id).price, 0);
  const currency = picked.length ? sale.seats.get(picked[0]).currency : '';
  let text = picked.length
    ? `${picked.length} of ${config.maxSeatsPerOrder} seats picked: ${picked.join(', ')} — ${money(total, currency)}.`
    : `No seats picked (up to ${config.maxSeatsPerOrder} per order).`;
  if (note) text = `${note} ${text}`;
  $('selection').textContent = text;
  $('hold-button').disabled = picked.length === 0 || !!sale?.hold;
}

/** Arrow keys walk the map: left/right along a row, up/down to the same place in the row above or below. */
function moveFocus(event) {
  const rows = [...$('seat-map').querySelectorAll('.seat-row')].map((r) => [...r.querySelectorAll('button.seat')]);
  const current = event.currentTarget;
  const r = rows.findIndex((row) => row.includes(current));
  const c = rows[r].indexOf(current);
  let target = null;
  switch (event.key) {
    case 'ArrowRight': target = rows[r][c + 1] ?? rows[r + 1]?.[0]; break;
    case 'ArrowLeft': target = rows[r][c - 1] ?? rows[r - 1]?.at(-1); break;
    case 'ArrowDown': target = rows[r + 1]?.[Math.min(c, rows[r + 1].length - 1)]; break;
    case 'ArrowUp': target = rows[r - 1]?.[Math.min(c, rows[r - 1].length - 1)]; break;
    case 'Home': target = rows[r][0]; break;
    case 'End': target = rows[r].at(-1); break;
    default: return;
  }
  event.preventDefault();
  if (!target) return;
  current.tabIndex = -1;
  target.tabIndex = 0;
  target.focus();
}

$('hold-button').addEventListener('click', async () => {
  clearError();
  const seatIds = [...sale.selected];
  const button = $('hold-button');
  button.disabled = true;
  try {
    const hold = await client.hold(sale.schedule.scheduleId, seatIds, newKey());
    sale.hold = hold;
    sale.mine = new Set(hold.seatIds);
    sale.selected.clear();
    for (const seat of sale.seats.values()) paintSeat(seat);
    openHold(hold);
  } catch (e) {
    if (e instanceof Problem && e.seatIds.length) {
      // Taken meanwhile: show them taken at once instead of waiting for the next poll.
      for (const id of e.seatIds) {
        const seat = sale.seats.get(id);
        sale.selected.delete(id);
        if (seat && e.status === 409) { seat.status = 'HELD'; paintSeat(seat); }
      }
    }
    showError(e);
    renderSelection();
  }
});

// ---- hold, payment, confirmation ----
function openHold(hold) {
  show('seats', 'hold', 'mine');
  $('hold-summary').textContent =
    `Seats ${hold.seatIds.join(', ')} · ${money(hold.totalPrice, hold.currency)} · reservation ${hold.reservationId}`;
  setReservationStatus(hold.status);
  $('pay-status').textContent = config.local ? 'Pay with the local mock provider.' : '';
  $('pay-button').hidden = false;
  $('pay-button').disabled = false;
  $('release-button').hidden = false;
  $('release-button').disabled = false;
  $('more-button').hidden = true;
  renderSelection();
  startCountdown(hold.expiresAt);
  // The read side shows the hold a moment after the 201: list it once it is there.
  awaitReservation(hold.reservationId, () => true, sale.abort.signal).then(refreshMine, showError);
  $('hold').scrollIntoView?.({ block: 'nearest' });
}

function setReservationStatus(status) {
  $('reservation-status').textContent = status;
  $('reservation-status').dataset.status = status;
}

let countdownTimer = null;
function startCountdown(expiresAt) {
  clearInterval(countdownTimer);
  const end = Date.parse(expiresAt);
  const element = $('countdown');
  const tick = () => {
    const left = (end - Date.now()) / 1000;
    if (left <= 0) {
      clearInterval(countdownTimer);
      element.textContent = 'Your hold has expired; the seats are going back on sale.';
      element.dataset.expired = 'true';
      $('pay-button').disabled = true;
      $('release-button').hidden = true;
      $('more-button').hidden = false;
      setReservationStatus('EXPIRED');
      // The seats are no longer ours: let the fan pick again from the live map.
      if (sale) {
        sale.hold = null;
        sale.mine = new Set();
        for (const seat of sale.seats.values()) paintSeat(seat);
        renderSelection();
      }
      return;
    }
    const m = Math.floor(left / 60);
    const s = Math.floor(left % 60);
    element.textContent = `${m}:${String(s).padStart(2, '0')} left to pay`;
    element.dataset.expired = 'false';
  };
  tick();
  countdownTimer = setInterval(tick, 250);
}
function stopCountdown(text) {
  clearInterval(countdownTimer);
  $('countdown').textContent = text;
}

$('pay-button').addEventListener('click', async () => {
  clearError();
  const hold = sale.hold;
  $('pay-button').disabled = true;
  $('release-button').disabled = true;
  try {
    $('pay-status').textContent = 'Opening the payment…';
    const order = await client.openPayment(hold.reservationId, newKey());
    if (config.local) {
      $('pay-status').textContent = `Paying ${money(order.amount, order.currency)} with the mock provider…`;
      await client.mockPay(order.paymentOrderId, 'PAID');
      $('pay-status').textContent = 'Paid. Waiting for the confirmation…';
    } else {
      $('pay-status').textContent = `Payment order ${order.paymentOrderId} opened for ${money(order.amount, order.currency)}: `
        + 'complete it with the payment provider; this page waits for the confirmation.';
    }
    const final = await awaitReservation(hold.reservationId, (r) => r.status !== 'HELD', sale.abort.signal);
    if (!final) return;
    setReservationStatus(final.status);
    if (final.status === 'CONFIRMED') {
      stopCountdown('Enjoy the show!');
      $('pay-status').textContent = `Confirmed: seats ${final.seatIds.join(', ')} are yours.`;
    } else {
      stopCountdown('');
      $('pay-status').textContent = 'The hold ended before the payment arrived; the money is refunded.';
    }
    $('pay-button').hidden = true;
    $('release-button').hidden = true;
    $('more-button').hidden = false;
    refreshMine();
  } catch (e) {
    showError(e);
    $('pay-button').disabled = false;
    $('release-button').disabled = false;
    $('pay-status').textContent = '';
  }
});

$('release-button').addEventListener('click', async () => {
  clearError();
  try {
    const released = sale.hold;
    await client.cancel(released.reservationId);
    sale.hold = null;
    sale.mine = new Set();
    stopCountdown('');
    for (const seat of sale.seats.values()) paintSeat(seat);
    show('seats', 'mine');
    renderSelection(`Released ${released.seatIds.join(', ')}.`);
    await awaitReservation(released.reservationId, (r) => r.status !== 'HELD');
    await refreshMine();
  } catch (e) {
    showError(e);
  }
});

/** The read side follows the write side by a moment: poll the reservation until `done` says so (2 min at most). */
async function awaitReservation(reservationId, done, signal) {
  const deadline = Date.now() + 120000;
  let pause = 300;
  while (!signal?.aborted && Date.now() < deadline) {
    try {
      const reservation = await client.reservation(reservationId);
      if (done(reservation)) return reservation;
    } catch (e) {
      if (!(e instanceof Problem) || (e.status !== 404 && e.status !== 0 && e.status < 500)) throw e;
    }
    await sleep(pause, signal);
    pause = Math.min(2000, pause * 1.5);
  }
  if (!signal?.aborted) {
    throw new Problem({ status: 0, title: 'Still waiting for the confirmation',
      detail: 'Your payment went through; refresh "My reservations" in a moment.' });
  }
  return null;
}

// ---- my reservations ----
async function refreshMine() {
  if (!session.bearer) return;
  try {
    const reservations = await client.myReservations();
    const list = $('my-reservations');
    list.replaceChildren(...reservations.map(reservationCard));
    if (reservations.length === 0) list.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'No reservations yet.' }));
  } catch (e) {
    showError(e);
  }
}
$('mine-refresh').addEventListener('click', refreshMine);

function reservationCard(r) {
  const li = document.createElement('li');
  li.className = 'reservation';
  li.dataset.reservationId = r.reservationId;
  li.dataset.status = r.status;
  const line = document.createElement('p');
  const status = Object.assign(document.createElement('strong'), { className: 'status', textContent: r.status });
  line.append(status, document.createTextNode(` · seats ${r.seatIds.join(', ')} · ${money(r.totalPrice, r.currency)}`));
  const meta = Object.assign(document.createElement('p'), { className: 'muted' });
  meta.textContent = `Reservation ${r.reservationId}` + (r.payment ? ` · payment ${r.payment.status}` : '');
  li.append(line, meta);
  const label = r.status === 'HELD' ? 'Release hold' : r.status === 'CONFIRMED' ? 'Cancel and refund' : null;
  if (label) {
    const actions = Object.assign(document.createElement('div'), { className: 'actions' });
    const button = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary cancel', textContent: label });
    button.setAttribute('aria-label', `${label}: seats ${r.seatIds.join(', ')}`);
    button.addEventListener('click', () => cancelReservation(r, button));
    actions.append(button);
    li.append(actions);
  }
  return li;
}

async function cancelReservation(r, button) {
  clearError();
  button.disabled = true;
  try {
    await client.cancel(r.reservationId);
    if (sale?.hold?.reservationId === r.reservationId) {
      sale.hold = null;
      sale.mine = new Set();
      stopCountdown('');
      for (const seat of sale.seats.values()) paintSeat(seat);
      show('seats', 'mine');
      renderSelection();
    }
    await awaitReservation(r.reservationId, (now) => now.status !== r.status);
    await refreshMine();
  } catch (e) {
    button.disabled = false;
    showError(e);
  }
}

start();
