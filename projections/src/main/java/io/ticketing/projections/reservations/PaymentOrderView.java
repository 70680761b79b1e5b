package io.ticketing.projections.reservations;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One payment order of a reservation (a reservation may have several: a failed one, then a new one). */
@Entity
@Table(name = "payment_order_view")
public class PaymentOrderView {
    @Id
    private String paymentOrderId;
    private String reservationId;
    private String userId;
    @Enumerated(EnumType.STRING)
    private PaymentOrderStatus status;
    private long amount;
    private String currency;
    private Instant createdAt;
    private long lastSequence;

    protected PaymentOrderView() {
    }

    public String getPaymentOrderId() {
        return paymentOrderId;
    }

    public String getReservationId() {
        return reservationId;
    }

    public String getUserId() {
        return userId;
    }

    public PaymentOrderStatus getStatus() {
        return status;
    }

    public long getAmount() {
        return amount;
    }

    public String getCurrency() {
        return currency;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
