package io.berth.server.thrift.transport;

import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.layered.TLayeredTransport;

/** Passes everything through, telling the connection table when the first byte of a request is read. */
final class ActivityTransport extends TLayeredTransport {
    private final ConnectionTable table;
    private final Connection connection;

    ActivityTransport(TTransport inner, ConnectionTable table, Connection connection) {
        super(inner);
        this.table = table;
        this.connection = connection;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws TTransportException {
        int n = getInnerTransport().read(buf, off, len);
        if (n > 0) {
            table.requestStarted(connection);
        }
        return n;
    }

    @Override
    public void write(byte[] buf, int off, int len) throws TTransportException {
        getInnerTransport().write(buf, off, len);
    }

    @Override
    public void flush() throws TTransportException {
        getInnerTransport().flush();
    }

    @Override
    public boolean isOpen() {
        return getInnerTransport().isOpen();
    }

    @Override
    public void open() throws TTransportException {
        getInnerTransport().open();
    }

    @Override
    public void close() {
        getInnerTransport().close();
    }
}
