package io.berth.server.cluster;

import java.util.ArrayList;
import java.util.List;

/** Closes every started member, last first, even when a test fails midway. */
final class Members implements AutoCloseable {

    private final List<MemberProcess> started = new ArrayList<>();

    MemberProcess add(MemberProcess member) {
        started.add(member);
        return member;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
