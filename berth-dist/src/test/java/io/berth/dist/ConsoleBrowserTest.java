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
 * certificate, at the offset {@code auto} picked, following a second cluster member in and out without a reload.
 */
class ConsoleBrowserTest {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    @TempDir
    Path dir;

    private static PortPlan expected(int offset) {
        return PortLayout.allDefaults().at(Offset.of(offset, OffsetSource.SYSTEM_PROPERTY));
    }

    /** A wka member naming {@code members} ("host:port"): the second names the first, which is enough to join. */
    private static String toml(List<String> members) {
        return "[server]\nhostname = \"localhost\"\n"
                + "[clustering]\nmembership_scheme = \"wka\"\n"
                + "members = " + Clusters.array(members) + "\n"
                + "heartbeat_interval_seconds = 1\nfailure_timeout_seconds = 5\n" + Clusters.SECRET + "\n";
    }

    @Test
    void theConsoleShowsTheInstanceAndFollowsItsCluster() throws Exception {
        assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "the console's browser test needs Debian's chromium and chromium-driver (.ci/run installs them)");
        Files.createDirectories(SCREENSHOTS);
        try (TestServer a = TestServer.start(TestHome.copyOfDistribution(dir, "console-a").config(toml(List.of())))) {
            int offsetA = a.offset();
            TestHome homeB = TestHome.copyOfDistribution(dir, "console-b")
                    .config(toml(List.of("127.0.0.1:" + a.port("cluster-wka"))));
            TestServer b = TestServer.start(homeB);
            int offsetB = b.offset();
            ChromeDriver browser = browser(a.home().path());
            try {
                String console = a.url("/console").toString();
                browser.get(console);
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(250));

                assertEquals("console-a · Berth console", browser.getTitle());
                assertEquals(offsetA + " (auto, system property portOffset)", browser.findElement(By.id("offset")).getText());
                assertEquals("identity-server", browser.findElement(By.id("product")).getText());
                assertEffectivePorts(browser, expected(offsetA));
                assertConnectionHelp(browser, expected(offsetA));
                assertNoSecret(browser, a);

                // The second member joins: the cluster table shows both without a reload.
                ((JavascriptExecutor) browser).executeScript("window.berthNoReload = true;");
                wait.withMessage("the second member never appeared on the console")
                        .until(driver -> memberRows(browser).contains("localhost:" + offsetB)
                                || memberRows(browser).contains("127.0.0.1:" + offsetB));
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
                CommandResult stop = homeB.berth("stop");
                assertEquals(0, stop.exitCode(), stop.toString());
                b.awaitExit();
                wait.withMessage("the stopped member never disappeared from the console")
                        .until(driver -> memberRows(browser).size() == 1);
                assertTrue(memberRows(browser).get(0).endsWith(":" + offsetA), memberRows(browser).toString());
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
                b.close();
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
        assertEquals("curl -g --cacert berth.pem https://localhost:" + plan.effective("https") + "/api/ports",
                browser.findElement(By.id("curl")).getText());
        String krb5 = browser.findElement(By.id("krb5conf")).getText();
        assertTrue(krb5.contains("default_realm = BERTH.LOCAL"), krb5);
        assertTrue(krb5.contains("kdc = localhost:" + plan.effective("kdc")), krb5);
    }

    private static void assertNoSecret(ChromeDriver browser, TestServer server) throws Exception {
        String password = Files.readString(server.home().resolve("repository/security/berth.p12.password")).strip();
        assertFalse(browser.getPageSource().contains(password), "the console shows the keystore password");
        String api = server.get("/api/instance");
        assertFalse(api.contains(password), "/api/instance shows the keystore password");
        // The console names the JMX credentials file (so an operator can find it), never a password in it.
        for (String user : List.of("monitorRole", "controlRole")) {
            String jmxPassword = JmxClient.password(server.home(), user);
            assertFalse(browser.getPageSource().contains(jmxPassword), "the console shows the JMX password of " + user);
            assertFalse(api.contains(jmxPassword), "/api/instance shows the JMX password of " + user);
        }
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
