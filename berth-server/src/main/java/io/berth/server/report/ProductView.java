package io.berth.server.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.berth.server.config.HomeProduct;

/**
 * The product a port table is for, and how Berth knows it, as every view says it.
 *
 * @param catalogue    the catalogue id, {@code wso2is-7}
 * @param name         {@code WSO2 Identity Server 7.x}
 * @param version      the detected or stated version, or {@code null} when unknown
 * @param detectedFrom the evidence: {@code detected from launcher bin/wso2server.sh, directory name wso2is-7.0.0}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductView(String catalogue, String name, String version, String detectedFrom) {

    public static ProductView of(HomeProduct product) {
        return new ProductView(product.catalogue().id(), product.catalogue().name(),
                product.version() == null ? null : product.version().toString(), product.detectedFrom());
    }

    /** The header line of tables. */
    public String text() {
        return name + (version == null ? "" : " " + version) + " (" + detectedFrom + ")";
    }
}
