package dev.avatarvideo.bootstrap;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium driven through its chromedriver, for the tests that need a real browser. */
final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriverService driverService;
    final ChromeDriver browser;

    private HeadlessChromium(ChromeDriverService driverService, ChromeDriver browser) {
        this.driverService = driverService;
        this.browser = browser;
    }

    /** A browser with a profile of its own in {@code profile}; its driver logs to {@code target/<logName>}. */
    static HeadlessChromium start(Path profile, String logName) {
        return start(profile, logName, options -> options.addArguments("--window-size=1280,1100"));
    }

    /** The same, with {@code more} options on top (a window size, the page's console log, ...). */
    static HeadlessChromium start(Path profile, String logName, Consumer<ChromeOptions> more) {
        requireBrowser();
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/" + logName))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without these Chromium keeps trying to reach Google's services, which this closed network refuses.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        more.accept(options);
        try {
            return new HeadlessChromium(driverService, new ChromeDriver(driverService, options));
        } catch (RuntimeException e) {
            driverService.stop();
            throw e;
        }
    }

    Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    @Override
    public void close() {
        browser.quit();
        driverService.stop();
    }

    /** CI installs Debian's chromium and chromium-driver (.ci/run); elsewhere the test says what is missing and stands aside. */
    static void requireBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)";
        if (System.getenv("CI") != null && !present) {
            throw new AssertionError(missing + ", but CI must run the browser test");
        }
        Assumptions.assumeTrue(present, missing);
    }
}
