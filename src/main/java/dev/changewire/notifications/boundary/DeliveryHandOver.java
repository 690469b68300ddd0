package dev.changewire.notifications.boundary;

import dev.changewire.notifications.control.Deliverer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Every {@value #INTERVAL_MILLIS} ms, submits the work transaction observers handed over to the
 * delivery executor (see {@link Deliverer#handOver}). In memory only: what a crash loses here the
 * sweeper finds in the database.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration") // its timers read tables the migration creates
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryHandOver {

    static final long INTERVAL_MILLIS = 100;

    @Resource
    TimerService timers;

    @Inject
    Deliverer deliverer;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(INTERVAL_MILLIS, INTERVAL_MILLIS, new TimerConfig("changewire-delivery-hand-over", false));
    }

    @Timeout
    void submit() {
        deliverer.submitHandedOver();
    }
}
