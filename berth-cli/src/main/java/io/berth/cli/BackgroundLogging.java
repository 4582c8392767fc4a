package io.berth.cli;

import org.apache.logging.log4j.LogManager;

/**
 * log4j2 takes about a third of a second to set itself up (its plugins, its configuration file, its
 * appenders) before the first line is logged: a quarter of what a user waits for at start-up. A start
 * sets it up on a second thread while the main thread reads the configuration and reserves the ports,
 * and waits for it before anything logs.
 */
final class BackgroundLogging {

    private final Thread setUp;

    private BackgroundLogging(Thread setUp) {
        this.setUp = setUp;
    }

    static BackgroundLogging begin() {
        Thread setUp = new Thread(() -> LogManager.getContext(false), "berth-logging-setup");
        // A start that fails on its configuration exits at once; it need not wait for logging it never uses.
        setUp.setDaemon(true);
        setUp.start();
        return new BackgroundLogging(setUp);
    }

    /**
     * Waits until logging is set up. Must come before the first logger is used: log4j2 lets a second
     * thread that asks for a context being started go on with the default configuration, which drops
     * INFO lines.
     */
    void await() throws InterruptedException {
        setUp.join();
    }
}
