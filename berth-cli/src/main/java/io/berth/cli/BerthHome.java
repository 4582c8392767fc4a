package io.berth.cli;

import java.nio.file.Path;

/**
 * Where this command's files are. The <em>install</em> (bin/, lib/, the shipped conf/) is replaceable;
 * the <em>base</em> (conf/, repository/, logs/, runtime/) is an instance's own, as Tomcat's
 * {@code CATALINA_HOME} and {@code CATALINA_BASE}. {@code bin/berth.sh} passes them as {@code berth.install}
 * and {@code berth.home}; an install run without {@code --base} is its own base.
 */
final class BerthHome {

    /** The base: the system property client commands find a running instance by, in its command line. */
    static final String PROPERTY = "berth.home";
    static final String INSTALL_PROPERTY = "berth.install";

    private BerthHome() {
    }

    /** The base this command works on. */
    static Path current() {
        String home = System.getProperty(PROPERTY, System.getenv().getOrDefault("BERTH_HOME", "."));
        return Path.of(home).toAbsolutePath().normalize();
    }

    /** The install whose jars run this command; the base when it is its own install. */
    static Path install() {
        String install = System.getProperty(INSTALL_PROPERTY);
        return install == null ? current() : Path.of(install).toAbsolutePath().normalize();
    }

    static Path defaultConfig() {
        return current().resolve("conf").resolve("deployment.toml");
    }
}
