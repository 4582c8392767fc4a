package io.berth.server.host;

import io.berth.ports.Protocol;

/**
 * One socket from the kernel's table in {@code /proc/net}: a TCP listener or a bound UDP socket.
 *
 * @param address the local address as text ({@code 127.0.0.1}, {@code ::}, {@code 0.0.0.0})
 * @param inode   the socket's inode, which links it to the process holding it
 */
public record SocketEntry(Protocol protocol, String address, int port, long inode) {
}
