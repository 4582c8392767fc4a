package io.berth.ports;

import java.util.Objects;

/**
 * How an instance's offset moves one port: the one place that says which ports move and by how much.
 * WildFly's {@code SocketBinding.calculatePort()} is the model; WSO2's products need more than its
 * "offset unless fixed":
 * <ul>
 *   <li>{@link Kind#ADD}: {@code port + offset}, the Carbon kernel's rule for every port it offsets.</li>
 *   <li>{@link Kind#FIXED}: the port as written, whatever the offset (Streaming Integrator's netty
 *       transports, a WSO2 Hazelcast member port); two instances on one host must not share it.</li>
 *   <li>{@link Kind#SHARED}: fixed, and shared by every instance by design (the multicast group port),
 *       so no plan avoids it.</li>
 *   <li>{@link Kind#INTERNAL}: {@code port + internal} when no offset is stated, {@code port + offset}
 *       when one is (Micro Integrator's internal offset of 10, which a manual offset replaces).</li>
 *   <li>{@link Kind#FOLLOWS}: {@code port + internal}, the offset of another runtime of the same home,
 *       whatever this runtime's offset (an Enterprise Integrator 6 profile).</li>
 * </ul>
 *
 * @param kind     which rule
 * @param internal the offset used when none is stated ({@link Kind#INTERNAL}) or always ({@link Kind#FOLLOWS}); else 0
 * @param reason   why the offset does not apply as {@code +offset}; {@code null} for {@link Kind#ADD}
 * @param follows  for {@link Kind#FOLLOWS}: the file-qualified key of the other runtime's offset
 *                 ({@code wso2/broker/conf/carbon.xml#Ports/Offset}), which a home's reader puts in {@code internal};
 *                 else {@code null}
 */
public record OffsetRule(Kind kind, int internal, String reason, String follows) {

    /** The rules a port can follow. */
    public enum Kind {
        ADD("+offset"),
        FIXED("fixed"),
        SHARED("fixed"),
        INTERNAL("internal"),
        FOLLOWS("follows");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** {@code port + offset}. */
    public static final OffsetRule ADD = new OffsetRule(Kind.ADD, 0, null, null);

    public OffsetRule {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.ADD && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a " + kind + " offset rule says why");
        }
        if (internal < 0) {
            throw new IllegalArgumentException("internal offset < 0: " + internal);
        }
        if ((kind == Kind.FOLLOWS) != (follows != null)) {
            throw new IllegalArgumentException("a follows rule, and only it, names the offset it follows");
        }
    }

    public static OffsetRule fixed(String reason) {
        return new OffsetRule(Kind.FIXED, 0, reason, null);
    }

    public static OffsetRule shared(String reason) {
        return new OffsetRule(Kind.SHARED, 0, reason, null);
    }

    public static OffsetRule internal(int internal, String reason) {
        return new OffsetRule(Kind.INTERNAL, internal, reason, null);
    }

    /**
     * @param internal the other runtime's offset as WSO2 ships it
     * @param follows  the file-qualified key that sets it in a home, e.g. {@code wso2/broker/conf/carbon.xml#Ports/Offset}
     */
    public static OffsetRule follows(int internal, String follows, String reason) {
        return new OffsetRule(Kind.FOLLOWS, internal, reason, follows);
    }

    /** This rule with the other runtime's offset as a home's file sets it; only for {@link Kind#FOLLOWS}. */
    public OffsetRule following(int offset) {
        if (kind != Kind.FOLLOWS) {
            throw new IllegalStateException("only a follows rule takes another runtime's offset");
        }
        return new OffsetRule(kind, offset, reason, follows);
    }

    /**
     * The effective port: the one computation of it in the code.
     *
     * @param configured the port at offset 0 (catalogue default or configured base)
     * @param offset     the instance's offset value
     * @param stated     whether a source stated the offset (option, system property, file, or a plan);
     *                   only {@link Kind#INTERNAL} asks
     * @return the port; may lie outside 1..65535, which {@link PortLayout#at} refuses for enabled ports
     */
    public int effective(int configured, int offset, boolean stated) {
        return switch (kind) {
            case ADD -> configured + offset;
            case FIXED, SHARED -> configured;
            case INTERNAL -> configured + (stated ? offset : internal);
            case FOLLOWS -> configured + internal;
        };
    }

    /** Whether a stated offset changes this port: what planning may move. */
    public boolean moves() {
        return kind == Kind.ADD || kind == Kind.INTERNAL;
    }

    /** Whether instances share this port by design, so a plan neither avoids nor reserves it. */
    public boolean shared() {
        return kind == Kind.SHARED;
    }

    /** {@code +offset}, {@code fixed}, {@code +10 unless an offset is stated}, {@code +3 (follows ...)}: as tables show it. */
    public String text() {
        return switch (kind) {
            case ADD -> "+offset";
            case FIXED, SHARED -> "fixed";
            case INTERNAL -> "+" + internal + " unless an offset is stated";
            case FOLLOWS -> "+" + internal + " always";
        };
    }
}
