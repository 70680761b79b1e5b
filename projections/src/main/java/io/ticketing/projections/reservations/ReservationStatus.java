package io.ticketing.projections.reservations;

public enum ReservationStatus { HELD, CONFIRMED, EXPIRED, CANCELLED, REFUNDED }
