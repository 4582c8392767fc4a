package io.berth.server.lifecycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches that the base an instance serves is still there. A base deleted under a running instance (a script's
 * {@code rm -rf} of a scratch home after {@code bin/berth.sh start}, which leaves the server in the background)
 * takes with it the runtime file and lock that {@code berth stop} finds the instance by: nothing could stop it,
 * and it would hold its ports and host-registry claim until the host reboots. So the instance stops itself.
 *
 * <p>The check is two {@code stat} calls every {@link #PERIOD}, on a daemon thread of its own: cheaper than a
 * {@code WatchService}, which would need a watch on the base's parent (the base itself cannot report its own
 * removal on every platform) and a thread blocked on it all the same.
 */
final class BaseWatch implements AutoCloseable {

    /** How often the base is looked at: a deleted base's ports are free again within this, plus the stop. */
    static final Duration PERIOD = Duration.ofSeconds(2);

    private final ScheduledExecutorService scheduler;

    private BaseWatch(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Starts watching {@code home}; the first time it is found gone, {@code onGone} is called once, on the
     * watch's thread, with why (see {@link #missing(Path)}), and the watch ends.
     */
    static BaseWatch start(Path home, Consumer<String> onGone) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "berth-base-watch");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> missing(home).ifPresent(why -> {
            scheduler.shutdown();
            onGone.accept(why);
        }), PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return new BaseWatch(scheduler);
    }

    /**
     * Why {@code home} no longer is a base, or empty while it is one: the directory itself, or its {@code conf/}
     * (which {@code home create} makes and every start reads), no longer exists. Its {@code runtime/} alone going is
     * not enough: SIGTERM still stops the instance then, and a user may clear that directory by hand.
     */
    static Optional<String> missing(Path home) {
        if (!Files.isDirectory(home)) {
            return Optional.of("its base " + home + " no longer exists");
        }
        if (!Files.isDirectory(home.resolve("conf"))) {
            return Optional.of("its base " + home + " has no conf/ any more");
        }
        return Optional.empty();
    }

    /**
     * Ends the watch. Not {@code shutdownNow}: the stop may run on the watch's own thread, and an interrupt would
     * cut short the endpoints' stop; a check in progress is two {@code stat} calls.
     */
    @Override
    public void close() {
        scheduler.shutdown();
    }
}
