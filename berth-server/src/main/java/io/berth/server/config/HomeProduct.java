package io.berth.server.config;

import io.berth.ports.PortCatalogue;
import io.berth.ports.ProductVersion;

/**
 * What a home runs, and how Berth knows: the catalogue its ports come from, its version when known,
 * and the evidence (a directory name, a launcher script, a version file, or {@code --product}).
 *
 * @param catalogue    the product line and version range
 * @param version      the version, or {@code null} when nothing in the home says it
 * @param detectedFrom the evidence, for every view: {@code directory name wso2is-7.0.0}
 */
public record HomeProduct(PortCatalogue catalogue, ProductVersion version, String detectedFrom) {

    /** Berth's own product, for a Berth home or file. */
    public static HomeProduct berth(String detectedFrom) {
        return new HomeProduct(PortCatalogue.BERTH, null, detectedFrom);
    }

    public boolean isBerth() {
        return catalogue == PortCatalogue.BERTH;
    }

    /** {@code WSO2 Identity Server 7.x 7.0.0 (detected from directory name wso2is-7.0.0)}. */
    public String describe() {
        return catalogue.name() + (version == null ? " (version unknown)" : " " + version) + " (" + detectedFrom + ")";
    }
}
