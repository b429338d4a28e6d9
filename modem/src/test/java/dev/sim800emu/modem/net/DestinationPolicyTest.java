package dev.sim800emu.modem.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationPolicyTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void allowAllAllowsEverything() throws Exception {
        assertThat(DestinationPolicy.allowAll().allows(ip("8.8.8.8"))).isTrue();
        assertThat(DestinationPolicy.allowAll().allows(ip("127.0.0.1"))).isTrue();
    }

    @Test
    void denyWinsAndEmptyAllowMeansEverythingElse() throws Exception {
        DestinationPolicy p = DestinationPolicy.parse(List.of(), List.of("10.0.0.0/8", "192.168.1.7"));
        assertThat(p.allows(ip("10.1.2.3"))).isFalse();
        assertThat(p.allows(ip("192.168.1.7"))).isFalse();
        assertThat(p.allows(ip("192.168.1.8"))).isTrue();
        assertThat(p.allows(ip("1.1.1.1"))).isTrue();
    }

    @Test
    void allowListRestrictsButLoopbackStaysReachable() throws Exception {
        DestinationPolicy p = DestinationPolicy.parse(List.of("203.0.113.0/24"), List.of("203.0.113.9/32"));
        assertThat(p.allows(ip("203.0.113.1"))).isTrue();
        assertThat(p.allows(ip("203.0.113.9"))).isFalse();
        assertThat(p.allows(ip("203.0.114.1"))).isFalse();
        assertThat(p.allows(ip("127.0.0.1"))).isTrue();
        assertThat(p.allows(ip("127.5.6.7"))).isTrue();
    }

    @Test
    void loopbackCanBeDeniedExplicitly() throws Exception {
        DestinationPolicy p = DestinationPolicy.parse(List.of("203.0.113.0/24"), List.of("127.0.0.0/8"));
        assertThat(p.allows(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void prefixZeroMatchesEverything() throws Exception {
        DestinationPolicy p = DestinationPolicy.parse(List.of(), List.of("0.0.0.0/0"));
        assertThat(p.allows(ip("8.8.8.8"))).isFalse();
        assertThat(p.allows(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void hostBitsOfTheNetworkAreIgnored() throws Exception {
        DestinationPolicy p = DestinationPolicy.parse(List.of(), List.of("10.1.2.3/16"));
        assertThat(p.allows(ip("10.1.200.200"))).isFalse();
        assertThat(p.allows(ip("10.2.0.1"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0", "10.0.0.0/33", "10.0.0.256", "10.0.0.0/", "example.com", "10.0.0.0/8/8",
        "10.0.0.-1", "::1/128", " 1.2.3.4/x"})
    void invalidCidrIsRejectedWithOneLine(String spec) {
        assertThatThrownBy(() -> DestinationPolicy.parse(List.of(spec), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid IPv4 CIDR")
                .hasMessageNotContaining("\n");
    }

    @Test
    void bareAddressAndWhitespaceAreAccepted() throws Exception {
        DestinationPolicy p = DestinationPolicy.parse(List.of(), List.of(" 198.51.100.4 "));
        assertThat(p.allows(ip("198.51.100.4"))).isFalse();
        assertThat(p.allows(ip("198.51.100.5"))).isTrue();
    }
}
