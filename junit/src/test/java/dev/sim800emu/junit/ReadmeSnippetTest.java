package dev.sim800emu.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/**
 * Keeps the README's JUnit example honest: the one java block under the heading that names JUnit
 * is the example project's test file, and it compiles and passes here with the JDK compiler and the
 * JUnit launcher.
 */
class ReadmeSnippetTest {
    private static final Path ROOT = Path.of("..");

    static String snippet() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher section = Pattern.compile("(?m)^#+ [^\\n]*JUnit[^\\n]*\\n").matcher(readme);
        assertThat(section.find()).as("a README heading containing JUnit").isTrue();
        String rest = readme.substring(section.end());
        Matcher block = Pattern.compile("(?s)```java\\n(.*?)```").matcher(rest);
        assertThat(block.find()).as("a java block under it").isTrue();
        return block.group(1);
    }

    @Test
    void theReadmeExampleIsTheExampleProjectsTest() throws IOException {
        assertThat(snippet()).isEqualTo(Files.readString(
                ROOT.resolve("examples/junit-echo/src/test/java/ModemEchoTest.java"), StandardCharsets.UTF_8));
    }

    @Test
    void theReadmeExampleCompilesAndPasses(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path src = dir.resolve("ModemEchoTest.java");
        Files.writeString(src, snippet(), StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "17", "-proc:none", "-cp",
                System.getProperty("java.class.path"), "-d", dir.toString(), src.toString());
        assertThat(rc).as("javac exit code").isZero();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> test = loader.loadClass("ModemEchoTest");
            Launcher launcher = LauncherFactory.create();
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(test)).build(), summary);
            TestExecutionSummary s = summary.getSummary();
            assertThat(s.getFailures()).as("failures").isEmpty();
            assertThat(s.getTestsSucceededCount()).isEqualTo(1);
            assertThat(List.of(s.getTestsFoundCount())).containsExactly(1L);
        }
    }
}
