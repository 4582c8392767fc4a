package io.berth.server.thrift;

import org.apache.thrift.server.TThreadPoolServer;

/**
 * TThreadPoolServer whose stop() also works when it races the start of serve(): the stock
 * preServe() resets the stop flag, after which the accept loop would spin on a closed socket.
 */
final class EntitlementThriftServer extends TThreadPoolServer {
    private volatile boolean stopRequested;

    EntitlementThriftServer(Args args) {
        super(args);
    }

    @Override
    protected boolean preServe() {
        if (stopRequested) {
            return false;
        }
        boolean ready = super.preServe();
        if (stopRequested) {
            setShouldStop(true);
        }
        return ready;
    }

    @Override
    public void stop() {
        stopRequested = true;
        super.stop();
    }
}
