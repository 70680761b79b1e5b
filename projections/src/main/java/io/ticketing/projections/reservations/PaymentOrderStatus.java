package io.ticketing.projections.reservations;

public enum PaymentOrderStatus { READY, PAID, CANCELLED }
