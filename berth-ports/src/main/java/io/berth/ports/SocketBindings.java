package io.berth.ports;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The socket binding of every port of an instance, by port id: what preflight binds, what endpoints
 * listen on and what every view advertises. Together with a {@link PortPlan} (the numbers) it says where
 * each socket of the instance is, e.g. for telling whether two instances' sockets overlap
 * ({@link BindAddress#overlaps}).
 */
public final class SocketBindings {

    private final Map<String, SocketBinding> byId;

    public SocketBindings(Collection<SocketBinding> bindings) {
        Map<String, SocketBinding> map = new LinkedHashMap<>();
        for (SocketBinding binding : bindings) {
            if (map.putIfAbsent(binding.id(), binding) != null) {
                throw new IllegalArgumentException("two socket bindings for port " + binding.id());
            }
        }
        this.byId = Map.copyOf(map);
    }

    /** Every catalogue port bound on {@code bind} and advertised as {@code advertisedHost} at its effective port. */
    public static SocketBindings uniform(BindAddress bind, String advertisedHost) {
        return new SocketBindings(PortCatalogue.all().stream()
                .map(port -> new SocketBinding(port.id(), bind, advertisedHost, 0)).toList());
    }

    /** The binding of port {@code id}; every catalogue port has one. */
    public SocketBinding of(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no socket binding for port '" + id + "'"));
    }

    public Optional<SocketBinding> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The address clients dial for port {@code id} of {@code plan}. */
    public HostPort advertised(PortPlan plan, String id) {
        return of(id).advertised(plan.effective(id));
    }
}
