package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.ports.Offset;
import io.berth.ports.OffsetSource;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: headless Chromium over HTTPS, trusting exactly the instance's own
 * certificate, at a non-zero offset, following a second cluster member in and out without a reload.
 * Offsets 4000..4099 belong to this class.
 */
class ConsoleBrowserTest {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int OFFSET_A = 4001;
    private static final int OFFSET_B = 4002;
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    @TempDir
    Path dir;

    private static PortPlan expected(int offset) {
        return PortLayout.allDefaults().at(Offset.of(offset, OffsetSource.SYSTEM_PROPERTY));
    }

    private static String toml() {
        int wkaA = expected(OFFSET_A).effective("cluster-wka");
        int wkaB = expected(OFFSET_B).effective("cluster-wka");
        return "[server]\nhostname = \"localhost\"\n"
                + "[clustering]\nmembership_scheme = \"wka\"\n"
                + "members = [\"127.0.0.1:" + wkaA + "\", \"127.0.0.1:" + wkaB + "\"]\n"
                + "heartbeat_interval_seconds = 1\nfailure_timeout_seconds = 5\n";
    }

    @Test
    void theConsoleShowsTheInstanceAndFollowsItsCluster() throws Exception {
        assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "the console's browser test needs Debian's chromium and chromium-driver (.ci/run installs them)");
        Path homeA = Instances.newHome(dir, "console-a", toml());
        Path homeB = Instances.newHome(dir, "console-b", toml());
        Files.createDirectories(SCREENSHOTS);
        try (Instances instances = new Instances()) {
            instances.startReady(homeA, "-DportOffset=" + OFFSET_A);
            instances.startReady(homeB, "-DportOffset=" + OFFSET_B);
            ChromeDriver browser = browser(homeA);
            try {
                String console = "https://localhost:" + expected(OFFSET_A).effective("https") + "/console";
                browser.get(console);
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(250));

                assertEquals("console-a · Berth console", browser.getTitle());
                assertEquals(OFFSET_A + " (system property portOffset)", browser.findElement(By.id("offset")).getText());
                assertEquals("identity-server", browser.findElement(By.id("product")).getText());
                assertEffectivePorts(browser, expected(OFFSET_A));
                assertConnectionHelp(browser, expected(OFFSET_A));
                assertNoSecret(browser, homeA);

                // The second member joins: the cluster table shows both without a reload.
                ((JavascriptExecutor) browser).executeScript("window.berthNoReload = true;");
                wait.withMessage("the second member never appeared on the console")
                        .until(driver -> memberRows(browser).contains("localhost:" + OFFSET_B)
                                || memberRows(browser).contains("127.0.0.1:" + OFFSET_B));
                assertEquals(2, memberRows(browser).size(), memberRows(browser).toString());
                assertTrue(browser.findElement(By.id("cluster-status")).getText().startsWith("2 members, scheme wka"));
                WebElement hostTable = browser.findElement(By.id("host-instances"));
                assertTrue(hostTable.getText().contains(console), hostTable.getText());
                browser.manage().window().setSize(new Dimension(1280, 1800));
                screenshot(browser, "console-wide.png");
                // On a laptop's screen the port table comes before the Connect card, as in the page's order.
                assertTrue(browser.findElement(By.id("h-ports")).getRect().getY()
                        < browser.findElement(By.id("h-connect")).getRect().getY(), "the Connect card is above the ports");
                // The product column holds a product or nothing, never a state.
                for (WebElement row : hostTable.findElements(By.cssSelector("tbody tr"))) {
                    String product = row.findElements(By.tagName("td")).get(0).getText();
                    assertTrue(product.isEmpty() || product.equals("identity-server"), "product column: " + product);
                }

                // It leaves: its row disappears, still without a reload.
                Berth.Result stop = Berth.run(homeB, "stop");
                assertEquals(0, stop.exitCode(), stop.toString());
                wait.withMessage("the stopped member never disappeared from the console")
                        .until(driver -> memberRows(browser).size() == 1);
                assertTrue(memberRows(browser).get(0).endsWith(":" + OFFSET_A), memberRows(browser).toString());
                assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.berthNoReload === true;"),
                        "the page reloaded");

                assertKeyboardReachesCopyButtons(browser);
                browser.manage().window().setSize(new Dimension(390, 3200));
                screenshot(browser, "console-phone.png");
                browser.executeCdpCommand("Emulation.setEmulatedMedia",
                        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
                browser.manage().window().setSize(new Dimension(1280, 1800));
                screenshot(browser, "console-dark.png");

                List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).toList();
                assertTrue(problems.isEmpty(), "the browser logged: " + problems);
            } finally {
                browser.quit();
            }
        }
    }

    private static ChromeDriver browser(Path home) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-proxy-server", "--window-size=1280,1500",
                "--user-data-dir=" + Files.createTempDirectory("berth-chromium"),
                // Trust exactly this instance's key, not every certificate.
                "--ignore-certificate-errors-spki-list=" + spkiHash(home));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo, as Chromium's SPKI list wants it. */
    private static String spkiHash(Path home) throws Exception {
        Path security = home.resolve("repository/security");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(security.resolve("berth.p12"))) {
            keys.load(in, Files.readString(security.resolve("berth.p12.password")).strip().toCharArray());
        }
        byte[] spki = keys.getCertificate("berth").getPublicKey().getEncoded();
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
    }

    private static void assertEffectivePorts(ChromeDriver browser, PortPlan plan) {
        for (PlannedPort port : plan.ports()) {
            WebElement row = browser.findElement(By.cssSelector("#ports tr[data-port='" + port.id() + "']"));
            assertEquals(String.valueOf(port.effective()), row.findElement(By.cssSelector("td.effective")).getText(), port.id());
            String offsetCell = row.findElements(By.tagName("td")).get(3).getText();
            assertTrue(offsetCell.startsWith(port.definition().offsetApplied() ? "applied" : "fixed"), port.id() + ": " + offsetCell);
        }
        String https = browser.findElement(By.cssSelector("#ports tr[data-port='https'] td.bound")).getText();
        assertEquals("bound 127.0.0.1:" + plan.effective("https"), https);
    }

    private static void assertConnectionHelp(ChromeDriver browser, PortPlan plan) {
        String jmx = "service:jmx:rmi://localhost:" + plan.effective("jmx-rmi-server") + "/jndi/rmi://localhost:"
                + plan.effective("jmx-rmi-registry") + "/jmxrmi";
        assertEquals(jmx, browser.findElement(By.id("jmx-url")).getText());
        assertEquals("jconsole '" + jmx + "'", browser.findElement(By.id("jconsole")).getText());
        assertEquals("localhost:" + plan.effective("thrift-entitlement"), browser.findElement(By.id("thrift")).getText());
        assertEquals("curl --cacert berth.pem https://localhost:" + plan.effective("https") + "/api/ports",
                browser.findElement(By.id("curl")).getText());
        String krb5 = browser.findElement(By.id("krb5conf")).getText();
        assertTrue(krb5.contains("default_realm = BERTH.LOCAL"), krb5);
        assertTrue(krb5.contains("kdc = localhost:" + plan.effective("kdc")), krb5);
    }

    private static void assertNoSecret(ChromeDriver browser, Path home) throws Exception {
        String password = Files.readString(home.resolve("repository/security/berth.p12.password")).strip();
        assertFalse(browser.getPageSource().contains(password), "the console shows the keystore password");
        String api = Instances.get(Instances.httpsClient(home),
                "https://localhost:" + expected(OFFSET_A).effective("https") + "/api/instance").body();
        assertFalse(api.contains(password), "/api/instance shows the keystore password");
        assertFalse(browser.getPageSource().toLowerCase().contains("password"), "the console mentions a password");
    }

    /** Tab from the top reaches the skip link first, then every copy button, in order. */
    private static void assertKeyboardReachesCopyButtons(ChromeDriver browser) {
        // Put the focus at the start of the document, as a fresh load does.
        ((JavascriptExecutor) browser).executeScript(
                "document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex');");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertEquals("Skip to content", browser.switchTo().activeElement().getText());
        int copyButtons = browser.findElements(By.cssSelector("button.copy")).size();
        assertTrue(copyButtons >= 4, "copy buttons: " + copyButtons);
        int reached = 0;
        for (int i = 0; i < 60 && reached < copyButtons; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            if ("copy".equals(browser.switchTo().activeElement().getAttribute("class"))) {
                reached++;
            }
        }
        assertEquals(copyButtons, reached, "not every copy button is reachable with Tab");
    }

    private static List<String> memberRows(ChromeDriver browser) {
        return browser.findElements(By.cssSelector("#cluster-members tr")).stream()
                .map(row -> row.getAttribute("data-member")).collect(Collectors.toList());
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        ((JavascriptExecutor) browser).executeScript("document.activeElement.blur(); window.scrollTo(0, 0);");
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
