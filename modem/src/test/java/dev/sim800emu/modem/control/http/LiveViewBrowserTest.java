package dev.sim800emu.modem.control.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.radio.Registration;
import dev.sim800emu.modem.runtime.ModemRegistry;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.serial.SerialTrace;
import dev.sim800emu.modem.serial.TcpSerialEndpoint;
import dev.sim800emu.modem.testing.RawHost;
import dev.sim800emu.modem.testing.TcpTestServer;
import io.netty.channel.EventLoopGroup;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live view in a real browser: Debian's chromium, headless, through chromedriver. A host types
 * a GPRS dialog into the modem's TCP serial port; the page lights the states the context goes
 * through, lists the link and shows the trace in the host's and the modem's colours; the PDP
 * deactivation button reaches the host as {@code +PDP: DEACT}. The fleet view counts and filters a
 * small fleet. Screenshots land in target/ (and in docs/ with {@code -Dsim800emu.writeDocs=true}).
 *
 * <p>Skipped only where chromium and chromedriver are not installed; CI installs them (.ci/run).
 */
@Timeout(120)
class LiveViewBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    private final List<NettyNetwork> networks = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private WebDriver browser;

    @BeforeEach
    void browser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where chromium's sandbox will not start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1400", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        networks.forEach(NettyNetwork::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private VirtualModem modem() {
        NettyNetwork network = new NettyNetwork(group.next(), new NetworkOptions(null, DestinationPolicy.allowAll()));
        networks.add(network);
        return new VirtualModem(ModemConfig.builder().bootMillis(0).activationMillis(0).build(),
                network.eventLoop(), network);
    }

    private String serve(ModemRegistry modems) throws InterruptedException {
        ControlServer server = ControlServer.start(modems, group, NettyNetwork.serverChannelType(group),
                new InetSocketAddress("127.0.0.1", 0), null);
        closing.add(server);
        return "http://127.0.0.1:" + server.localAddress().getPort() + "/";
    }

    @Test
    void aDialogLightsTheStatesFillsTheTraceAndTheFaultButtonReachesTheHost() throws Exception {
        VirtualModem modem = modem();
        TcpSerialEndpoint serial = TcpSerialEndpoint.start(modem, group, NettyNetwork.serverChannelType(group),
                new InetSocketAddress("127.0.0.1", 0), false, new SerialTrace("browser", false));
        closing.add(serial::close);
        String page = serve(ModemRegistry.of(modem));
        TcpTestServer peer = TcpTestServer.echo();
        closing.add(peer);
        RawHost host = RawHost.connectBooted(serial.localAddress(), WAIT);
        closing.add(host);

        browser.get(page);
        WebDriverWait wait = waiting();
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
        wait.until(d -> lit(d).equals("INITIAL"));

        assertThat(host.cmd("AT+CSTT=\"CMNET\"", "OK\r\n", WAIT)).isTrue();
        wait.until(d -> lit(d).equals("START"));
        assertThat(host.cmd("AT+CIICR", "OK\r\n", WAIT)).isTrue();
        wait.until(d -> lit(d).equals("GPRSACT"));
        assertThat(host.cmd("AT+CIFSR", "10.78.245.128\r\n", WAIT)).isTrue();
        wait.until(d -> lit(d).equals("STATUS"));
        assertThat(host.cmd("AT+CIPSTART=\"TCP\",\"127.0.0.1\"," + peer.port(), "CONNECT OK\r\n", WAIT)).isTrue();
        wait.until(ExpectedConditions.textToBe(By.id("ip-state"), "CONNECT OK"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#links tr[data-link='0'] td:nth-child(2)"), "CONNECTED"));
        assertThat(browser.findElement(By.cssSelector("#links tr[data-link='0'] td:nth-child(3)")).getText())
                .isEqualTo("TCP 127.0.0.1:" + peer.port());

        // the host's lines and the modem's, each in its own class, control characters shown
        wait.until(d -> lines(d, "host").contains("AT+CIICR\\r"));
        wait.until(d -> lines(d, "modem").contains("CONNECT OK\\r\\n"));
        // the modem's lines end at LF: its echo of the host's CR comes before its own CR LF
        assertThat(lines(browser, "modem")).contains("AT+CIICR\\r\\r\\n", "OK\\r\\n", "10.78.245.128\\r\\n");
        assertThat(browser.findElement(By.cssSelector("#trace .line.host")).getCssValue("color"))
                .isNotEqualTo(browser.findElement(By.cssSelector("#trace .line.modem")).getCssValue("color"));
        screenshot("live-view-modem.png");

        browser.findElement(By.cssSelector("button[data-verb='pdp-deact']")).click();
        assertThat(host.await("\r\n+PDP: DEACT\r\n", WAIT)).as("+PDP: DEACT on the host's serial line").isTrue();
        wait.until(d -> lit(d).equals("DEACT"));
        wait.until(d -> lines(d, "modem").contains("+PDP: DEACT\\r\\n"));
        wait.until(ExpectedConditions.textToBe(By.id("c-result"), "pdp-deact: done"));
    }

    @Test
    void theFleetTableCountsAndFiltersByState() throws Exception {
        ModemRegistry fleet = new ModemRegistry();
        for (int i = 0; i < 12; i++) {
            VirtualModem m = modem();
            m.hostConnected(bytes -> { }).get(5, TimeUnit.SECONDS);
            if (i % 4 == 0) {
                m.input("AT+CSTT=\"CMNET\"\r".getBytes());
            }
            if (i % 3 == 0) {
                m.control(new ControlCommand.Register(Registration.ROAMING)).get(5, TimeUnit.SECONDS);
            }
            fleet.register(String.valueOf(100 + i), m);
        }
        browser.get(serve(fleet));
        WebDriverWait wait = waiting();
        wait.until(ExpectedConditions.textToBe(By.id("f-total"), "· 12 modems"));
        wait.until(d -> chip(d, "IP START").equals("3") && chip(d, "IP INITIAL").equals("9"));
        assertThat(browser.findElements(By.cssSelector("#fleet tbody tr"))).hasSize(12);
        screenshot("live-view-fleet.png");

        // the table is redrawn every second: each look and click is retried on a stale element
        wait.until(d -> click(d, By.cssSelector("#f-counts .chip[data-state='IP START']")));
        wait.until(d -> d.findElements(By.cssSelector("#fleet tbody tr td:first-child")).stream()
                .map(WebElement::getText).toList().equals(List.of("100", "104", "108")));
        wait.until(d -> click(d, By.cssSelector("#fleet tbody tr")));
        wait.until(ExpectedConditions.textToBe(By.id("modem-id"), "100"));
        wait.until(d -> lit(d).equals("START"));
        wait.until(ExpectedConditions.textToBe(By.id("r-registration"), "ROAMING"));
    }

    /** Waits that look again when the page redrew an element between finding and reading it. */
    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static boolean click(WebDriver d, By what) {
        d.findElement(what).click();
        return true;
    }

    private static String lit(WebDriver d) {
        List<WebElement> lit = d.findElements(By.cssSelector("#bearer-diagram .node.lit"));
        return lit.isEmpty() ? "" : lit.get(0).getAttribute("data-state");
    }

    private static List<String> lines(WebDriver d, String cls) {
        return d.findElements(By.cssSelector("#trace .line." + cls)).stream().map(WebElement::getText).toList();
    }

    private static String chip(WebDriver d, String state) {
        List<WebElement> count = d.findElements(By.cssSelector("#f-counts .chip[data-state='" + state + "'] b"));
        return count.isEmpty() ? "" : count.get(0).getText();
    }

    /** Saves a PNG in target/, and over the one in docs/ when the docs are being rewritten. */
    private void screenshot(String name) throws IOException {
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of(System.getProperty("basedir", "."), "target", name);
        Files.createDirectories(target.getParent());
        Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("sim800emu.writeDocs")) {
            Path docs = target.toAbsolutePath().getParent().getParent().getParent().resolve("docs").resolve(name);
            Files.copy(png.toPath(), docs, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
