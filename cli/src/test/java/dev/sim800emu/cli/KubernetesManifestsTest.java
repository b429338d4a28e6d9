package dev.sim800emu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Kubernetes manifests in deploy/k8s parse, carry the fields their kinds require (a schema
 * check of the parts we use: batch/v1 Job in Indexed mode, v1 Service), agree with each other
 * (the Service selects the Job's pods, its target port is a named container port), and the
 * container's arguments are a valid {@code fleet} command line in which the pod index picks the
 * slice of modem ids. The official OpenAPI schema (kubeconform) is not run here.
 */
class KubernetesManifestsTest {
    private static final Path DIR = Path.of("..", "deploy", "k8s");
    private final YAMLMapper yaml = new YAMLMapper();

    private JsonNode read(String file) throws IOException {
        JsonNode n = yaml.readTree(Files.readString(DIR.resolve(file)));
        assertThat(n.path("apiVersion").isTextual()).as("%s apiVersion", file).isTrue();
        assertThat(n.path("kind").isTextual()).as("%s kind", file).isTrue();
        assertThat(n.path("metadata").path("name").asText()).as("%s name", file).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        return n;
    }

    @Test
    void theJobIsIndexedAndEachPodTakesTheSliceOfItsIndex() throws IOException {
        JsonNode job = read("fleet-job.yaml");
        assertThat(job.path("apiVersion").asText()).isEqualTo("batch/v1");
        assertThat(job.path("kind").asText()).isEqualTo("Job");
        JsonNode spec = job.path("spec");
        assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
        assertThat(spec.path("completions").asInt()).isEqualTo(100).isEqualTo(spec.path("parallelism").asInt());
        JsonNode pod = spec.path("template").path("spec");
        assertThat(pod.path("restartPolicy").asText()).isIn("Never", "OnFailure");
        JsonNode c = pod.path("containers").get(0);
        assertThat(c.path("name").asText()).isNotEmpty();
        assertThat(c.path("image").asText()).startsWith("sim800emu:");
        JsonNode env = c.path("env");
        JsonNode index = find(env, "POD_INDEX");
        assertThat(index.path("valueFrom").path("fieldRef").path("fieldPath").asText())
                .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        // Every $(VAR) in the arguments is a variable the container defines (else Kubernetes leaves it as is).
        List<String> args = new ArrayList<>();
        c.path("args").forEach(a -> args.add(a.asText()));
        for (String a : args) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\((\\w+)\\)").matcher(a);
            while (m.find()) {
                assertThat(find(env, m.group(1)).isMissingNode()).as("variable %s", m.group(1)).isFalse();
            }
        }
        assertThat(args).contains("--slice=$(POD_INDEX)");
        int count = Integer.parseInt(args.stream().filter(a -> a.startsWith("--count=")).findFirst().orElseThrow()
                .substring("--count=".length()));
        assertThat((long) count * spec.path("completions").asInt()).isEqualTo(1_000_000);

        // The arguments as pod 37 gets them are a valid command line for the fleet subcommand.
        FleetCommand fleet = new FleetCommand();
        List<String> pod37 = args.stream().skip(1).map(a -> a.replace("$(POD_INDEX)", "37")
                .replace("$(CONTROL_TOKEN)", "secret").replace("$(DEVICE_TARGET)", "127.0.0.1:1883")).toList();
        assertThat(args.get(0)).isEqualTo("fleet");
        new CommandLine(fleet).parseArgs(pod37.toArray(String[]::new));
        assertThat(fleet.slice * fleet.count).isEqualTo(370_000);
        assertThat(fleet.control.getPort()).isEqualTo(c.path("ports").get(0).path("containerPort").asInt());
        assertThat(fleet.token).isEqualTo("secret");
    }

    @Test
    void theServiceReachesEveryPodsControlPort() throws IOException {
        JsonNode svc = read("fleet-service.yaml");
        JsonNode job = read("fleet-job.yaml");
        assertThat(svc.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(svc.path("kind").asText()).isEqualTo("Service");
        assertThat(svc.path("spec").path("clusterIP").asText()).isEqualTo("None");
        JsonNode labels = job.path("spec").path("template").path("metadata").path("labels");
        svc.path("spec").path("selector").fields().forEachRemaining(e ->
                assertThat(labels.path(e.getKey()).asText()).as("selector %s", e.getKey()).isEqualTo(e.getValue().asText()));
        JsonNode port = svc.path("spec").path("ports").get(0);
        JsonNode containerPort = job.path("spec").path("template").path("spec").path("containers").get(0)
                .path("ports").get(0);
        assertThat(port.path("targetPort").asText()).isEqualTo(containerPort.path("name").asText());
        assertThat(port.path("port").asInt()).isBetween(1, 65535);
        assertThat(job.path("spec").path("template").path("spec").path("subdomain").asText())
                .isEqualTo(svc.path("metadata").path("name").asText());
    }

    private static JsonNode find(JsonNode env, String name) {
        for (JsonNode e : env) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
