package io.berth.server.kdc;

import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.identity.backend.AbstractIdentityBackend;
import org.apache.kerby.kerberos.kerb.request.KrbIdentity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;

/**
 * Kerby identity backend over {@link PrincipalDatabase}. Reads are served from a snapshot that is
 * reloaded whenever the file was replaced, so principals added by the offline CLI while the server
 * runs become visible without a restart.
 */
final class FileIdentityBackend extends AbstractIdentityBackend {

    private final PrincipalDatabase db;
    private Map<String, KrbIdentity> snapshot = Map.of();
    private Object snapshotVersion;

    FileIdentityBackend(PrincipalDatabase db) {
        this.db = db;
    }

    private synchronized Map<String, KrbIdentity> current() throws KrbException {
        try {
            Object version = db.version();
            if (snapshotVersion == null || !Objects.equals(version, snapshotVersion)) {
                snapshot = db.load();
                snapshotVersion = version;
            }
            return snapshot;
        } catch (IOException e) {
            throw new KrbException("Cannot read KDC principal database: " + e.getMessage(), e);
        }
    }

    @Override
    protected Iterable<String> doGetIdentities() throws KrbException {
        return new ArrayList<>(current().keySet());
    }

    @Override
    protected KrbIdentity doGetIdentity(String principalName) throws KrbException {
        return current().get(principalName);
    }

    @Override
    protected KrbIdentity doAddIdentity(KrbIdentity identity) throws KrbException {
        write(ids -> {
            if (ids.putIfAbsent(identity.getPrincipalName(), identity) != null) {
                throw new IllegalStateException("Principal already exists: " + identity.getPrincipalName());
            }
        });
        return identity;
    }

    @Override
    protected KrbIdentity doUpdateIdentity(KrbIdentity identity) throws KrbException {
        write(ids -> ids.put(identity.getPrincipalName(), identity));
        return identity;
    }

    @Override
    protected void doDeleteIdentity(String principalName) throws KrbException {
        write(ids -> ids.remove(principalName));
    }

    private void write(java.util.function.Consumer<Map<String, KrbIdentity>> change) throws KrbException {
        try {
            db.update(ids -> {
                change.accept(ids);
                return null;
            });
        } catch (IOException | IllegalStateException e) {
            throw new KrbException("Cannot update KDC principal database: " + e.getMessage(), e);
        }
    }
}
